# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The coordinator's life: gone with the run however it ends, never shared between keys."""

import json
import os
import signal
import subprocess
import sys

import psutil
import pytest

from ..playbook_runner import PlaybookRunner
from ..simctl import GCORE_KEY_A, GCORE_KEY_B
from .helpers import FLEET_PLAYBOOK, RuntimeDir, coordinators, fleet_hosts, run_fleet, until


def _start_fleet(sim, collections_path, work_dir, hosts, runtime):
    """ansible-playbook in the background, in its own process group (as AWX runs a job)."""
    runner = PlaybookRunner(sim, collections_path, work_dir)
    os.makedirs(os.path.join(work_dir, "out"))
    extra = runner._harness_vars(os.path.join(work_dir, "out"))
    extra.update(fleet_hosts=hosts, fleet_timeout=60)
    vars_path = os.path.join(work_dir, "vars.json")
    with open(vars_path, "w") as handle:
        json.dump(extra, handle)
    env = runner._env(work_dir, {"ANSIBLE_FORKS": str(len(hosts)), "XDG_RUNTIME_DIR": runtime.path})
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
           "-e", "@" + vars_path, FLEET_PLAYBOOK]
    return subprocess.Popen(cmd, cwd=work_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                         ids=["sigterm", "sigint", "sigkill"])
def test_a_killed_play_leaves_no_coordinator_and_no_socket(sim, collections_path, tmp_path, signum):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=4, task_type="create_volume",
                         outcome="stuck")
    hosts = fleet_hosts([[task_id] for task_id in ids])
    with RuntimeDir() as runtime:
        play = _start_fleet(sim, collections_path, str(tmp_path), hosts, runtime)
        forks = []
        try:
            started = until(lambda: runtime.sockets() and coordinators(runtime.path), 120)
            marks = set(process.pid for process in coordinators(runtime.path))
            forks = [child for child in psutil.Process(play.pid).children(recursive=True) if child.pid not in marks]
        finally:
            # The whole process group, as a job runner's cancel does (the coordinator has its own).
            os.killpg(play.pid, signum)
        play.wait(60)
        try:
            assert started, "the fleet never started a coordinator"
            assert runtime.cleaned_up(), (coordinators(runtime.path), runtime.leftovers())
        finally:
            # ansible-core's forks run in sessions of their own and may outlive their
            # ansible-playbook; they would poll this worker's simulator during later tests.
            for fork in forks:
                try:
                    fork.kill()
                except psutil.Error:
                    pass


def test_two_keys_never_share_a_coordinator(sim, run_playbook, tmp_path):
    ids_a = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=3, task_type="create_volume",
                           duration=[1.0, 2.0])
    ids_b = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_B, count=3, task_type="create_volume",
                           duration=[1.0, 2.0])
    hosts = fleet_hosts([[task_id] for task_id in ids_a], key="a") + [
        dict(host, name="other-%s" % host["name"]) for host in fleet_hosts([[task_id] for task_id in ids_b], key="b")]
    trace = str(tmp_path / "rounds.txt")
    with RuntimeDir() as runtime:
        results, _out = run_fleet(run_playbook, hosts, runtime, env={"ASYNCOPS_COORDINATOR_TRACE": trace})
        assert runtime.cleaned_up(), runtime.leftovers()
    for host in hosts:
        result = results[host["name"]]
        # A coordinator shared across keys would poll tenant b's tasks with key a: not visible, so failed.
        assert not result.get("failed"), result.get("msg")
        assert result["finished_tasks"] == host["ids"]
    with open(trace) as handle:
        coordinator_pids = set(line.split()[0] for line in handle)
    assert len(coordinator_pids) == 2
    by_key = sim.counters()["by_key"]
    assert by_key.get("a") and by_key.get("b")
