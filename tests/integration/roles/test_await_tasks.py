# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The await_tasks role: batches of both providers, facts, failure message, resume."""

import os

from ..playbook_runner import load_result
from ..simctl import GCORE_KEY_A, GPCN_KEY_A

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")


def test_await_tasks_exports_facts_fails_clearly_and_resumes(sim, run_playbook):
    gcore_ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2,
                               task_type="create_volume", duration=[0.2, 0.4])
    gpcn_ids = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=3,
                              resource_type="vm", duration=[0.2, 0.6])
    error_id = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_vm",
                              duration=[0.1, 0.2], outcome="error", error="quota exceeded")[0]
    stuck_id = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_network",
                              outcome="stuck")[0]

    _rc, _out, _err, out_dir = run_playbook(
        os.path.join(PLAYBOOKS, "await_tasks.yml"),
        extra_vars={"gcore_ids": gcore_ids, "gpcn_ids": gpcn_ids,
                    "error_id": error_id, "stuck_id": stuck_id})

    both = load_result(out_dir, "both")
    # The empty GPCN batch is skipped; the other two each ran one task_wait.
    assert [r["provider"] for r in both["results"]] == ["gcore", "gpcn"]
    assert both["results"][0]["label"] == "volumes"
    assert sorted(both["results"][0]["finished_tasks"]) == sorted(gcore_ids)
    assert sorted(both["results"][1]["finished_tasks"]) == sorted(gpcn_ids)
    assert all("item" not in r and "invocation" not in r for r in both["results"])
    # Seeded tasks report one generated ID each: 2 Gcore volumes, 3 GPCN VMs, all merged.
    assert len(both["created"]["volumes"]) == 2
    assert len(both["created"]["vm"]) == 3
    assert sorted(both["ids"]) == sorted(both["created"]["volumes"] + both["created"]["vm"])
    assert both["pending"] == []

    failed = load_result(out_dir, "failed_wait")
    assert [t["id"] for t in failed["failed_tasks"]] == [error_id]
    assert "quota exceeded" in failed["msg"]
    assert stuck_id in failed["msg"] and "await_tasks_pending" in failed["msg"]
    assert failed["pending"] == [{"provider": "gcore", "task_ids": [stuck_id]}]

    resumed = load_result(out_dir, "resumed")
    assert resumed["pending"] == []
    assert resumed["results"][0]["finished_tasks"] == [stuck_id]
