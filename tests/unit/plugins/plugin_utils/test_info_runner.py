# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""run_task_info(): records by ID with the missing ones named, or a limited listing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._info_runner import run_task_info
from ansible_collections.asyncops.cloud.tests.unit.fakes import CONNECTION, FakeAdapter, record, T1, T2, T3


def test_run_task_info_by_ids_reports_missing_and_lists_with_limit():
    adapter = FakeAdapter(rounds=[{T1: record(T1, "failed")}])
    result = run_task_info({"task_ids": [T1, T2], "filters": None}, CONNECTION, adapter=adapter)
    assert [t["id"] for t in result["tasks"]] == [T1] and result["missing"] == [T2]
    assert result["tasks"][0]["raw"] == {"id": T1}
    adapter = FakeAdapter(listing=[record(T1, "failed"), record(T2, "failed"), record(T3, "failed")])
    listed = run_task_info({"task_ids": None, "filters": {"state": ["ERROR"], "limit": 2, "order_by": "asc"}},
                           CONNECTION, adapter=adapter)
    assert listed["count"] == 2 and listed["missing"] == []
    assert adapter.calls_to("list_tasks") == [{"state": ["ERROR"], "order_by": "asc", "limit": 2}]
