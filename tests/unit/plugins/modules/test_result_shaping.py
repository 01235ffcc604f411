# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""_results.py and the runners: result keys, failure messages, partial results for resuming."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import AuthenticationError, OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _results as r
from ansible_collections.asyncops.cloud.plugins.plugin_utils._ack_runner import run_task_ack
from ansible_collections.asyncops.cloud.plugins.plugin_utils._info_runner import run_task_info
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_runner import run_task_wait

# The fake clock lives beside the module_utils tests.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "module_utils"))
from module_utils_fakes import FakeAdapter, FakeClock  # noqa: E402

T1 = "11111111-1111-4111-8111-111111111111"
T2 = "22222222-2222-4222-8222-222222222222"
T3 = "33333333-3333-4333-8333-333333333333"
FORBIDDEN = ("finished", "skipped", "results", "invocation")


def record(task_id, status, **fields):
    state = {"pending": "NEW", "running": "RUNNING", "finished": "FINISHED", "failed": "ERROR"}[status]
    fields.setdefault("raw", {"id": task_id})
    return new_record(task_id, "gcore", state=state, status=status, **fields)


def engine_dict(tasks, lost=None, timed_out=False, elapsed=12.3456, api_requests=7):
    return {
        "tasks": tasks,
        "finished_tasks": [t for t in tasks if t["status"] == "finished"],
        "failed_tasks": [t for t in tasks if t["status"] == "failed"],
        "pending": [t["id"] for t in tasks if t["status"] not in ("finished", "failed")],
        "lost": lost or {},
        "created_resources": {"volumes": ["v1"]},
        "resource_ids": ["v1"],
        "elapsed": elapsed,
        "api_requests": api_requests,
        "timed_out": timed_out,
        "polls": 3,
    }


# ------------------------------------------------------------------ wait results

def test_wait_result_has_the_contract_keys_and_drops_raw():
    tasks = [record(T1, "finished", type="create_volume", created_resources={"volumes": ["v1"]}),
             record(T2, "failed", type="create_vm", error="Quota exceeded", request_id="req-2")]
    result = r.wait_result(engine_dict(tasks), "gcore", fact_name="made")
    assert [k for k in FORBIDDEN if k in result] == []
    assert result["finished_tasks"] == [T1]
    assert result["failed_tasks"] == [{"id": T2, "type": "create_vm", "state": "ERROR", "error": "Quota exceeded",
                                       "request_id": "req-2", "detailed_state": None}]
    assert [t["id"] for t in result["tasks"]] == [T1, T2] and all("raw" not in t for t in result["tasks"])
    assert result["elapsed"] == 12.346 and result["api_requests"] == 7 and result["provider"] == "gcore"
    assert result["ansible_facts"] == {"made": {"created_resources": {"volumes": ["v1"]}, "resource_ids": ["v1"],
                                                "tasks": {T1: "finished", T2: "failed"}}}


def test_lost_ids_count_as_failed_once_with_their_error():
    tasks = [record(T1, "failed", error=None), record(T2, "pending")]
    result = r.wait_result(engine_dict(tasks, lost={T1: "not visible to this API key"}), "gpcn")
    assert [(f["id"], f["error"]) for f in result["failed_tasks"]] == [(T1, "not visible to this API key")]


def test_failure_message_names_failed_and_pending_tasks_with_type_and_error():
    tasks = [record(T1, "failed", type="create_vm", error="No capacity"),
             record(T2, "running", type="create_k8s", detailed_state="CLUSTER_BUILDING"),
             record(T3, "finished")]
    result = r.wait_result(engine_dict(tasks, timed_out=True), "gcore")
    msg = r.wait_failure_message(result, fail_on_error=True)
    assert msg.startswith("Could not wait for tasks: 1 of 3 task(s) failed: %s (create_vm, ERROR): No capacity" % T1)
    assert "timed out after 12.3s with 1 of 3 task(s) still pending" in msg
    assert "%s (create_k8s, RUNNING/CLUSTER_BUILDING)" % T2 in msg


def test_failed_tasks_do_not_fail_without_fail_on_error_but_a_deadline_does():
    failed_only = r.wait_result(engine_dict([record(T1, "failed", error="x")]), "gcore")
    assert r.wait_failure_message(failed_only, fail_on_error=False) is None
    assert r.wait_failure_message(failed_only, fail_on_error=True) is not None
    late = r.wait_result(engine_dict([record(T1, "running")], timed_out=True), "gcore")
    assert "timed out" in r.wait_failure_message(late, fail_on_error=False)


