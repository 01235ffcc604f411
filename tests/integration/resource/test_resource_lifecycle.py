# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""asyncops.cloud.resource, every type: create, second run, check mode, diff, drift, delete, delete again."""

import os

import pytest
import requests

from ..playbook_runner import load_result
from ..simctl import GCORE_KEY_A

HERE = os.path.dirname(os.path.abspath(__file__))
LIFECYCLE = os.path.join(HERE, "playbooks", "lifecycle.yml")
INSTANCE_BODY = {"flavor": "g1-standard-1-2", "interfaces": [{"type": "external"}],
                 "volumes": [{"source": "image", "image_id": "img-1", "size": 5, "boot_index": 0}]}

CASES = {
    # id: (provider, type, name, body, drift)
    "gcore-volume": ("gcore", "volume", "it-volume", {"source": "new-volume", "size": 2}, {"size": 5}),
    "gcore-instance": ("gcore", "instance", "it-instance", INSTANCE_BODY, {"flavor": "g1-standard-2-4"}),
    "gcore-network": ("gcore", "network", "it-network", {"type": "vxlan"}, {"type": "vlan"}),
    "gcore-subnet": ("gcore", "subnet", "it-subnet", {"cidr": "10.0.0.0/24"}, {"cidr": "10.0.9.0/24"}),
    "gcore-loadbalancer": ("gcore", "loadbalancer", "it-lb", {"flavor": "lb1-1-2"}, {"flavor": "lb1-2-4"}),
    "gcore-k8s_cluster": ("gcore", "k8s_cluster", "it-k8s",
                          {"keypair": "kp", "version": "1.31", "pools": [{"name": "p1", "flavor_id": "f"}]},
                          {"version": "1.32"}),
    "gpcn-vm": ("gpcn", "vm", "it-vm", {"datacenterId": "dc-1", "imageId": 12, "configurationId": 45},
                {"configurationId": 46}),
    "gpcn-volume": ("gpcn", "volume", "it-gpcn-volume", {"datacenterId": "dc-1", "size": 10}, {"size": 20}),
    "gpcn-network": ("gpcn", "network", "it-gpcn-network", {"datacenterId": "dc-1", "cidr": "10.1.0.0/24"},
                     {"cidr": "10.1.9.0/24"}),
}
WRITE_METHODS = ("POST ", "DELETE ", "PUT ", "PATCH ")


def _writes(counters):
    return dict((route, n) for route, n in counters["routes"].items()
                if route.startswith(WRITE_METHODS) and "/jobs" not in route)


def _network_for_subnet(sim):
    """A finished Gcore network to put the subnet in, made straight through the API."""
    headers = {"Authorization": "APIKey " + GCORE_KEY_A}
    task_id = requests.post(sim.gcore_url + "/cloud/v1/networks/1/76", headers=headers,
                            json={"name": "it-subnet-net"}).json()["tasks"][0]
    sim.finish(task_id)
    return requests.get(sim.gcore_url + "/cloud/v1/tasks/" + task_id, headers=headers).json()[
        "created_resources"]["networks"][0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_resource_lifecycle(run_playbook, sim, case):
    provider, type_name, name, body, drift = CASES[case]
    if type_name == "k8s_cluster":
        sim.config(time_scale=0.004)  # clusters take 5 to 15 simulated minutes
    if type_name == "subnet":
        body = dict(body, network_id=_network_for_subnet(sim))
        sim.reset(counters=True)
    _rc, stdout, _err, out_dir = run_playbook(LIFECYCLE, extra_vars={
        "provider": provider, "type": type_name, "name": name, "body": body, "drift": drift})
    r = load_result(out_dir, "lifecycle")

    created, again = r["created"], r["again"]
    assert (created["changed"], created["action"]) == (True, "created")
    assert created["id"] and created["resource"]["name"] == name
    assert (again["changed"], again["action"]) == (False, "exists")
    for fact in ("id", "ids", "resource", "created_resources", "name", "type", "provider"):
        assert again[fact] == created[fact], fact

    checked = r["checked"]
    assert (checked["changed"], checked["action"], checked["id"], checked["resource"]) == (True, "created", None, None)
    assert checked["submitted"]["task_ids"] == [] and checked["diff"]["after"]["name"] == name + "x"
    assert r["checked_wait"]["failed"] is False and r["checked_wait"]["nothing_to_wait_on"] is True
    assert _writes(r["after_check"]) == _writes(r["before_check"]), "check mode sent a write"

    drifted = r["drifted"]
    assert drifted["changed"] is False and drifted["action"] == "exists"
    (field, wanted), = drift.items()
    assert drifted["drift"][field]["wanted"] == wanted
    assert drifted["diff"]["after"] == {field: wanted}
    assert any("differs from what was asked" in w and name in w for w in drifted["warnings"])
    assert "differs from what was asked" in stdout + _err

    assert (r["delete_checked"]["changed"], r["delete_checked"]["task_ids"]) == (True, [])
    assert (r["deleted"]["changed"], r["deleted"]["action"], r["deleted"]["id"]) == (True, "deleted", created["id"])
    assert (r["deleted_again"]["changed"], r["deleted_again"]["action"]) == (False, "absent")

    counters = sim.counters()
    creates = [n for route, n in _writes(counters).items() if route.startswith("POST")]
    deletes = [n for route, n in _writes(counters).items() if route.startswith("DELETE")]
    assert sum(creates) == 1 and sum(deletes) == 1
    assert [res for res in sim.resources(provider)["resources"] if res["name"] == name] == []
