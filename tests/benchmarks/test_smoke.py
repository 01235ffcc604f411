# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Smoke run of the benchmark harness on its tiny profile (5 tasks of 1-2 s per provider).

Only behaviour is asserted (every contender ran, was counted and finished; asyncops spends no
more requests than the SDK's per-task loop) — never a time: this machine is shared.
"""

import json
import os
import subprocess
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

pytestmark = pytest.mark.slow


def run_tiny(out_dir):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([os.path.join(REPO_ROOT, "simulator"), REPO_ROOT])
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--profile", "tiny", "--out", out_dir],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=170,
        check=False)
    assert completed.returncode == 0, completed.stderr[-4000:]
    with open(os.path.join(out_dir, "latest.json")) as handle:
        results = json.load(handle)
    with open(os.path.join(out_dir, "latest.md")) as handle:
        markdown = handle.read()
    with open(os.path.join(out_dir, "frontier.png"), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n", "every run writes its requests-against-lag picture"
    return results, markdown, completed.stdout


def _rows(results, workload):
    found = [w for w in results["workloads"] if w["name"] == workload]
    assert len(found) == 1
    return dict((row["name"], row) for row in found[0]["contenders"])


def check_every_contender_ran_and_was_counted(results):
    expected = {
        "gcore_vms": {"sdk_loop", "sdk_gather", "uri_until", "asyncops_core", "asyncops_task_wait"},
        "gpcn_vms": {"gpcn_loop", "gpcn_parallel", "asyncops_core", "asyncops_task_wait"},
    }
    for workload, names in expected.items():
        rows = _rows(results, workload)
        assert set(rows) == names
        for name, row in rows.items():
            assert row["requests"] > 0, name
            assert row["complete"], "%s did not see every task finish on %s" % (name, workload)
            assert row["tasks"] == 5
            assert row["peak_rss_mb"] > 0, name
            assert row["lag_max_s"] is not None and row["lag_median_s"] <= row["lag_max_s"]


def check_asyncops_spends_no_more_requests_than_the_sdk_loop(results):
    rows = _rows(results, "gcore_vms")
    assert rows["asyncops_core"]["requests"] <= rows["sdk_loop"]["requests"]
    assert rows["asyncops_task_wait"]["requests"] <= rows["sdk_loop"]["requests"]
    # The simulator's count and the engine's own count of its requests must agree.
    assert rows["asyncops_core"]["extra"]["engine_api_requests"] == rows["asyncops_core"]["requests"]
    assert rows["asyncops_task_wait"]["extra"]["module_api_requests"] == rows["asyncops_task_wait"]["requests"]


def check_report_holds_every_table_and_the_targets(results, markdown, stdout):
    assert markdown.strip() == stdout.strip()
    for name in ("gcore_vms", "gpcn_vms"):
        assert "(`%s`, time scale" % name in markdown
    assert "### Targets" in markdown
    # Every target line is judged (met or not) with its measured figure.
    assert results["targets"] and all("measured" in t and isinstance(t["met"], bool) for t in results["targets"])


@pytest.mark.timeout(180)
def test_tiny_benchmark_run(tmp_path):
    # One run checked three ways: a run costs ~30 s of CPU, so it is not repeated per check
    # (a module fixture would run once per xdist worker).
    results, markdown, stdout = run_tiny(str(tmp_path))
    check_every_contender_ran_and_was_counted(results)
    check_asyncops_spends_no_more_requests_than_the_sdk_loop(results)
    check_report_holds_every_table_and_the_targets(results, markdown, stdout)
