# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""api_call through ansible-playbook against the simulator: writes, reads, statuses, faults."""

from .playbook_runner import load_result

NETWORKS = "/cloud/v1/networks/{project_id}/{region_id}"
CREATE_NETWORK = "POST " + NETWORKS
LIST_NETWORKS = "GET " + NETWORKS
CREATE_LB = "POST /cloud/v1/loadbalancers/{project_id}/{region_id}"


def test_api_call_writes_reads_and_faults(sim, run_playbook):
    # The network create is processed but its answer never arrives; the list read that
    # follows meets two 503s (Retry-After 0, so the retries cost no real time).
    sim.fault(match=CREATE_NETWORK, kind="drop_after_processing", count=1)
    sim.fault(match=LIST_NETWORKS, kind="status", status=503, retry_after=0, count=2)

    # ANSIBLE_DEBUG=1 prints every shipped module's raw arguments; api_call must not be one of
    # them (the harness fails the run if any key appears in stdout, stderr or the dumped results).
    _rc, out, err, out_dir = run_playbook("api_call.yml", env={"ANSIBLE_DEBUG": "1"})
    assert "done with _execute_module (ansible.legacy.copy" in out + err  # debug output was on
    assert "_execute_module (asyncops.cloud.api_call" not in out + err
    counters = sim.counters()

    def result(name):
        return load_result(out_dir, name)

    create = result("create")
    assert create["changed"] is True and create["sent"] is True
    assert create["status"] == 200 and create["method"] == "POST"
    assert create["api_requests"] == 1 and create["outcome_unknown"] is False
    created = result("created")
    assert created["finished_tasks"] == create["json"]["tasks"]
    volume_id = created["created_resources"]["volumes"][0]

    readback = result("readback")
    assert readback["changed"] is False and readback["status"] == 200
    assert readback["json"]["id"] == volume_id and readback["json"]["name"] == "api-call-volume"

    delete = result("delete")
    assert delete["changed"] is True and delete["status"] == 200
    assert result("deleted")["finished_tasks"] == delete["json"]["tasks"]
    gone = result("gone")
    assert gone.get("failed") is not True and gone["status"] == 404 and gone["changed"] is False

    gpcn_vm = result("gpcn_vm")
    assert gpcn_vm["status"] == 202 and gpcn_vm["changed"] is True
    assert gpcn_vm["json"]["data"][0]["id"]

    rejected = result("rejected")
    assert rejected["failed"] is True and rejected["status"] == 422 and rejected["changed"] is False
    assert rejected["msg"].startswith("Could not POST /cloud/v1/volumes/1/76: HTTP 422 ")
    assert rejected["error"]["api_message"] and rejected["error"]["api_message"] in rejected["msg"]
    assert rejected["json"] is not None

    dropped = result("dropped")
    assert dropped["failed"] is True and dropped["outcome_unknown"] is True
    assert dropped["status"] is None and dropped["api_requests"] == 1
    assert "it was NOT resent" in dropped["msg"]
    assert dropped["msg"].startswith("Could not POST /cloud/v1/networks/1/76: the request may have been processed")
    # Exactly one request reached the API and it created exactly one network: never resent.
    assert sim.route(CREATE_NETWORK, counters) == 1
    networks = [r for r in sim.resources("gcore")["resources"]
                if r["kind"] == "network" and r.get("name") == "api-call-dropped"]
    assert len(networks) == 1

    burst = result("burst")
    assert burst.get("failed") is not True and burst["status"] == 200
    assert burst["api_requests"] == 3 and sim.route(LIST_NETWORKS, counters) == 3

    check_write = result("check_write")
    assert check_write["changed"] is True and check_write["sent"] is False
    assert check_write["status"] is None and check_write["api_requests"] == 0
    assert sim.route(CREATE_LB, counters) == 0
    check_read = result("check_read")
    assert check_read["sent"] is True and check_read["status"] == 200 and "results" in check_read["json"]
