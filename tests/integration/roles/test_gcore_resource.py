# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The gcore_resource role against the simulator: create, idempotency by name, delete,
and a lost write answer that is reported, not resent."""

import os

from ..playbook_runner import load_result
from ..simctl import GCORE_KEY_A, GCORE_PROJECT_A, GCORE_REGION_A

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")
CREATE_VOLUME = "POST /cloud/v1/volumes/{project_id}/{region_id}"
CREATE_NETWORK = "POST /cloud/v1/networks/{project_id}/{region_id}"


def gcore_env(sim):
    """What the AWX credential type (plus project/region extra vars) would put in the environment."""
    return {"GCORE_API_KEY": GCORE_KEY_A, "GCORE_API_URL": sim.gcore_url,
            "GCORE_CLOUD_PROJECT_ID": str(GCORE_PROJECT_A), "GCORE_CLOUD_REGION_ID": str(GCORE_REGION_A)}


def gcore_resources(sim, kind):
    return [r for r in sim.resources("gcore")["resources"] if r["kind"] == kind]


def test_gcore_resource_creates_once_reads_back_and_deletes(sim, run_playbook):
    sim.config(time_scale=0.002)  # k8s clusters take minutes of simulated time
    _rc, out, _err, out_dir = run_playbook(os.path.join(PLAYBOOKS, "gcore_resource.yml"),
                                           env=gcore_env(sim))
    snaps = load_result(out_dir, "snapshots")

    created = snaps["volume_created"]
    assert created["action"] == "created" and created["changed"] is True
    assert len(created["task_ids"]) == 1 and len(created["ids"]) == 1
    assert created["resource"]["id"] == created["ids"][0]
    assert created["resource"]["name"] == "it-role-volume" and created["resource"]["size"] == 2

    again = snaps["volume_again"]
    assert again["action"] == "exists" and again["changed"] is False
    assert again["ids"] == created["ids"] and again["task_ids"] == []
    assert sim.route(CREATE_VOLUME) == 1  # one create call in the whole run

    instance = snaps["instance"]
    assert instance["action"] == "created"
    assert instance["resource"]["id"] == instance["ids"][0]
    # The instance's task also created its boot volume and a port; those are exported too.
    assert len(instance["created"]["volumes"]) == 1 and len(instance["created"]["ports"]) == 1

    k8s = snaps["k8s"]
    assert k8s["action"] == "created" and k8s["resource"]["name"] == "it-role-k8s"
    assert k8s["ids"] == [k8s["resource"]["id"]]

    deleted = snaps["volume_deleted"]
    assert deleted["action"] == "deleted" and deleted["changed"] is True
    assert deleted["ids"] == created["ids"] and len(deleted["task_ids"]) == 1
    gone = snaps["volume_gone"]
    assert gone["action"] == "absent" and gone["changed"] is False and gone["ids"] == []

    # What is left on the simulator: the instance (and its boot volume), no cluster, not our volume.
    assert [r["name"] for r in gcore_resources(sim, "instance")] == ["it-role-instance"]
    assert gcore_resources(sim, "k8s") == []
    assert "it-role-volume" not in [r["name"] for r in gcore_resources(sim, "volume")]
    assert "changed=" in out


def test_gcore_resource_never_resends_a_write_whose_answer_was_lost(sim, run_playbook):
    sim.fault(match=CREATE_NETWORK, kind="drop_after_processing")
    _rc, _out, _err, out_dir = run_playbook(os.path.join(PLAYBOOKS, "gcore_lost_write.yml"),
                                            env=gcore_env(sim))
    msg = load_result(out_dir, "failure")["msg"]
    assert "NOT resent" in msg and "do not rerun blindly" in msg
    assert "it-role-lost-network" in msg and "task_type=create_network" in msg
    # The cause comes from asyncops.cloud.api_call's outcome_unknown failure, the hint from the role.
    assert "Could not POST /cloud/v1/networks/%d/%d: the request may have been processed" % (
        GCORE_PROJECT_A, GCORE_REGION_A) in msg
    # Processed exactly once by the API, sent exactly once by the role.
    assert sim.route(CREATE_NETWORK) == 1
    assert [r["name"] for r in gcore_resources(sim, "network")] == ["it-role-lost-network"]
