# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""playbooks/ack_failed_tasks.yml and playbooks/resume_wait.yml against the simulator."""

import json
import os

from ..simctl import GCORE_KEY_A, GPCN_KEY_A

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def env_for(sim):
    return {"GCORE_API_KEY": GCORE_KEY_A, "GCORE_API_URL": sim.gcore_url, "GCORE_CLOUD_PROJECT_ID": "1",
            "GCORE_CLOUD_REGION_ID": "76", "GPCN_API_KEY": GPCN_KEY_A, "GPCN_API_URL": sim.gpcn_url}


def test_ack_failed_tasks_acknowledges_only_the_failed_ones(sim, run_playbook):
    failed = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2, task_type="create_vm",
                            duration=[0.01, 0.02], outcome="error")
    fine = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_vm", duration=[0.01, 0.02])
    _rc, out, _err, _dir = run_playbook(os.path.join(REPO_ROOT, "playbooks", "ack_failed_tasks.yml"),
                                        env=env_for(sim))
    assert all(task_id in out for task_id in failed) and fine[0] not in out
    assert sim.route("POST /cloud/v1/tasks/{task_id}/acknowledge") == 2
    # A second run finds nothing left to acknowledge.
    run_playbook(os.path.join(REPO_ROOT, "playbooks", "ack_failed_tasks.yml"), env=env_for(sim))
    assert sim.route("POST /cloud/v1/tasks/{task_id}/acknowledge") == 2


def test_resume_wait_resumes_only_recorded_ids_including_those_that_ended_meanwhile(sim, run_playbook, tmp_path):
    # Ours: one still running, one that finished between the runs, one the first run saw end.
    ours = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2, task_type="create_volume",
                          duration=[3.0, 4.0])
    ended_meanwhile = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_volume",
                                     duration=[0.01, 0.02])
    seen_ending = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_volume",
                                 duration=[0.01, 0.02])
    # Another pipeline's task in the same project: running, never ours.
    stranger = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, task_type="create_volume", outcome="stuck")
    jobs = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=2, resource_type="vm", duration=[2.0, 3.0])
    state = tmp_path / "state.json"
    # What an earlier run's stats record (the same task seen pending twice, then one seen ending).
    state.write_text(json.dumps({
        "asyncops_gcore_pending": ours + ended_meanwhile + seen_ending + ours,
        "asyncops_gcore_finished": seen_ending, "asyncops_gcore_failed": [],
        "asyncops_gpcn_pending": jobs}))
    _rc, out, _err, _dir = run_playbook(
        os.path.join(REPO_ROOT, "playbooks", "resume_wait.yml"), env=env_for(sim),
        extra_vars={"resume_state_file": str(state), "resume_poll_interval": 0.2}, verbosity=1)
    assert "5 finished" in out, out[-3000:]
    # At -v every wait's result is shown: the stranger and the task seen ending are in none.
    assert stranger[0] not in out and seen_ending[0] not in out
    assert all(task_id in out for task_id in ours + ended_meanwhile + jobs)
    assert sim.route("POST /v1/resource/jobs") >= 1
