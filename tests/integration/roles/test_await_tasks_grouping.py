# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The await_tasks role waits once per provider, whatever the number and kind of batches."""

import os

from ..playbook_runner import load_result
from ..simctl import GCORE_KEY_A, GPCN_KEY_A, JOBS_POLL

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")


def test_await_tasks_waits_once_per_provider_and_resumes_per_provider(sim, run_playbook):
    gcore_a = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2,
                             task_type="create_volume", duration=[0.2, 0.4])
    gcore_b = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1,
                             task_type="create_network", duration=[0.2, 0.3])
    gpcn_ids = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=3,
                              resource_type="vm", duration=[0.2, 0.5])
    error_id = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_vm",
                              duration=[0.1, 0.2], outcome="error", error="no capacity")[0]
    stuck_id = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_network",
                              outcome="stuck")[0]

    before = sim.counters()
    _rc, _out, _err, out_dir = run_playbook(
        os.path.join(PLAYBOOKS, "await_tasks_grouping.yml"),
        extra_vars={"gcore_a": gcore_a, "gcore_b": gcore_b, "gpcn_ids": gpcn_ids,
                    "failing_ids": [error_id, stuck_id]})

    grouped = load_result(out_dir, "grouped")
    # Five batches, two providers: two waits, in the order the providers first appear.
    assert [r["provider"] for r in grouped["results"]] == ["gcore", "gpcn"]
    gcore, gpcn = grouped["results"]
    assert gcore["label"] == "volumes, networks" and gpcn["label"] == "vm one"
    # The repeated ID is waited on once; the order is the batches' order.
    assert [t["id"] for t in gcore["tasks"]] == gcore_a + gcore_b
    assert gcore["finished_tasks"] == gcore_a + gcore_b
    # The write response and the ID batch of GPCN were one wait.
    assert [t["id"] for t in gpcn["tasks"]] == gpcn_ids
    assert sorted(gpcn["finished_tasks"]) == sorted(gpcn_ids)
    assert len(grouped["created"]["volumes"]) == 2 and len(grouped["created"]["networks"]) == 1
    assert len(grouped["created"]["vm"]) == 3
    assert grouped["pending"] == []
    assert all("item" not in r and "invocation" not in r for r in grouped["results"])

    failed = load_result(out_dir, "failed_wait")
    # Two Gcore batches, one wait: its label names both. Their projects disagreed, so only the
    # region they share is a hint, and only it is kept for the resume.
    assert [r["label"] for r in failed["results"]] == ["error, stuck"]
    assert [t["id"] for t in failed["failed_tasks"]] == [error_id]
    assert "no capacity" in failed["msg"] and stuck_id in failed["msg"]
    assert failed["pending"] == [{"provider": "gcore", "task_ids": [stuck_id], "region_id": 76,
                                  "label": "error, stuck"}]

    resumed = load_result(out_dir, "resumed")
    assert resumed["pending"] == []
    assert [r["finished_tasks"] for r in resumed["results"]] == [[stuck_id]]

    # Every request was a poll of one of the waits (the role sends nothing else).
    after = sim.counters()
    used = sim.api_requests(after) - sim.api_requests(before)
    waits = grouped["results"] + failed["results"] + resumed["results"]
    assert used == sum(r["api_requests"] for r in waits)
    assert sim.route(JOBS_POLL, after) - sim.route(JOBS_POLL, before) == gpcn["api_requests"]
