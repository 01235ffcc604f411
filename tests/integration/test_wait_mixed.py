# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One task_wait over Gcore and GPCN answers; no-op answers are success with nothing to wait on."""

from .playbook_runner import load_result
from .simctl import GPCN_KEY_A


def test_one_wait_over_both_providers_with_no_op_answers(run_playbook, sim):
    _rc, _out, _err, out_dir = run_playbook("wait_mixed.yml", env={"GPCN_API_KEY": GPCN_KEY_A,
                                                                   "GPCN_API_URL": sim.gpcn_url})
    r = load_result(out_dir, "wait_mixed")
    mixed = r["mixed"]
    assert mixed["failed"] is False
    assert sorted(mixed["providers"]) == ["gcore", "gpcn"]
    assert mixed["providers"]["gcore"]["finished_tasks"] == [r["gcore_task"]]
    assert len(mixed["providers"]["gpcn"]["finished_tasks"]) == 1
    assert len(mixed["finished_tasks"]) == 2 and mixed["pending"] == []
    assert sorted(mixed["created_resources"]) == ["volume", "volumes"]
    # Every poll the waits made is in the simulator's counters: one or more per provider.
    assert sim.route("GET /cloud/v1/tasks/{task_id}") >= 1 and sim.route("POST /v1/resource/jobs") >= 1
    for noop in (r["noop_gcore"], r["noop_gpcn"]):
        assert noop["failed"] is False and noop["nothing_to_wait_on"] is True
        assert noop["tasks"] == [] and noop["api_requests"] == 0
    assert list(r["noop_gpcn"]["providers"]) == ["gpcn"]
