# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The gcore_resource role with a load balancer against the simulator: create through the
task, read back, idempotent rerun, delete by the exported ID, delete again."""

import os

from ..playbook_runner import load_result
from .test_gcore_resource import PLAYBOOKS, gcore_env, gcore_resources

CREATE_LB = "POST /cloud/v1/loadbalancers/{project_id}/{region_id}"
DELETE_LB = "DELETE /cloud/v1/loadbalancers/{project_id}/{region_id}/{load_balancer_id}"
TASK_ROUTES = ("GET /cloud/v1/tasks/{task_id}", "GET /cloud/v1/tasks")


def test_gcore_resource_creates_reads_back_and_deletes_a_load_balancer(sim, run_playbook):
    _rc, _out, _err, out_dir = run_playbook(os.path.join(PLAYBOOKS, "gcore_loadbalancer.yml"),
                                            env=gcore_env(sim))
    snaps = load_result(out_dir, "snapshots")
    counters = sim.counters()

    created = snaps["created"]
    assert created["action"] == "created" and created["changed"] is True
    assert len(created["task_ids"]) == 1 and len(created["ids"]) == 1
    # The ID comes from the task's created_resources, the resource from a GET of that ID.
    assert created["created"]["loadbalancers"] == created["ids"]
    lb = created["resource"]
    assert lb["id"] == created["ids"][0] and lb["name"] == "it-role-lb"
    assert lb["provisioning_status"] == "ACTIVE" and lb["flavor"] == "lb1-1-2"
    assert created["readback"] == [lb]

    again = snaps["again"]
    assert again["action"] == "exists" and again["changed"] is False
    assert again["ids"] == created["ids"] and again["task_ids"] == []

    deleted = snaps["deleted"]
    assert deleted["action"] == "deleted" and deleted["changed"] is True
    assert deleted["ids"] == created["ids"] and len(deleted["task_ids"]) == 1
    assert deleted["task_ids"] != created["task_ids"]

    gone = snaps["gone"]
    assert gone["action"] == "absent" and gone["changed"] is False and gone["ids"] == []

    # One create and one delete call in the whole run; the tasks were polled, not guessed.
    assert sim.route(CREATE_LB, counters) == 1
    assert sim.route(DELETE_LB, counters) == 1
    assert sum(sim.route(route, counters) for route in TASK_ROUTES) >= 2
    assert gcore_resources(sim, "loadbalancer") == []
