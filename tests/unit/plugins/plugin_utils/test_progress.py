# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_wait's progress lines: wording, shortening and throttling."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _progress as p
from ansible_collections.asyncops.cloud.tests.unit.fakes import T1, T2


def snapshot(elapsed, finished=0, failed=0, running=0, pending=0, tasks=None):
    return {"round": 1, "elapsed": elapsed, "total": finished + failed + running + pending,
            "finished": finished, "failed": failed, "running": running, "pending": pending, "tasks": tasks or []}


def gpcn_running(task_id, progress):
    return {"id": task_id, "provider": "gpcn", "type": "vm", "state": "in_progress", "status": "running",
            "detailed_state": None, "progress": progress}


def gcore_running(task_id, detailed=None):
    return {"id": task_id, "provider": "gcore", "type": "create_vm", "state": "RUNNING", "status": "running",
            "detailed_state": detailed, "progress": None}


def test_line_counts_and_describes_running_tasks():
    line = p.format_progress(snapshot(34.6, finished=12, failed=1, running=2,
                                      tasks=[gcore_running(T1, "VM_BUILDING"), gpcn_running(T2, 45)]))
    assert line == ("asyncops.cloud.task_wait: 12/15 finished, 1 failed, 2 running "
                    "(11111111 Gcore create_vm RUNNING/VM_BUILDING; 22222222 GPCN vm in_progress 45%) after 35s")


def test_line_cuts_long_running_lists():
    tasks = [gpcn_running("%08d-0000-4000-8000-000000000000" % n, n) for n in range(5)]
    line = p.format_progress(snapshot(2, running=5, tasks=tasks))
    assert line.count("GPCN vm") == p.MAX_DETAILED and "+2 more" in line


def test_finished_tasks_are_not_described_and_pending_is_counted():
    done = dict(gcore_running(T1), status="finished", state="FINISHED")
    line = p.format_progress(snapshot(0, finished=1, pending=3, tasks=[done]))
    assert line == "asyncops.cloud.task_wait: 1/4 finished, 0 failed, 0 running, 3 pending after 0s"


def test_prints_on_change_and_as_heartbeat_only():
    now = [0.0]
    lines = []
    printer = p.ProgressPrinter(lines.append, clock=lambda: now[0])
    same = snapshot(0, running=1, tasks=[gcore_running(T1)])
    printer(same)                       # first round: always
    now[0] = 5.0
    printer(same)                       # nothing changed, too early
    now[0] = 14.9
    printer(same)
    now[0] = 15.0
    printer(same)                       # heartbeat
    now[0] = 16.0
    printer(snapshot(16, running=1, tasks=[gcore_running(T1, "VM_BOOTING")]))  # state changed
    assert len(lines) == 3
    assert "VM_BOOTING" in lines[-1]
