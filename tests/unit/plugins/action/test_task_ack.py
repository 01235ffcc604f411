# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The task_ack action plugin: check mode, warnings, GPCN refused before any adapter is built."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest import mock

import pytest

from ansible_collections.asyncops.cloud.plugins.action import task_ack as ack_action
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _ack_runner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeAdapter, make_action, T1, T2


URL = "http://127.0.0.1:9"
KEY = "controller-secret-key-42"


def error_task(task_id, acknowledged=False):
    return new_record(task_id, "gcore", state="ERROR", status="failed", acknowledged=acknowledged,
                      raw={"id": task_id, "api_key_echo": KEY})


@pytest.mark.parametrize("check_mode,sent", [(True, []), (False, [("acknowledge", T1)])])
def test_ack_check_mode_reads_but_never_writes(check_mode, sent):
    adapter = FakeAdapter([{T1: error_task(T1)}])
    action = make_action(ack_action, {"task_ids": [T1], "api_key": KEY, "api_url": URL}, check_mode=check_mode)
    with mock.patch.object(_ack_runner, "build_adapter", return_value=adapter):
        result = action.run(task_vars={})
    assert [call for call in adapter.calls if call[0].startswith("acknowledge")] == sent
    assert adapter.calls[0] == ("poll", [T1])
    assert result["acknowledged"] == [T1] and result["changed"] is True


def test_ack_warnings_reach_the_result_and_keys_are_scrubbed():
    finished = new_record(T2, "gcore", state="FINISHED", status="finished")
    adapter = FakeAdapter([{T2: finished}])
    action = make_action(ack_action, {"task_ids": [T2]}, task_env={"GCORE_API_KEY": KEY, "GCORE_API_URL": URL})
    with mock.patch.object(_ack_runner, "build_adapter", return_value=adapter) as build:
        result = action.run(task_vars={})
    assert build.call_args[0][0]["api_key"] == KEY  # the task's environment: supplied the key
    assert result["skipped_tasks"] == [{"id": T2, "state": "FINISHED"}]
    assert len(result["warnings"]) == 1 and T2 in result["warnings"][0]
    assert KEY not in repr(result) and "invocation" not in result


def test_ack_refuses_gpcn_before_any_adapter_is_built():
    action = make_action(ack_action, {"provider": "gpcn", "task_ids": [T1], "api_key": KEY, "api_url": URL})
    with mock.patch.object(_ack_runner, "build_adapter") as build:
        result = action.run(task_vars={})
    build.assert_not_called()
    assert result["failed"] is True and result["msg"].startswith("Could not acknowledge tasks: provider:")
    assert result["error"]["option"] == "provider"
