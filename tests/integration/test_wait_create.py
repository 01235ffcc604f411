# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
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
    # Seconds the wait took, to the millisecond (it made at least one request, so never 0).
    assert isinstance(waited["elapsed"], float) and waited["elapsed"] > 0
    assert round(waited["elapsed"], 3) == waited["elapsed"]
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


# Writes in loops, then ONE task_wait per provider on the registered results (the list form of
# `response`). Kept next to its test because nothing else uses it.
LIST_FORM_PLAYBOOK = """
- name: Loop the writes, then one wait per provider on what they registered
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create three Gcore volumes in a loop
      asyncops.cloud.api_call:
        api_key: "{{ gcore_key }}"
        api_url: "{{ gcore_url }}"
        method: POST
        path: /cloud/v1/volumes/1/76
        body: {name: "list-volume-{{ item }}", size: 1, source: new-volume, type_name: standard}
        status_code: [200, 201]
      loop: [1, 2, 3]
      register: volume_writes

    - name: Create a Gcore network
      asyncops.cloud.api_call:
        api_key: "{{ gcore_key }}"
        api_url: "{{ gcore_url }}"
        method: POST
        path: /cloud/v1/networks/1/76
        body: {name: list-network, create_router: false}
        status_code: [200, 201]
      register: network_write

    - name: Create three GPCN VMs in a loop
      asyncops.cloud.api_call:
        provider: gpcn
        api_key: "{{ gpcn_key }}"
        api_url: "{{ gpcn_url }}"
        method: POST
        path: /resource/virtual-machines
        body: {name: "list-vm-{{ item }}", datacenterId: dc-it, imageId: 12, configurationId: 45}
        status_code: [202]
      loop: [1, 2, 3]
      register: vm_writes

    # The first volume write is handed over twice: the same task is one task to wait on.
    - name: One wait on every Gcore write (a looped result, a single one and a repeat)
      asyncops.cloud.task_wait:
        api_key: "{{ gcore_key }}"
        api_url: "{{ gcore_url }}"
        response: "{{ [volume_writes, network_write, volume_writes.results[0]] }}"
        poll_interval: 0.2
        timeout: 60
      register: gcore_waited

    - name: One wait on the registered GPCN loop
      asyncops.cloud.task_wait:
        provider: gpcn
        api_key: "{{ gpcn_key }}"
        api_url: "{{ gpcn_url }}"
        response: "{{ vm_writes }}"
        poll_interval: 0.2
        timeout: 60
      register: gpcn_waited

    - name: Dump the results for pytest
      ansible.builtin.copy:
        content: "{{ item.value | to_json }}"
        dest: "{{ out_dir }}/{{ item.key }}.json"
        mode: "0644"
      loop:
        - {key: gcore_waited, value: "{{ gcore_waited }}"}
        - {key: gpcn_waited, value: "{{ gpcn_waited }}"}
        - key: writes
          value:
            gcore: "{{ (volume_writes.results | map(attribute='json.tasks') | flatten) + network_write.json.tasks }}"
            gpcn: "{{ vm_writes.results | map(attribute='json.data') | flatten | map(attribute='id') | list }}"
      loop_control:
        label: "{{ item.key }}"
"""


def test_one_wait_per_provider_on_looped_writes(sim, run_playbook, tmp_path):
    playbook = tmp_path / "list_form.yml"
    playbook.write_text(LIST_FORM_PLAYBOOK)
    before = sim.counters()
    _rc, _out, _err, out_dir = run_playbook(str(playbook))
    after = sim.counters()
    gcore_waited = load_result(out_dir, "gcore_waited")
    gpcn_waited = load_result(out_dir, "gpcn_waited")
    writes = load_result(out_dir, "writes")

    assert len(writes["gcore"]) == 4 and len(writes["gpcn"]) == 3
    # One wait each: the IDs of every write, in write order, each once despite the repeat.
    check_common_wait_result(gcore_waited, writes["gcore"], "gcore")
    check_common_wait_result(gpcn_waited, writes["gpcn"], "gpcn")
    assert len(gcore_waited["created_resources"]["volumes"]) == 3
    assert len(gcore_waited["created_resources"]["networks"]) == 1
    assert sorted(len(ids) for ids in gpcn_waited["created_resources"].values()) == [3]

    # Every API request was a write or part of one of the two waits.
    used = sim.api_requests(after) - sim.api_requests(before)
    assert used == 4 + 3 + gcore_waited["api_requests"] + gpcn_waited["api_requests"]
    # GPCN: each polling round is one POST for all three jobs, never one request per job.
    polls = sim.route(JOBS_POLL, after) - sim.route(JOBS_POLL, before)
    assert polls == gpcn_waited["api_requests"]
