# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Gcore key that may read tasks one by one but not list them.

With three or more IDs a round sweeps `GET /cloud/v1/tasks`. When that endpoint is refused
(403 for a key without list permission, 404/422 from a gateway, or a 5xx that persists
through the client's retries) the call falls back to `GET /cloud/v1/tasks/{id}` and keeps
doing so for the rest of the call: the list is asked once, never again.
"""

import pytest

from ..simctl import GCORE_KEY_A
from .helpers import buckets, call, timed_wait_on, verdict

QUICK = [0.3, 0.6]
LIST = "GET /cloud/v1/tasks"
ONE = "GET /cloud/v1/tasks/{task_id}"


def _seed(sim, count=3):
    return sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=count, task_type="create_volume",
                          duration=QUICK)


@pytest.mark.parametrize("status", [403, 404, 422])
def test_wait_falls_back_to_single_reads(sim, run_playbook, matrix, status):
    ids = _seed(sim)
    sim.fault(kind="status", status=status, match=LIST, count=1000)
    result = timed_wait_on(run_playbook, "gcore", ids, timeout=30, interval=0.3).result
    counters = sim.counters()
    lists, singles = sim.route(LIST, counters), sim.route(ONE, counters)
    matrix.record("gcore wait on 3 IDs: list endpoint answers %d" % status,
                  "success: 3 finished, list asked once, then single GETs",
                  "%s, list asked %d time(s), %d single GETs" % (buckets(result), lists, singles),
                  ok=verdict(result) == "success" and lists == 1)
    assert verdict(result) == "success", result.get("msg")
    assert result["finished_tasks"] == ids
    assert lists == 1 and singles >= 3
    assert result["api_requests"] == counters["total"]


def test_persisting_server_error_on_the_list_falls_back_too(sim, run_playbook, matrix):
    ids = _seed(sim)
    sim.fault(kind="status", status=500, match=LIST, count=1000)
    result = timed_wait_on(run_playbook, "gcore", ids, timeout=60, interval=0.3).result
    counters = sim.counters()
    lists, singles = sim.route(LIST, counters), sim.route(ONE, counters)
    matrix.record("gcore wait on 3 IDs: list endpoint answers 500 every time",
                  "success: 3 finished, the list given up after one request's retries",
                  "%s, list asked %d time(s), %d single GETs" % (buckets(result), lists, singles),
                  ok=verdict(result) == "success" and singles >= 3)
    assert verdict(result) == "success", result.get("msg")
    # One list request with the client's own retries (1 + 5 attempts), then never again.
    assert 1 <= lists <= 6 and singles >= 3
    assert result["api_requests"] == counters["total"]


@pytest.mark.parametrize("module", ["task_info", "task_ack"])
def test_info_and_ack_fall_back_to_single_reads(sim, run_playbook, matrix, module):
    ids = _seed(sim)
    sim.fault(kind="status", status=403, match=LIST, count=1000)
    result = call(run_playbook, module, task_ids=ids).result
    counters = sim.counters()
    lists = sim.route(LIST, counters)
    matrix.record("%s on 3 IDs: list endpoint answers 403" % module, "success, list asked once",
                  "failed=%s, list asked %d time(s)" % (result.get("failed", False), lists),
                  ok=not result.get("failed") and lists == 1)
    assert not result.get("failed"), result.get("msg")
    if module == "task_info":
        assert sorted(task["id"] for task in result["tasks"]) == sorted(ids)
    assert lists == 1


def test_refused_single_reads_too_is_fatal(sim, run_playbook, matrix):
    ids = _seed(sim)
    sim.fault(faults=[{"kind": "status", "status": 403, "match": LIST, "count": 1000},
                      {"kind": "status", "status": 403, "match": ONE, "count": 1000}])
    result = timed_wait_on(run_playbook, "gcore", ids, timeout=30, interval=0.3).result
    counters = sim.counters()
    matrix.record("gcore wait on 3 IDs: list and single reads answer 403",
                  "failed at once: authentication, not timed out",
                  "%s, type %s" % (buckets(result), result.get("error", {}).get("type")),
                  ok=result.get("failed") is True and result.get("timed_out") is False)
    assert result["failed"] is True and result["timed_out"] is False
    assert result["error"]["type"] == "AuthenticationError"
    assert sim.route(LIST, counters) == 1 and sim.route(ONE, counters) == 1
