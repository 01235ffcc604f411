# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Credentials and URLs from environment variables, and group module_defaults."""

import pytest

from .playbook_runner import load_result
from .simctl import JOBS_POLL, GCORE_KEY_A, GCORE_KEY_B, GPCN_KEY_A

QUICK = [0.01, 0.05]  # real seconds: done before ansible-playbook has even started


def seed_one_each(sim):
    return {
        "task_a": sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1,
                                 task_type="create_volume", duration=QUICK, outcome="finish")[0],
        "task_b": sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_B, count=1,
                                 task_type="create_volume", duration=QUICK, outcome="finish")[0],
        "job_a": sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=1,
                                resource_type="volume", duration=QUICK, outcome="finish")[0],
    }


@pytest.mark.compat
def test_provider_env_vars_and_group_defaults(sim, run_playbook):
    ids = seed_one_each(sim)
    env = {
        "GCORE_API_KEY": GCORE_KEY_A,
        "GCORE_API_URL": sim.gcore_url,
        # A decoy: GCORE_API_KEY must win over the legacy name (tenant b would not see task_a).
        "CLOUD_API_KEY": GCORE_KEY_B,
        "GPCN_API_KEY": GPCN_KEY_A,
        "GPCN_API_URL": sim.gpcn_url,
    }
    _rc, _out, _err, out_dir = run_playbook("env_credentials.yml", extra_vars=ids, env=env)

    env_wait = load_result(out_dir, "env_wait")
    assert env_wait["finished_tasks"] == [ids["task_a"]]
    env_gpcn = load_result(out_dir, "env_gpcn")
    assert [t["id"] for t in env_gpcn["tasks"]] == [ids["job_a"]] and env_gpcn["missing"] == []

    defaults_info = load_result(out_dir, "defaults_info")
    assert [t["id"] for t in defaults_info["tasks"]] == [ids["task_b"]]
    assert defaults_info["missing"] == [ids["task_a"]]
    assert load_result(out_dir, "defaults_wait")["finished_tasks"] == [ids["task_b"]]
    ack = load_result(out_dir, "defaults_ack")
    assert ack["changed"] is False and [s["id"] for s in ack["skipped_tasks"]] == [ids["task_b"]]


def test_legacy_env_vars_and_no_cross_provider_key(sim, run_playbook):
    ids = seed_one_each(sim)
    env = {"CLOUD_API_KEY": GCORE_KEY_A, "GCORE_BASE_URL": sim.gcore_url}
    before = sim.route(JOBS_POLL)
    # -vvv shows module invocations: a key read from the environment must still be hidden.
    _rc, _out, _err, out_dir = run_playbook("env_legacy.yml", extra_vars=ids, env=env, verbosity=3)

    legacy = load_result(out_dir, "legacy_info")
    assert [t["id"] for t in legacy["tasks"]] == [ids["task_a"]] and legacy["missing"] == []
    refused = load_result(out_dir, "gpcn_without_key")
    assert refused["failed"] is True
    assert "api_key" in refused["msg"] and "GPCN_API_KEY" in refused["msg"]
    assert sim.route(JOBS_POLL) == before
