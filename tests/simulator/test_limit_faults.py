# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Faults for a client's limits and inconsistent answers, and case-insensitive IDs."""
import gzip
import json
import socket
import time

import pytest
import requests

from .helpers import GCORE_KEY_A, GPCN_KEY_A, counters, seed

LONG = [600, 600]


def _fault(url, **spec):
    answer = requests.post(url + "/_sim/faults", json=spec)
    assert answer.status_code == 200, answer.text
    return answer.json()["faults"][0]


def _gcore_ids(url, count=2):
    return seed(url, provider="gcore", api_key=GCORE_KEY_A, count=count, task_type="create_volume",
                duration=LONG)


def test_ids_match_without_case_and_answers_are_lower_case(sim_url, gcore_a, gpcn_a):
    task = _gcore_ids(sim_url, 1)[0]
    answer = requests.get(sim_url + "/cloud/v1/tasks/" + task.upper(), headers=gcore_a)
    assert answer.status_code == 200 and answer.json()["id"] == task
    job = seed(sim_url, provider="gpcn", api_key=GPCN_KEY_A, count=1, resource_type="vm", duration=LONG)[0]
    jobs = requests.post(sim_url + "/v1/resource/jobs", json={"jobIds": [job.upper()]}, headers=gpcn_a).json()
    assert [entry["id"] for entry in jobs["data"]["jobs"]] == [job]


def test_oversized_answer_has_the_size_asked_for(sim_url, gcore_a):
    _fault(sim_url, kind="oversized", size=3 << 20)
    answer = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    assert int(answer.headers["Content-Length"]) == 3 << 20 == len(answer.content)
    assert answer.json()["results"] == []


def test_gzip_bomb_inflates_to_its_size(sim_url, gcore_a):
    _fault(sim_url, kind="gzip_bomb", size=20 << 20)
    answer = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a, stream=True)
    wire = answer.raw.read(decode_content=False)
    assert answer.headers["Content-Encoding"] == "gzip"
    assert len(wire) < 100000 and len(gzip.decompress(wire)) == 20 << 20


def test_endless_body_is_chunked_and_stops_after_its_duration(sim_url, gcore_a):
    _fault(sim_url, kind="endless", duration=0.5)
    answer = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    assert answer.headers["Transfer-Encoding"] == "chunked"
    assert answer.content.startswith(b'{"count": 1, "results": [')
    with pytest.raises(ValueError):
        json.loads(answer.content)


def test_trickle_sends_the_real_answer_slowly(sim_url, gcore_a):
    task = _gcore_ids(sim_url, 1)[0]
    _fault(sim_url, kind="trickle", interval=0.001)
    answer = requests.get(sim_url + "/cloud/v1/tasks/" + task, headers=gcore_a)
    assert answer.json()["id"] == task
    assert counters(sim_url)["faults_fired"] == 1


def test_redirect_is_not_an_answer(sim_url, gcore_a):
    _fault(sim_url, kind="redirect", status=307)
    answer = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a, allow_redirects=False)
    assert answer.status_code == 307 and answer.headers["Location"] == "http://127.0.0.1:9/redirected"


def test_record_fault_overwrites_fields_and_answers_as_another_task(sim_url, gcore_a):
    first, second = _gcore_ids(sim_url)
    _fault(sim_url, kind="record", task_id=first.upper(), set={"state": "succeeded"})
    assert requests.get(sim_url + "/cloud/v1/tasks/" + first, headers=gcore_a).json()["state"] == "succeeded"
    _fault(sim_url, kind="record", task_id=first, answer_as=second)
    assert requests.get(sim_url + "/cloud/v1/tasks/" + first, headers=gcore_a).json()["id"] == second
    # Used up: the next answer is the real one again.
    assert requests.get(sim_url + "/cloud/v1/tasks/" + first, headers=gcore_a).json()["id"] == first


def test_duplicate_fault_adds_a_contradicting_copy(sim_url, gcore_a, gpcn_a):
    first, _second = _gcore_ids(sim_url)
    _fault(sim_url, kind="duplicate", task_id=first, set={"state": "FINISHED"}, position="before")
    results = requests.get(sim_url + "/cloud/v1/tasks", params={"limit": 10}, headers=gcore_a).json()["results"]
    copies = [entry["state"] for entry in results if entry["id"] == first]
    assert copies == ["FINISHED", "NEW"]
    job = seed(sim_url, provider="gpcn", api_key=GPCN_KEY_A, count=1, resource_type="vm", duration=LONG)[0]
    _fault(sim_url, kind="duplicate", task_id=job, set={"status": "failed"})
    jobs = requests.post(sim_url + "/v1/resource/jobs", json={"jobIds": [job]}, headers=gpcn_a).json()
    assert [entry["status"] for entry in jobs["data"]["jobs"]] == ["pending", "failed"]


def test_record_faults_are_not_used_up_by_other_routes(sim_url, gcore_a):
    task = _gcore_ids(sim_url, 1)[0]
    _fault(sim_url, kind="record", task_id=task, set={"state": 3})
    requests.get(sim_url + "/cloud/v1/volumes/1/76", headers=gcore_a)
    assert requests.get(sim_url + "/cloud/v1/tasks/" + task, headers=gcore_a).json()["state"] == 3


def test_hang_holds_the_answer(sim_url):
    _fault(sim_url, kind="hang", delay=1)
    host, port = sim_url.split("//")[1].split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(b"GET /cloud/v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n")
        assert conn.recv(100) == b""
    assert time.monotonic() - started >= 0.9
