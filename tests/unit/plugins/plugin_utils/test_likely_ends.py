# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""End windows, the API's pace from finished tasks, and the zone where the last end falls."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._likely_ends import (
    PaceEvidence,
    end_window,
    epoch_seconds,
    last_end_zone,
    resolution,
)

VM = (15.0, 30.0)
VOLUME = (5.0, 15.0)


def test_without_evidence_the_pace_is_the_documented_one():
    assert PaceEvidence().pace() == (1.0, 1.0)


def test_finished_tasks_narrow_the_pace_from_both_sides():
    evidence = PaceEvidence()
    evidence.add(4.0, VM, slack=0)     # a VM in 4 s: at least 4/30, at most 4/15 of the typical pace
    evidence.add(7.0, VM, slack=0)     # at least 7/30
    evidence.add(2.0, VOLUME, slack=0)  # at most 2/5
    low, high = evidence.pace()
    assert low == pytest.approx(7.0 / 30) and high == pytest.approx(4.0 / 15)


def test_a_duration_known_to_a_second_either_way_widens_the_pace_by_as_much():
    evidence = PaceEvidence()
    evidence.add(16.0, VM, slack=1.0)  # between 15 and 17 s
    assert evidence.pace() == (pytest.approx(15.0 / 30), pytest.approx(17.0 / 15))


def test_durations_wider_than_the_typical_range_fall_back_to_the_average_pace():
    evidence = PaceEvidence()
    evidence.add(15.0, VM)    # pace 0.5 .. 1
    evidence.add(120.0, VM)   # pace 4 .. 8: the tight bounds cross
    # (15 + 120) s over twice the typical 22.5 s.
    assert evidence.pace() == (pytest.approx(3.0), pytest.approx(3.0))


def test_failed_tasks_and_missing_timestamps_are_no_evidence():
    evidence = PaceEvidence()
    evidence.observe({"status": "failed", "created_at": "2026-05-23T05:00:00", "finished_at": "2026-05-23T05:00:02"}, VM)
    evidence.observe({"status": "finished", "created_at": "2026-05-23T05:00:00", "finished_at": None}, VM)
    evidence.observe({"status": "finished", "created_at": "2026-05-23T05:00:00", "finished_at": "2026-05-23T05:00:09"}, None)
    # Under a second apart in whole-second timestamps: 0 s, whatever it really was.
    evidence.observe({"status": "finished", "created_at": "2026-05-23T05:00:00", "finished_at": "2026-05-23T05:00:00"}, VM)
    assert evidence.samples == 0
    evidence.observe({"status": "finished", "created_at": "2026-05-23T05:00:00Z", "finished_at": "2026-05-23T05:00:09Z"}, VM)
    assert evidence.samples == 1 and evidence.pace() == (pytest.approx(9.0 / 30), pytest.approx(9.0 / 15))


def test_timestamps_are_read_as_utc_seconds():
    assert epoch_seconds("1970-01-01T00:01:00") == 60.0
    assert epoch_seconds("1970-01-01T01:00:00+01:00") == 0.0
    assert epoch_seconds("1970-01-01T00:00:01.5Z") == 1.5
    assert epoch_seconds("soon") is None and epoch_seconds(None) is None


def test_a_timestamp_names_a_moment_up_to_its_resolution_early():
    assert resolution("2026-05-23T05:07:50") == 1.0
    assert resolution("2026-05-23T05:07:50Z") == 1.0
    assert resolution("2026-05-23T05:07:50.25Z") == pytest.approx(0.01)
    assert resolution("2026-05-23T05:07:50.123456+00:00") == pytest.approx(1e-6)


def test_a_window_is_the_typical_range_at_the_pace_seen_and_is_gone_once_it_is_over():
    # A second later at the end: the creation time is a whole-second timestamp.
    assert end_window(100.0, VM, (1.0, 1.0), now=90.0) == (115.0, 131.0)
    assert end_window(100.0, VM, (1.0, 1.0), now=120.0) == (115.0, 131.0)  # the same window all along
    assert end_window(100.0, VM, (0.5, 2.0), now=120.0) == (107.5, 161.0)
    # Kept on for as long as whole-second timestamps could have moved its end (1 s * 30 / 15).
    assert end_window(100.0, VM, (0.5, 0.5), now=117.5) == (107.5, 116.0)
    assert end_window(100.0, VM, (0.5, 0.5), now=118.5) is None  # late: the window says nothing now


def test_the_last_of_one_end_may_fall_almost_anywhere_in_its_window():
    start, end = last_end_zone([(15.0, 30.0)])
    assert end == 30.0 and start == pytest.approx(15.0 + 0.05 * 15.0, abs=1e-6)


def test_the_last_of_many_ends_falls_close_to_the_windows_upper_edge():
    start, end = last_end_zone([(15.0, 30.0)] * 200)
    assert end == 30.0 and 29.7 < start < 30.0
    # All done by the zone's start with the stated (small) probability: 0.05 = x ** 200.
    assert ((start - 15.0) / 15.0) ** 200 == pytest.approx(0.05, rel=1e-3)


def test_the_zone_of_a_mix_is_set_by_the_longest_window():
    windows = [(1.0, 2.0)] * 50 + [(15.0, 45.0)]
    start, end = last_end_zone(windows)
    assert end == 45.0 and start == pytest.approx(15.0 + 0.05 * 30.0, abs=1e-3)


def test_no_windows_no_zone():
    assert last_end_zone([]) is None
