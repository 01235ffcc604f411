# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test controls: counters, faults, rate limits, drop_after_processing, vanish."""
import email.utils
import time

import pytest
import requests

from .helpers import GCORE_KEY_A, counters, seed

TASK = "GET /cloud/v1/tasks/{task_id}"


def _fault(url, **spec):
    answer = requests.post(url + "/_sim/faults", json=spec)
    assert answer.status_code == 200, answer.text


def test_counters_count_exactly(sim_url, gcore_a, gpcn_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[1, 1])
    for _attempt in range(3):
        requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a)
    requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    requests.post(sim_url + "/v1/resource/jobs", json={"jobIds": ["x"]}, headers=gpcn_a)
    requests.get(sim_url + "/cloud/v1/tasks")  # unauthenticated, still counted
    snapshot = counters(sim_url)
    assert snapshot["total"] == 6
    assert snapshot["routes"][TASK] == 3
    assert snapshot["routes"]["GET /cloud/v1/tasks"] == 2
    assert snapshot["routes"]["POST /v1/resource/jobs"] == 1
    assert snapshot["by_key"] == {"a": 5, "unauthenticated": 1}
    assert snapshot["status"] == {"200": 5, "401": 1}


def test_counters_count_the_body_bytes_sent(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[1, 1])
    one = requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a)
    page = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    refused = requests.get(sim_url + "/cloud/v1/tasks")
    snapshot = counters(sim_url)
    assert snapshot["bytes"] == len(one.content) + len(page.content) + len(refused.content)
    assert snapshot["bytes_by_route"]["GET /cloud/v1/tasks"] == len(page.content) + len(refused.content)
    assert snapshot["bytes_by_route"][TASK] == len(one.content)


def test_answers_list_each_request_when_it_arrived_with_its_status(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[1, 1])
    _fault(sim_url, match=TASK, kind="status", status=429, count=1, retry_after=1)
    requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a)
    time.sleep(0.2)
    requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a)
    requests.get(sim_url + "/cloud/v1/tasks")  # unauthenticated: on the timeline too
    timeline = requests.get(sim_url + "/_sim/answers").json()["answers"]
    assert [(a["route"], a["status"]) for a in timeline] == [(TASK, "429"), (TASK, "200"),
                                                             ("GET /cloud/v1/tasks", "401")]
    # Arrival times on the simulator's own clock: the client's 0.2 s pause is between them.
    assert timeline[1]["received"] - timeline[0]["received"] >= 0.2
    assert timeline[2]["received"] >= timeline[1]["received"]
    requests.post(sim_url + "/_sim/reset", json={})
    assert requests.get(sim_url + "/_sim/answers").json()["answers"] == []


def test_status_fault_fires_count_times_after_skips(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[1, 1])
    _fault(sim_url, match=TASK, kind="status", status=503, count=2, after=1, retry_after=3)
    codes = []
    for _attempt in range(5):
        answer = requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a)
        codes.append(answer.status_code)
        if answer.status_code == 503:
            assert answer.headers["Retry-After"] == "3"
    assert codes == [200, 503, 503, 200, 200]
    snapshot = counters(sim_url)
    assert snapshot["faults_fired"] == 2 and snapshot["status"]["503"] == 2
    assert requests.get(sim_url + "/_sim/faults").json()["faults"] == []


def test_retry_after_http_date(sim_url, gcore_a):
    _fault(sim_url, match="*", kind="status", status=429, retry_after=5, retry_after_http_date=True)
    answer = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    assert answer.status_code == 429
    assert email.utils.parsedate_to_datetime(answer.headers["Retry-After"]) is not None


@pytest.mark.parametrize("kind", ["reset", "hang"])
def test_connection_dropping_faults(sim_url, gcore_a, kind):
    _fault(sim_url, match="GET /cloud/v1/tasks", kind=kind, delay=0.2)
    with pytest.raises(requests.ConnectionError):
        requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a, timeout=5)
    assert requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a).status_code == 200
    assert counters(sim_url)["status"] == {"dropped": 1, "200": 1}


