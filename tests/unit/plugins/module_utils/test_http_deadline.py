# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The client's own retries stop at the wait's deadline (issue 4).

A fake clock moves only when the client sleeps, so "never past the deadline" is checked
on the clock the deadline is measured with, not on wall time.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from module_utils_fakes import FakeClock, closed_port_url

KEY = "deadline-key-0123456789"
TASK = "11111111-1111-4111-8111-111111111111"
STORM = (429, {"Retry-After": "30"}, {"message": "slow down"})


def make_client(url, clock, **kwargs):
    kwargs.setdefault("max_retries", 5)
    return HttpClient(url + "/cloud", "Authorization", "APIKey " + KEY, sleep=clock.sleep, clock=clock, **kwargs)


def test_long_retry_after_is_not_slept_when_it_ends_past_the_deadline(server):
    clock = FakeClock()
    server.script = [STORM] * 6
    client = make_client(server.url, clock)
    client.set_deadline(clock() + 2)
    with pytest.raises(errors.RateLimitedError) as caught:
        client.get("/v1/tasks/%s" % TASK)
    assert clock.sleeps == []                       # no 30 s sleep, not even a partial one
    assert client.request_count == len(server.received) == 1
    assert caught.value.status == 429 and "deadline" in str(caught.value)
    assert isinstance(caught.value, errors.TRANSIENT_ERRORS)


def test_backoff_retries_continue_while_they_fit_and_stop_before_the_deadline(server):
    clock = FakeClock()
    server.script = [(503, {}, None)] * 6
    client = make_client(server.url, clock, backoff_factor=1, backoff_max=3)
    deadline = clock() + 4
    client.set_deadline(deadline)
    with pytest.raises(errors.ServerError):
        client.get("/v1/x")
    # Some retries fitted (urllib3's first one is immediate), none started at or after the deadline.
    assert len(server.received) == client.request_count >= 2
    assert len(server.received) < 6
    assert clock() < deadline


def test_the_deadline_is_read_on_the_clock_it_was_computed_with(server):
    client_clock, engine_clock = FakeClock(start=0.0), FakeClock(start=500.0)
    server.script = [STORM, (200, {}, {"ok": 1})]
    client = make_client(server.url, client_clock)
    # 60 s left on the engine's clock: the 30 s Retry-After fits although 560 > 0 + 30 on the client's.
    client.set_deadline(engine_clock() + 60, engine_clock)
    engine_clock.now = 500.0
    assert client.get("/v1/x") == {"ok": 1}
    assert client_clock.sleeps == [30.0]


def test_lifting_the_deadline_restores_plain_retry_after(server):
    clock = FakeClock()
    server.script = [STORM, (200, {}, {"ok": 1})]
    client = make_client(server.url, clock)
    client.set_deadline(clock() + 1)
    client.set_deadline(None)
    assert client.deadline is None
    assert client.get("/v1/x") == {"ok": 1}
    assert clock.sleeps == [30.0]


def test_unreachable_api_past_the_deadline_is_a_transport_error_never_sent():
    clock = FakeClock()
    client = make_client(closed_port_url(), clock, backoff_factor=1)
    deadline = clock() + 0.5
    client.set_deadline(deadline)
    with pytest.raises(errors.TransportError) as caught:
        client.get("/v1/x")
    assert caught.value.may_have_been_sent is False and client.request_count == 0
    assert "deadline" in str(caught.value) and "ConnectionError" in str(caught.value)
    assert clock() < deadline  # whatever was slept ended before the deadline


def test_wait_under_a_429_storm_ends_timed_out_at_its_deadline(server):
    clock = FakeClock()
    server.default = STORM
    client = make_client(server.url, clock)
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
