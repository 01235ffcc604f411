# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""wait_for_tasks with a fake clock: deadlines, intervals, sweeps, errors, partial results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gpcn import GpcnAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.tests.unit.fakes import (
    FakeAdapter,
    FakeClient,
    FakeClock,
    FakeGcoreApi,
)


DEADLINE_KEY = "deadline-key-0123456789"
STORM = (429, {"Retry-After": "30"}, {"message": "slow down"})
TASK = "11111111-1111-4111-8111-111111111111"


def gcore_setup(count, finish_after, **kwargs):
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for i in range(count):
        api.add("t%05d" % i, finish_after(i) if callable(finish_after) else finish_after,
                created_offset=i, **kwargs)
    return clock, api, GcoreAdapter(FakeClient(api))


def run(adapter, ids, clock, **kwargs):
    return wait_for_tasks(adapter, ids, clock=clock, sleep=clock.sleep, **kwargs)


def gpcn_setup():
    clock = FakeClock()
    api = FakeGpcnApi(clock)
    return clock, api, GpcnAdapter(FakeClient(api))


class FakeGpcnApi(object):
    """Jobs that finish at a fake time; optional scripted exceptions per call."""

    def __init__(self, clock):
        self.clock = clock
        self.jobs = {}
        self.raise_next = []

    def add(self, job_id, finish_after, fail=False, resource_type="vm"):
        self.jobs[job_id] = (self.clock.now + finish_after, fail, resource_type)

    def __call__(self, call):
        if self.raise_next:
            raise self.raise_next.pop(0)
        jobs = []
        for job_id in call["body"]["jobIds"]:
            if job_id not in self.jobs:
                continue
            finish_at, fail, kind = self.jobs[job_id]
            done = self.clock.now >= finish_at
            status = ("failed" if fail else "completed") if done else "in_progress"
            jobs.append({"id": job_id, "status": status, "resourceType": kind,
                         "resourceId": "res-" + job_id if done and not fail else None,
                         "error": "capacity" if done and fail else None})
        return {"success": True, "data": {"jobs": jobs}}


def deadline_client(url, clock, **kwargs):
    kwargs.setdefault("max_retries", 5)
    return HttpClient(url + "/cloud", "Authorization", "APIKey " + DEADLINE_KEY, sleep=clock.sleep, clock=clock, **kwargs)


def test_waits_until_all_finished_and_merges_resources():
    clock, api, adapter = gcore_setup(4, lambda i: 5 * (i + 1))
    result = run(adapter, list(api.tasks), clock)
    assert result.timed_out is False and result.pending == []
    assert len(result.finished_tasks) == 4 and result.failed_tasks == []
    assert result.created_resources == {"instances": ["vm-t%05d" % i for i in range(4)]}
    assert result.resource_ids == result.created_resources["instances"]
    assert clock.sleeps == [5.0] * 4  # create_vm: every 5 s, no sleep after the last round
    assert result.elapsed == 20 and result.polls == 5
    assert result.api_requests == adapter._client.request_count


def test_gcore_sweep_keeps_request_count_low_for_many_tasks():
    clock, api, adapter = gcore_setup(200, lambda i: 5 + (i % 25))
    result = run(adapter, list(api.tasks), clock)
    assert len(result.finished_tasks) == 200
    # One list page per round instead of one GET per task per round.
    assert result.api_requests == result.polls <= 10 and api.get_calls == []


def test_per_type_interval_uses_smallest_pending_default():
    clock, api, adapter = gcore_setup(1, 100, task_type="create_k8s_cluster_v2")
    api.add("lb", 15, task_type="create_loadbalancer", created_offset=5)
    run(adapter, ["t00000", "lb"], clock)
    # 10 s while the load balancer runs, then 30 s for Kubernetes alone.
    assert clock.sleeps[:2] == [10.0, 10.0] and set(clock.sleeps[2:]) == {30.0}


def test_timeout_returns_partial_results_without_sleeping_past_deadline():
    clock, api, adapter = gcore_setup(3, lambda i: [5, 1000, 1000][i])
    api.tasks["t00001"]["_error"] = "boom"
    api.tasks["t00001"]["_finish_at"] = clock.now + 5
    start = clock.now
    result = run(adapter, list(api.tasks), clock, timeout=12)
    assert result.timed_out is True and result.pending == ["t00002"]
    assert [r["id"] for r in result.finished_tasks] == ["t00000"]
    assert result.failed_tasks[0]["error"] == "boom"
    assert clock.now - start <= 12 and sum(clock.sleeps) <= 12
    assert result.pending == ["t00002"] and result.timed_out is True


