# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Result shaping and the failure messages of task_wait, task_info and task_ack."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _results as r
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import WaitResult
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import AuthenticationError, OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.tests.unit.fakes import record, T1, T2, T3


FORBIDDEN = ("finished", "skipped", "results", "invocation")


def wait_of(tasks, lost=None, elapsed=12.3456, api_requests=7):
    """The engine's WaitResult for these last-seen records (pending ones make it timed out)."""
    return WaitResult(tasks, lost or {}, elapsed, api_requests, polls=3)


def pending_result(elapsed=60):
    return {"tasks": [new_record(i, "gcore") for i in (T1, T2)], "failed_tasks": [], "pending": [T1, T2],
            "timed_out": True, "elapsed": elapsed}


def test_wait_result_has_the_contract_keys_and_drops_raw():
    tasks = [record(T1, "finished", type="create_volume", created_resources={"volumes": ["v1"]}),
             record(T2, "failed", type="create_vm", error="Quota exceeded", request_id="req-2")]
    result = r.wait_result(wait_of(tasks), "gcore", fact_name="made")
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
    result = r.wait_result(wait_of(tasks, lost={T1: "not visible to this API key"}), "gpcn")
    assert [(f["id"], f["error"]) for f in result["failed_tasks"]] == [(T1, "not visible to this API key")]


def test_failure_message_names_failed_and_pending_tasks_with_type_and_error():
    tasks = [record(T1, "failed", type="create_vm", error="No capacity"),
             record(T2, "running", type="create_k8s", detailed_state="CLUSTER_BUILDING"),
             record(T3, "finished")]
    result = r.wait_result(wait_of(tasks), "gcore")
    msg = r.wait_failure_message(result, fail_on_error=True)
    assert msg.startswith("Could not wait for tasks: 1 of 3 task(s) failed: %s (create_vm, ERROR): No capacity" % T1)
    assert "timed out after 12.3s with 1 of 3 task(s) still pending" in msg
    assert "%s (create_k8s, RUNNING/CLUSTER_BUILDING)" % T2 in msg


def test_failed_tasks_do_not_fail_without_fail_on_error_but_a_deadline_does():
    failed_only = r.wait_result(wait_of([record(T1, "failed", error="x")]), "gcore")
    assert r.wait_failure_message(failed_only, fail_on_error=False) is None
    assert r.wait_failure_message(failed_only, fail_on_error=True) is not None
    late = r.wait_result(wait_of([record(T1, "running")]), "gcore")
    assert "timed out" in r.wait_failure_message(late, fail_on_error=False)


def test_long_failure_lists_are_cut_but_counted():
    ids = ["%08d-0000-4000-8000-000000000000" % n for n in range(r.MAX_NAMED_IN_MESSAGE + 7)]
    result = r.wait_result(wait_of([record(i, "failed", error="boom") for i in ids]), "gcore")
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


def test_option_error_becomes_could_not_message():
    result = r.failure_result("acknowledge tasks", OptionError("provider", "GPCN has no acknowledge operation"))
    assert result["msg"] == "Could not acknowledge tasks: provider: GPCN has no acknowledge operation"
    assert result["error"]["type"] == "OptionError"


def test_message_names_the_last_api_error_when_there_was_one():
    msg = r.wait_failure_message(pending_result(), last_error="Server error: GET /cloud/v1/tasks answered HTTP 503")
    assert ("timed out after 60s with 2 of 2 task(s) still pending (the API was failing: Server error: "
            "GET /cloud/v1/tasks answered HTTP 503)") in msg
    assert msg.endswith(T2 + " (unknown type)")


def test_message_without_api_errors_is_unchanged():
    msg = r.wait_failure_message(pending_result(), last_error=None)
    assert "API was failing" not in msg and "still pending (wait on the pending list to resume)" in msg
