# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fleets of 10 and 30 hosts at full forks share their polling: a handful of requests in all.

Request counts come from the simulator's counters. The bound: waits that poll alone cost at
least one request per host per round; shared rounds cost one sweep each, and these tasks end
within two rounds of 5 s, so a few sweeps answer the whole fleet.
"""

import pytest

from ..simctl import GCORE_KEY_A
from .helpers import RuntimeDir, fleet_hosts, run_fleet

SHARED_ROUNDS_BOUND = 10


def _seed(sim, count):
    return sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=count, task_type="create_volume",
                          duration=[1.0, 3.0])


def _check_each_host_got_its_own(results, hosts):
    for host in hosts:
        result = results[host["name"]]
        assert not result.get("failed"), result.get("msg")
        assert result["finished_tasks"] == host["ids"]
        assert result["pending"] == [] and result["failed_tasks"] == []


@pytest.mark.parametrize("size", [10, 30])
def test_fleet_each_host_on_its_own_task(sim, run_playbook, size):
    ids = _seed(sim, size)
    hosts = fleet_hosts([[task_id] for task_id in ids])
    with RuntimeDir() as runtime:
        results, _out = run_fleet(run_playbook, hosts, runtime)
        counters = sim.counters()
        assert runtime.cleaned_up(), runtime.leftovers()
    _check_each_host_got_its_own(results, hosts)
    assert counters["total"] <= SHARED_ROUNDS_BOUND, counters["routes"]
    # Each round is charged to one wait: the waits' own counts add up to what the server saw.
    assert sum(result["api_requests"] for result in results.values()) == counters["total"]


@pytest.mark.parametrize("size", [10, 30])
def test_fleet_every_host_on_the_same_tasks(sim, run_playbook, size):
    ids = _seed(sim, size)
    hosts = fleet_hosts([list(ids) for _host in range(size)])
    with RuntimeDir() as runtime:
        results, _out = run_fleet(run_playbook, hosts, runtime)
        counters = sim.counters()
    _check_each_host_got_its_own(results, hosts)
    assert counters["total"] <= SHARED_ROUNDS_BOUND, counters["routes"]
    assert sum(result["api_requests"] for result in results.values()) == counters["total"]


def test_fleet_without_coordination_polls_per_host(sim, run_playbook):
    """The same fleet with coordination off: every host polls alone (the figure the bound beats)."""
    size = 10
    ids = _seed(sim, size)
    hosts = fleet_hosts([[task_id] for task_id in ids])
    with RuntimeDir() as runtime:
        results, _out = run_fleet(run_playbook, hosts, runtime, env={"ASYNCOPS_COORDINATE": "false"})
        counters = sim.counters()
        assert runtime.cleaned_up(), runtime.leftovers()
    _check_each_host_got_its_own(results, hosts)
    assert counters["total"] >= size
    assert sum(result["api_requests"] for result in results.values()) == counters["total"]


def test_free_strategy_and_a_later_play_share_one_coordinator(sim, run_playbook, tmp_path):
    size = 10
    ids = _seed(sim, size)
    hosts = fleet_hosts([[task_id] for task_id in ids])
    trace = str(tmp_path / "rounds.txt")
    with RuntimeDir() as runtime:
        results, _out = run_fleet(run_playbook, hosts, runtime, again=True,
                                  env={"ANSIBLE_STRATEGY": "free", "ASYNCOPS_COORDINATOR_TRACE": trace})
        counters = sim.counters()
        assert runtime.cleaned_up(), runtime.leftovers()
    _check_each_host_got_its_own(results, hosts)
    again = [results[host["name"] + "-again"] for host in hosts]
    assert [result["finished_tasks"] for result in again] == [host["ids"] for host in hosts]
    # The later play's waits are answered from the final records the first play's rounds saw.
    assert sum(result["api_requests"] for result in again) == 0
    assert counters["total"] <= SHARED_ROUNDS_BOUND
    with open(trace) as handle:
        assert len(set(line.split()[0] for line in handle)) == 1
