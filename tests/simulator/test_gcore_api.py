# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gcore behaviour the SDK does not exercise: validation, auth, tenants, writes and readbacks."""
import concurrent.futures
import os
import subprocess
import sys
import time

import pytest
import requests

from .helpers import GCORE_KEY_A, GCORE_KEY_B, SIM_ROOT, seed

B = {"Authorization": "APIKey " + GCORE_KEY_B}


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "state=DONE",
                                   "from_timestamp=yesterday", "order_by=up"])
def test_invalid_list_parameters_are_422(sim_url, gcore_a, query):
    answer = requests.get(sim_url + "/cloud/v1/tasks?" + query, headers=gcore_a)
    assert answer.status_code == 422
    assert answer.json()["exception_class"] == "ValidationError"


@pytest.mark.parametrize("header", [None, "APIKey wrong", "Bearer " + GCORE_KEY_A])
def test_auth(sim_url, header):
    headers = {"Authorization": header} if header else {}
    answer = requests.get(sim_url + "/cloud/v1/tasks", headers=headers)
    assert answer.status_code == 401 and answer.json()["message"]


def test_scheme_is_case_insensitive_and_tenants_are_isolated(sim_url):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[1, 1])
    mine = requests.get(sim_url + "/cloud/v1/tasks/" + ids[0],
                        headers={"authorization": "apikey " + GCORE_KEY_A})
    assert mine.status_code == 200
    assert requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=B).status_code == 404


def test_time_window_filters_are_inclusive(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, count=3, duration=[1, 1])
    task = requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a).json()
    window = {"from_timestamp": task["created_on"], "to_timestamp": task["created_on"],
              "order_by": "asc", "limit": 1000}
    listed = requests.get(sim_url + "/cloud/v1/tasks", params=window, headers=gcore_a).json()
    assert ids[0] in [t["id"] for t in listed["results"]]
    later = dict(window, from_timestamp="2999-01-01T00:00:00Z", to_timestamp=None)
    assert requests.get(sim_url + "/cloud/v1/tasks", params=later,
                        headers=gcore_a).json()["count"] == 0
    sorting = requests.get(sim_url + "/cloud/v1/tasks", params={"sorting": "asc"},
                           headers=gcore_a).json()
    assert [t["id"] for t in sorting["results"]] == ids


def test_create_read_delete_volume(sim_url, gcore_a):
    missing = requests.post(sim_url + "/cloud/v1/volumes/1/76", json={"name": "v"}, headers=gcore_a)
    assert missing.status_code == 422 and "source" in missing.json()["message"]
    assert requests.post(sim_url + "/cloud/v1/volumes/2/76", headers=gcore_a,
                         json={"name": "v", "source": "new-volume", "size": 1}).status_code == 404
    created = requests.post(sim_url + "/cloud/v1/volumes/1/76", headers=gcore_a,
                            json={"name": "data-1", "source": "new-volume", "size": 20})
    task_id = created.json()["tasks"][0]
    requests.post(sim_url + "/_sim/tasks/%s/finish" % task_id)
    task = requests.get(sim_url + "/cloud/v1/tasks/" + task_id, headers=gcore_a).json()
    volume_id = task["created_resources"]["volumes"][0]
    volume = requests.get(sim_url + "/cloud/v1/volumes/1/76/" + volume_id, headers=gcore_a).json()
    assert volume["size"] == 20 and volume["status"] == "available" and volume["created_at"]
    listed = requests.get(sim_url + "/cloud/v1/volumes/1/76", params={"name_part": "data"},
                          headers=gcore_a).json()
    assert listed["count"] == 1
    deleted = requests.delete(sim_url + "/cloud/v1/volumes/1/76/" + volume_id, headers=gcore_a)
    delete_task = deleted.json()["tasks"][0]
    requests.post(sim_url + "/_sim/tasks/%s/finish" % delete_task)
    assert requests.get(sim_url + "/cloud/v1/tasks/" + delete_task,
                        headers=gcore_a).json()["task_type"] == "delete_volume"
    assert requests.get(sim_url + "/cloud/v1/volumes/1/76/" + volume_id,
                        headers=gcore_a).status_code == 404


def test_an_instance_s_volumes_are_readable_once_it_finished(sim_url, gcore_a):
    body = {"name": "vm-1", "flavor": "g1-standard-1-2", "interfaces": [{"type": "external"}],
            "volumes": [{"source": "image", "size": 10, "image_id": "img"}, {"source": "new-volume", "size": 5}]}
    task_id = requests.post(sim_url + "/cloud/v2/instances/1/76", json=body, headers=gcore_a).json()["tasks"][0]
    requests.post(sim_url + "/_sim/tasks/%s/finish" % task_id)
    created = requests.get(sim_url + "/cloud/v1/tasks/" + task_id, headers=gcore_a).json()["created_resources"]
    assert len(created["instances"]) == 1 and len(created["volumes"]) == 2
    instance = requests.get(sim_url + "/cloud/v1/instances/1/76/" + created["instances"][0], headers=gcore_a).json()
    assert [v["id"] for v in instance["volumes"]] == created["volumes"]
    volumes = [requests.get(sim_url + "/cloud/v1/volumes/1/76/" + volume_id, headers=gcore_a) for volume_id in
               created["volumes"]]
    assert [v.status_code for v in volumes] == [200, 200]
    assert [v.json()["is_root_volume"] for v in volumes] == [True, False]
    assert [v.json()["size"] for v in volumes] == [10, 5]