def test_final_poll_right_before_deadline_sees_late_finish():
    clock, api, adapter = gcore_setup(1, 11.4)
    result = run(adapter, ["t00000"], clock, timeout=12, poll_interval=5)
    # Rounds at 0, 5, 10 and a last one shortly before the deadline (12 s).
    assert result.timed_out is False and clock.now - 1000 < 12
    assert result.polls == 4 and clock.sleeps[:2] == [5.0, 5.0] and clock.sleeps[2] < 2


def test_user_poll_interval_is_fixed():
    clock, api, adapter = gcore_setup(1, 9, task_type="create_k8s_cluster_v2")
    run(adapter, ["t00000"], clock, poll_interval=2)
    assert clock.sleeps == [2.0] * 5


def test_gpcn_batches_and_grows_interval():
    clock, api, adapter = gpcn_setup()
    ids = ["j%03d" % i for i in range(120)]
    for job_id in ids:
        api.add(job_id, 100)
    result = run(adapter, ids, clock)
    assert result.timed_out is False and len(result.finished_tasks) == 120
    assert result.api_requests == 3 * result.polls  # 120 IDs -> 3 batches each round
    assert clock.sleeps[:3] == [2.0, 2.0, 2.0] and 5.0 in clock.sleeps and 10.0 in clock.sleeps
    assert clock.sleeps == sorted(clock.sleeps)


def test_transient_errors_are_absorbed_with_backoff():
    clock, api, adapter = gpcn_setup()
    api.add("j1", 3)
    api.raise_next = [errors.ServerError(503, "POST", "/resource/jobs", "down"),
                      errors.TransportError("POST", "/resource/jobs", "reset", True)]
    result = run(adapter, ["j1"], clock, max_backoff=60)
    assert result.timed_out is False and result.transient_errors == 2
    assert clock.sleeps[:2] == [4.0, 8.0]  # 2 s base, doubled per consecutive failure


def test_transient_errors_until_deadline_give_timed_out_result():
    clock, api, adapter = gpcn_setup()
    api.add("j1", 3)
    api.raise_next = [errors.RateLimitedError(429, "POST", "/resource/jobs", "slow down")] * 100
    result = run(adapter, ["j1"], clock, timeout=30, max_backoff=10)
    assert result.timed_out is True and result.pending == ["j1"]
    assert "slow down" in result.last_error and max(clock.sleeps) <= 10
    assert clock.now - 1000 <= 30


def test_authentication_error_is_fatal_with_partial_result():
    clock, api, adapter = gpcn_setup()
    api.add("j1", 100)
    api.raise_next = [None]  # placeholder replaced below
    api.raise_next = []
    calls = {"n": 0}
    original = adapter._client.handler

    def handler(call):
        calls["n"] += 1
        if calls["n"] == 2:
            raise errors.AuthenticationError(401, "POST", "/resource/jobs", "key revoked")
        return original(call)

    adapter._client.handler = handler
    with pytest.raises(errors.AuthenticationError) as info:
        run(adapter, ["j1"], clock)
    partial = info.value.wait_result
    assert partial.pending == ["j1"] and partial.tasks[0]["status"] == "running"
    assert partial.api_requests == 2


def test_missing_job_becomes_lost_after_two_rounds():
    clock, api, adapter = gpcn_setup()
    api.add("j1", 20)
    result = run(adapter, ["j1", "ghost"], clock)
    assert "not visible" in result.lost["ghost"]
    assert [r["id"] for r in result.failed_tasks] == ["ghost"]
    assert result.timed_out is False


def test_progress_callback_reports_each_round():
    clock, api, adapter = gcore_setup(3, lambda i: 5 * i)
    snapshots = []
    run(adapter, list(api.tasks), clock, on_progress=snapshots.append)
    assert [s["round"] for s in snapshots] == [1, 2, 3]
    assert [s["finished"] for s in snapshots] == [1, 2, 3]
    assert snapshots[0]["running"] == 2 and snapshots[0]["total"] == 3
    assert [t["id"] for t in snapshots[0]["tasks"]] == list(api.tasks)


