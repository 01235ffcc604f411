# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Before the first answer: key files, the API URL from the environment, an unreachable API,
and a Retry-After that names a moment already past."""

import os

import pytest

from ..simctl import GCORE_KEY_A
from .helpers import arrivals, buckets, call, timed_wait_on, verdict
from .standalone_sim import free_port

# The documented bound on how long an API that was never reached is tried (task_wait docs).
UNREACHABLE_BOUND = 30
SLACK = 2.0
QUICK = [0.3, 0.6]


def _key_file_env(path):
    return {"GCORE_API_KEY_FILE": path}


def _fifo(tmp_path):
    path = str(tmp_path / "key.fifo")
    os.mkfifo(path)
    return path


def _bad_utf8(tmp_path):
    path = tmp_path / "key.bin"
    path.write_bytes(b"sim-gcore-\xff\xfe-key\n")
    return str(path)


def _too_big(tmp_path):
    path = tmp_path / "key.big"
    path.write_text("k" * 100000)
    return str(path)


@pytest.mark.parametrize("label, make, expected", [
    ("/dev/zero", lambda tmp_path: "/dev/zero", "not a regular file"),
    ("a FIFO nobody writes to", _fifo, "not a regular file"),
    ("a directory", lambda tmp_path: str(tmp_path), "not a regular file"),
    ("a file of invalid UTF-8", _bad_utf8, "not UTF-8 text"),
    ("a 100 kB file", _too_big, "larger than"),
], ids=["dev-zero", "fifo", "directory", "invalid-utf8", "too-big"])
def test_key_file_must_be_a_small_regular_text_file(sim, run_playbook, matrix, tmp_path, label, make, expected):
    path = make(tmp_path)
    # Only the file names a key: the option and the key variables are unset.
    run = call(run_playbook, "task_info", api_key=None, task_ids=["d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999"],
               env=_key_file_env(path))
    result = run.result
    msg = result.get("msg", "")
    matrix.record("GCORE_API_KEY_FILE names %s" % label,
                  "fails at once: '%s', GCORE_API_KEY_FILE named, no request" % expected,
                  "failed=%s, says so: %s, %d request(s)" % (result.get("failed"), expected in msg,
                                                             sim.counters()["total"]),
                  ok=result.get("failed") is True and expected in msg and sim.counters()["total"] == 0)
    assert result["failed"] is True
    assert expected in msg and "GCORE_API_KEY_FILE" in msg, msg
    assert "codec" not in msg and "Traceback" not in run.stdout
    assert sim.counters()["total"] == 0


def test_empty_api_url_variable_is_refused(sim, run_playbook, matrix):
    run = call(run_playbook, "task_info", api_url=None, task_ids=["d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999"],
               env={"GCORE_API_URL": ""})
    result = run.result
    matrix.record("GCORE_API_URL= (set but empty)", "refused naming GCORE_API_URL, nothing sent",
                  "failed=%s, names it: %s" % (result.get("failed"), "GCORE_API_URL" in result.get("msg", "")),
                  ok=result.get("failed") is True and "GCORE_API_URL" in result.get("msg", ""))
    assert result["failed"] is True and "GCORE_API_URL" in result["msg"] and "empty" in result["msg"]
    assert result["error"]["type"] == "OptionError"


def test_unreachable_api_fails_fast_naming_the_cause(sim, run_playbook, matrix):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1, task_type="create_volume", duration=QUICK)
    dead = "http://127.0.0.1:%d" % free_port()
    # No timeout: the default deadline (30 minutes for unknown types) must not be what ends it.
    run = timed_wait_on(run_playbook, "gcore", ids, timeout=None, interval=None, api_url=dead)
    result = run.result
    ok = (result.get("failed") is True and result.get("timed_out") is False
          and "could not be reached" in result.get("msg", "")
          and result.get("elapsed", 1e9) <= UNREACHABLE_BOUND + SLACK)
    matrix.record("gcore wait: nothing listens on api_url, no timeout given",
                  "failed within %d s: 'could not be reached' and the cause, not timed out" % UNREACHABLE_BOUND,
                  "%s, elapsed %.1f s: %s" % (buckets(result), result.get("elapsed", -1), result.get("msg", "")[:120]),
                  ok=ok)
    assert result["failed"] is True and result["timed_out"] is False
    assert "could not be reached" in result["msg"] and "refused" in result["msg"].lower()
    assert result["elapsed"] <= UNREACHABLE_BOUND + SLACK
    assert result["pending"] == ids
    assert result["error"]["type"] == "ApiUnreachableError"


def test_retry_after_in_the_past_means_the_normal_backoff(sim, run_playbook, matrix):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2, task_type="create_volume", duration=QUICK)
    sim.fault(kind="status", status=429, retry_after=-30, retry_after_http_date=True, count=3)
    result = timed_wait_on(run_playbook, "gcore", ids, timeout=30, interval=0.3).result
    counters = sim.counters()
    seen = arrivals(sim, 429)
    spread = seen[-1] - seen[0] if len(seen) == 3 else -1
    # The client's normal backoff (factor 0.5): an immediate retry, then at least 1 s before the third.
    matrix.record("gcore: three 429 whose Retry-After date is 30 s in the past",
                  "success; the three 429s spread by the normal backoff (>= 1 s), not a burst",
                  "%s, 429s spread over %.2f s" % (buckets(result), spread),
                  ok=verdict(result) == "success" and spread >= 1.0)
    assert verdict(result) == "success", result.get("msg")
    assert counters["status"]["429"] == 3
    assert spread >= 1.0
