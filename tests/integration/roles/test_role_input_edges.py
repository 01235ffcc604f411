# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The roles' input checks are not stricter than the rules they document: the longest names the
rules allow and http:// to localhost reach the simulator and create the resources."""

import os

from ..playbook_runner import load_result
from ..simctl import GCORE_KEY_A, GCORE_PROJECT_A, GCORE_REGION_A, GPCN_KEY_A
from .test_gcore_resource import PLAYBOOKS

CREATE_GCORE_VOLUME = "POST /cloud/v1/volumes/{project_id}/{region_id}"
CREATE_GPCN_VOLUME = "POST /v1/resource/volumes"


def test_names_at_the_length_limits_and_http_localhost_are_accepted(sim, run_playbook):
    env = {"GCORE_API_KEY": GCORE_KEY_A, "GCORE_CLOUD_PROJECT_ID": str(GCORE_PROJECT_A),
           "GCORE_CLOUD_REGION_ID": str(GCORE_REGION_A), "GPCN_API_KEY": GPCN_KEY_A,
           "GPCN_API_URL": sim.gpcn_url}
    _rc, _out, _err, out_dir = run_playbook(os.path.join(PLAYBOOKS, "role_input_edges.yml"), env=env)
    snaps = load_result(out_dir, "snapshots")

    gcore = snaps["gcore"]
    assert len(gcore["wanted"]) == 63  # the spec's longest name
    assert gcore["action"] == "created" and gcore["name"] == gcore["wanted"]
    gpcn = snaps["gpcn"]
    assert len(gpcn["wanted"]) == 255
    assert gpcn["action"] == "created" and gpcn["name"] == gpcn["wanted"]
    assert sim.route(CREATE_GCORE_VOLUME) == 1 and sim.route(CREATE_GPCN_VOLUME) == 1
