# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A timeout after absorbed API errors says what the API was doing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _results as r
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import RateLimitedError, ServerError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_runner import run_task_wait

# The fake clock lives beside the module_utils tests.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "module_utils"))
from module_utils_fakes import FakeAdapter, FakeClock  # noqa: E402

T1 = "11111111-1111-4111-8111-111111111111"
T2 = "22222222-2222-4222-8222-222222222222"
CONNECTION = {"provider": "gcore", "api_key": "k", "api_url": "http://127.0.0.1:1"}


def running(*ids):
    return dict((i, new_record(i, "gcore", state="RUNNING", status="running")) for i in ids)


def options(**extra):
    base = {"task_ids": [T1, T2], "timeout": 6, "poll_interval": 1, "fail_on_error": True,
            "fact_name": None, "project_id": None, "region_id": None}
    base.update(extra)
    return base


def pending_result(elapsed=60):
    return {"tasks": [new_record(i, "gcore") for i in (T1, T2)], "failed_tasks": [], "pending": [T1, T2],
            "timed_out": True, "elapsed": elapsed}


def test_message_names_the_last_api_error_when_there_was_one():
    msg = r.wait_failure_message(pending_result(), last_error="Server error: GET /cloud/v1/tasks answered HTTP 503")
    assert ("timed out after 60s with 2 of 2 task(s) still pending (the API was failing: Server error: "
            "GET /cloud/v1/tasks answered HTTP 503)") in msg
    assert msg.endswith(T2 + " (unknown type)")


def test_message_without_api_errors_is_unchanged():
    msg = r.wait_failure_message(pending_result(), last_error=None)
    assert "API was failing" not in msg and "still pending (wait on the pending list to resume)" in msg


def test_a_wait_that_rode_out_errors_until_its_timeout_says_so():
    clock = FakeClock(start=50.0)
    storm = [RateLimitedError(429, "GET", "/cloud/v1/tasks/%s" % T1, "slow down")]
    adapter = FakeAdapter([running(T1, T2), ServerError(502, "GET", "/cloud/v1/tasks", "bad gw")] + storm,
                          interval=1.0)
    result = run_task_wait(options(), CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)
    assert result["failed"] is True and result["timed_out"] is True and result["pending"] == [T1, T2]
    # The LAST absorbed error is named, not the first one.
    assert "(the API was failing: Rate limited: GET /cloud/v1/tasks/%s answered HTTP 429: slow down)" % T1 \
        in result["msg"]
    assert result["error"]["type"] == "WaitTimeout"
    assert result["error"]["api_message"].startswith("Rate limited:")


def test_a_wait_whose_tasks_were_just_slow_does_not_blame_the_api():
    clock = FakeClock(start=50.0)
    adapter = FakeAdapter([running(T1, T2)], interval=1.0)
    result = run_task_wait(options(), CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)
    assert result["timed_out"] is True and "API was failing" not in result["msg"]
    assert result["error"]["api_message"] is None
