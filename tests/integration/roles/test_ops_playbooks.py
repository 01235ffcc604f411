# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""playbooks/ack_failed_tasks.yml and playbooks/resume_wait.yml against the simulator."""

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


def test_resume_wait_finds_running_tasks_and_recorded_jobs(sim, run_playbook):
    sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2, task_type="create_volume",
                   duration=[4.0, 5.0])
    jobs = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=2, resource_type="vm", duration=[4.0, 5.0])
    _rc, out, _err, _dir = run_playbook(
        os.path.join(REPO_ROOT, "playbooks", "resume_wait.yml"), env=env_for(sim),
        extra_vars={"resume_gpcn_job_ids": jobs, "resume_poll_interval": 0.2})
    assert "4 finished" in out, out[-3000:]
    assert sim.route("POST /v1/resource/jobs") >= 1
