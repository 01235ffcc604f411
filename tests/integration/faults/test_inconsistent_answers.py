# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Well-formed answers that contradict themselves must never become a verdict.

An answer about another task, a task listed twice with different states, a verdict field of
the wrong type, a state nobody documented: each is malformed (retried, then a clear error),
or, for an unknown state, waited on and named. Upper-case IDs are the same tasks as their
canonical lower-case form, and results keep the user's spelling.
"""

from ..simctl import GCORE_KEY_A, GPCN_KEY_A
from .helpers import buckets, call, timed_wait_on, verdict, wait_on

QUICK = [0.3, 0.6]
STUCK = [600, 600]
ONE = "GET /cloud/v1/tasks/{task_id}"
LIST = "GET /cloud/v1/tasks"
JOBS = "POST /v1/resource/jobs"


def _gcore(sim, count, duration=QUICK):
    return sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=count, task_type="create_volume",
                          duration=duration)


def _gpcn(sim, count, duration=QUICK):
    return sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=count, resource_type="volume",
                          duration=duration)


def _malformed_then_clear_error(result, expected_text):
    return (result.get("failed") is True and result.get("timed_out") is False
            and expected_text in result.get("msg", "") and result.get("finished_tasks") == [])


def test_answer_about_another_task_is_never_a_verdict(sim, run_playbook, matrix):
    first, second = _gcore(sim, 2)
    sim.fault(kind="record", task_id=first, answer_as=second, match=ONE, count=1000)
    result = wait_on(run_playbook, "gcore", [first, second], timeout=30, interval=0.3)
    observed = "%s; msg names both IDs: %s" % (buckets(result), first in result["msg"] and second in result["msg"])
    matrix.record("gcore: GET for task A always answered with B's body",
                  "failed: malformed (asked for A, answer is B), A never finished", observed,
                  ok=first not in result.get("finished_tasks", []) and result.get("failed") is True)
    assert result["failed"] is True and result["error"]["type"] == "InconsistentAnswerError"
    assert first not in result["finished_tasks"]
    assert first in result["msg"] and second in result["msg"]


def test_one_answer_about_another_task_is_ridden_out(sim, run_playbook, matrix):
    first, second = _gcore(sim, 2)
    sim.fault(kind="record", task_id=first, answer_as=second, match=ONE, count=1)
    result = wait_on(run_playbook, "gcore", [first, second], timeout=30, interval=0.3)
    matrix.record("gcore: one GET for task A answered with B's body", "success: each task its own resources",
                  buckets(result), ok=verdict(result) == "success")
    assert verdict(result) == "success", result.get("msg")
    by_id = dict((task["id"], task) for task in result["tasks"])
    assert by_id[first]["created_resources"] != by_id[second]["created_resources"]


def test_gpcn_job_listed_twice_with_different_states(sim, run_playbook, matrix):
    job = _gpcn(sim, 1, duration=STUCK)[0]
    sim.fault(kind="duplicate", task_id=job, set={"status": "completed", "progress": 100}, match=JOBS, count=1000)
    result = wait_on(run_playbook, "gpcn", [job], timeout=30, interval=0.3)
    matrix.record("gpcn: a job twice in every batch answer, pending and completed",
                  "failed: malformed (contradicting copies), never finished", buckets(result),
                  ok=_malformed_then_clear_error(result, "twice"))
    assert _malformed_then_clear_error(result, "twice"), result.get("msg")
    assert result["error"]["type"] == "InconsistentAnswerError"


def test_stale_duplicate_first_in_one_list_answer_is_ridden_out(sim, run_playbook, matrix):
    ids = _gcore(sim, 3)
    # One list answer shows the first task twice, a stale RUNNING copy before the real one.
    sim.fault(kind="duplicate", task_id=ids[0], set={"state": "RUNNING"}, position="before", match=LIST,
              count=1, after=1)
    result = wait_on(run_playbook, "gcore", ids, timeout=30, interval=0.3)
    matrix.record("gcore: one list answer holds a task twice (stale copy first)", "success: 3 finished",
                  buckets(result), ok=verdict(result) == "success")
    assert verdict(result) == "success", result.get("msg")
    assert result["finished_tasks"] == ids


def test_string_where_a_boolean_decides_the_verdict(sim, run_playbook, matrix):
    sim.config(gpcn_job_shape="terraform")
    job = _gpcn(sim, 1, duration=STUCK)[0]
    sim.fault(kind="record", task_id=job, set={"hasFailed": "true"}, match=JOBS, count=1000)
    result = wait_on(run_playbook, "gpcn", [job], timeout=30, interval=0.3)
    matrix.record('gpcn (terraform shape): hasFailed is the string "true"',
                  "failed: malformed naming hasFailed, never finished", buckets(result),
                  ok=_malformed_then_clear_error(result, "hasFailed"))
    assert _malformed_then_clear_error(result, "hasFailed"), result.get("msg")


def test_created_resources_that_is_not_an_object(sim, run_playbook, matrix):
    task = _gcore(sim, 1)[0]
    sim.fault(kind="record", task_id=task, set={"state": "FINISHED", "created_resources": "vol-1"},
              match=ONE, count=1000)
    result = wait_on(run_playbook, "gcore", [task], timeout=30, interval=0.3)
    matrix.record('gcore: FINISHED with created_resources "vol-1" (a string)',
                  "failed: malformed naming created_resources", buckets(result),
                  ok=_malformed_then_clear_error(result, "created_resources"))
    assert _malformed_then_clear_error(result, "created_resources"), result.get("msg")


def test_unknown_states_are_named_in_progress_and_result(sim, run_playbook, matrix):
    gcore_task = _gcore(sim, 1, duration=STUCK)[0]
    sim.fault(kind="record", task_id=gcore_task, set={"state": "succeeded"}, match=ONE, count=1000)
    run = timed_wait_on(run_playbook, "gcore", [gcore_task], timeout=3, interval=0.5, verbosity=1)
    result = run.result
    named = "'succeeded'" in result["msg"] and "unknown" in result["msg"]
    in_progress = any("succeeded" in line and "unknown" in line for line in run.stdout.splitlines()
                      if "asyncops.cloud.task_wait:" in line)
    matrix.record('gcore: state "succeeded" (not a Gcore state)',
                  "waited on, named in the progress line and the failure message",
                  "%s; in msg: %s; in progress: %s" % (buckets(result), named, in_progress),
                  ok=named and in_progress and result["pending"] == [gcore_task])
    assert result["failed"] is True and result["pending"] == [gcore_task]
    assert named, result["msg"]
    assert in_progress, run.stdout[-3000:]
    assert result["tasks"][0]["status"] == "unknown"


def test_numeric_gpcn_status_is_named(sim, run_playbook, matrix):
    job = _gpcn(sim, 1, duration=STUCK)[0]
    sim.fault(kind="record", task_id=job, set={"status": 3}, match=JOBS, count=1000)
    result = wait_on(run_playbook, "gpcn", [job], timeout=3, interval=0.5)
    matrix.record("gpcn: status 3 (a number)", "waited on, named in the failure message", buckets(result),
                  ok="unknown" in result.get("msg", "") and result.get("pending") == [job])
    assert result["pending"] == [job] and "unknown" in result["msg"] and "3" in result["msg"]


def test_upper_case_gpcn_job_ids(sim, run_playbook, matrix):
    jobs = _gpcn(sim, 2)
    asked = [job.upper() for job in jobs]
    result = wait_on(run_playbook, "gpcn", asked, timeout=30, interval=0.3)
    counters = sim.counters()
    matrix.record("gpcn: job IDs given in upper case", "success, results in the user's spelling",
                  "%s, %d requests" % (buckets(result), counters["total"]),
                  ok=verdict(result) == "success" and result.get("finished_tasks") == asked)
    assert verdict(result) == "success", result.get("msg")
    assert result["finished_tasks"] == asked
    assert [task["id"] for task in result["tasks"]] == asked


def test_upper_case_gcore_task_ids_are_swept(sim, run_playbook, matrix):
    # One duration for all four: every round has them all pending, so every round is a sweep (a
    # round left with fewer than three pending reads them one by one, which is not what this checks).
    ids = _gcore(sim, 4, duration=[1.5, 1.5])
    asked = [task.upper() for task in ids]
    result = wait_on(run_playbook, "gcore", asked, timeout=30, interval=0.3)
    counters = sim.counters()
    singles = sim.route(ONE, counters)
    matrix.record("gcore: 4 task IDs given in upper case", "success from list sweeps, no single GETs",
                  "%s, %d requests, %d single GETs" % (buckets(result), counters["total"], singles),
                  ok=verdict(result) == "success" and singles == 0)
    assert verdict(result) == "success", result.get("msg")
    assert result["finished_tasks"] == asked
    assert singles == 0
    info = call(run_playbook, "task_info", task_ids=asked).result
    assert sorted(task["id"] for task in info["tasks"]) == sorted(asked) and info["missing"] == []
