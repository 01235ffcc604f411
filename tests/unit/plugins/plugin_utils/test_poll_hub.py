# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PollHub: concurrent waits share rounds and still get exactly their own answers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    JobNotVisibleError,
    RateLimitedError,
    TransportError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._poll_hub import (
    CoordinationError,
    PollHub,
    decode_error,
    encode_error,
    poll_result,
)
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeAdapter

IDS = ["%08d-0000-4000-8000-000000000000" % n for n in range(6)]


def statuses(status=None, errors=None):
    """A round of the fake adapter: each asked ID "running" unless ``status`` or ``errors`` say otherwise."""
    def answer(ids):
        records = {task_id: {"id": task_id, "status": (status or {}).get(task_id, "running")} for task_id in ids}
        records.update(errors or {})
        return records
    return answer


def sweeping(interval=5.0, **round_args):
    """A fake adapter whose every round costs one request and answers as ``statuses`` does."""
    return FakeAdapter(rounds=[statuses(**round_args)], interval=interval)


@pytest.fixture
def hub_of():
    hubs = []

    def make(adapter, **kwargs):
        kwargs.setdefault("gather_first", 0.3)
        kwargs.setdefault("gather", 0.1)
        hub = PollHub(adapter, **kwargs)
        thread = threading.Thread(target=hub.run_rounds)
        thread.daemon = True
        thread.start()
        hubs.append((hub, thread))
        return hub

    yield make
    for hub, thread in hubs:
        hub.close()
        thread.join(5)


