# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's schedules: GPCN jobs polled when predicted to end (DueTimeSchedule), Gcore sweeps
placed where the last end is likely (LikelyEndSchedule)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import random

from ansible_collections.asyncops.cloud.plugins.plugin_utils._adapter import Adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gpcn import GpcnAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._scheduling import BATCH_WAIT, DENSE_GAP
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClient, FakeClock, FakeGcoreApi


WALL_START = 1779512400.0  # the fake clock is used as wall time too: 2026-05-23T05:00:00Z


def setup():
    clock = FakeClock(start=WALL_START)
    api = ProgressJobsApi(clock)
    return clock, api, GpcnAdapter(FakeClient(api), wall_clock=clock)


class ProgressJobsApi(object):
    """GPCN jobs whose progress grows linearly from creation (queued for the first tenth, at 0)."""

    def __init__(self, clock):
        self.clock = clock
        self.jobs = {}
        self.asked = []  # job IDs of every request, in order

    def add(self, job_id, duration, created_ago=0.0, ends_early_at=None):
        created = self.clock.now - created_ago
        self.jobs[job_id] = (created, duration, ends_early_at)

    def end_time(self, job_id):
        created, duration, ends_early_at = self.jobs[job_id]
        return ends_early_at if ends_early_at is not None else created + duration

    def view(self, job_id):
        created, duration, _outcome = self.jobs[job_id]
        now = self.clock.now
        fraction = (now - created) / duration
        if now >= self.end_time(job_id):
            status, progress = "completed", 100
        elif fraction < 0.1:
            status, progress = "pending", 0
        else:
            status, progress = "in_progress", int(min(fraction * 100, 99))
        return {"id": job_id, "status": status, "progress": progress, "resourceType": "vm",
                "resourceId": "vm-" + job_id if status == "completed" else None, "createdAt": iso(created)}

    def __call__(self, call):
        ids = call["body"]["jobIds"]
        assert len(ids) <= 50
        self.asked.append(list(ids))
        return {"success": True, "data": {"jobs": [self.view(i) for i in ids if i in self.jobs]}}


def iso(seconds):
    moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=int(seconds))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def wait(adapter, ids, clock, seen, **kwargs):
    def on_progress(snapshot):
        for record in snapshot["tasks"]:
            if record["status"] in ("finished", "failed"):
                seen.setdefault(record["id"], clock.now)
    return wait_for_tasks(adapter, ids, clock=clock, sleep=clock.sleep, on_progress=on_progress, **kwargs)


def five_hundred_jobs(api):
    """Jobs of 3 to 7.5 s, created together just before the wait."""
    rng = random.Random(7)
    ids = ["job-%03d" % n for n in range(500)]
    for job_id in ids:
        api.add(job_id, rng.uniform(3, 7.5), created_ago=0.45)
    return ids


class EveryJobEachRound(Adapter):
    """GPCN polled at its normal rhythm without due times: every pending job each round."""

    provider = "gpcn"

    def __init__(self, client, wall_clock):
        super(EveryJobEachRound, self).__init__(client)
        self.gpcn = GpcnAdapter(client, wall_clock=wall_clock)

    def poll(self, ids, hints=None):
        return self.gpcn.poll(ids, hints)

    def default_interval(self, record, polls_done=0):
        return self.gpcn.default_interval(record, polls_done)

    def default_timeout(self, record):
        return self.gpcn.default_timeout(record)


def test_five_hundred_jobs_cost_fewer_requests_than_the_normal_rhythm_and_are_seen_soon_after_they_end():
    clock, api, _adapter = setup()
    rhythm = wait(EveryJobEachRound(FakeClient(api), wall_clock=clock), five_hundred_jobs(api), clock, {})
    clock, api, adapter = setup()
    ids = five_hundred_jobs(api)
    seen = {}
    result = wait(adapter, ids, clock, seen)
    assert len(result.finished_tasks) == 500 and result.timed_out is False
    assert len(rhythm.finished_tasks) == 500
    # Due times only ever skip jobs that are not due: the same jobs never cost more requests.
    assert result.api_requests < rhythm.api_requests
    # No job waits longer than the grown interval beyond its end; the last one is seen quickly.
    lags = [seen[i] - api.end_time(i) for i in ids]
    assert max(lags) <= 5.0 + BATCH_WAIT
    last = max(ids, key=api.end_time)
    assert seen[last] - api.end_time(last) <= 2.0
    assert result.elapsed == clock.now - WALL_START


def test_same_jobs_with_a_user_poll_interval_poll_every_pending_job_each_round():
    clock, api, adapter = setup()
    for n in range(60):
        api.add("j%02d" % n, 20 + n, created_ago=1)
    result = wait(adapter, list(api.jobs), clock, {}, poll_interval=4)
    assert set(clock.sleeps[:-1]) == {4.0}
    # Every round asks about every job still pending: 60 jobs -> 50 + 10 while all run.
    assert [len(batch) for batch in api.asked[:2]] == [50, 10]
    assert result.polls == len(clock.sleeps) + 1


def test_a_long_job_is_not_asked_about_while_a_short_one_is():
    clock, api, adapter = setup()
    api.add("short", 10, created_ago=2)
    api.add("long", 100, created_ago=2)
    seen = {}
    wait(adapter, ["short", "long"], clock, seen)
    asked_long = sum(1 for batch in api.asked if "long" in batch)
    asked_short = sum(1 for batch in api.asked if "short" in batch)
    # The long job is asked about at most every 5 s (the grown interval) and at its end.
    assert asked_long <= 100 / 5.0 + 2 and asked_short <= 3
    assert seen["short"] - api.end_time("short") < 2.0 and seen["long"] - api.end_time("long") < 2.0


