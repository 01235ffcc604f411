# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SweepPlanner through GcoreAdapter: requests and bytes of whole waits against per-ID GETs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._paging import (
    PAGE_LIMIT,
    SweepPlanner,
    known_page,
    probe_page,
)
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClient, FakeClock, FakeGcoreApi

ROUND = 5.0      # seconds between rounds
PADDING = 1100   # a task about as big as the real API's (~1.3 KB)
PER_ID_ONLY = 10 ** 9  # sweep_min_ids that no wait reaches


class Wait(object):
    """Rounds of one adapter over the pending IDs, the way the engine runs them (every
    pending ID each round, ROUND seconds apart), with what each round cost."""

    def __init__(self, api, clock, sweep_min_ids=3):
        self.api = api
        self.clock = clock
        self.client = FakeClient(api)
        self.adapter = GcoreAdapter(self.client, sweep_min_ids=sweep_min_ids)
        self.requests = []   # per round
        self.list_calls = []  # per round: the list calls' params

    def run(self, ids, rounds=60):
        pending = list(ids)
        while pending and len(self.requests) < rounds:
            before, listed = self.client.request_count, len(self.api.list_calls)
            result = self.adapter.poll(pending)
            self.requests.append(self.client.request_count - before)
            self.list_calls.append(self.api.list_calls[listed:])
            pending = [task_id for task_id in pending if result.records[task_id]["status"] == "running"]
            self.clock.now += ROUND
        assert not pending, "the wait did not end"
        return self

    @property
    def total(self):
        return sum(self.requests)

    @property
    def bytes(self):
        return self.client.bytes_received