def test_body_faults(sim_url, gcore_a):
    _fault(sim_url, match="GET /cloud/v1/tasks", kind="malformed")
    _fault(sim_url, match="GET /cloud/v1/tasks", kind="html", status=502, after=1)
    _fault(sim_url, match="GET /cloud/v1/tasks", kind="empty", after=2)
    malformed = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    with pytest.raises(ValueError):
        malformed.json()
    html = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    assert html.status_code == 502 and html.headers["Content-Type"] == "text/html"
    empty = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a)
    assert empty.status_code == 200 and empty.content == b""
    assert counters(sim_url)["faults_fired"] == 3


def test_drop_after_processing_creates_exactly_once(sim_url, gcore_a):
    _fault(sim_url, match="POST /cloud/v1/volumes/{project_id}/{region_id}",
           kind="drop_after_processing")
    with pytest.raises(requests.ConnectionError):
        requests.post(sim_url + "/cloud/v1/volumes/1/76", headers=gcore_a,
                      json={"name": "dropped", "source": "new-volume", "size": 1})
    tasks = requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a).json()
    assert tasks["count"] == 1 and tasks["results"][0]["task_type"] == "create_volume"
    requests.post(sim_url + "/_sim/tasks/%s/finish" % tasks["results"][0]["id"])
    resources = requests.get(sim_url + "/_sim/resources?provider=gcore").json()["resources"]
    assert [r["name"] for r in resources] == ["dropped"]


def test_omit_job(sim_url, gpcn_a):
    ids = seed(sim_url, provider="gpcn", api_key="gpcn_sim_key_a", count=2, duration=[1, 1])
    _fault(sim_url, match="POST /v1/resource/jobs", kind="omit_job", job_id=ids[0])
    first = requests.post(sim_url + "/v1/resource/jobs", json={"jobIds": ids}, headers=gpcn_a)
    second = requests.post(sim_url + "/v1/resource/jobs", json={"jobIds": ids}, headers=gpcn_a)
    assert [j["id"] for j in first.json()["data"]["jobs"]] == [ids[1]]
    assert [j["id"] for j in second.json()["data"]["jobs"]] == ids


def test_rate_limit_answers_429_with_retry_after(sim_url, gcore_a, gpcn_a):
    requests.post(sim_url + "/_sim/config",
                  json={"rate_limit": {"requests_per_second": 0.5, "burst": 2}})
    codes = [requests.get(sim_url + "/cloud/v1/tasks", headers=gcore_a).status_code
             for _attempt in range(3)]
    assert codes == [200, 200, 429]
    # each API key has its own bucket: the GPCN key gets its burst of 2 too
    limited = [requests.post(sim_url + "/v1/resource/jobs", json={"jobIds": ["x"]},
                             headers=gpcn_a) for _attempt in range(3)][-1]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["success"] is False
    assert counters(sim_url)["status"]["429"] == 2


def test_vanish_and_finish(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, count=2, outcome="stuck",
               duration=[0.01, 0.01])
    requests.post(sim_url + "/_sim/tasks/%s/finish" % ids[0])
    assert requests.get(sim_url + "/cloud/v1/tasks/" + ids[0],
                        headers=gcore_a).json()["state"] == "FINISHED"
    requests.post(sim_url + "/_sim/tasks/%s/vanish" % ids[1])
    gone = requests.get(sim_url + "/cloud/v1/tasks/" + ids[1], headers=gcore_a)
    assert gone.status_code == 404 and gone.json()["exception_class"] == "NotFoundError"


def test_reset_defaults_keep_state(sim_url, gcore_a):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[1, 1])
    _fault(sim_url, match="*", kind="status", status=500, count=5)
    requests.post(sim_url + "/_sim/reset", json={})
    assert requests.get(sim_url + "/_sim/faults").json()["faults"] == []
    assert requests.get(sim_url + "/cloud/v1/tasks/" + ids[0], headers=gcore_a).status_code == 200
    assert counters(sim_url)["total"] == 1
