# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_info: by IDs on both providers (GPCN batched) and by Gcore filters with paging."""

import math
import uuid

from .playbook_runner import load_result
from .simctl import JOBS_POLL, GCORE_KEY_A, GCORE_KEY_B, GPCN_KEY_A, GPCN_KEY_B

GPCN_BATCH = 50
GCORE_PAGE = 1000


def test_task_info_by_ids_and_by_filters(sim, run_playbook):
    quick = [0.01, 0.05]  # real seconds: done long before ansible-playbook has started
    gcore_ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=3,
                               task_type="create_volume", duration=quick, outcome="finish")
    gcore_other = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_B, count=1,
                                 task_type="create_volume", duration=quick, outcome="finish")[0]
    gpcn_ids = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=120,
                              resource_type="volume", duration=quick, outcome="finish")
    gpcn_other = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_B, count=1,
                                resource_type="volume", duration=quick, outcome="finish")[0]
    paged_type = "create_snapshot"
    finished = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1100,
                              task_type=paged_type, duration=quick, outcome="finish")
    errored = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=5,
                             task_type=paged_type, duration=quick, outcome="error")
    # The other tenant's tasks of the same type must never be listed for tenant a.
    sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_B, count=4, task_type=paged_type,
                   duration=quick, outcome="error")
    unknown = str(uuid.uuid4())

    before = sim.counters()
    _rc, _out, _err, out_dir = run_playbook("task_info.yml", extra_vars={
        "gcore_ids": gcore_ids, "gcore_other_tenant_id": gcore_other,
        "gpcn_ids": gpcn_ids, "gpcn_other_tenant_id": gpcn_other, "unknown_id": unknown,
        "paged_type": paged_type, "paged_total": len(finished) + len(errored),
        "paged_errors": len(errored)})
    after = sim.counters()

    gcore_by_id = load_result(out_dir, "gcore_by_id")
    assert gcore_by_id["changed"] is False
    assert [t["id"] for t in gcore_by_id["tasks"]] == gcore_ids
    assert all(t["raw"]["id"] == t["id"] and t["status"] == "finished" for t in gcore_by_id["tasks"])
    assert sorted(gcore_by_id["missing"]) == sorted([gcore_other, unknown])

    gpcn_by_id = load_result(out_dir, "gpcn_by_id")
    assert gpcn_by_id["count"] == 120
    assert sorted(t["id"] for t in gpcn_by_id["tasks"]) == sorted(gpcn_ids)
    assert sorted(gpcn_by_id["missing"]) == sorted([gpcn_other, unknown])
    # One read of 122 IDs is ceil(122/50) = 3 batch requests, and nothing else went to GPCN.
    batches = math.ceil((len(gpcn_ids) + 2) / float(GPCN_BATCH))
    assert gpcn_by_id["api_requests"] == batches
    jobs_posts = sim.route(JOBS_POLL, after) - sim.route(JOBS_POLL, before)
    assert jobs_posts == batches

    paged = load_result(out_dir, "paged")
    assert paged["count"] == len(finished) + len(errored) == len(paged["tasks"])
    assert sorted(t["id"] for t in paged["tasks"]) == sorted(finished + errored)
    assert {t["type"] for t in paged["tasks"]} == {paged_type}
    # 1105 tasks need two pages of at most 1000.
    assert paged["api_requests"] == math.ceil(paged["count"] / float(GCORE_PAGE))

    errors_only = load_result(out_dir, "errors_only")
    assert sorted(t["id"] for t in errors_only["tasks"]) == sorted(errored)
    assert {t["status"] for t in errors_only["tasks"]} == {"failed"}
    assert all(t["error"] for t in errors_only["tasks"])

    capped = load_result(out_dir, "capped")
    assert capped["count"] == 7 and len(capped["tasks"]) == 7
    assert set(t["id"] for t in capped["tasks"]) <= set(finished)
    created = [t["created_at"] for t in capped["tasks"]]
    assert created == sorted(created), "order_by: asc must list the oldest first"

    # Every request the modules counted is one the simulator served, and vice versa.
    results = (gcore_by_id, gpcn_by_id, paged, errors_only, capped)
    assert sim.api_requests(after) - sim.api_requests(before) == sum(r["api_requests"] for r in results)