def busy_project(ours=5, before=0, after=3000, gap=(0, 0)):
    """Our tasks created 05:00:00 on (one a second, ending 12, 17, 22... s into the wait),
    ``after`` others created over the 55 s after them, ``before`` over the 59 s before."""

    def build():
        clock = FakeClock()
        api = FakeGcoreApi(clock, padding=PADDING)
        for index in range(before):
            api.add("b%05d" % index, 3600, created_offset=-59 + index * 58 // max(before, 1))
        for index in range(ours):
            api.add("our%d" % index, 12 + 5 * index, created_offset=index)
        for index in range(after):
            api.add("o%05d" % index, 3600, created_offset=ours + index * 50 // max(after, 1))
        return api, clock
    return build


def both(build, ids):
    """The wait with the planner, and the same wait with per-ID GETs only (the reference)."""
    ours = Wait(*build()).run(ids)
    reference = Wait(*build(), sweep_min_ids=PER_ID_ONLY).run(ids)
    return ours, reference


OURS = ["our%d" % index for index in range(5)]


def test_busy_project_with_others_newer_than_ours_costs_less_than_per_id_gets():
    ours, per_id = both(busy_project(), OURS)
    every_list = [call for calls in ours.list_calls for call in calls]
    # First sight: one small newest-first probe (8 tasks, all others), then the 5 GETs; from
    # then on the oldest-first window from our creation times lists ours first.
    assert [call["limit"] for call in every_list][:2] == [probe_page(5), probe_page(5)]
    assert all(call["limit"] <= probe_page(5) for call in every_list)
    assert ours.requests[0] == 1 + 5 and all(count == 1 for count in ours.requests[1:3])
    assert ours.total <= per_id.total and ours.bytes <= 2 * per_id.bytes


def test_busy_project_with_others_either_side_turns_to_per_id_gets_after_small_probes():
    ours, per_id = both(busy_project(before=3000), OURS)
    every_list = [call for calls in ours.list_calls for call in calls]
    assert all(call["limit"] <= probe_page(5) for call in every_list)
    # A probe newest first, one oldest first, one more after two rounds; never a second page.
    assert len(every_list) == 3 and all(len(calls) <= 1 for calls in ours.list_calls)
    assert ours.total <= per_id.total + len(every_list) and ours.bytes <= 2 * per_id.bytes


def test_a_wait_where_sweeping_never_pays_reprobes_after_2_4_8_rounds():
    build = busy_project(before=3000)

    def long_tasks():
        api, clock = build()
        for task_id in OURS:
            api.tasks[task_id]["_finish_at"] = clock.now + 20 * ROUND
        return api, clock
    ours, per_id = both(long_tasks, OURS)
    probing = [index for index, calls in enumerate(ours.list_calls) if calls]
    assert probing == [0, 1, 4, 9, 18]
    assert ours.total == per_id.total + len(probing)


def test_200_fresh_tasks_cost_one_request_a_round():
    clock = FakeClock()
    api = FakeGcoreApi(clock, padding=PADDING)
    ids = ["t%03d" % index for index in range(200)]
    for index, task_id in enumerate(ids):
        api.add(task_id, 12 + 10 * (index % 4), created_offset=index // 50)  # 50 end every 10 s
    wait = Wait(api, clock).run(ids)
    assert wait.requests == [1] * len(wait.requests) and api.get_calls == []
    assert all(call["limit"] <= 256 for calls in wait.list_calls for call in calls)


def test_10000_tasks_are_swept_in_pages_of_1000():
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    ids = ["t%05d" % index for index in range(10000)]
    for index, task_id in enumerate(ids):
        api.add(task_id, 7, created_offset=index // 100)
    wait = Wait(api, clock).run(ids)
    # First sight (newest first), the first oldest-first probe, then a sweep of known depth.
    assert [len(calls) for calls in wait.list_calls] == [10, 10, 10]
    assert all(call["limit"] == PAGE_LIMIT for calls in wait.list_calls for call in calls)
    assert api.get_calls == []


def test_sweeping_resumes_once_the_window_moves_past_the_others():
    # One early task of ours, 2000 others, then five more of ours: while the early one is
    # pending the window starts before the others, afterwards it starts after them.
    clock = FakeClock()
    api = FakeGcoreApi(clock, padding=PADDING)
    api.add("early", 12, created_offset=0)
    for index in range(2000):
        api.add("o%04d" % index, 3600, created_offset=100 + index * 30 // 2000)
    late = ["late%d" % index for index in range(5)]
    for index, task_id in enumerate(late):
        api.add(task_id, 60, created_offset=200 + index)
    wait = Wait(api, clock).run(["early"] + late)
    gets = [len(calls) == 0 for calls in wait.list_calls]
    # Rounds 3 and 4 read one by one (the oldest-first probe of round 2 found the early task,
    # then nothing but the others); the probe after that pause starts after the others, since
    # the early task ended (round 4).
    assert gets[2:4] == [True, True] and wait.requests[2:4] == [6, 6]
    assert wait.requests[4:] == [1] * (len(wait.requests) - 4)


def test_many_more_pending_ids_end_a_pause():
    planner = SweepPlanner()
    window = ((1,), (76,), "2026-05-23T04:59:00", "2026-05-23T05:01:00")
    ids = ["a", "b", "c"]
    assert planner.plan(ids, "asc", window) == probe_page(3)
    planner.observe(ids, "asc", window, 1, 10 * 1300, {})  # found none of them
    assert planner.plan(ids, "asc", window) is None and planner.last_choice == "paused"
    assert planner.plan(ids + ["d", "e", "f"], "asc", window) == probe_page(6)


def test_known_places_hold_only_while_the_window_starts_no_earlier():
    planner = SweepPlanner()
    window = ((1,), (76,), "2026-05-23T04:59:00", "2026-05-23T05:01:00")
    ids = ["a", "b", "c", "d"]
    planner.observe(ids, "asc", window, 1, 8 * 1300, {"a": 0, "b": 1, "c": 2, "d": 3})
    assert planner.plan(ids, "asc", window) == known_page(4) and planner.last_choice == "known"
    later = window[:2] + ("2026-05-23T04:59:30", window[3])
    assert planner.plan(ids[1:], "asc", later) == known_page(4)
    earlier = window[:2] + ("2026-05-23T04:58:00", window[3])
    assert planner.plan(ids, "asc", earlier) == probe_page(4) and planner.last_choice == "sweep"
    assert planner.plan(ids, "desc", window) == probe_page(4)


def test_few_pending_tasks_deep_in_a_known_window_are_read_one_by_one():
    planner = SweepPlanner()
    window = ((1,), (76,), "2026-05-23T04:59:00", "2026-05-23T05:01:00")
    places = dict(("t%03d" % index, index) for index in range(200))
    planner.observe(list(places), "asc", window, 1, 200 * 1300, places)
    assert planner.plan(["t010", "t120", "t199"], "asc", window) is None and planner.last_choice == "gets"
    assert planner.plan(["t%03d" % index for index in range(150, 200)], "asc", window) == known_page(200)


@pytest.mark.parametrize("refusal", [
    errors.AuthenticationError(403, "GET", "/cloud/v1/tasks", "no list permission"),
    errors.ServerError(503, "GET", "/cloud/v1/tasks", "unavailable"),
])
def test_a_refused_small_page_still_turns_the_call_to_single_reads(refusal):
    api, clock = busy_project()()
    wait = Wait(api, clock)

    def handler(call):
        if call["path"] == "/cloud/v1/tasks":
            raise refusal
        return api(call)
    wait.client.handler = handler
    wait.run(OURS)
    assert wait.adapter.list_refused is refusal
    assert wait.requests[0] == 1 + 5 and sum(wait.requests) == 1 + len(api.get_calls)
