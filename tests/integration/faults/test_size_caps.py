# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A cap on the decoded bytes of one answer: too big, a gzip bomb, or never-ending.

Each answer is read as a stream and dropped once it passes `max_response_mb`; the failure
names the cap. (What this costs in memory is measured by the benchmark harness, see
benchmarks/README.md, never here: a test asserts the verdict, not a figure of the machine.)
"""

import pytest

from ..simctl import GCORE_KEY_A
from .helpers import buckets, call, timed_wait_on

MIB = 1 << 20
DEFAULT_CAP_MB = 16


def _names_the_cap(text, cap_mb):
    return "max_response_mb" in text and ("%d MiB" % cap_mb) in text


@pytest.mark.parametrize("fault", [
    {"kind": "oversized", "size": 200 * MIB},
    {"kind": "gzip_bomb", "size": 500 * MIB},
    {"kind": "endless", "duration": 120},
], ids=lambda fault: fault["kind"])
def test_api_call_refuses_an_answer_over_the_cap(sim, run_playbook, matrix, fault):
    sim.fault(match="GET /cloud/v1/tasks", **fault)
    run = call(run_playbook, "api_call", path="/cloud/v1/tasks")
    result = run.result
    counters = sim.counters()
    matrix.record("api_call GET: %s answer" % fault["kind"],
                  "failed naming max_response_mb (%d MiB), 1 request" % DEFAULT_CAP_MB,
                  "failed=%s, names the cap: %s, %d request(s)" % (
                      result.get("failed"), _names_the_cap(result.get("msg", ""), DEFAULT_CAP_MB), counters["total"]),
                  ok=result.get("failed") is True and _names_the_cap(result.get("msg", ""), DEFAULT_CAP_MB)
                  and counters["total"] == 1)
    assert result["failed"] is True
    assert _names_the_cap(result["msg"], DEFAULT_CAP_MB), result["msg"]
    assert result["error"]["type"] == "ResponseTooLargeError"
    # A 200 whose body was refused is not retried (the next answer would be the same size).
    assert counters["total"] == 1 == result["api_requests"]
    assert result["json"] is None


def test_the_cap_is_configurable(sim, run_playbook, matrix):
    sim.fault(kind="oversized", size=3 * MIB, match="GET /cloud/v1/tasks", count=2)
    small = call(run_playbook, "api_call", path="/cloud/v1/tasks", max_response_mb=2).result
    large = call(run_playbook, "api_call", path="/cloud/v1/tasks", max_response_mb=4).result
    matrix.record("api_call GET: 3 MiB answer, max_response_mb 2 then 4",
                  "refused at 2, read at 4",
                  "at 2: failed=%s; at 4: failed=%s" % (small.get("failed"), large.get("failed")),
                  ok=small.get("failed") is True and not large.get("failed"))
    assert small["failed"] is True and _names_the_cap(small["msg"], 2)
    assert not large.get("failed") and large["json"]["results"] == []


def test_a_wait_rides_out_an_oversized_answer_and_names_the_cap(sim, run_playbook, matrix):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=3, task_type="create_volume",
                         duration=[600, 600])
    sim.fault(kind="gzip_bomb", size=500 * MIB, match="GET /cloud/v1/tasks", count=1000)
    sim.fault(kind="gzip_bomb", size=500 * MIB, match="GET /cloud/v1/tasks/{task_id}", count=1000)
    # Long enough for one bomb to be read up to the cap even on a loaded machine at -vvvv.
    run = timed_wait_on(run_playbook, "gcore", ids, timeout=10, interval=0.5)
    result = run.result
    matrix.record("gcore wait: every answer a 500 MiB gzip bomb (timeout 10)",
                  "failed: timed out, the message names max_response_mb",
                  "%s, names the cap: %s" % (buckets(result), _names_the_cap(result["msg"], DEFAULT_CAP_MB)),
                  ok=result.get("timed_out") is True and _names_the_cap(result["msg"], DEFAULT_CAP_MB))
    assert result["failed"] is True and result["timed_out"] is True
    assert _names_the_cap(result["msg"], DEFAULT_CAP_MB), result["msg"]
    assert result["api_requests"] == sim.counters()["total"]
