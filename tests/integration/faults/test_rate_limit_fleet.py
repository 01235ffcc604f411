# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""20 hosts waiting at once under a per-key rate limit: all succeed, and 429s stay bounded.

Each host polls alone here (coordination off), so the limit really bites and the client's
own Retry-After handling is what is tested; tests/integration/fleet/ covers shared polling."""

import os

from ..playbook_runner import load_result
from ..simctl import GCORE_KEY_A
from .helpers import HERE, verdict

HOSTS = 20
# The simulator answers 429 with "Retry-After: n" (n >= 1): a client that honours it cannot
# be refused more than once per second per host, plus the first refusal.
MIN_RETRY_AFTER = 1.0


def test_twenty_forks_under_a_rate_limit(sim, run_playbook, matrix):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=HOSTS,
                         task_type="create_volume", duration=[1.0, 2.0])
    sim.config(rate_limit={"requests_per_second": 5, "burst": 5})
    try:
        _rc, _out, _err, out_dir = run_playbook(
            os.path.join(HERE, "playbooks", "fleet_wait.yml"), extra_vars={"fleet_ids": ids},
            env={"ANSIBLE_FORKS": str(HOSTS), "ASYNCOPS_COORDINATE": "false"})
        counters = sim.counters()
    finally:
        sim.reset(config=True, counters=False, faults=False)
    results = [load_result(out_dir, "fleet-%02d" % index) for index in range(HOSTS)]

    failures = [r.get("msg") for r in results if verdict(r) != "success"]
    refused = int(counters["status"].get("429", 0))
    bound = sum(r["elapsed"] / MIN_RETRY_AFTER + 1 for r in results)
    observed = "%d succeeded, %d x 429 (bound %d), %d requests" % (
        HOSTS - len(failures), refused, bound, counters["total"])
    matrix.record("gcore: 20 forks, rate limit 5 req/s per key", "all 20 succeed, 429s bounded",
                  observed, ok=not failures and refused <= bound)
    assert failures == []
    assert sorted(r["finished_tasks"][0] for r in results) == sorted(ids)
    # The limit really bit (else this test proves nothing) ...
    assert refused > 0
    # ... and nobody hammered: each host's 429s fit in its own elapsed time at 1 per second.
    assert refused <= bound
    assert sum(r["api_requests"] for r in results) == counters["total"]
