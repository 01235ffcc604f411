# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The task_wait action plugin: validation before any wait, key scrubbing, progress at -v."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest import mock

import pytest

from ansible_collections.asyncops.cloud.plugins.action import task_wait as action_module
from ansible_collections.asyncops.cloud.plugins.plugin_utils._coordinator_client import SharedPollAdapter
from ansible_collections.asyncops.cloud.tests.unit.fakes import T1, T2


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
    action = make_action({"task_ids": [T1], "timeout": "soon", "api_key": "a-long-secret-key"})
    result = action.run(task_vars={})
    assert result["failed"] is True and result["msg"].startswith("Could not wait for tasks: ")
    assert "timeout" in result["msg"]


@pytest.mark.parametrize("verbosity,printed", [(0, False), (1, True)])
def test_key_from_task_environment_is_used_scrubbed_and_progress_follows_verbosity(verbosity, printed):
    env_key = "gcore-env-secret-123"
    action = make_action({"task_ids": [T1]}, environment=[{"GCORE_API_KEY": env_key,
                                                           "GCORE_API_URL": "http://127.0.0.1:9"}])
    action._compute_environment_string = lambda out: out.update(GCORE_API_KEY=env_key,
                                                                GCORE_API_URL="http://127.0.0.1:9")
    seen = {}

    def fake_run(options, connection, on_progress=None, adapter=None, connections=None):
        seen.update(connection=connection)
        on_progress({"round": 1, "elapsed": 1, "total": 1, "finished": 0, "failed": 0, "running": 1,
                     "pending": 0, "tasks": []})
        return {"changed": False, "msg": "echo %s" % env_key, "tasks": [], "invocation": {"x": 1}}

    with mock.patch.object(action_module, "run_task_wait", side_effect=fake_run), \
            mock.patch.object(action_module.display, "verbosity", verbosity), \
            mock.patch.object(action_module.display, "v") as shown:
        result = action.run(task_vars={"inventory_hostname": "localhost"})
    assert seen["connection"]["api_key"] == env_key
    assert seen["connection"]["api_url"] == "http://127.0.0.1:9"
    # Progress lines at -v only (the heartbeat, at default verbosity, is time-driven).
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

    def fake_run(options, connection, on_progress=None, adapter=None, connections=None):
        seen["adapter"] = adapter
        return {"changed": False, "tasks": [], "pending": [T1], "finished_tasks": [], "failed_tasks": []}

    with mock.patch.object(action_module, "run_task_wait", side_effect=fake_run):
        result = action.run(task_vars={"inventory_hostname": batch[0], "ansible_play_batch": batch})
    assert isinstance(seen["adapter"], SharedPollAdapter) is shared
    assert "ansible_stats" not in result


def test_publish_stats_hands_the_ids_to_the_next_workflow_node():
    action = make_action({"task_ids": [T1, T2], "api_key": "k", "api_url": "http://127.0.0.1:9",
                          "publish_stats": True})

    def fake_run(options, connection, on_progress=None, adapter=None, connections=None):
        return {"changed": False, "tasks": [], "pending": [T2], "finished_tasks": [T1], "failed_tasks": []}

    with mock.patch.object(action_module, "run_task_wait", side_effect=fake_run):
        result = action.run(task_vars={"inventory_hostname": "h1"})
    assert result["ansible_stats"] == {
        "data": {"asyncops_gcore_pending": [T2], "asyncops_gcore_finished": [T1], "asyncops_gcore_failed": []},
        "per_host": False, "aggregate": True}
