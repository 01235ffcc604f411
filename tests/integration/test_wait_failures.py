# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_wait on tasks that fail, and on tasks that outlive the deadline (then resume)."""

import pytest

from .playbook_runner import load_result
from .simctl import GCORE_KEY_A, GPCN_KEY_A

RESULT_KEYS = ("tasks", "created_resources", "resource_ids", "finished_tasks", "failed_tasks",
               "pending", "elapsed", "api_requests", "timed_out", "provider")


@pytest.mark.compat
def test_error_tasks_fail_with_the_api_error_text(run_playbook):
    _rc, _out, _err, out_dir = run_playbook("wait_error.yml")
    ids = load_result(out_dir, "ids")
    api_task = load_result(out_dir, "bad_task_api")
    failing = load_result(out_dir, "gcore_failing")
    tolerant = load_result(out_dir, "gcore_tolerant")

    api_error = api_task["error"]
    assert api_error, "the simulator should give an ERROR task an error text"
    assert failing["failed"] is True
    assert api_error in failing["msg"] and ids["bad_task"] in failing["msg"]
    # Even when failing, the result carries everything (so rescue can act on it).
    assert all(key in failing for key in RESULT_KEYS)
    failed = failing["failed_tasks"]
    assert [f["id"] for f in failed] == [ids["bad_task"]]
    assert failed[0]["error"] == api_error
    assert failed[0]["state"] == "ERROR"
    assert failed[0]["type"] == api_task["task_type"]
    assert set(failed[0]) >= {"id", "type", "state", "error", "request_id", "detailed_state"}
    assert failing["finished_tasks"] == [ids["good_task"]]
    # An ERROR task creates nothing: only the good volume is reported.
    assert len(failing["created_resources"]["volumes"]) == 1

    assert tolerant.get("failed", False) is False
    assert [f["id"] for f in tolerant["failed_tasks"]] == [ids["bad_task"]]
    assert tolerant["failed_tasks"][0]["error"] == api_error
    assert tolerant["created_resources"] == failing["created_resources"]

    gpcn_failing = load_result(out_dir, "gpcn_failing")
    gpcn_tolerant = load_result(out_dir, "gpcn_tolerant")
    gpcn_error = gpcn_tolerant["failed_tasks"][0]["error"]
    assert gpcn_error and gpcn_error in gpcn_failing["msg"]
    assert ids["bad_job"] in gpcn_failing["msg"]
    assert gpcn_failing["failed"] is True
    assert gpcn_tolerant.get("failed", False) is False
    assert [f["id"] for f in gpcn_tolerant["failed_tasks"]] == [ids["bad_job"]]
    assert gpcn_tolerant["failed_tasks"][0]["state"] == "failed"
    assert gpcn_tolerant["created_resources"] == {}


@pytest.mark.compat
def test_deadline_reports_pending_and_a_second_wait_resumes(sim, run_playbook):
    stuck_task = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1,
                                task_type="create_volume", outcome="stuck")[0]
    quick_task = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1,
                                task_type="create_volume", duration=[0.01, 0.05], outcome="finish")[0]
    stuck_job = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=1,
                               resource_type="volume", outcome="stuck")[0]
    quick_job = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=1,
                               resource_type="volume", duration=[0.01, 0.05], outcome="finish")[0]

    _rc, _out, _err, out_dir = run_playbook("timeout_resume.yml", extra_vars={
        "stuck_task": stuck_task, "quick_task": quick_task,
        "stuck_job": stuck_job, "quick_job": quick_job})

    for provider, stuck, quick in (("gcore", stuck_task, quick_task), ("gpcn", stuck_job, quick_job)):
        first = load_result(out_dir, provider + "_first")
        resumed = load_result(out_dir, provider + "_resumed")
        assert first["failed"] is True and first["timed_out"] is True
        assert all(key in first for key in RESULT_KEYS)
        assert first["pending"] == [stuck]
        assert first["finished_tasks"] == [quick]
        # The message names the task that did not finish in time.
        assert stuck in first["msg"]
        assert [t["id"] for t in first["tasks"]] == [stuck, quick]
        assert resumed.get("failed", False) is False
        assert resumed["timed_out"] is False
        assert resumed["finished_tasks"] == [stuck] and resumed["pending"] == []
