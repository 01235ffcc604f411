# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad inputs fail with a message naming the option, and never send a single request."""

import uuid

from .playbook_runner import load_result

GOOD_ID = str(uuid.uuid4())
HUGE_ID = "x" * 10240

# result name -> (words the message must contain, or a tuple of alternatives)
EXPECTED = {
    "empty_ids": ["task_ids"],
    "duplicate_ids": ["task_ids", GOOD_ID],
    "not_uuid": ["task_ids", "not-a-task-id"],
    "with_slash": ["task_ids", "acknowledge_all"],
    "dot_dot": ["task_ids", ".."],
    "encoded_slash": ["task_ids", "%2F"],
    "with_spaces": ["task_ids"],
    "huge": ["task_ids", "xxxxxxxx"],
    "timeout_zero": ["timeout"],
    "timeout_negative": ["timeout", "-5"],
    "poll_zero": ["poll_interval"],
    "unknown_provider": ["provider", "aws"],
    "missing_key": ["api_key", "GCORE_API_KEY"],
    "missing_gpcn_key": ["api_key", "GPCN_API_KEY"],
    "url_credentials": ["api_url"],
    "http_remote": ["api_url", "192.0.2.1"],
    "ids_and_response": ["task_ids", "response"],
    "neither": ["task_ids", "response"],
    "gpcn_filter": ["state", ("gpcn", "GPCN")],
    "bad_timestamp": ["from_timestamp", "yesterday"],
    "bad_fact_name": ["fact_name", "1-bad-name"],
    "request_timeout_zero": ["request_timeout"],
    "ack_ids_and_all": [("all", "task_ids")],
}


def message_problems(name, result):
    """Why this result is not a clean validation failure naming the option (empty if it is)."""
    if result.get("failed") is not True:
        return ["%s: did not fail: %r" % (name, result)]
    msg = result.get("msg", "")
    problems = []
    for word in EXPECTED[name]:
        alternatives = word if isinstance(word, tuple) else (word,)
        if not any(alt in msg for alt in alternatives):
            problems.append("%s: %r not in %r" % (name, word, msg[:300]))
    # Validation failures are not API failures: no HTTP status, nothing was sent.
    if (result.get("error") or {}).get("status"):
        problems.append("%s: carries an HTTP status %r" % (name, result["error"]))
    return problems


def test_bad_inputs_fail_in_validation_before_any_request(sim, run_playbook):
    # One playbook holds every case, so this is one ansible-playbook run, not twenty.
    before = sim.counters()
    _rc, stdout, _err, out_dir = run_playbook(
        "bad_inputs.yml", extra_vars={"good_id": GOOD_ID, "huge_id": HUGE_ID})
    after = sim.counters()
    results = dict((name, load_result(out_dir, name)) for name in EXPECTED)

    problems = []
    for name in sorted(EXPECTED):
        problems.extend(message_problems(name, results[name]))
    assert problems == []

    assert sim.api_requests(after) - sim.api_requests(before) == 0
    assert sim.api_requests(after) == 0

    # A 10 kB value is cut short in the message, not echoed whole.
    assert len(results["huge"]["msg"]) < 1000 and "x" * 100 not in results["huge"]["msg"]
    # The password in a refused URL is never repeated, neither in a result nor in the output.
    assert all("hunter2-secret" not in r["msg"] for r in results.values())
    assert "hunter2-secret" not in stdout