def test_long_failure_lists_are_cut_but_counted():
    ids = ["%08d-0000-4000-8000-000000000000" % n for n in range(r.MAX_NAMED_IN_MESSAGE + 7)]
    result = r.wait_result(engine_dict([record(i, "failed", error="boom") for i in ids]), "gcore")
    msg = r.wait_failure_message(result)
    assert "and 7 more" in msg and ids[-1] not in msg and ids[0] in msg


def test_failure_result_carries_error_dict_and_partial_values():
    exc = AuthenticationError(401, "GET", "/cloud/v1/tasks", "Invalid key")
    result = r.failure_result("read tasks", exc, api_requests=1)
    assert result["failed"] is True and result["changed"] is False and result["api_requests"] == 1
    assert result["msg"].startswith("Could not read tasks: Authentication failed: GET /cloud/v1/tasks answered HTTP 401")
    assert {k: result["error"][k] for k in ("type", "status", "method", "path", "api_message")} == {
        "type": "AuthenticationError", "status": 401, "method": "GET", "path": "/cloud/v1/tasks",
        "api_message": "Invalid key"}
    assert r.error_dict(ValueError("odd"))["type"] == "ValueError"


def test_info_result_keeps_requested_order_and_reports_missing():
    records = {T2: {"id": T2}, T1.upper(): {"id": T1.upper()}}
    result = r.info_result(records, [T1, T3, T2], 2)
    assert [t["id"] for t in result["tasks"]] == [T1.upper(), T2]
    assert result["missing"] == [T3] and result["count"] == 2 and result["api_requests"] == 2


# ------------------------------------------------------------------ runners with a fake adapter

CONNECTION = {"provider": "gcore", "api_key": "k", "api_url": "http://127.0.0.1:1"}


def wait_options(**overrides):
    options = {"task_ids": [T1, T2], "timeout": None, "poll_interval": None,
               "fail_on_error": True, "fact_name": None, "project_id": None, "region_id": None}
    options.update(overrides)
    return options


def test_run_task_wait_finishes_and_reports_progress():
    clock = FakeClock()
    adapter = FakeAdapter(rounds=[
        {T1: record(T1, "running"), T2: record(T2, "pending")},
        {T1: record(T1, "finished", created_resources={"volumes": ["v9"]}), T2: record(T2, "finished")},
    ])
    snapshots = []
    result = run_task_wait(wait_options(), CONNECTION, on_progress=snapshots.append, adapter=adapter,
                           clock=clock, sleep=clock.sleep)
    assert "failed" not in result
    assert result["finished_tasks"] == [T1, T2] and result["resource_ids"] == ["v9"]
    assert result["api_requests"] == adapter._client.request_count == 2
    assert [s["finished"] for s in snapshots] == [0, 2]


def test_run_task_wait_timeout_fails_with_everything_needed_to_resume():
    clock = FakeClock()
    adapter = FakeAdapter(rounds=[{T1: record(T1, "finished"), T2: record(T2, "running", type="create_vm")}])
    result = run_task_wait(wait_options(timeout=30, poll_interval=4), CONNECTION, adapter=adapter,
                           clock=clock, sleep=clock.sleep)
    assert result["failed"] is True and result["timed_out"] is True
    assert result["pending"] == [T2] and result["finished_tasks"] == [T1]
    assert result["error"]["type"] == "WaitTimeout"
    assert T2 in result["msg"] and "create_vm" in result["msg"]


def test_run_task_wait_auth_error_is_reported_not_raised():
    clock = FakeClock()
    adapter = FakeAdapter(rounds=[AuthenticationError(401, "GET", "/cloud/v1/tasks/" + T1, "bad key")])
    result = run_task_wait(wait_options(), CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)
    assert result["failed"] is True and result["error"]["status"] == 401
    assert result["pending"] == [T1, T2] and result["timed_out"] is False
    assert result["msg"].startswith("Could not wait for tasks: Authentication failed")


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


def test_option_error_becomes_could_not_message():
    result = r.failure_result("acknowledge tasks", OptionError("provider", "GPCN has no acknowledge operation"))
    assert result["msg"] == "Could not acknowledge tasks: provider: GPCN has no acknowledge operation"
    assert result["error"]["type"] == "OptionError"
