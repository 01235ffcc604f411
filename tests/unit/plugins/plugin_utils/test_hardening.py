# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Answers nobody should trust, refused list endpoints, upper-case IDs, unreachable APIs and every
spelling of the key: the core's side of the fault matrix, with fake clocks and fake APIs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import INCONSISTENT_ROUNDS, wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter, gcore_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gpcn import GpcnAdapter, gpcn_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils._progress import format_progress
from ansible_collections.asyncops.cloud.plugins.plugin_utils._secrets import MASK, mask, secret_forms
from ansible_collections.asyncops.cloud.plugins.plugin_utils._verdicts import RecordError
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClient, FakeClock, FakeGcoreApi

UPPER = "D4A4B10E-5D22-4C23-8E09-F7A3E1C1A999"


def gcore(count=3, finish_after=5.0):
    """(clock, fake API, the client the adapter uses, the adapter)."""
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for index in range(count):
        api.add("t%d" % index, finish_after, created_offset=index)
    client = FakeClient(api)
    return clock, api, client, GcoreAdapter(client)


def run(adapter, ids, clock, **kwargs):
    return wait_for_tasks(adapter, ids, clock=clock, sleep=clock.sleep, **kwargs)


# ------------------------------------------------------------------ strict verdict fields

@pytest.mark.parametrize("task, detail", [
    ({"id": "a", "state": "FINISHED", "created_resources": "vol-1"}, "created_resources of task a"),
    ({"id": "a", "state": "FINISHED", "created_resources": {"volumes": "vol-1"}}, "created_resources.volumes of task a"),
])
def test_gcore_verdict_fields_of_the_wrong_type_are_refused(task, detail):
    with pytest.raises(RecordError) as caught:
        gcore_record(task)
    assert detail in caught.value.detail


@pytest.mark.parametrize("job, detail", [
    ({"jobId": "j", "hasFailed": "true"}, "hasFailed of job j"),
    ({"jobId": "j", "isCompleted": 1}, "isCompleted of job j"),
    ({"id": "j", "status": "in_progress", "progress": "40"}, "progress of job j"),
])
def test_gpcn_verdict_fields_of_the_wrong_type_are_refused(job, detail):
    with pytest.raises(RecordError) as caught:
        gpcn_record(job)
    assert detail in caught.value.detail


@pytest.mark.parametrize("record", [
    gcore_record({"id": "a", "state": "succeeded"}),
    gcore_record({"id": "a", "state": 3}),
    gpcn_record({"id": "j", "status": "done"}),
    gpcn_record({"id": "j", "status": 2}),
])
def test_unknown_states_are_neither_terminal_nor_hidden(record):
    assert record["status"] == "unknown"
    line = format_progress({"total": 1, "unknown": 1, "tasks": [record], "elapsed": 3})
    assert "unknown state" in line and repr(record["state"]) in line


# ------------------------------------------------------------------ Gcore: list refusal, identity, duplicates

@pytest.mark.parametrize("refusal", [
    errors.AuthenticationError(403, "GET", "/cloud/v1/tasks", "no list permission"),
    errors.NotFoundError(404, "GET", "/cloud/v1/tasks", "no such route"),
    errors.RequestValidationError(422, "GET", "/cloud/v1/tasks", "bad filter"),
    errors.ServerError(500, "GET", "/cloud/v1/tasks", "boom"),
])
def test_a_refused_list_falls_back_to_single_reads_for_the_rest_of_the_call(refusal):
    clock, api, client, adapter = gcore(3)
    original = client.handler

    def handler(call):
        if call["path"] == "/cloud/v1/tasks":
            raise refusal
        return original(call)

    client.handler = handler
    result = run(adapter, ["t0", "t1", "t2"], clock, poll_interval=2)
    lists = [call for call in client.calls if call["path"] == "/cloud/v1/tasks"]
    assert result.finished_tasks and not result.pending
    assert len(lists) == 1 and adapter.list_refused is refusal


def test_a_401_on_the_list_is_fatal():
    clock, api, client, adapter = gcore(3)

    def handler(call):
        raise errors.AuthenticationError(401, call["method"], call["path"], "bad key")

    client.handler = handler
    with pytest.raises(errors.AuthenticationError):
        run(adapter, ["t0", "t1", "t2"], clock)
    assert adapter.list_refused is None


def test_an_answer_about_another_task_is_inconsistent_and_ends_the_wait_after_a_few_rounds():
    clock, api, client, adapter = gcore(2)
    original = client.handler

    def handler(call):
        answer = original(call)
        return dict(answer, id="t1") if call["path"].endswith("/t0") else answer

    client.handler = handler
    with pytest.raises(errors.InconsistentAnswerError) as caught:
        run(adapter, ["t0", "t1"], clock, poll_interval=1, timeout=600)
    assert "asked for task t0" in str(caught.value) and "about task t1" in str(caught.value)
    assert caught.value.wait_result.polls == INCONSISTENT_ROUNDS
    assert "t0" not in [record["id"] for record in caught.value.wait_result.finished_tasks]


