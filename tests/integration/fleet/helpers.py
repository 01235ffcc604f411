# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a fleet (many hosts, full forks) through fleet.yml and read back what each host got."""

import glob
import os
import shutil
import tempfile
import time

import psutil

from ..playbook_runner import load_result

HERE = os.path.dirname(os.path.abspath(__file__))
FLEET_PLAYBOOK = os.path.join(HERE, "playbooks", "fleet.yml")
COORDINATOR_MARK = "plugin_utils._coordinator import main"


class RuntimeDir(object):
    """A short private XDG_RUNTIME_DIR for one test, so its coordinator files can be inspected."""

    def __enter__(self):
        # Short on purpose: a Unix socket path must stay under 108 bytes.
        self.path = tempfile.mkdtemp(prefix="afl-", dir="/tmp")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def leftovers(self):
        """Every file or directory the coordination left under this runtime directory."""
        return sorted(glob.glob(os.path.join(self.path, "asyncops-*", "**"), recursive=True)
                      + glob.glob(os.path.join(self.path, "asyncops-*")))

    def cleaned_up(self):
        """True once no coordinator of this directory runs and no file of it is left."""
        return until(lambda: not coordinators(self.path) and not self.leftovers(), GONE_WITHIN)

    def sockets(self):
        return glob.glob(os.path.join(self.path, "asyncops-*", "run-*", "*.sock"))


# How long a coordinator may outlive its run: it hears of its ansible-playbook's end at once
# (pidfd) or within half a second (polling), then removes its files.
GONE_WITHIN = 10.0


def until(condition, limit):
    """Poll ``condition`` for up to ``limit`` seconds; its last value."""
    give_up = time.monotonic() + limit
    while time.monotonic() < give_up:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def coordinators(runtime_dir):
    """Processes of coordinators serving runs under ``runtime_dir``."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info.get("cmdline") or []
        if any(COORDINATOR_MARK in part for part in cmdline) and any(runtime_dir in part for part in cmdline):
            found.append(process)
    return found


def fleet_hosts(id_lists, key="a"):
    return [{"name": "fleet-%03d" % index, "ids": ids, "key": key} for index, ids in enumerate(id_lists)]


def run_fleet(run_playbook, hosts, runtime, forks=None, env=None, verbosity=0, **options):
    """Run the fleet; returns {host name: its task_wait result}, stdout. With ``again=True`` a
    later play waits once more, and its results are under "<host name>-again"."""
    extra = {"fleet_hosts": hosts}
    extra.update(("fleet_" + name, value) for name, value in options.items())
    run_env = {"ANSIBLE_FORKS": str(forks or len(hosts)), "XDG_RUNTIME_DIR": runtime.path}
    run_env.update(env or {})
    _rc, stdout, _err, out_dir = run_playbook(FLEET_PLAYBOOK, extra_vars=extra, env=run_env, verbosity=verbosity)
    names = [host["name"] for host in hosts]
    if options.get("again"):
        names += [name + "-again" for name in names]
    return dict((name, load_result(out_dir, name)) for name in names), stdout
