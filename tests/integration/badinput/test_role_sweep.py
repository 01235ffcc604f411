# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every option of every role, bad, fails naming the option, and the sweep sends nothing.

One playbook: each case is a block that includes the role and, in its rescue, records the
failure message (a role has no result to register).
"""

import json

from ..playbook_runner import load_result
from ..simctl import ALL_KEYS
from .role_cases import role_cases, role_vars
from .sweep_playbook import option_named


def _write(path, cases):
    tasks = [{"name": "Start with no results", "ansible.builtin.set_fact": {"sweep": {}}}]
    for n, case in enumerate(cases):
        name = "r%d" % n
        tasks.append({
            "name": "%s %s: %s" % (case.role, case.option, case.label),
            "block": [
                {"name": "Include the role", "ansible.builtin.include_role": {"name": "asyncops.cloud." + case.role},
                 "vars": role_vars(case)},
                {"name": "It did not fail", "ansible.builtin.set_fact": {
                    "sweep": "{{ sweep | combine({'%s': {'failed': false}}) }}" % name}},
            ],
            "rescue": [{"name": "Record the failure", "ansible.builtin.set_fact": {
                "sweep": "{{ sweep | combine({'%s': {'failed': true, 'msg': ansible_failed_result.msg "
                         "| default('') | string}}) }}" % name}}],
        })
    tasks.append({"name": "Dump", "ansible.builtin.copy": {"content": "{{ sweep | to_json }}",
                                                           "dest": "{{ out_dir }}/roles.json", "mode": "0644"}})
    with open(path, "w") as handle:
        json.dump([{"name": "Role bad inputs", "hosts": "localhost", "gather_facts": False, "tasks": tasks}],
                  handle, indent=1)
    return path


def test_every_bad_role_option_fails_by_name_before_any_request(sim, run_playbook, tmp_path):
    cases = role_cases()
    assert cases, "roles/*/meta/argument_specs.yml define no options to sweep"
    playbook = _write(str(tmp_path / "role_sweep.yml"), cases)
    before = sim.counters()["total"]
    _rc, _out, _err, out_dir = run_playbook(playbook, expect_rc=0)
    counters = sim.counters()
    results = load_result(out_dir, "roles")

    problems = []
    for n, case in enumerate(cases):
        result = results.get("r%d" % n, {})
        where = "%s %s (%s)" % (case.role, case.option, case.label)
        if result.get("failed") is not True:
            problems.append("%s: did not fail" % where)
        elif not option_named(result, case.names):
            problems.append("%s: msg does not name %s: %.300r" % (where, case.names, result.get("msg")))
        if any(key in result.get("msg", "") for key in ALL_KEYS):
            problems.append("%s: msg shows a key" % where)
    assert problems == [], "\n".join(problems)
    assert counters["total"] == before, counters["routes"]
