# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The API restarted mid-wait, and a write whose answer is lost.

The simulator keeps no state across a restart, so the honest expectation after one is: the
wait rides out "connection refused" until the server is back, then reports the tasks the new
server does not know as lost (failed) - never as a success.
"""

import sys
import time

import pytest

from ..playbook_runner import PlaybookRunner
from ..simctl import GCORE_KEY_A, GCORE_PROJECT_A, GCORE_REGION_A
from .helpers import MidWait, buckets, failed_ids, verdict, wait_on
from .standalone_sim import StandaloneSim, free_port

OUTAGE = 2.0  # real seconds the API is gone


def test_simulator_restarted_mid_wait(collections_path, tmp_path, matrix):
    port = free_port()
    first = StandaloneSim(port, str(tmp_path / "sim.log")).start()
    second = StandaloneSim(port, str(tmp_path / "sim.log"))
    try:
        control = first.control()
        ids = control.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2,
                                 task_type="create_volume", duration=[60, 60])

        def restart():
            first.stop()
            time.sleep(OUTAGE)
            second.start()

        restarter = MidWait(control, lambda c: c["total"] >= 2, restart).start()
        runner = PlaybookRunner(control, collections_path, str(tmp_path))
        result = wait_on(runner, "gcore", ids, timeout=40, interval=0.3)
        assert restarter.join(), "the simulator was never restarted"
        after = second.control().counters()
    finally:
        first.stop()
        second.stop()

    matrix.record("gcore: API killed mid-wait, back on the same port %.0f s later (state lost)" % OUTAGE,
                  "failed: both tasks lost, not success, not timed out", buckets(result),
                  ok=verdict(result) == "failed" and sorted(failed_ids(result)) == sorted(ids))
    assert verdict(result) == "failed"
    assert sorted(failed_ids(result)) == sorted(ids)
    assert result["finished_tasks"] == [] and result["pending"] == []
    # It was the restarted server that answered 404: the wait got through the outage.
    assert after["status"].get("404", 0) >= 2
    assert result["timed_out"] is False


@pytest.fixture
def http_client_class(collections_path):
    # The collection's own HttpClient, imported from the tree ansible-playbook also uses.
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors, _http
    return _http.HttpClient, _errors.WriteOutcomeUnknownError


def test_lost_create_answer_is_never_resent(sim, http_client_class, matrix):
    """No role exists yet to drive this through a playbook; this proves the core it would use."""
    client_class, outcome_unknown = http_client_class
    sim.fault(kind="drop_after_processing", count=1)
    client = client_class(sim.gcore_url, "Authorization", "APIKey " + GCORE_KEY_A, max_retries=5,
                          sleep=lambda seconds: None)
    path = "/cloud/v1/volumes/%d/%d" % (GCORE_PROJECT_A, GCORE_REGION_A)
    with pytest.raises(outcome_unknown) as caught:
        client.post(path, json={"name": "fm-once", "size": 1, "source": "new-volume"})
    counters = sim.counters()
    created = []
    for _attempt in range(30):  # the simulated create task needs a moment to produce it
        created = [r for r in sim.resources("gcore")["resources"] if r["name"] == "fm-once"]
        if created:
            break
        time.sleep(0.1)
    message = str(caught.value)
    matrix.record("gcore create: connection dropped after the server processed it",
                  "fails 'outcome unknown', sent once, 1 resource",
                  "sent %d time(s), %d resource(s)" % (counters["total"], len(created)),
                  ok=counters["total"] == 1 and len(created) == 1)
    assert counters["total"] == 1 and client.request_count == 1
    assert counters["status"].get("dropped") == 1
    assert "not resent" in message and "check the resource" in message
    assert GCORE_KEY_A not in message and GCORE_KEY_A not in repr(caught.value.to_dict())
    # The server did process the one create: exactly one resource, not zero, not two.
    assert len(created) == 1
