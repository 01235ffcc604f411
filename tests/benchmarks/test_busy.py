# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The busy-project workload's targets and table, from given figures (no simulator run)."""

from benchmarks.busy import busy_table, busy_targets
from benchmarks.targets import _check


def busy(core_requests, core_bytes):
    def row(name, label, requests, size, routes):
        return {"name": name, "label": label, "requests": requests, "bytes": size, "routes": routes,
                "bytes_by_route": {"GET /cloud/v1/tasks": size // 2}, "return_lag_s": 1.5, "complete": True}
    return {"time_scale": 1.0, "others": 20000, "rows": [
        row("asyncops_core", "core", core_requests, core_bytes, {"GET /cloud/v1/tasks": 6}),
        row("asyncops_core_per_id", "per-ID", 29, 35000, {"GET /cloud/v1/tasks/{task_id}": 29})]}


def test_the_core_must_not_cost_more_requests_or_twice_the_bytes_of_per_id_gets():
    assert [check["met"] for check in busy_targets(busy(12, 56000), _check)] == [True, True]
    assert [check["met"] for check in busy_targets(busy(30, 56000), _check)] == [False, True]
    assert [check["met"] for check in busy_targets(busy(8, 7250000), _check)] == [True, False]


def test_the_table_shows_list_and_single_requests_and_bytes():
    lines = busy_table(busy(12, 56000))
    assert "| core | 12 | 6 | 0 | 56000 | 28000 | 1.50 | yes |" in lines
    assert "| per-ID | 29 | 0 | 29 | 35000 | 17500 | 1.50 | yes |" in lines