def test_default_timeout_is_fixed_from_types_seen():
    clock, api, adapter = gcore_setup(1, 10 ** 6, task_type="create_volume")
    result = run(adapter, ["t00000"], clock)
    assert result.timed_out is True and 590 <= clock.now - 1000 <= 600


def test_duplicate_ids_are_waited_once_and_order_is_kept():
    clock, api, adapter = gcore_setup(2, 0)
    result = run(adapter, ["t00001", "t00000", "t00001"], clock)
    assert [r["id"] for r in result.tasks] == ["t00001", "t00000"]


def test_ten_thousand_ids_in_one_wait():
    clock, api, adapter = gpcn_setup()
    ids = ["job-%05d" % i for i in range(10000)]
    for n, job_id in enumerate(ids):
        api.add(job_id, 2 + (n % 3) * 2)
    pending_after = []
    result = run(adapter, ids, clock, on_progress=lambda s: pending_after.append(s["total"] - s["finished"]))
    assert len(result.finished_tasks) == 10000 and result.polls == 4
    # Each round batches only the still-pending jobs, 50 per request.
    pending_before = [10000] + pending_after[:-1]
    assert result.api_requests == sum((p + 49) // 50 for p in pending_before)


def test_engine_fails_at_once_on_a_certificate_error_instead_of_waiting_out_the_deadline():
    clock = FakeClock()
    adapter = FakeAdapter([errors.CertificateError("GET", "/cloud/v1/tasks/x", "verify failed")], timeout=1800.0)
    with pytest.raises(errors.CertificateError) as caught:
        wait_for_tasks(adapter, ["t1"], timeout=600, clock=clock, sleep=clock.sleep)
    assert len(adapter.polled) == 1
    assert caught.value.wait_result.pending == ["t1"]


def test_engine_still_rides_out_plain_transport_errors_until_the_deadline():
    clock = FakeClock()
    adapter = FakeAdapter([errors.TransportError("GET", "/x", "reset", may_have_been_sent=True)], timeout=1800.0)
    result = wait_for_tasks(adapter, ["t1"], timeout=60, poll_interval=1, clock=clock, sleep=clock.sleep)
    assert len(adapter.polled) > 1 and result.timed_out and result.transient_errors == len(adapter.polled)


def test_wait_under_a_429_storm_ends_timed_out_at_its_deadline(server):
    clock = FakeClock()
    server.default = STORM
    client = deadline_client(server.url, clock)
    adapter = GcoreAdapter(client)
    started = clock()
    result = wait_for_tasks(adapter, [TASK], timeout=2, poll_interval=0.2, clock=clock, sleep=clock.sleep)
    assert result.timed_out is True and result.pending == [TASK]
    assert result.transient_errors >= 1 and "Rate limited" in result.last_error
    assert clock() - started <= 2                   # on the wait's clock: no sleep went past it
    # Every request was answered 429 and none was retried after 30 s: a handful, not minutes' worth.
    assert result.api_requests == len(server.received) <= 8
    assert 30.0 not in clock.sleeps
    assert client.deadline is None                  # the bound ends with the wait


def test_a_request_cut_by_the_deadline_keeps_the_earlier_error_as_the_reason():
    clock, api, adapter = gpcn_setup()
    api.add("j1", 100)
    too_large = errors.ResponseTooLargeError("POST", "/resource/jobs", 200, 16 * 1024 * 1024)
    cut = errors.TransportError("POST", "/resource/jobs", "the deadline passed while the answer was still arriving",
                                True, cut_by_deadline=True)
    api.raise_next = [too_large, too_large, cut] + [cut] * 100
    result = run(adapter, ["j1"], clock, timeout=20, max_backoff=4)
    assert result.timed_out is True and result.transient_errors >= 3
    assert result.last_error == str(too_large)


def test_a_request_cut_by_the_deadline_is_the_reason_when_nothing_came_before():
    clock, api, adapter = gpcn_setup()
    api.add("j1", 100)
    cut = errors.TransportError("POST", "/resource/jobs", "the deadline passed while the answer was still arriving",
                                True, cut_by_deadline=True)
    api.raise_next = [cut] * 100
    result = run(adapter, ["j1"], clock, timeout=20, max_backoff=4)
    assert result.timed_out is True and "deadline passed" in result.last_error
