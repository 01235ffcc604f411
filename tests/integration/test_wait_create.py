# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Create several resources on each provider, then wait on all their tasks with one task_wait."""

import json

import pytest

from .playbook_runner import load_result
from .simctl import JOBS_POLL

# Keys the contract says task_wait must never return (they clash with Ansible's own keys).
FORBIDDEN_RESULT_KEYS = ("finished", "skipped", "results", "invocation")


def flat_ids(created_resources):
    return [rid for ids in created_resources.values() for rid in ids]


def check_common_wait_result(waited, write_ids, provider):
    assert [k for k in FORBIDDEN_RESULT_KEYS if k in waited] == []
    assert waited["changed"] is False
    assert waited["provider"] == provider
    assert waited["timed_out"] is False
    assert waited["pending"] == []
    assert waited["failed_tasks"] == []
    assert sorted(waited["finished_tasks"]) == sorted(write_ids)
    # Records come back in input order, each terminal and successful.
    assert [t["id"] for t in waited["tasks"]] == write_ids
    assert {t["status"] for t in waited["tasks"]} == {"finished"}
    assert all(t["provider"] == provider for t in waited["tasks"])
    # Only non-empty types are merged, and resource_ids is exactly their flat union.
    assert all(ids for ids in waited["created_resources"].values())
    assert waited["resource_ids"] == flat_ids(waited["created_resources"])
    assert len(set(waited["resource_ids"])) == len(waited["resource_ids"])
    assert isinstance(waited["elapsed"], float) and waited["elapsed"] >= 0
    assert waited["api_requests"] >= 1


@pytest.mark.smoke
@pytest.mark.compat
def test_gcore_writes_then_one_wait(sim, run_playbook):
    before = sim.api_requests()
    _rc, _out, _err, out_dir = run_playbook("gcore_create_wait.yml")
    waited = load_result(out_dir, "waited")
    by_response = load_result(out_dir, "waited_by_response")
    fact = load_result(out_dir, "fact")
    write_ids = load_result(out_dir, "writes")["task_ids"]
    read_back = load_result(out_dir, "read_back")

    assert len(write_ids) == 4
    check_common_wait_result(waited, write_ids, "gcore")
    assert set(waited["created_resources"]) >= {"volumes", "instances", "networks"}
    # Each finished record carries the API's own created_resources; the merge covers them all.
    per_task = [rid for t in waited["tasks"] for ids in (t["created_resources"] or {}).values() for rid in ids]
    assert sorted(per_task) == sorted(waited["resource_ids"])

    # The host fact mirrors the result, with a status per task.
    assert fact["created_resources"] == waited["created_resources"]
    assert fact["resource_ids"] == waited["resource_ids"]
    assert fact["tasks"] == dict((tid, "finished") for tid in write_ids)

    # Resolving the same write from the whole registered uri result gives the same instance.
    assert len(by_response["finished_tasks"]) == 1 and by_response["finished_tasks"][0] in write_ids
    assert by_response["created_resources"]["instances"] == waited["created_resources"]["instances"]

    # The created resources really exist: read back through the API and seen by the simulator.
    created = waited["created_resources"]
    volume_task_volumes = [v for t in waited["tasks"] if t["type"] == "create_volume"
                           for v in t["created_resources"]["volumes"]]
    assert len(volume_task_volumes) == 2
    assert sorted(r["id"] for r in read_back) == sorted(
        volume_task_volumes + created["instances"] + created["networks"])
    # Any other reported volume is the instance's own, listed in the instance read back.
    instance = [r for r in read_back if r["id"] == created["instances"][0]][0]
    boot_volumes = set(created["volumes"]) - set(volume_task_volumes)
    assert boot_volumes <= set(v["id"] for v in instance.get("volumes", []))
    known = json.dumps(sim.resources("gcore"))
    assert all(r["id"] in known for r in read_back)

    # The client's request count is what the server saw: 4 writes + both waits + the reads.
    used = sim.api_requests() - before
    assert used == 4 + waited["api_requests"] + by_response["api_requests"] + len(read_back)


@pytest.mark.smoke
@pytest.mark.compat
def test_gpcn_writes_then_one_wait(sim, run_playbook):
    before = sim.api_requests()
    _rc, _out, _err, out_dir = run_playbook("gpcn_create_wait.yml")
    waited = load_result(out_dir, "waited")
    by_response = load_result(out_dir, "waited_by_response")
    fact = load_result(out_dir, "fact")
    write_ids = load_result(out_dir, "writes")["job_ids"]

    assert len(write_ids) == 4
    check_common_wait_result(waited, write_ids, "gpcn")
    # GPCN records map resourceType -> [resourceId]: 2 VMs, 1 volume, 1 network.
    assert sorted(len(ids) for ids in waited["created_resources"].values()) == [1, 1, 2]
    assert all(t["progress"] == 100 for t in waited["tasks"])
    assert fact["created_resources"] == waited["created_resources"]
    assert fact["tasks"] == dict((jid, "finished") for jid in write_ids)
    assert len(by_response["finished_tasks"]) == 1 and by_response["finished_tasks"][0] in write_ids
    assert by_response["resource_ids"][0] in waited["resource_ids"]

    known = json.dumps(sim.resources("gpcn"))
    assert all(rid in known for rid in waited["resource_ids"])
    # GPCN polls in batches: a round for 4 jobs is a single POST /v1/resource/jobs.
    polls = sim.route(JOBS_POLL)
    assert polls == waited["api_requests"] + by_response["api_requests"]
    assert sim.api_requests() - before == 4 + polls


def test_gpcn_terraform_response_shape(sim, run_playbook):
    sim.config(gpcn_job_shape="terraform")
    _rc, _out, _err, out_dir = run_playbook("gpcn_terraform_shape.yml")
    write = load_result(out_dir, "write")
    waited = load_result(out_dir, "waited")

    job_id = write["data"]["jobId"]
    assert waited["finished_tasks"] == [job_id]
    assert waited["tasks"][0]["status"] == "finished"
    assert len(waited["resource_ids"]) == 1
    assert waited["resource_ids"][0] in json.dumps(sim.resources("gpcn"))
