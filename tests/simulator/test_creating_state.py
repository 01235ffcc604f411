# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Resources are listed from the moment their create is accepted, in the spec's creating states."""
import time

import requests

SCOPE = "/1/76"


def _finish(sim_url, task_id):
    requests.post(sim_url + "/_sim/tasks/%s/finish" % task_id)


def _create(sim_url, headers, path, body):
    answer = requests.post(sim_url + path + SCOPE, headers=headers, json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["tasks"][0]


def test_gcore_resources_are_listed_while_created_then_ready(sim_url, gcore_a):
    requests.post(sim_url + "/_sim/config", json={"time_scale": 100})
    volume_task = _create(sim_url, gcore_a, "/cloud/v1/volumes", {"name": "v-1", "source": "new-volume", "size": 1})
    vm_task = _create(sim_url, gcore_a, "/cloud/v2/instances", {
        "name": "vm-1", "flavor": "f", "interfaces": [{"type": "external"}],
        "volumes": [{"source": "image", "size": 5, "boot_index": 0}]})
    lb_task = _create(sim_url, gcore_a, "/cloud/v1/loadbalancers", {"name": "lb-1"})
    k8s_task = _create(sim_url, gcore_a, "/cloud/v2/k8s/clusters",
                       {"name": "k-1", "keypair": "k", "pools": [], "version": "1.31"})

    volumes = requests.get(sim_url + "/cloud/v1/volumes" + SCOPE, headers=gcore_a).json()["results"]
    assert [(v["name"], v["status"], v["task_id"]) for v in volumes if v["name"] == "v-1"] == [
        ("v-1", "creating", volume_task)]
    vm = requests.get(sim_url + "/cloud/v1/instances" + SCOPE, headers=gcore_a, params={"name": "vm-1"}).json()
    assert [(r["status"], r["task_id"]) for r in vm["results"]] == [("BUILD", vm_task)]
    lb = requests.get(sim_url + "/cloud/v1/loadbalancers" + SCOPE, headers=gcore_a).json()["results"][0]
    assert lb["provisioning_status"] == "PENDING_CREATE"
    cluster = requests.get(sim_url + "/cloud/v2/k8s/clusters" + SCOPE + "/k-1", headers=gcore_a).json()
    assert cluster["status"] == "Provisioning"
    # Deleting something that is still being created is refused.
    assert requests.delete(sim_url + "/cloud/v1/loadbalancers" + SCOPE + "/" + lb["id"],
                           headers=gcore_a).status_code == 409

    for task_id in (volume_task, vm_task, lb_task, k8s_task):
        _finish(sim_url, task_id)
    volume = requests.get(sim_url + "/cloud/v1/volumes" + SCOPE, headers=gcore_a,
                          params={"name_part": "v-1"}).json()["results"][0]
    assert (volume["status"], volume["task_id"]) == ("available", None)
    vm = requests.get(sim_url + "/cloud/v1/instances" + SCOPE, headers=gcore_a, params={"name": "vm-1"}).json()
    assert vm["results"][0]["status"] == "ACTIVE"
    lb = requests.get(sim_url + "/cloud/v1/loadbalancers" + SCOPE + "/" + lb["id"], headers=gcore_a).json()
    assert (lb["provisioning_status"], lb["operating_status"]) == ("ACTIVE", "ONLINE")
    cluster = requests.get(sim_url + "/cloud/v2/k8s/clusters" + SCOPE + "/k-1", headers=gcore_a).json()
    assert cluster["status"] == "Provisioned"


def test_create_task_data_carries_the_request(sim_url, gcore_a):
    body = {"name": "v-data", "source": "new-volume", "size": 3}
    task_id = _create(sim_url, gcore_a, "/cloud/v1/volumes", body)
    running = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a,
                           params={"state": ["NEW", "RUNNING"], "task_type": "create_volume"}).json()
    assert [(t["id"], t["data"]) for t in running["results"]] == [(task_id, body)]


def test_subnet_and_instance_volume_policy(sim_url, gcore_a):
    requests.post(sim_url + "/_sim/config", json={"time_scale": 0.001})
    _create(sim_url, gcore_a, "/cloud/v1/networks", {"name": "net-1"})
    time.sleep(0.2)
    network = requests.get(sim_url + "/cloud/v1/networks" + SCOPE, headers=gcore_a).json()["results"][0]
    _create(sim_url, gcore_a, "/cloud/v1/subnets", {"name": "sub-1", "network_id": network["id"],
                                                    "cidr": "10.0.0.0/24"})
    missing = requests.post(sim_url + "/cloud/v1/subnets" + SCOPE, headers=gcore_a,
                            json={"name": "sub-2", "network_id": "nope", "cidr": "10.0.1.0/24"})
    assert missing.status_code == 404
    _create(sim_url, gcore_a, "/cloud/v2/instances", {
        "name": "vm-2", "flavor": "f", "interfaces": [{"type": "external"}],
        "volumes": [{"source": "image", "size": 5, "boot_index": 0}, {"source": "new-volume", "size": 1}]})
    time.sleep(0.2)
    subnets = requests.get(sim_url + "/cloud/v1/subnets" + SCOPE, headers=gcore_a).json()["results"]
    assert [(s["name"], s["network_id"], s["cidr"]) for s in subnets] == [("sub-1", network["id"], "10.0.0.0/24")]
    vm = requests.get(sim_url + "/cloud/v1/instances" + SCOPE, headers=gcore_a).json()["results"][0]
    boot, data = [v["id"] for v in vm["volumes"]]
    # Delete the instance with its boot volume; the data volume is detached and stays.
    answer = requests.delete(sim_url + "/cloud/v1/instances" + SCOPE + "/" + vm["id"], headers=gcore_a,
                             params={"volumes": boot})
    assert answer.status_code == 200
    time.sleep(0.2)
    volumes = requests.get(sim_url + "/cloud/v1/volumes" + SCOPE, headers=gcore_a).json()["results"]
    assert [(v["id"], v["status"], v["attachments"]) for v in volumes] == [(data, "available", [])]
    # A network takes its subnets with it.
    requests.delete(sim_url + "/cloud/v1/networks" + SCOPE + "/" + network["id"], headers=gcore_a)
    time.sleep(0.2)
    assert requests.get(sim_url + "/cloud/v1/subnets" + SCOPE, headers=gcore_a).json()["results"] == []


def test_gpcn_resource_is_listed_while_provisioning(sim_url, gpcn_a):
    requests.post(sim_url + "/_sim/config", json={"time_scale": 100})
    answer = requests.post(sim_url + "/v1/resource/volumes", headers=gpcn_a, json={"name": "g-1", "size": 1})
    job_id = answer.json()["data"][0]["id"]
    listed = requests.get(sim_url + "/v1/resource/volumes", headers=gpcn_a).json()["data"]
    assert [(r["name"], r["status"]) for r in listed] == [("g-1", "provisioning")]
    _finish(sim_url, job_id)
    listed = requests.get(sim_url + "/v1/resource/volumes", headers=gpcn_a).json()["data"]
    assert [(r["name"], r["status"]) for r in listed] == [("g-1", "active")]