@pytest.mark.parametrize("path,body,task_type", [
    ("/cloud/v1/networks/1/76", {"name": "net"}, "create_network"),
    ("/cloud/v1/loadbalancers/1/76", {"name": "lb"}, "create_loadbalancer"),
    ("/cloud/v2/k8s/clusters/1/76", {"name": "k", "keypair": "kp", "version": "v1.31",
                                     "pools": [{"name": "p"}]}, "create_k8s_cluster_v2"),
])
def test_other_writes(sim_url, gcore_a, path, body, task_type):
    task_id = requests.post(sim_url + path, json=body, headers=gcore_a).json()["tasks"][0]
    task = requests.get(sim_url + "/cloud/v1/tasks/" + task_id, headers=gcore_a).json()
    assert task["task_type"] == task_type and task["state"] == "NEW"
    requests.post(sim_url + "/_sim/tasks/%s/finish" % task_id)
    listed = requests.get(sim_url + path, headers=gcore_a).json()
    assert [r["name"] for r in listed["results"]] == [body["name"]]


def test_sim_error_and_sim_stuck_names(sim_url, gcore_a):
    requests.post(sim_url + "/_sim/config", json={"time_scale": 0.001})
    body = {"source": "new-volume", "size": 1}
    failing = requests.post(sim_url + "/cloud/v1/volumes/1/76", headers=gcore_a,
                            json=dict(body, name="x-sim-error")).json()["tasks"][0]
    stuck = requests.post(sim_url + "/cloud/v1/volumes/1/76", headers=gcore_a,
                          json=dict(body, name="x-sim-stuck")).json()["tasks"][0]
    time.sleep(0.1)
    failed = requests.get(sim_url + "/cloud/v1/tasks/" + failing, headers=gcore_a).json()
    assert failed["state"] == "ERROR" and failed["created_resources"] is None
    assert failed["error"] == "Quota limit for volume_size exceeded by 20"
    assert requests.get(sim_url + "/cloud/v1/tasks/" + stuck,
                        headers=gcore_a).json()["state"] == "RUNNING"
    assert requests.get(sim_url + "/_sim/resources").json()["resources"] == []


def test_failure_rate_config(sim_url, gcore_a):
    requests.post(sim_url + "/_sim/config",
                  json={"time_scale": 0.001, "failure_rate": {"create_network": 1.0}})
    task_id = requests.post(sim_url + "/cloud/v1/networks/1/76", json={"name": "n"},
                            headers=gcore_a).json()["tasks"][0]
    time.sleep(0.05)
    assert requests.get(sim_url + "/cloud/v1/tasks/" + task_id,
                        headers=gcore_a).json()["state"] == "ERROR"


def test_ten_thousand_tasks_and_twenty_clients(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, count=10000, duration=[0, 5])

    def sweep(offset):
        with requests.Session() as session:
            answer = session.get(sim_url + "/cloud/v1/tasks", headers=gcore_a,
                                 params={"limit": 1000, "offset": offset, "state": ["FINISHED",
                                                                                    "RUNNING",
                                                                                    "NEW"]})
            return answer.json()

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        pages = list(pool.map(sweep, range(0, 20000, 1000)))
    assert all(page["count"] == 10000 for page in pages)
    seen = [task["id"] for page in pages for task in page["results"]]
    assert sorted(seen) == sorted(ids)


def test_cli_prints_url_first_and_refuses_non_loopback():
    env = dict(os.environ, PYTHONPATH=SIM_ROOT)
    refused = subprocess.run([sys.executable, "-m", "asyncops_sim", "--host", "0.0.0.0"],
                             env=env, capture_output=True, text=True, timeout=20, check=False)
    assert refused.returncode == 2 and "loopback" in refused.stderr
    proc = subprocess.Popen([sys.executable, "-m", "asyncops_sim", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert requests.get(url + "/_sim/health").json()["status"] == "ok"
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_tls(tmp_path):
    from asyncops_sim import start_simulator
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", str(key), "-out", str(cert)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("openssl unavailable")
    handle = start_simulator(tls_cert=str(cert), tls_key=str(key))
    try:
        assert handle.base_url.startswith("https://")
        assert requests.get(handle.base_url + "/_sim/health", verify=str(cert)).status_code == 200
    finally:
        handle.stop()