def test_contradicting_copies_in_one_sweep_are_inconsistent():
    clock, api, client, adapter = gcore(3)
    original = client.handler

    def handler(call):
        answer = original(call)
        if call["path"] == "/cloud/v1/tasks":
            stale = dict(answer["results"][0], state="NEW")
            answer = dict(answer, results=[stale] + answer["results"])
        return answer

    client.handler = handler
    with pytest.raises(errors.InconsistentAnswerError) as caught:
        adapter.poll(["t0", "t1", "t2"])
    assert "listed twice" in str(caught.value)


def test_upper_case_ids_are_matched_and_returned_as_given():
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    lower = UPPER.lower()
    others = ["%s-0000-4000-8000-00000000000%d" % ("0" * 8, index) for index in range(2)]
    api.add(lower, 0, created_offset=0)
    for index, task_id in enumerate(others):
        api.add(task_id, 0, created_offset=index + 1)
    client = FakeClient(api)
    result = GcoreAdapter(client).poll([UPPER] + others)
    assert sorted(result.records) == sorted([UPPER] + others) and not result.errors
    assert result.records[UPPER]["id"] == UPPER
    assert [call["path"] for call in client.calls] == ["/cloud/v1/tasks"]  # one sweep, no single GETs
    single_client = FakeClient(api)
    single = GcoreAdapter(single_client).poll([UPPER])
    assert single.records[UPPER]["id"] == UPPER
    # Asked in the canonical form the API answers in.
    assert [call["path"] for call in single_client.calls] == ["/cloud/v1/tasks/" + lower]


# ------------------------------------------------------------------ GPCN

def gpcn_client(jobs_answer):
    return FakeClient(lambda call: {"success": True, "data": {"jobs": jobs_answer(call["body"]["jobIds"])}})


def test_gpcn_sends_canonical_ids_and_keeps_the_users_spelling():
    client = gpcn_client(lambda ids: [{"id": job_id, "status": "completed"} for job_id in ids])
    result = GpcnAdapter(client).poll([UPPER])
    assert client.calls[0]["body"] == {"jobIds": [UPPER.lower()]}
    assert list(result.records) == [UPPER] and result.records[UPPER]["id"] == UPPER and not result.errors


def test_gpcn_job_listed_twice_with_different_states_is_inconsistent():
    client = gpcn_client(lambda ids: [{"id": ids[0], "status": "in_progress"}, {"id": ids[0], "status": "completed"}])
    with pytest.raises(errors.InconsistentAnswerError) as caught:
        GpcnAdapter(client).poll(["j1"])
    assert "listed twice" in str(caught.value) and "status" in str(caught.value)


def test_gpcn_identical_copies_are_one_job():
    client = gpcn_client(lambda ids: [{"id": ids[0], "status": "completed"}] * 2)
    assert GpcnAdapter(client).poll(["j1"]).records["j1"]["status"] == "finished"


# ------------------------------------------------------------------ reachability

def unreachable(call):
    raise errors.TransportError(call["method"], call["path"], "NewConnectionError: [Errno 111] Connection refused",
                                may_have_been_sent=False)


def test_an_api_never_reached_fails_at_once_naming_the_cause():
    clock, api, client, adapter = gcore(1)
    client.handler = unreachable
    client.base_url = "http://127.0.0.1:9"
    with pytest.raises(errors.ApiUnreachableError) as caught:
        run(adapter, ["t0"], clock)
    assert "http://127.0.0.1:9 could not be reached (connection refused)" in str(caught.value)
    assert caught.value.wait_result.pending == ["t0"] and caught.value.wait_result.timed_out is True


def test_an_outage_after_the_first_answer_is_ridden_out_and_shown():
    clock, api, client, adapter = gcore(1, finish_after=60)
    original = client.handler
    calls = {"n": 0}

    def handler(call):
        calls["n"] += 1
        return unreachable(call) if 2 <= calls["n"] <= 4 else original(call)

    client.handler = handler
    snapshots = []
    result = run(adapter, ["t0"], clock, poll_interval=5, on_progress=snapshots.append)
    assert result.finished_tasks and result.transient_errors == 3
    troubled = [s for s in snapshots if s["api_trouble"]]
    assert len(troubled) == 3 and troubled[-1]["api_trouble"]["seconds"] > troubled[0]["api_trouble"]["seconds"]
    line = format_progress(troubled[-1])
    assert "API unreachable for" in line and line.endswith(": connection refused")
    assert snapshots[-1]["api_trouble"] is None


# ------------------------------------------------------------------ the key in every spelling

def test_every_spelling_of_the_key_is_masked():
    key = 'k$y+/"&='
    forms = secret_forms("APIKey " + key)
    text = " | ".join([key, "APIKey " + key, "k%24y%2B%2F%22%26%3D", "k%24y%2B/%22%26%3D", "k%24y%2B%2F%22%26%3D",
                       'k$y+/\\"&='])
    assert mask(text, forms).replace(MASK, "").replace(" | ", "").replace("APIKey ", "") == ""
    assert secret_forms(None, "", "  ") == []