def _ask_together(hub, asks):
    """Every (waiter, ids) asks at once from its own thread; {waiter: answer or exception}."""
    answers = {}
    barrier = threading.Barrier(len(asks))

    def one(waiter, ids):
        barrier.wait()
        try:
            answers[waiter] = poll_result(hub.ask(waiter, ids, deadline=None))
        except Exception as exc:  # the test inspects it
            answers[waiter] = exc

    threads = [threading.Thread(target=one, args=ask) for ask in asks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return answers


def test_concurrent_first_asks_share_rounds_and_get_only_their_ids(hub_of):
    adapter = sweeping(interval=0.3)
    hub = hub_of(adapter)
    answers = _ask_together(hub, [("w1", IDS[:1]), ("w2", IDS[1:3]), ("w3", IDS[:3])])
    # The very first ask goes at once; the others join the next round of the rhythm.
    assert len(adapter.polled) <= 2
    assert sorted(adapter.polled[-1]) == sorted(IDS[:3])
    assert sorted(answers["w1"].records) == IDS[:1]
    assert sorted(answers["w2"].records) == IDS[1:3]
    assert sorted(answers["w3"].records) == IDS[:3]
    assert hub.requests == adapter.request_count == len(adapter.polled)


def test_a_newcomer_joins_the_rhythm_of_the_waits_already_polling(hub_of):
    adapter = sweeping(interval=0.5)
    hub = hub_of(adapter, gather_first=0.0, gather=0.0)
    first = hub.ask("w1", IDS[:1])
    late = hub.ask("w2", IDS[1:2])         # first sight while w1 polls: waits for the next round
    again = hub.ask("w1", IDS[:1], after_round=first["round"])
    assert late["round"] == again["round"] == first["round"] + 1
    assert len(adapter.polled) == 2 and sorted(adapter.polled[1]) == sorted(IDS[:2])


def test_a_round_is_charged_once_to_the_oldest_ask():
    adapter = sweeping()
    hub = PollHub(adapter, gather_first=0.0)
    thread = threading.Thread(target=hub.run_rounds)
    thread.daemon = True
    thread.start()
    try:
        first = hub.ask("w1", IDS[:2])
        second = hub.ask("w2", IDS[:2])  # the same IDs right after: answered by the same round
    finally:
        hub.close()
        thread.join(5)
    assert (first["charged"], second["charged"]) == (1, 0)
    assert len(adapter.polled) == 1


def test_a_wait_never_gets_the_same_round_twice(hub_of):
    adapter = sweeping()
    hub = hub_of(adapter, gather_first=0.0, gather=0.0)
    first = hub.ask("w1", IDS[:1])
    second = hub.ask("w1", IDS[:1], after_round=first["round"])
    assert second["round"] > first["round"]
    assert len(adapter.polled) == 2


def test_final_records_answer_later_waits_without_a_request(hub_of):
    adapter = sweeping(status={IDS[0]: "finished"})
    hub = hub_of(adapter, gather_first=0.0)
    hub.ask("w1", IDS[:1])
    hub.release("w1")
    later = poll_result(hub.ask("w2", IDS[:1]))
    assert later.records[IDS[0]]["status"] == "finished"
    assert len(adapter.polled) == 1


def test_a_failed_round_reaches_every_wait_as_its_own_error_class(hub_of):
    adapter = FakeAdapter(rounds=[RateLimitedError(429, "GET", "/cloud/v1/tasks", "slow down")], interval=0.3)
    hub = hub_of(adapter)
    answers = _ask_together(hub, [("w1", IDS[:1]), ("w2", IDS[1:2])])
    for waiter in ("w1", "w2"):
        assert isinstance(answers[waiter], RateLimitedError)
        assert answers[waiter].status == 429 and "slow down" in str(answers[waiter])


def test_per_id_errors_stay_per_id(hub_of):
    adapter = sweeping(errors={IDS[1]: JobNotVisibleError(IDS[1])})
    hub = hub_of(adapter, gather_first=0.0)
    result = poll_result(hub.ask("w1", IDS[:2]))
    assert list(result.records) == IDS[:1]
    assert isinstance(result.errors[IDS[1]], JobNotVisibleError) and IDS[1] in str(result.errors[IDS[1]])


def test_an_ask_past_its_deadline_gets_a_transient_error(hub_of):
    adapter = sweeping()
    clock_now = [100.0]
    hub = PollHub(adapter, clock=lambda: clock_now[0], gather_first=50.0)  # no round thread: nothing answers
    answer = hub.ask("w1", IDS[:1], deadline=99.0)
    with pytest.raises(TransportError):
        poll_result(answer)
    assert adapter.polled == []


def test_a_batching_round_fills_its_spare_places_with_other_waits_ids(hub_of):
    adapter = FakeAdapter(rounds=[statuses()], batch_size=4)
    hub = hub_of(adapter, gather_first=0.0, gather=0.0)
    hub.ask("w1", IDS[:3])      # registers three IDs
    hub.ask("w2", IDS[3:4])     # one more: its round has three spare places
    assert sorted(adapter.polled[-1]) == sorted(IDS[:4])


def test_hints_are_used_only_when_every_ask_agrees():
    class Ask(object):
        def __init__(self, hints):
            self.hints = hints

    assert PollHub._common_hints([Ask({"project_id": 1}), Ask({"project_id": 1})]) == {"project_id": 1}
    assert PollHub._common_hints([Ask({"project_id": 1}), Ask({"project_id": 2})]) == {}


def test_errors_cross_the_process_boundary_as_data():
    exc = TransportError("GET", "/cloud/v1/tasks", ValueError("boom"), may_have_been_sent=True)
    again = decode_error(encode_error(exc))
    assert again.__class__ is TransportError  # the exact class, not a subclass or a stand-in
    assert str(again) == str(exc) and again.may_have_been_sent is True
    assert again.to_dict() == exc.to_dict()
    unknown = decode_error(encode_error(KeyError("x")))
    assert isinstance(unknown, CoordinationError)


@pytest.mark.parametrize("gap, rounds", [(None, 1), (0.6, 2)])
def test_a_wait_polling_densely_is_not_answered_by_a_round_older_than_half_its_gap(hub_of, gap, rounds):
    adapter = sweeping()
    hub = hub_of(adapter)
    hub.ask("w1", IDS[:2])
    time.sleep(0.8)  # younger than the usual tolerance (0.75 s or 30 % of the 5 s rhythm), older than 0.3 s
    answer = hub.ask("w2", IDS[:2], gap=gap)
    assert len(adapter.polled) == rounds and answer["round"] == rounds
