# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A 429 storm with long Retry-After values cannot keep a wait running past its timeout.

Before the fix, each poll's own urllib3 retries slept Retry-After (30 s, five times) whatever
the wait's deadline. Now the client is bounded by the deadline: the proof is in the result
(timed_out, pending) and in the simulator's request count, never in wall-clock time.
"""

from ..simctl import GCORE_KEY_A, GPCN_KEY_A
from .helpers import buckets, wait_on

STUCK = [600, 600]  # real seconds: the tasks cannot finish during the test


def _storm(sim, provider):
    if provider == "gcore":
        ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2, task_type="create_volume",
                             duration=STUCK)
    else:
        ids = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=2, resource_type="volume",
                             duration=STUCK)
    # Every request answers 429 "come back in 30 s" for far longer than the 2 s timeout.
    sim.fault(kind="status", status=429, retry_after=30, count=1000)
    return ids


def _check(sim, run_playbook, provider, matrix):
    ids = _storm(sim, provider)
    result = wait_on(run_playbook, provider, ids, timeout=2, interval=0.2)
    counters = sim.counters()
    matrix.record("%s: 429 storm with Retry-After: 30, timeout 2" % provider,
                  "failed: timed out, 2 pending, 2 to 5 requests",
                  "%s, %d requests" % (buckets(result), counters["total"]),
                  ok=bool(result.get("timed_out")) and len(result["pending"]) == 2 and 2 <= counters["total"] <= 5)
    assert result["failed"] is True and result["timed_out"] is True
    assert sorted(result["pending"]) == sorted(ids)
    assert result["error"]["type"] == "WaitTimeout"
    # The message says why nothing finished: the API, not the tasks.
    assert "(the API was failing: Rate limited:" in result["msg"] and "deadline" in result["msg"]
    assert result["error"]["api_message"].startswith("Rate limited:")
    # Only 429s, each seen by the server. One poll whose client waited out the Retry-After
    # would alone make 1 + 5 attempts (the client's max_retries); bounded by the deadline, each
    # round is one refused request, and a 2 s wait with a 0.2 s interval doubling on errors has
    # room for at most 4 rounds (0, 0.4, 1.2 and the last look just before 2 s).
    assert counters["status"] == {"429": counters["total"]}
    assert result["api_requests"] == counters["total"]
    assert 2 <= counters["total"] <= 5


def test_gcore_429_storm_with_long_retry_after_ends_at_the_timeout(sim, run_playbook, matrix):
    _check(sim, run_playbook, "gcore", matrix)


def test_gpcn_429_storm_with_long_retry_after_ends_at_the_timeout(sim, run_playbook, matrix):
    _check(sim, run_playbook, "gpcn", matrix)
