# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GpcnAdapter: batch polls, both job shapes, per-ID errors, write-response IDs, predictions."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gpcn import gpcn_record, GpcnAdapter
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClient


def seed_job(job_id, status, **extra):
    job = {"id": job_id, "status": status, "progress": 100 if status == "completed" else 40,
           "resourceType": "vm", "resourceId": None, "error": None}
    job.update(extra)
    return job


def answer_with(jobs_by_id, shape="seed"):
    def handler(call):
        jobs = [jobs_by_id[i] for i in call["body"]["jobIds"] if i in jobs_by_id]
        return {"success": True, "data": {"jobs": jobs}}
    return handler


def _adapter_at(wall_now):
    return GpcnAdapter(FakeClient(None), wall_clock=lambda: wall_now)


def _running(progress, created_at="2026-05-23T05:00:00Z"):
    return {"status": "running", "progress": progress, "created_at": created_at, "type": "vm"}


def test_polls_in_chunks_of_fifty_and_reads_seed_shape():
    ids = ["job-%03d" % n for n in range(120)]
    jobs = dict((i, seed_job(i, "completed", resourceId="r-" + i)) for i in ids)
    client = FakeClient(answer_with(jobs))
    result = GpcnAdapter(client).poll(ids)
    assert [len(c["body"]["jobIds"]) for c in client.calls] == [50, 50, 20]
    assert all(c["path"] == "/resource/jobs" and c["idempotent"] for c in client.calls)
    assert set(result.records) == set(ids) and result.errors == {}
    record = result.records["job-007"]
    assert record["status"] == "finished" and record["created_resources"] == {"vm": ["r-job-007"]}


def test_reads_terraform_shape():
    jobs = {
        "a": {"jobId": "a", "isCompleted": True, "hasFailed": False, "resourceId": "vm-1", "resourceType": "vm",
              "resourceName": "web"},
        "b": {"jobId": "b", "isCompleted": False, "hasFailed": False, "resourceType": "volume"},
        "c": {"jobId": "c", "isCompleted": True, "hasFailed": True, "resourceType": "gpu"},
    }
    result = GpcnAdapter(FakeClient(answer_with(jobs))).poll(["a", "b", "c"])
    statuses = dict((i, r["status"]) for i, r in result.records.items())
    assert statuses == {"a": "finished", "b": "running", "c": "failed"}
    assert result.records["a"]["created_resources"] == {"vm": ["vm-1"]}
    assert result.records["c"]["error"]


def test_seed_statuses_and_failure_text():
    jobs = {"p": seed_job("p", "pending"), "r": seed_job("r", "in_progress"),
            "f": seed_job("f", "failed", error="insufficient quota")}
    records = GpcnAdapter(FakeClient(answer_with(jobs))).poll(["p", "r", "f"]).records
    assert [records[i]["status"] for i in "prf"] == ["pending", "running", "failed"]
    assert records["f"]["error"] == "insufficient quota" and records["r"]["progress"] == 40


def test_missing_job_is_a_per_id_error_not_success():
    jobs = {"mine": seed_job("mine", "completed")}
    result = GpcnAdapter(FakeClient(answer_with(jobs))).poll(["mine", "foreign"])
    assert list(result.records) == ["mine"]
    error = result.errors["foreign"]
    assert isinstance(error, errors.NotFoundError) and "not visible to this API key" in str(error)


def test_unrequested_jobs_in_answer_are_ignored():
    client = FakeClient(lambda call: {"data": {"jobs": [seed_job("x", "completed"), seed_job("y", "failed")]}})
    result = GpcnAdapter(client).poll(["x"])
    assert list(result.records) == ["x"]


@pytest.mark.parametrize("body", [{"data": "nope"}, {"success": False, "message": "bad"}, []])
def test_malformed_answers_are_typed(body):
    with pytest.raises(errors.MalformedResponseError):
        GpcnAdapter(FakeClient(lambda call: body)).poll(["x"])


@pytest.mark.parametrize("response,expected", [
    ({"data": [{"id": "j1"}, {"id": "j2"}]}, ["j1", "j2"]),
    ({"data": {"jobId": "j3"}}, ["j3"]),
    ({"data": {"jobs": [{"jobId": "j4"}, {"id": "j5"}]}}, ["j4", "j5"]),
    ({"success": True, "message": "ok", "data": {"jobs": [{"jobId": "j6"}, {"jobId": "j6"}]}}, ["j6"]),
])
def test_extract_job_ids_from_every_write_shape(response, expected):
    assert GpcnAdapter.task_ids_of(response) == expected


@pytest.mark.parametrize("response", [{"data": []}, {"data": [{"name": "x"}]}, {"tasks": ["t"]}, None])
def test_extract_job_ids_rejects_other_shapes(response):
    with pytest.raises(ValueError):
        GpcnAdapter.task_ids_of(response)


def test_interval_grows_and_timeouts_by_type():
    adapter = GpcnAdapter(FakeClient(None))
    intervals = [adapter.default_interval(None, n) for n in range(20)]
    assert intervals[:3] == [2.0] * 3 and 5.0 in intervals and intervals[-1] == 10.0
    assert intervals == sorted(intervals)
    assert adapter.default_timeout({"type": "gpu"}) > adapter.default_timeout({"type": "volume"})
    assert adapter.default_timeout(None) == 600.0


def test_predicts_from_two_observations_on_our_own_clock():
    adapter = _adapter_at(0)  # createdAt must not matter when a rate was measured
    assert adapter.predict_finish(_running(60), _running(40), 10.0) == 20.0


def test_predicts_from_one_observation_and_created_at():
    created = 1779512400.0  # 2026-05-23T05:00:00Z
    adapter = _adapter_at(created + 30)
    assert adapter.predict_finish(_running(25)) == 90.0  # 30 s for 25 %: 90 s for the other 75 %
    # No usable rate (progress did not move) falls back to createdAt too.
    assert adapter.predict_finish(_running(25), _running(25), 4.0) == 90.0


def test_prediction_limits():
    adapter = _adapter_at(1779512400.0 + 30)
    assert adapter.predict_finish(_running(1)) == adapter.default_timeout({"type": "vm"})  # clamped
    assert adapter.predict_finish(_running(0)) == adapter.default_timeout({"type": "vm"})  # not started
    assert adapter.predict_finish(dict(_running(100), status="finished")) is None
    assert adapter.predict_finish(_running(None)) is None
    assert adapter.predict_finish(_running(50, created_at=None)) is None
    assert adapter.max_poll_gap(None, 0) == 5.0 and adapter.max_poll_gap(None, 300) == 10.0


def test_gpcn_completed_without_resource_has_empty_created():
    record = gpcn_record({"id": "j", "status": "completed", "resourceType": "vm", "resourceId": None})
    assert record["created_resources"] == {} and record["progress"] == 100
