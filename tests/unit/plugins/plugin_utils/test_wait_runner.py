# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""run_task_wait(): results, timeouts that name the API's last error, errors reported not raised."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _validate as v
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    AuthenticationError,
    RateLimitedError,
    ServerError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_runner import run_task_wait
from ansible_collections.asyncops.cloud.tests.unit.fakes import (
    CONNECTION,
    FakeAdapter,
    FakeClock,
    record,
    T1,
    T2,
    T3,
)


def wait_options(**overrides):
    options = {"task_ids": [T1, T2], "timeout": None, "poll_interval": None,
               "fail_on_error": True, "fact_name": None, "project_id": None, "region_id": None}
    options.update(overrides)
    return options


def running(*ids):
    return dict((i, new_record(i, "gcore", state="RUNNING", status="running")) for i in ids)


def timeout_options(**extra):
    base = {"task_ids": [T1, T2], "timeout": 6, "poll_interval": 1, "fail_on_error": True,
            "fact_name": None, "project_id": None, "region_id": None}
    base.update(extra)
    return base


def uri_result(body, status=200):
    """What ``register`` keeps of one ansible.builtin.uri write."""
    return {"changed": False, "status": status, "url": "http://127.0.0.1:1/w", "json": body}


def finished(ids):
    return dict((task_id, new_record(task_id, "gcore", state="FINISHED", status="finished",
                                     created_resources={"volumes": ["vol-" + task_id[:1]]}, raw={"id": task_id}))
                for task_id in ids)


def looped(*items):
    """What ``register`` keeps of a uri task run over a ``loop``."""
    return {"changed": False, "msg": "All items completed", "results": list(items)}


def run(response, adapter):
    clock = FakeClock(start=50.0)
    cleaned = dict(options(response), fail_on_error=True)
    return run_task_wait(cleaned, CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)


def options(response, provider="gcore"):
    return v.validate_wait_options({"response": response}, provider)


def test_run_task_wait_finishes_and_reports_progress():
    clock = FakeClock()
    adapter = FakeAdapter(rounds=[
        {T1: record(T1, "running"), T2: record(T2, "pending")},
        {T1: record(T1, "finished", created_resources={"volumes": ["v9"]}), T2: record(T2, "finished")},
    ])
    snapshots = []
    result = run_task_wait(wait_options(), CONNECTION, on_progress=snapshots.append, adapter=adapter,
                           clock=clock, sleep=clock.sleep)
    assert "failed" not in result
    assert result["finished_tasks"] == [T1, T2] and result["resource_ids"] == ["v9"]
    assert result["api_requests"] == adapter._client.request_count == 2
    assert [s["finished"] for s in snapshots] == [0, 2]


def test_run_task_wait_timeout_fails_with_everything_needed_to_resume():
    clock = FakeClock()
    adapter = FakeAdapter(rounds=[{T1: record(T1, "finished"), T2: record(T2, "running", type="create_vm")}])
    result = run_task_wait(wait_options(timeout=30, poll_interval=4), CONNECTION, adapter=adapter,
                           clock=clock, sleep=clock.sleep)
    assert result["failed"] is True and result["timed_out"] is True
    assert result["pending"] == [T2] and result["finished_tasks"] == [T1]
    assert result["error"]["type"] == "WaitTimeout"
    assert T2 in result["msg"] and "create_vm" in result["msg"]


def test_run_task_wait_auth_error_is_reported_not_raised():
    clock = FakeClock()
    adapter = FakeAdapter(rounds=[AuthenticationError(401, "GET", "/cloud/v1/tasks/" + T1, "bad key")])
    result = run_task_wait(wait_options(), CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)
    assert result["failed"] is True and result["error"]["status"] == 401
    assert result["pending"] == [T1, T2] and result["timed_out"] is False
    assert result["msg"].startswith("Could not wait for tasks: Authentication failed")


def test_a_wait_that_rode_out_errors_until_its_timeout_says_so():
    clock = FakeClock(start=50.0)
    storm = [RateLimitedError(429, "GET", "/cloud/v1/tasks/%s" % T1, "slow down")]
    adapter = FakeAdapter([running(T1, T2), ServerError(502, "GET", "/cloud/v1/tasks", "bad gw")] + storm,
                          interval=1.0)
    result = run_task_wait(timeout_options(), CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)
    assert result["failed"] is True and result["timed_out"] is True and result["pending"] == [T1, T2]
    # The LAST absorbed error is named, not the first one.
    assert "(the API was failing: Rate limited: GET /cloud/v1/tasks/%s answered HTTP 429: slow down)" % T1 \
        in result["msg"]
    assert result["error"]["type"] == "WaitTimeout"
    assert result["error"]["api_message"].startswith("Rate limited:")


def test_a_wait_whose_tasks_were_just_slow_does_not_blame_the_api():
    clock = FakeClock(start=50.0)
    adapter = FakeAdapter([running(T1, T2)], interval=1.0)
    result = run_task_wait(timeout_options(), CONNECTION, adapter=adapter, clock=clock, sleep=clock.sleep)
    assert result["timed_out"] is True and "API was failing" not in result["msg"]
    assert result["error"]["api_message"] is None


def test_one_wait_polls_the_merged_ids_of_every_response_together():
    adapter = FakeAdapter([finished])
    result = run(looped(uri_result({"tasks": [T1]}), uri_result({"tasks": [T2]}), uri_result({"tasks": [T1, T3]})),
                 adapter)
    assert "failed" not in result
    assert adapter.polled == [[T1, T2, T3]]
    assert result["finished_tasks"] == [T1, T2, T3] and result["api_requests"] == 1
    assert result["created_resources"] == {"volumes": ["vol-1", "vol-2", "vol-3"]}
