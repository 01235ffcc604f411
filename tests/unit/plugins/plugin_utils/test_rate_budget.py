# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""RateBudget: a GCRA budget in a locked file, shared by every process that opens it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._rate_budget import BudgetExhausted, RateBudget


class Clock(object):
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_a_burst_goes_at_once_then_one_slot_per_interval(tmp_path):
    clock = Clock()
    budget = RateBudget(str(tmp_path / "b.budget"), rate=5, burst=5, clock=clock, sleep=clock.sleep)
    waits = [budget.acquire() for _attempt in range(8)]
    assert waits[:5] == [0.0] * 5
    assert waits[5:] == pytest.approx([0.2, 0.2, 0.2])
    assert clock.now == pytest.approx(1000.6)


def test_two_budgets_on_one_file_share_it(tmp_path):
    clock = Clock()
    path = str(tmp_path / "b.budget")
    one = RateBudget(path, rate=2, burst=1, clock=clock, sleep=lambda s: None)
    two = RateBudget(path, rate=2, burst=1, clock=clock, sleep=lambda s: None)
    # Without sleeping, each reservation queues behind the last one, whoever made it.
    assert [one.reserve(), two.reserve(), one.reserve()] == pytest.approx([0.0, 0.5, 1.0])


def test_no_slot_before_the_deadline_reserves_nothing(tmp_path):
    clock = Clock()
    budget = RateBudget(str(tmp_path / "b.budget"), rate=1, burst=1, clock=clock, sleep=clock.sleep)
    budget.reserve()
    with pytest.raises(BudgetExhausted):
        budget.reserve(refuses=lambda seconds: clock.now + seconds >= clock.now + 0.5)
    assert budget.reserve() == pytest.approx(1.0)  # the refused ask took no slot
