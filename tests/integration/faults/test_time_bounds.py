# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module has one overall deadline, and a server that holds an answer cannot stretch it.

A hung answer, a body trickled a byte a second and a 429 asking for an hour each hold the
request far longer than the module's `timeout`. The module must give up at its deadline
(its own `elapsed` within timeout + 2 s) and say what it learned; the run as a whole ends
long before the server would have let go (the fault's own hold is the bound, so load on the
machine cannot make these tests flaky). A write is never resent to meet the deadline.
"""

from ..simctl import GCORE_KEY_A, GPCN_KEY_A
from .helpers import buckets, call, timed_wait_on

STUCK = [600, 600]  # real seconds: the tasks cannot finish during the test
HOLD = 120           # seconds the server holds an answer: far beyond every deadline below
SLACK = 2.0          # what the contract allows past the deadline
TIMEOUT = 4


def _gcore(sim, count=2):
    return sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=count, task_type="create_volume",
                          duration=STUCK)


def _gpcn(sim, count=2):
    return sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=count, resource_type="volume",
                          duration=STUCK)


def _check_wait_bounded(run, ids, counters, matrix, fault):
    result = run.result
    observed = "%s, elapsed %.1f s (bound %.0f), run ended before the server's %d s hold: %s" % (
        buckets(result), result.get("elapsed", -1), TIMEOUT + SLACK, HOLD, run.seconds < HOLD)
    ok = (result.get("timed_out") is True and sorted(result["pending"]) == sorted(ids)
          and result["elapsed"] <= TIMEOUT + SLACK and run.seconds < HOLD)
    matrix.record(fault, "failed: timed out at timeout %d s (+%.0f), every ID pending" % (TIMEOUT, SLACK),
                  observed, ok=ok)
    assert result["failed"] is True and result["timed_out"] is True
    assert sorted(result["pending"]) == sorted(ids)
    assert result["elapsed"] <= TIMEOUT + SLACK
    assert run.seconds < HOLD
    # Every attempt the server saw is counted by the module too.
    assert result["api_requests"] == counters["total"] >= 1


def test_hung_answer_cannot_hold_a_wait_past_its_timeout(sim, run_playbook, matrix):
    ids = _gcore(sim)
    # Two IDs are read with one GET each; every one of them hangs.
    sim.fault(kind="hang", delay=HOLD, count=1000, match="GET /cloud/v1/tasks/{task_id}")
    run = timed_wait_on(run_playbook, "gcore", ids, timeout=TIMEOUT, interval=0.5)
    _check_wait_bounded(run, ids, sim.counters(), matrix,
                        "gcore: every answer hangs %d s (timeout %d, request_timeout 30)" % (HOLD, TIMEOUT))


def test_trickled_body_cannot_hold_a_wait_past_its_timeout(sim, run_playbook, matrix):
    ids = _gpcn(sim)
    # About 400 bytes a second apart: the answer would take minutes.
    sim.fault(kind="trickle", interval=1, count=1000, match="POST /v1/resource/jobs")
    run = timed_wait_on(run_playbook, "gpcn", ids, timeout=TIMEOUT, interval=0.5)
    _check_wait_bounded(run, ids, sim.counters(), matrix,
                        "gpcn: batch answer trickled one byte a second (timeout %d)" % TIMEOUT)
    assert "deadline" in run.result["msg"]


def test_endless_body_cannot_hold_a_wait_past_its_timeout(sim, run_playbook, matrix):
    ids = _gcore(sim, count=3)
    # Three IDs are swept with the list endpoint, whose answer never ends. A cap far above
    # what the deadline lets through makes the deadline, not the size cap, end each read.
    sim.fault(kind="endless", duration=HOLD, count=1000, match="GET /cloud/v1/tasks")
    sim.fault(kind="trickle", interval=0.01, count=1000, match="GET /cloud/v1/tasks/{task_id}")
    run = timed_wait_on(run_playbook, "gcore", ids, timeout=TIMEOUT, interval=0.5, max_response_mb=100000)
    _check_wait_bounded(run, ids, sim.counters(), matrix,
                        "gcore: list answer endless, per-ID answers trickled (timeout %d)" % TIMEOUT)


def _check_call_bounded(run, counters, matrix, fault, expected_requests):
    result = run.result
    observed = "failed=%s, %d request(s) (server: %d), run ended before the %d s the server asked: %s" % (
        result.get("failed"), result.get("api_requests", -1), counters["total"], HOLD, run.seconds < HOLD)
    ok = (result.get("failed") is True and result.get("api_requests") == counters["total"]
          and counters["total"] <= expected_requests and run.seconds < HOLD)
    matrix.record(fault, "failed at timeout %d s with what it learned, at most %d request(s)"
                  % (TIMEOUT, expected_requests), observed, ok=ok)
    assert result["failed"] is True, result
    assert "deadline" in result["msg"] or "timeout" in result["msg"], result["msg"]
    assert result["api_requests"] == counters["total"]
    assert 1 <= counters["total"] <= expected_requests
    assert run.seconds < HOLD


def test_task_info_has_an_overall_deadline(sim, run_playbook, matrix):
    ids = _gcore(sim, count=1)
    sim.fault(kind="status", status=429, retry_after=3600, count=1000)
    run = call(run_playbook, "task_info", task_ids=ids, timeout=TIMEOUT)
    _check_call_bounded(run, sim.counters(), matrix, "task_info: 429 with Retry-After: 3600 (timeout %d)" % TIMEOUT, 2)


def test_task_ack_has_an_overall_deadline(sim, run_playbook, matrix):
    ids = _gcore(sim, count=1)
    sim.fault(kind="hang", delay=HOLD, count=1000)
    run = call(run_playbook, "task_ack", task_ids=ids, timeout=TIMEOUT)
    _check_call_bounded(run, sim.counters(), matrix, "task_ack: every answer hangs (timeout %d)" % TIMEOUT, 2)


def test_api_call_read_has_an_overall_deadline(sim, run_playbook, matrix):
    sim.fault(kind="status", status=429, retry_after=3600, count=1000)
    run = call(run_playbook, "api_call", path="/cloud/v1/volumes/1/76", timeout=TIMEOUT, request_timeout=3)
    _check_call_bounded(run, sim.counters(), matrix,
                        "api_call GET: 429 with Retry-After: 3600 (timeout %d, request_timeout 3)" % TIMEOUT, 2)


def test_api_call_write_cut_by_the_deadline_is_not_resent(sim, run_playbook, matrix):
    sim.fault(kind="trickle", interval=1, count=1000, match="POST /cloud/v1/volumes/{project_id}/{region_id}")
    run = call(run_playbook, "api_call", method="POST", path="/cloud/v1/volumes/1/76",
               body={"name": "deadline-write", "source": "new-volume", "size": 1}, timeout=TIMEOUT)
    counters = sim.counters()
    result = run.result
    writes = sim.route("POST /cloud/v1/volumes/{project_id}/{region_id}", counters)
    matrix.record("api_call POST: answer trickled past the deadline (timeout %d)" % TIMEOUT,
                  "failed, outcome unknown, sent once, counted once",
                  "failed=%s outcome_unknown=%s sent %d time(s), api_requests %s" % (
                      result.get("failed"), result.get("outcome_unknown"), writes, result.get("api_requests")),
                  ok=result.get("outcome_unknown") is True and writes == 1 and result.get("api_requests") == 1)
    assert result["failed"] is True and result["outcome_unknown"] is True
    assert writes == 1 == counters["total"]
    # The server counted the one attempt whose body was cut: so does the module.
    assert result["api_requests"] == 1
    assert "NOT resent" in result["msg"]
    assert run.seconds < HOLD