def test_a_job_that_ends_long_before_its_prediction_costs_at_most_the_grown_interval():
    clock, api, adapter = setup()
    api.add("surprise", 300, created_ago=30, ends_early_at=clock.now + 7)
    seen = {}
    wait(adapter, ["surprise"], clock, seen)
    lag = seen["surprise"] - api.end_time("surprise")
    assert 0 <= lag <= 5.0 and len(api.asked) <= 4


def test_jobs_that_end_together_share_requests():
    clock, api, adapter = setup()
    for n in range(100):
        api.add("j%03d" % n, 8, created_ago=4)  # all end 4 s from now
    result = wait(adapter, list(api.jobs), clock, {})
    # First round (2 requests) and one round at the predicted end (2 requests).
    assert result.api_requests == 4 and result.polls == 2
    assert 4 <= clock.now - WALL_START <= 5


def test_jobs_without_progress_keep_the_normal_rhythm():
    clock, api, adapter = setup()
    for n in range(3):
        api.add("j%d" % n, 12, created_ago=1)
    original_view = api.view

    def view_without_progress(job_id):
        job = original_view(job_id)
        job.pop("progress")
        job.pop("createdAt")
        return job
    api.view = view_without_progress
    wait(adapter, list(api.jobs), clock, {})
    assert clock.sleeps[:3] == [2.0, 2.0, 2.0] and all(len(batch) == 3 for batch in api.asked)


# -- LikelyEndSchedule: Gcore sweeps placed where the last end is likely -------------------------

def gcore_wait(durations, task_type="create_vm", **kwargs):
    """A wait on Gcore tasks created now that end after ``durations`` seconds; (result, api, clock)."""
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for index, duration in enumerate(durations):
        kind = task_type(index) if callable(task_type) else task_type
        api.add("t%05d" % index, duration, task_type=kind)
    adapter = GcoreAdapter(FakeClient(api))
    result = wait_for_tasks(adapter, sorted(api.tasks), clock=clock, sleep=clock.sleep, wall_clock=api.wall, **kwargs)
    return result, api, clock


def return_lag(result, api, clock):
    return clock.now - max(task["_finish_at"] for task in api.tasks.values())


def spread(count, low, high):
    rng = random.Random(7)
    return [rng.uniform(low, high) for _index in range(count)]


def test_two_hundred_vms_at_a_quarter_of_the_documented_pace_cost_few_sweeps_and_are_seen_at_once():
    # 15-30 s VMs running at 0.25x: they end 3.75-7.5 s after creation.
    result, api, clock = gcore_wait(spread(200, 3.75, 7.5))
    assert len(result.finished_tasks) == 200
    assert result.api_requests == len(api.list_calls) <= 6
    assert len(api.get_calls) == 0
    # The plain 5 s rhythm would see the last end up to 5 s late; the zone's rounds within DENSE_GAP
    # of the window's end, which lies up to a second late (creation times are whole seconds).
    assert return_lag(result, api, clock) <= 1.0 + DENSE_GAP


def test_the_same_wait_at_the_documented_pace_stays_within_the_advised_rhythm_until_the_zone():
    result, api, clock = gcore_wait(spread(30, 15.0, 30.0))
    assert len(result.finished_tasks) == 30
    gaps = clock.sleeps
    assert max(gaps) <= 5.0 + 1e-9 and min(gaps) >= DENSE_GAP - 1e-9
    assert return_lag(result, api, clock) <= 1.0 + DENSE_GAP
    assert result.api_requests <= 10


def test_a_long_task_after_short_ones_is_polled_across_its_likely_window_not_every_advised_interval():
    # The mix: 50 VMs and one Kubernetes cluster, all at 0.05x (VMs 0.75-1.5 s, cluster 15-45 s).
    durations = spread(50, 0.75, 1.5) + [33.0]
    result, api, clock = gcore_wait(durations, task_type=lambda i: "create_k8s_cluster_v2" if i == 50 else "create_vm")
    assert len(result.finished_tasks) == 51
    assert result.api_requests <= 10
    # The cluster's zone (about 16.5-45 s, wider as whole-second timestamps blur the VMs' 1 s
    # durations) gets ZONE_ROUNDS rounds: the cluster is seen within one zone gap, not one 30 s
    # advised interval.
    zone_gaps = clock.sleeps[2:]
    assert max(zone_gaps) <= 30.0 / 2
    assert return_lag(result, api, clock) <= max(zone_gaps)


def test_the_budget_keeps_a_lone_task_at_its_advised_interval():
    # One VM: polling it on its own every 5 s is the whole budget, so no dense rounds.
    result, api, clock = gcore_wait([27.0])
    assert result.finished_tasks and min(clock.sleeps) >= 5.0 - 1e-9


def test_a_late_task_falls_back_to_the_advised_rhythm():
    # 30 VMs that all take far longer than documented and than any evidence says.
    result, api, clock = gcore_wait([200.0] * 30)
    assert len(result.finished_tasks) == 30
    late = list(clock.sleeps[-5:])
    assert all(gap == 5.0 for gap in late)


def test_tasks_of_unknown_type_keep_the_advised_rhythm():
    result, api, clock = gcore_wait(spread(20, 3.0, 8.0), task_type="update_firewall")
    assert set(clock.sleeps) == {5.0}


def test_a_fixed_poll_interval_means_exactly_that():
    result, api, clock = gcore_wait(spread(200, 3.75, 7.5), poll_interval=2)
    assert set(clock.sleeps) == {2.0}
