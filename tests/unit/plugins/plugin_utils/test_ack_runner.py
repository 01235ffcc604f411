# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""run_task_ack(): read first, acknowledge only unacknowledged ERROR tasks, check mode."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._ack_runner import run_task_ack
from ansible_collections.asyncops.cloud.tests.unit.fakes import CONNECTION, FakeAdapter, record, T1, T2, T3


def test_run_task_ack_acknowledges_only_unacknowledged_errors_and_warns_on_others():
    adapter = FakeAdapter(rounds=[{
        T1: record(T1, "failed", acknowledged=False),
        T2: record(T2, "failed", acknowledged=True),
        T3: record(T3, "finished"),
    }])
    warnings = []
    result = run_task_ack({"task_ids": [T1, T2, T3], "all": False}, CONNECTION, warn=warnings.append, adapter=adapter)
    assert adapter.calls_to("acknowledge") == [T1]
    assert result["changed"] is True and result["acknowledged"] == [T1]
    assert result["already_acknowledged"] == [T2] and result["skipped_tasks"] == [{"id": T3, "state": "FINISHED"}]
    assert len(warnings) == 1 and T3 in warnings[0]
    assert "skipped" not in result


def test_run_task_ack_check_mode_sends_no_write():
    adapter = FakeAdapter(rounds=[{T1: record(T1, "failed", acknowledged=False)}])
    result = run_task_ack({"task_ids": [T1], "all": False}, CONNECTION, check_mode=True, adapter=adapter)
    assert result["changed"] is True and result["acknowledged"] == [T1] and adapter.calls_to("acknowledge") == []


def test_run_task_ack_all_lists_first_and_only_writes_when_needed():
    empty = FakeAdapter(listing=[])
    assert run_task_ack({"task_ids": None, "all": True, "project_id": 1, "region_id": None},
                        CONNECTION, adapter=empty)["changed"] is False
    assert empty.calls_to("acknowledge_all") == []
    assert empty.calls_to("list_tasks") == [{"state": ["ERROR"], "is_acknowledged": False, "project_id": [1], "limit": 100000}]
    busy = FakeAdapter(listing=[record(T1, "failed"), record(T2, "failed")])
    result = run_task_ack({"task_ids": None, "all": True, "project_id": 1, "region_id": 76}, CONNECTION, adapter=busy)
    assert result["acknowledged"] == [T1, T2] and busy.calls_to("acknowledge_all") == [{"project_id": 1, "region_id": 76}]


def test_run_task_ack_unknown_id_fails_naming_it():
    adapter = FakeAdapter(rounds=[{}])
    result = run_task_ack({"task_ids": [T1], "all": False}, CONNECTION, adapter=adapter)
    assert result["failed"] is True and T1 in result["msg"] and result["error"]["status"] == 404
