# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write ONE playbook holding every bad-input case as an ``ignore_errors`` task.

One ansible-playbook run for a hundred cases: the modules run on the controller, so each
case costs milliseconds, while a playbook run costs seconds. JSON is valid YAML, so the
playbook is written with json.dump (no quoting surprises for 10 kB or odd values).
"""

import json


def write_playbook(path, tasks, dump_name="results"):
    """``tasks``: list of (register name, task dict without register). Dumps all results at the end."""
    play_tasks = []
    for name, task in tasks:
        task = dict(task)
        task.update(register=name, ignore_errors=True)
        play_tasks.append(task)
    # One file with every registered result, keyed by register name.
    mapping = ", ".join("'%s': %s" % (name, name) for name, _task in tasks)
    play_tasks.append({
        "name": "Dump every result",
        "ansible.builtin.copy": {"content": "{{ {%s} | to_json }}" % mapping,
                                 "dest": "{{ out_dir }}/%s.json" % dump_name, "mode": "0644"},
    })
    play = [{"name": "Bad inputs", "hosts": "localhost", "gather_facts": False, "tasks": play_tasks}]
    with open(path, "w") as handle:
        json.dump(play, handle, indent=1)
    return path


def option_named(result, names):
    """True when the failure message names one of ``names``."""
    msg = str(result.get("msg", ""))
    return any(name in msg for name in names)
