# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GPCN jobs as the GPCN asynchronous-operations document describes them, plus the terraform-provider shape switch."""
import time

import requests

from .helpers import GPCN_KEY_B, seed

JOBS = "/v1/resource/jobs"


def _poll(url, headers, ids):
    answer = requests.post(url + JOBS, json={"jobIds": ids}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_seed_example_flow(sim_url, gpcn_a):
    created = requests.post(sim_url + "/v1/resource/virtual-machines", headers=gpcn_a,
                            json={"name": "web-server", "datacenterId": "dc-uuid", "imageId": 12,
                                  "configurationId": 45})
    assert created.status_code == 202
    job_id = created.json()["data"][0]["id"]
    progress = []
    statuses = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        job = _poll(sim_url, gpcn_a, [job_id])["data"]["jobs"][0]
        progress.append(job["progress"])
        statuses.append(job["status"])
        if job["status"] in ("completed", "failed"):
            break
        assert job["resourceId"] is None and job["completedAt"] is None
        time.sleep(0.05)
    assert statuses[-1] == "completed"
    assert progress == sorted(progress) and progress[0] < 100 and progress[-1] == 100
    assert "in_progress" in statuses
    assert job["resourceType"] == "vm" and job["resourceId"] and job["completedAt"]
    vm = requests.get(sim_url + "/v1/resource/virtual-machines/" + job["resourceId"],
                      headers=gpcn_a).json()["data"]
    assert vm["name"] == "web-server"
    # delete: 202 job whose resourceId stays null, and the VM is gone afterwards
    deleted = requests.delete(sim_url + "/v1/resource/virtual-machines/" + vm["id"], headers=gpcn_a)
    assert deleted.status_code == 202
    requests.post(sim_url + "/_sim/tasks/%s/finish" % deleted.json()["data"][0]["id"])
    done = _poll(sim_url, gpcn_a, [deleted.json()["data"][0]["id"]])["data"]["jobs"][0]
    assert done["status"] == "completed" and done["resourceId"] is None
    assert requests.get(sim_url + "/v1/resource/virtual-machines/" + vm["id"],
                        headers=gpcn_a).status_code == 404


def test_failed_job_stops_partway_with_error(sim_url, gpcn_a):
    created = requests.post(sim_url + "/v1/resource/volumes", headers=gpcn_a,
                            json={"name": "vol-sim-error"})
    job_id = created.json()["data"][0]["id"]
    requests.post(sim_url + "/_sim/config", json={"time_scale": 0.01})
    ids = seed(sim_url, provider="gpcn", api_key="gpcn_sim_key_a", resource_type="volume",
               outcome="error", error_after_progress=40, duration=[0.1, 0.1])
    time.sleep(0.35)
    jobs = {j["id"]: j for j in _poll(sim_url, gpcn_a, [job_id] + ids)["data"]["jobs"]}
    assert jobs[ids[0]]["status"] == "failed" and jobs[ids[0]]["progress"] == 40
    assert jobs[ids[0]]["error"]
    assert jobs[job_id]["status"] in ("pending", "in_progress", "failed")


def test_batch_size_limits(sim_url, gpcn_a):
    for ids in ([], ["x"] * 51):
        answer = requests.post(sim_url + JOBS, json={"jobIds": ids}, headers=gpcn_a)
        assert answer.status_code == 400
        assert answer.json()["success"] is False and "50" in answer.json()["message"]
    assert requests.post(sim_url + JOBS, json={"jobIds": ["x"] * 50},
                         headers=gpcn_a).status_code == 200


def test_other_tenants_job_is_absent(sim_url, gpcn_a):
    mine = seed(sim_url, provider="gpcn", api_key="gpcn_sim_key_a", duration=[1, 1])
    theirs = seed(sim_url, provider="gpcn", api_key=GPCN_KEY_B, duration=[1, 1])
    jobs = _poll(sim_url, gpcn_a, mine + theirs + ["no-such-job"])["data"]["jobs"]
    assert [job["id"] for job in jobs] == mine


def test_auth_required(sim_url):
    answer = requests.post(sim_url + JOBS, json={"jobIds": ["x"]}, headers={"X-API-Key": "bad"})
    assert answer.status_code == 401 and answer.json()["success"] is False
    assert requests.post(sim_url + JOBS, json={"jobIds": ["x"]}).status_code == 401


def test_terraform_shape_switch(sim_url, gpcn_a):
    ids = seed(sim_url, provider="gpcn", api_key="gpcn_sim_key_a", duration=[0, 0])
    requests.post(sim_url + "/_sim/config", json={"gpcn_job_shape": "terraform"})
    answer = requests.post(sim_url + JOBS + "/", json={"jobIds": ids}, headers=gpcn_a).json()
    job = answer["data"]["jobs"][0]
    assert answer["success"] is True and "message" in answer
    assert job["jobId"] == ids[0] and job["isCompleted"] is True and job["hasFailed"] is False
    assert job["resourceId"] and job["resourceType"] == "vm"
    created = requests.post(sim_url + "/v1/resource/networks", headers=gpcn_a,
                            json={"name": "net"}).json()
    assert created["data"]["jobId"] == created["data"]["jobs"][0]["jobId"]
