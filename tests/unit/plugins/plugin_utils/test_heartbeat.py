# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Heartbeat lines and task_wait's run-wide settings."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._heartbeat import Heartbeat
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resume_stats import wait_stats
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_settings import fleet_settings


def test_heartbeat_line_shows_the_latest_snapshot_and_time_waited():
    now = [10.0]
    beat = Heartbeat(60, emit=None, total=2, clock=lambda: now[0])
    beat.update({"total": 2, "finished": 1, "failed": 0, "running": 1, "pending": 0, "tasks": []})
    now[0] = 130.0
    assert beat.line() == "asyncops.cloud.task_wait: still waiting: 1/2 finished, 0 failed, 1 running after 120s"


def test_heartbeat_emits_while_running_and_not_when_off():
    lines = []
    emitted = threading.Event()

    def emit(line):
        lines.append(line)
        emitted.set()

    with Heartbeat(0.05, emit=emit, total=1):
        assert emitted.wait(10)
    count = len(lines)
    with Heartbeat(0, emit=emit, total=1) as off:
        assert off._thread is None
    assert len(lines) == count


@pytest.mark.parametrize("options,environ,expected", [
    ({}, {}, {"coordinate": True, "heartbeat_interval": 60.0, "publish_stats": False}),
    ({}, {"ASYNCOPS_COORDINATE": "off", "ASYNCOPS_HEARTBEAT_INTERVAL": "0", "ASYNCOPS_PUBLISH_STATS": "yes"},
     {"coordinate": False, "heartbeat_interval": 0.0, "publish_stats": True}),
    ({"coordinate": True, "heartbeat_interval": 5.0, "publish_stats": False},
     {"ASYNCOPS_COORDINATE": "false", "ASYNCOPS_PUBLISH_STATS": "true"},
     {"coordinate": True, "heartbeat_interval": 5.0, "publish_stats": False}),
])
def test_settings_come_from_the_option_then_the_environment(options, environ, expected):
    assert fleet_settings(options, environ) == expected


@pytest.mark.parametrize("environ", [{"ASYNCOPS_COORDINATE": "maybe"}, {"ASYNCOPS_HEARTBEAT_INTERVAL": "-1"}])
def test_bad_environment_values_are_refused_by_name(environ):
    with pytest.raises(OptionError) as caught:
        fleet_settings({}, environ)
    assert caught.value.option == list(environ)[0]


def test_stats_hand_over_ids_only_aggregated_run_wide():
    result = {"pending": ["p1"], "finished_tasks": ["f1"], "failed_tasks": [{"id": "x1", "error": "quota"}]}
    assert wait_stats(result, "gcore") == {
        "data": {"asyncops_gcore_pending": ["p1"], "asyncops_gcore_finished": ["f1"],
                 "asyncops_gcore_failed": ["x1"]},
        "per_host": False, "aggregate": True}
