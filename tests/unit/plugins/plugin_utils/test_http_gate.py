# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HttpClient's gate: a shared rate budget is asked before every attempt, retries included."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.plugin_utils._rate_budget import RateBudget


class Clock(object):
    def __init__(self):
        self.now = 500.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def _client(server, clock, budget):
    return HttpClient(server.url + "/cloud", "Authorization", "APIKey k", sleep=clock.sleep, clock=clock,
                      max_retries=3, backoff_factor=0.0, gate=budget)


def test_every_attempt_waits_for_its_slot(server, tmp_path):
    clock = Clock()
    budget = RateBudget(str(tmp_path / "b.budget"), rate=2, burst=1, clock=clock, sleep=clock.sleep)
    server.script = [(200, {}, {"n": 1}), (429, {"Retry-After": "0"}, None), (200, {}, {"n": 2})]
    client = _client(server, clock, budget)
    client.get("/v1/a")
    client.get("/v1/b")  # one 429, then its retry: two more attempts, each half a second apart
    assert len(server.received) == 3
    assert budget.waited == pytest.approx(1.0)
    assert client.request_count == 3


def test_no_slot_before_the_deadline_sends_nothing(server, tmp_path):
    clock = Clock()
    budget = RateBudget(str(tmp_path / "b.budget"), rate=1, burst=1, clock=clock, sleep=clock.sleep)
    client = _client(server, clock, budget)
    client.get("/v1/a")
    client.set_deadline(clock.now + 0.5, clock)
    with pytest.raises(errors.RateLimitedError) as caught:
        client.get("/v1/b")
    assert "rate_limit" in str(caught.value)
    assert len(server.received) == 1 and client.request_count == 1
