# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The gpcn_resource role against the simulator."""

import os

from ..playbook_runner import load_result
from ..simctl import GPCN_KEY_A

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")
CREATE_VM = "POST /v1/resource/virtual-machines"
CREATE_VOLUME = "POST /v1/resource/volumes"


def test_gpcn_resource_creates_once_deletes_and_never_resends(sim, run_playbook):
    sim.config(time_scale=0.005)
    sim.fault(match=CREATE_VOLUME, kind="drop_after_processing")
    _rc, _out, _err, out_dir = run_playbook(
        os.path.join(PLAYBOOKS, "gpcn_resource.yml"),
        env={"GPCN_API_KEY": GPCN_KEY_A, "GPCN_API_URL": sim.gpcn_url})
    snaps = load_result(out_dir, "snapshots")

    created = snaps["created"]
    assert created["action"] == "created" and created["changed"] is True
    assert len(created["job_ids"]) == 1 and len(created["ids"]) == 1
    assert created["resource"]["id"] == created["ids"][0]
    assert created["resource"]["name"] == "it-role-vm" and created["resource"]["imageId"] == 12

    again = snaps["again"]
    assert again["action"] == "exists" and again["changed"] is False and again["ids"] == created["ids"]
    assert sim.route(CREATE_VM) == 1

    deleted = snaps["deleted"]
    assert deleted["action"] == "deleted" and deleted["ids"] == created["ids"]
    assert len(deleted["job_ids"]) == 1 and deleted["job_ids"] != created["job_ids"]
    assert snaps["gone"]["action"] == "absent" and snaps["gone"]["changed"] is False

    msg = snaps["lost"]["msg"]
    assert "NOT resent" in msg and "do not rerun blindly" in msg and "it-role-lost-volume" in msg
    # The cause comes from asyncops.cloud.api_call's outcome_unknown failure, the hint from the role.
    assert "Could not POST /resource/volumes: the request may have been processed" in msg
    assert sim.route(CREATE_VOLUME) == 1
    names = [(r["kind"], r["name"]) for r in sim.resources("gpcn")["resources"]]
    assert ("vm", "it-role-vm") not in names
