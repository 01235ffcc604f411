# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A flaky API during a wait: the verdict stays true and the client backs off.

Each test arms one fault in the simulator, runs task_wait through ansible-playbook and
checks the verdict, the buckets, and the simulator's counters (requests are bounded).
"""

from ..simctl import GCORE_KEY_A, GPCN_KEY_A
from .helpers import buckets, quiet_after_first, verdict, wait_on

QUICK = [0.3, 0.6]  # real seconds: the tasks finish while the fault is still firing


def _seed(sim, provider, count=2, **kw):
    if provider == "gcore":
        return sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=count,
                              task_type=kw.pop("task_type", "create_volume"), duration=QUICK, **kw)
    return sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=count,
                          resource_type="volume", duration=QUICK, **kw)


def _assert_all_finished(result, ids):
    assert verdict(result) == "success", result.get("msg")
    assert result["finished_tasks"] == ids
    assert result["failed_tasks"] == [] and result["pending"] == []


def test_5xx_and_reset_burst(sim, run_playbook, matrix):
    ids = _seed(sim, "gcore")
    sim.fault(faults=[{"kind": "status", "status": s} for s in (500, 502, 503, 504)] + [{"kind": "reset"}])
    result = wait_on(run_playbook, "gcore", ids)
    counters = sim.counters()
    matrix.record("gcore: 500,502,503,504 then a TCP reset in a row", "success: 2 finished",
                  buckets(result), ok=verdict(result) == "success")
    _assert_all_finished(result, ids)
    assert counters["faults_fired"] == 5
    for status in ("500", "502", "503", "504"):
        assert counters["status"][status] == 1
    # Five failures, then the polls the quick tasks need: bounded, not a storm.
    assert counters["total"] <= 5 + 4
    assert result["api_requests"] == counters["total"]


def test_503_burst_on_gpcn_batches(sim, run_playbook, matrix):
    ids = _seed(sim, "gpcn", count=3)
    sim.fault(kind="status", status=503, count=3, match="POST /v1/resource/jobs")
    result = wait_on(run_playbook, "gpcn", ids)
    counters = sim.counters()
    matrix.record("gpcn: three 503 on the batch poll", "success: 3 finished", buckets(result),
                  ok=verdict(result) == "success")
    _assert_all_finished(result, ids)
    assert counters["status"]["503"] == 3
    assert counters["total"] <= 3 + 4


def test_429_retry_after_seconds_is_honoured(sim, run_playbook, matrix):
    ids = _seed(sim, "gcore")
    sim.fault(kind="status", status=429, retry_after=1, count=2)
    result = wait_on(run_playbook, "gcore", ids)
    counters = sim.counters()
    gap = quiet_after_first(sim, 429)
    # The client sleeps the full 1 s after the answer, so the next request arrives at least 1 s later.
    least = 1.0
    matrix.record("gcore: two 429 with Retry-After: 1",
                  "success, next request arrives >= %.1f s later" % least,
                  "%s, next request %.2f s later" % (buckets(result), gap or -1),
                  ok=verdict(result) == "success" and gap is not None and gap >= least)
    _assert_all_finished(result, ids)
    assert counters["status"]["429"] == 2
    assert counters["total"] <= 2 + 4
    assert gap is not None and gap >= least


def test_429_retry_after_http_date_is_honoured(sim, run_playbook, matrix):
    ids = _seed(sim, "gpcn")
    # An HTTP date has whole seconds: asking for 2 s guarantees more than 1 s of silence.
    sim.fault(kind="status", status=429, retry_after=2, retry_after_http_date=True, count=1)
    result = wait_on(run_playbook, "gpcn", ids)
    counters = sim.counters()
    gap = quiet_after_first(sim, 429)
    least = 1.0
    matrix.record("gpcn: 429 with Retry-After as an HTTP date (+2 s)",
                  "success, next request arrives >= %.1f s later" % least,
                  "%s, next request %.2f s later" % (buckets(result), gap or -1),
                  ok=verdict(result) == "success" and gap is not None and gap >= least)
    _assert_all_finished(result, ids)
    assert counters["status"]["429"] == 1
    assert gap is not None and gap >= least


def test_slow_answers_are_waited_for_not_retried(sim, run_playbook, matrix):
    ids = _seed(sim, "gcore")
    sim.fault(kind="slow", delay=0.5, count=3)
    result = wait_on(run_playbook, "gcore", ids, request_timeout=5)
    counters = sim.counters()
    matrix.record("gcore: three answers 0.5 s slow (request_timeout 5)", "success, no retry",
                  buckets(result), ok=verdict(result) == "success")
    _assert_all_finished(result, ids)
    # Every request until the fault ran out was slow, and none was given up and resent.
    assert counters["faults_fired"] == min(3, counters["total"])
    assert counters["status"].get("dropped", 0) == 0
    # Slow answers are still answers: every request the client made got a 200.
    assert counters["status"]["200"] == counters["total"]


def test_hung_answer_times_out_then_retries(sim, run_playbook, matrix):
    ids = _seed(sim, "gpcn")
    sim.fault(kind="hang", delay=3, count=1, match="POST /v1/resource/jobs")
    result = wait_on(run_playbook, "gpcn", ids, request_timeout=1)
    counters = sim.counters()
    matrix.record("gpcn: batch poll never answers (hang 3 s, request_timeout 1 s)",
                  "success after a read timeout and a retry", buckets(result),
                  ok=verdict(result) == "success")
    _assert_all_finished(result, ids)
    assert counters["faults_fired"] == 1
    assert counters["total"] <= 1 + 4


def test_bad_bodies_are_ridden_out(sim, run_playbook, matrix):
    for provider in ("gcore", "gpcn"):
        sim.reset(state=True, counters=True, faults=True)
        ids = _seed(sim, provider)
        sim.fault(faults=[{"kind": "malformed"}, {"kind": "html", "status": 200},
                          {"kind": "html", "status": 502}, {"kind": "empty"}])
        result = wait_on(run_playbook, provider, ids)
        counters = sim.counters()
        matrix.record("%s: truncated JSON, HTML 200, HTML 502, empty 200 in a row" % provider,
                      "success: 2 finished", buckets(result), ok=verdict(result) == "success")
        _assert_all_finished(result, ids)
        assert counters["faults_fired"] == 4
        assert counters["total"] <= 4 + 4
