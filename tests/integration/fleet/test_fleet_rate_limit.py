# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""30 hosts under the server's per-key rate limit: shared rounds stay far below it, and with
each host polling alone a rate budget matching the limit keeps the 429s to a handful."""

from ..simctl import GCORE_KEY_A
from .helpers import RuntimeDir, fleet_hosts, run_fleet

HOSTS = 30
SERVER_LIMIT = {"requests_per_second": 5, "burst": 5}
MOST_REFUSALS = 5


def test_thirty_hosts_coordinated_under_a_rate_limit(sim, run_playbook, tmp_path):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=HOSTS, task_type="create_volume",
                         duration=[1.0, 3.0])
    sim.config(rate_limit=SERVER_LIMIT)
    try:
        with RuntimeDir() as runtime:
            results, _out = run_fleet(run_playbook, fleet_hosts([[task_id] for task_id in ids]), runtime,
                                      env={"ASYNCOPS_COORDINATOR_TRACE": str(tmp_path / "rounds.txt")})
        counters = sim.counters()
    finally:
        sim.reset(config=True, counters=False, faults=False)
    failures = [result.get("msg") for result in results.values() if result.get("failed")]
    assert failures == []
    assert int(counters["status"].get("429", 0)) <= MOST_REFUSALS
    with open(str(tmp_path / "rounds.txt")) as handle:
        rounds = handle.read()
    assert sum(result["api_requests"] for result in results.values()) == counters["total"], (
        rounds, [result["api_requests"] for result in results.values()], counters)


def test_thirty_hosts_polling_alone_within_a_shared_rate_budget(sim, run_playbook):
    """Coordination off, so 30 hosts poll on their own, every second: six times what the
    server allows. GCORE_API_RATE_LIMIT (what an AWX credential or job sets) makes every fork
    draw from one budget matching the server's limit."""
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=HOSTS, task_type="create_volume",
                         duration=[3.0, 5.0])
    sim.config(rate_limit=SERVER_LIMIT)
    try:
        with RuntimeDir() as runtime:
            results, _out = run_fleet(run_playbook, fleet_hosts([[task_id] for task_id in ids]), runtime,
                                      poll_interval=1,
                                      env={"ASYNCOPS_COORDINATE": "false", "GCORE_API_RATE_LIMIT": "5"})
            budget_files = [path for path in runtime.leftovers() if path.endswith(".budget")]
        counters = sim.counters()
    finally:
        sim.reset(config=True, counters=False, faults=False)
    failures = [result.get("msg") for result in results.values() if result.get("failed")]
    assert failures == []
    assert budget_files  # the forks really shared a budget file
    # The hosts asked for far more than the limit allows at once ...
    assert counters["total"] > SERVER_LIMIT["burst"] * 2, counters
    # ... yet were paced to it, so the server refused at most a handful.
    assert int(counters["status"].get("429", 0)) <= MOST_REFUSALS, counters
    assert sum(result["api_requests"] for result in results.values()) == counters["total"], counters
