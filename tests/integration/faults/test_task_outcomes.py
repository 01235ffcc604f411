# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tasks that end badly during one wait: each must land in its own bucket, never in 'finished'.

One wait per provider holds four tasks: one that finishes, one that vanishes (Gcore: 404
mid-wait; GPCN: missing from the batch answer), one that flips to error after partial
progress, and one stuck past the deadline.
"""

from ..simctl import GCORE_KEY_A, GPCN_KEY_A
from .helpers import MidWait, buckets, failed_ids, verdict, wait_on

ERROR_TEXT = "fault-matrix: quota exceeded after partial progress"


def _check_buckets(result, quick, gone, broken, stuck):
    assert verdict(result) == "failed"
    assert result["finished_tasks"] == [quick]
    assert sorted(failed_ids(result)) == sorted([gone, broken])
    assert result["pending"] == [stuck] and result["timed_out"] is True
    # The stuck one is named so an operator knows what to resume.
    assert stuck in result["msg"]
    by_id = dict((task["id"], task) for task in result["tasks"])
    assert by_id[broken]["error"] == ERROR_TEXT
    return by_id


def test_gcore_vanished_errored_and_stuck_tasks(sim, run_playbook, matrix):
    seed = dict(provider="gcore", api_key=GCORE_KEY_A, count=1, task_type="create_volume")
    quick = sim.seed_tasks(duration=[0.2, 0.4], outcome="finish", **seed)[0]
    gone = sim.seed_tasks(outcome="stuck", **seed)[0]
    broken = sim.seed_tasks(duration=[0.5, 0.8], outcome="error", error=ERROR_TEXT,
                            error_after_progress=40, **seed)[0]
    stuck = sim.seed_tasks(outcome="stuck", **seed)[0]
    # The task disappears once the wait has seen it at least once.
    vanish = MidWait(sim, lambda c: c["total"] >= 2, lambda: sim.vanish(gone)).start()
    result = wait_on(run_playbook, "gcore", [quick, gone, broken, stuck], timeout=4)
    assert vanish.join(), "the task was never vanished"
    counters = sim.counters()

    by_id = _check_buckets(result, quick, gone, broken, stuck)
    assert "not found" in by_id[gone]["error"].lower() or "404" in by_id[gone]["error"]
    # An ERROR task created nothing: the API says null and the record keeps it that way.
    assert by_id[broken]["state"] == "ERROR" and by_id[broken]["created_resources"] is None
    assert list(result["created_resources"]) == ["volumes"]
    # 4 s at 0.2 s is about 20 rounds of a few requests; a storm would be far more.
    assert counters["total"] <= 4 / 0.2 * 3 + 10
    observed = buckets(result)
    matrix.record("gcore: task 404 mid-wait", "failed, task in failed_tasks (lost)", observed,
                  ok=gone in failed_ids(result))
    matrix.record("gcore: ERROR after partial progress", "failed, error text, created_resources null",
                  "error=%r, created_resources=%r" % (by_id[broken]["error"], by_id[broken]["created_resources"]),
                  ok=by_id[broken]["created_resources"] is None)
    matrix.record("gcore: task stuck RUNNING past timeout 4 s", "failed, id in pending, timed_out",
                  "pending=%d timed_out=%s" % (len(result["pending"]), result["timed_out"]),
                  ok=result["pending"] == [stuck])


def test_gpcn_missing_errored_and_stuck_jobs(sim, run_playbook, matrix):
    seed = dict(provider="gpcn", api_key=GPCN_KEY_A, count=1, resource_type="volume")
    quick = sim.seed_tasks(duration=[0.2, 0.4], outcome="finish", **seed)[0]
    gone = sim.seed_tasks(outcome="stuck", **seed)[0]
    blip = sim.seed_tasks(duration=[0.2, 0.4], outcome="finish", **seed)[0]
    broken = sim.seed_tasks(duration=[0.5, 0.8], outcome="error", error=ERROR_TEXT,
                            error_after_progress=40, **seed)[0]
    stuck = sim.seed_tasks(outcome="stuck", **seed)[0]
    # `gone` is missing from every batch answer; `blip` from one only (it must still finish).
    sim.fault(faults=[{"kind": "omit_job", "job_id": gone, "count": 1000},
                      {"kind": "omit_job", "job_id": blip, "count": 1}])
    result = wait_on(run_playbook, "gpcn", [quick, gone, blip, broken, stuck], timeout=4)

    assert blip in result["finished_tasks"]
    result_without_blip = dict(result, finished_tasks=[i for i in result["finished_tasks"] if i != blip])
    by_id = _check_buckets(result_without_blip, quick, gone, broken, stuck)
    assert "not visible" in by_id[gone]["error"]
    assert by_id[broken]["state"] == "failed" and by_id[broken]["progress"] == 40
    matrix.record("gpcn: job missing from every batch answer", "failed, job lost (not visible)",
                  buckets(result), ok=gone in failed_ids(result))
    matrix.record("gpcn: job missing from one batch answer", "that job still finishes",
                  "finished" if blip in result["finished_tasks"] else "not finished",
                  ok=blip in result["finished_tasks"])
    matrix.record("gpcn: failed at 40 % progress", "failed with the API error text",
                  "error=%r progress=%r" % (by_id[broken]["error"], by_id[broken]["progress"]),
                  ok=by_id[broken]["error"] == ERROR_TEXT)
    matrix.record("gpcn: job stuck past timeout 4 s", "failed, id in pending",
                  "pending=%d timed_out=%s" % (len(result["pending"]), result["timed_out"]),
                  ok=result["pending"] == [stuck])
