# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The task_wait action plugin: progress lines, throttling, validation and key scrubbing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest import mock

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _progress as p
from ansible_collections.asyncops.cloud.plugins.action import task_wait as action_module
from ansible_collections.asyncops.cloud.plugins.plugin_utils._coordinator_client import SharedPollAdapter

T1 = "11111111-1111-4111-8111-111111111111"
T2 = "22222222-2222-4222-8222-222222222222"


def snapshot(elapsed, finished=0, failed=0, running=0, pending=0, tasks=None):
    return {"round": 1, "elapsed": elapsed, "total": finished + failed + running + pending,
            "finished": finished, "failed": failed, "running": running, "pending": pending, "tasks": tasks or []}


def gcore_running(task_id, detailed=None):
    return {"id": task_id, "provider": "gcore", "type": "create_vm", "state": "RUNNING", "status": "running",
            "detailed_state": detailed, "progress": None}


def gpcn_running(task_id, progress):
    return {"id": task_id, "provider": "gpcn", "type": "vm", "state": "in_progress", "status": "running",
            "detailed_state": None, "progress": progress}


# ------------------------------------------------------------------ formatting

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


# ------------------------------------------------------------------ throttling

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


# ------------------------------------------------------------------ the plugin itself

def make_action(args, environment=None):
    task = mock.MagicMock()
    task.args = args
    task.environment = environment
    task.async_val = 0
    task.check_mode = False
    task.action = "asyncops.cloud.task_wait"
    connection = mock.MagicMock()
    connection._shell.tmpdir = None
    templar = mock.MagicMock()
    templar.template.side_effect = lambda value: value
    return action_module.ActionModule(task, connection, mock.MagicMock(), loader=None, templar=templar,
                                      shared_loader_obj=None)


def test_bad_ids_fail_before_any_wait_and_never_show_the_key():
    action = make_action({"task_ids": ["../acknowledge_all"], "api_key": "super-secret-key",
                          "api_url": "http://127.0.0.1:9"})
    with mock.patch.object(action_module, "run_task_wait") as runner:
        result = action.run(task_vars={})
    runner.assert_not_called()
    assert result["failed"] is True
    assert result["msg"].startswith("Could not wait for tasks: task_ids: '../acknowledge_all' is not a task ID")
    assert "super-secret-key" not in repr(result) and "invocation" not in result


def test_argspec_errors_use_the_module_wording():
    action = make_action({"task_ids": [T1], "response": {"tasks": [T1]}, "api_key": "k"})
    result = action.run(task_vars={})
    assert result["failed"] is True and "mutually exclusive" in result["msg"]


@pytest.mark.parametrize("verbosity,printed", [(0, False), (1, True)])
def test_key_from_task_environment_is_used_scrubbed_and_progress_follows_verbosity(verbosity, printed):
    env_key = "gcore-env-secret-123"
    action = make_action({"task_ids": [T1]}, environment=[{"GCORE_API_KEY": env_key,
                                                           "GCORE_API_URL": "http://127.0.0.1:9"}])
    action._compute_environment_string = lambda out: out.update(GCORE_API_KEY=env_key,
                                                                GCORE_API_URL="http://127.0.0.1:9")
    seen = {}

    def fake_run(options, connection, on_progress=None, adapter=None):
        seen.update(connection=connection)
        on_progress(snapshot(1, running=1, tasks=[gcore_running(T1)]))
        return {"changed": False, "msg": "echo %s" % env_key, "tasks": [], "invocation": {"x": 1}}

    with mock.patch.object(action_module, "run_task_wait", side_effect=fake_run), \
            mock.patch.object(action_module.display, "verbosity", verbosity), \
            mock.patch.object(action_module.display, "v") as shown:
        result = action.run(task_vars={"inventory_hostname": "localhost"})
    assert seen["connection"]["api_key"] == env_key
    assert seen["connection"]["api_url"] == "http://127.0.0.1:9"
    assert shown.called is printed
    assert env_key not in repr(result) and "invocation" not in result


# ------------------------------------------------------------------ fleets: coordination and stats

@pytest.mark.parametrize("batch,environment,shared", [
    (["h1", "h2"], {}, True),
    (["h1"], {}, False),                                   # one host: nobody to share with
    (["h1", "h2"], {"ASYNCOPS_COORDINATE": "off"}, False),
])
def test_hosts_of_a_batch_share_their_polling_unless_turned_off(batch, environment, shared):
    action = make_action({"task_ids": [T1], "api_key": "k", "api_url": "http://127.0.0.1:9"})
    action._compute_environment_string = lambda out: out.update(environment)
    seen = {}

    def fake_run(options, connection, on_progress=None, adapter=None):
        seen["adapter"] = adapter
        return {"changed": False, "tasks": [], "pending": [T1], "finished_tasks": [], "failed_tasks": []}

    with mock.patch.object(action_module, "run_task_wait", side_effect=fake_run):
        result = action.run(task_vars={"inventory_hostname": batch[0], "ansible_play_batch": batch})
    assert isinstance(seen["adapter"], SharedPollAdapter) is shared
    assert "ansible_stats" not in result


def test_publish_stats_hands_the_ids_to_the_next_workflow_node():
    action = make_action({"task_ids": [T1, T2], "api_key": "k", "api_url": "http://127.0.0.1:9",
                          "publish_stats": True})

    def fake_run(options, connection, on_progress=None, adapter=None):
        return {"changed": False, "tasks": [], "pending": [T2], "finished_tasks": [T1], "failed_tasks": []}

    with mock.patch.object(action_module, "run_task_wait", side_effect=fake_run):
        result = action.run(task_vars={"inventory_hostname": "h1"})
    assert result["ansible_stats"] == {
        "data": {"asyncops_gcore_pending": [T2], "asyncops_gcore_finished": [T1], "asyncops_gcore_failed": []},
        "per_host": False, "aggregate": True}
