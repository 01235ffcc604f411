# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GcoreAdapter: sweeps, paging, per-ID fallbacks, task paths, the task normaliser, defaults."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import unquote, urlsplit

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import UnsafePathError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import (
    gcore_record,
    GcoreAdapter,
    task_kind,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import RECORD_FIELDS
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClient, FakeClock, FakeGcoreApi


CRAFTED = ["../acknowledge_all", "..", ".", "%2F..%2Facknowledge_all", "%2e%2e", "x/acknowledge",
           "x?state=ERROR", "x#frag", "x y", "//evil.example/x", "x;y", "a/../../v1/volumes", "x" * 10240]


def api_with(n, finish_after=0, **kwargs):
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for i in range(n):
        api.add("t%04d" % i, finish_after, created_offset=i, **kwargs)
    return clock, api, GcoreAdapter(FakeClient(api))


def test_one_or_two_ids_use_per_id_gets():
    clock, api, adapter = api_with(2)
    result = adapter.poll(["t0000", "t0001"])
    assert api.get_calls == ["t0000", "t0001"] and api.list_calls == []
    assert result.records["t0001"]["status"] == "finished"


def test_sweep_finds_many_tasks_with_one_list_call():
    clock, api, adapter = api_with(200)
    ids = list(api.tasks)
    result = adapter.poll(ids)
    assert adapter._client.request_count == 1 and api.get_calls == []
    # A page of the pending tasks plus a quarter: all of them, not 1000 tasks' worth of bytes.
    assert api.list_calls[0]["order_by"] == "desc" and 200 < api.list_calls[0]["limit"] <= 256
    assert len(result.records) == 200
    assert result.records["t0005"]["created_resources"] == {"instances": ["vm-t0005"]}


def test_later_sweeps_are_narrowed_by_learned_scope_and_creation_time():
    clock, api, adapter = api_with(5, finish_after=100, project_id=7, region_id=3)
    ids = list(api.tasks)
    adapter.poll(ids)
    adapter.poll(ids[2:])
    second = api.list_calls[1]
    assert second["order_by"] == "asc" and second["project_id"] == [7] and second["region_id"] == [3]
    # Earliest pending task (t0002) was created at 05:00:02, the latest (t0004) at 05:00:04;
    # one minute of skew either side.
    assert second["from_timestamp"] == "2026-05-23T04:59:02" and second["to_timestamp"] == "2026-05-23T05:01:04"


def test_ids_the_sweep_misses_fall_back_to_get_and_404_is_per_id():
    clock, api, adapter = api_with(3)
    api.tasks["t0000"]["project_id"] = 99  # out of the hinted project: invisible to the sweep
    result = adapter.poll(["t0000", "t0001", "t0002", "nope"], hints={"project_id": 1})
    assert api.list_calls[0]["project_id"] == 1
    assert sorted(api.get_calls) == ["nope", "t0000"]
    assert set(result.records) == {"t0000", "t0001", "t0002"}
    assert isinstance(result.errors["nope"], errors.NotFoundError)


def test_sweep_pages_on_while_pages_pay_growing_the_page():
    clock, api, adapter = api_with(1500)
    ids = ["t%04d" % i for i in range(1500 - 700, 1500)] + ["t%04d" % i for i in range(100)]  # newest, oldest
    result = adapter.poll(ids)
    # The probe (800 + 200 + 2, capped at the API's 1000) holds 700 of ours: it paid, so the
    # next page may be as big again, and reaches the oldest.
    assert [(c["offset"], c["limit"]) for c in api.list_calls] == [(0, 1000), (1000, 1000)]
    assert set(result.records) == set(ids) and api.get_calls == []


def test_one_task_missing_after_a_paying_page_is_read_alone():
    clock, api, adapter = api_with(1500)
    ids = ["t%04d" % i for i in range(1500 - 700, 1500)] + ["t0000"]  # 700 newest, and the oldest
    result = adapter.poll(ids)
    # A second page for one task could only cost more than its GET.
    assert [(c["offset"], c["limit"]) for c in api.list_calls] == [(0, 878)] and api.get_calls == ["t0000"]
    assert set(result.records) == set(ids)


def test_oldest_tasks_of_a_long_window_are_read_one_by_one_after_a_small_page():
    clock, api, adapter = api_with(1500)
    ids = ["t0000", "t0001", "t0002"]  # the oldest: 1500 newer tasks cost more than 3 GETs
    result = adapter.poll(ids)
    assert [(c["offset"], c["limit"]) for c in api.list_calls] == [(0, 5)]
    assert set(result.records) == set(ids) and sorted(api.get_calls) == ids


def test_sweep_stops_when_the_rest_of_the_window_costs_more_than_gets():
    clock, api, adapter = api_with(4500)
    result = adapter.poll(["t0000", "t0001", "t0002"])  # the 3 oldest: 4 pages away, newest first
    # After one page, 4 pages are left for 3 missing tasks: 3 GETs are cheaper.
    assert len(api.list_calls) == 1 and sorted(api.get_calls) == ["t0000", "t0001", "t0002"]
    assert len(result.records) == 3


def test_sweep_reads_the_rest_of_the_window_when_it_is_cheaper_than_gets():
    clock, api, adapter = api_with(40)
    result = adapter.poll(["t0000", "t0001", "t0002"])
    # The first page (5 newest) holds none of ours, but the other 35 tasks cost less than 3 GETs.
    assert [(c["offset"], c["limit"]) for c in api.list_calls] == [(0, 5), (5, 1000)] and api.get_calls == []
    assert len(result.records) == 3


def test_pending_tasks_behind_finished_ones_are_swept_not_fetched_one_by_one():
    # Half of a big wait is done; the still-pending half is spread over the whole window.
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for i in range(6000):
        api.add("t%05d" % i, 5 if i % 2 == 0 else 100, created_offset=i)
    adapter = GcoreAdapter(FakeClient(api))
    ids = list(api.tasks)
    adapter.poll(ids)
    first_round = len(api.list_calls)
    clock.now += 10
    pending = [task_id for n, task_id in enumerate(ids) if n % 2 == 1]
    result = adapter.poll(pending)
    later = api.list_calls[first_round:]
    # The old budget (ceil(3000 / 1000) + 1 = 4 pages) left 1,000 pending tasks to 1,000 GETs.
    assert [c["offset"] for c in later] == [0, 1000, 2000, 3000, 4000, 5000]
    assert api.get_calls == [] and len(result.records) == 3000
    assert all(r["status"] == "running" for r in result.records.values())


def test_sweep_without_a_count_stops_at_a_page_that_does_not_pay():
    clock, api, adapter = api_with(4500)

    def without_count(call):
        body = api(call)
        if isinstance(body, dict) and "count" in body:
            body = {"results": body["results"]}
        return body
    adapter._client.handler = without_count
    adapter.poll(["t0000", "t0001", "t0002"])
    # No total to weigh the rest of the window by: GETs for what the first page did not show.
    assert len(api.list_calls) == 1 and sorted(api.get_calls) == ["t0000", "t0001", "t0002"]


def test_list_tasks_follows_pages_and_respects_limit():
    clock, api, adapter = api_with(2500)
    records = adapter.list_tasks(state=["RUNNING", "FINISHED"], order_by="asc")
    assert len(records) == 2500 and [c["offset"] for c in api.list_calls] == [0, 1000, 2000]
    assert api.list_calls[0]["state"] == ["RUNNING", "FINISHED"]
    limited = adapter.list_tasks(limit=1200)
    assert len(limited) == 1200 and api.list_calls[-1]["limit"] == 200


def test_every_list_filter_is_encoded_on_the_wire(server):
    server.script = [(200, {}, {"count": 0, "results": []})]
    client = HttpClient(server.url, "Authorization", "APIKey k", sleep=lambda s: None)
    GcoreAdapter(client).list_tasks(
        state=["NEW", "ERROR"], project_id=[1, 2], region_id=76, task_type="create_vm",
        is_acknowledged=True, from_timestamp="2026-05-01T00:00:00", to_timestamp="2026-05-02T00:00:00",
        order_by="asc", limit=5, offset=10)
    query = server.received[0]["path"].split("?", 1)[1].split("&")
    for part in ["state=NEW", "state=ERROR", "project_id=1", "project_id=2", "region_id=76",
                 "task_type=create_vm", "is_acknowledged=true", "from_timestamp=2026-05-01T00%3A00%3A00",
                 "to_timestamp=2026-05-02T00%3A00%3A00", "order_by=asc", "limit=5", "offset=10"]:
        assert part in query


def test_acknowledge_calls(server):
    server.script = [(200, {}, {"id": "a/b", "state": "ERROR", "task_type": "create_vm",
                                "acknowledged_at": "2026-05-23T05:00:00"}), (204, {}, None)]
    adapter = GcoreAdapter(HttpClient(server.url, "Authorization", "APIKey k", sleep=lambda s: None))
    record = adapter.acknowledge("a/b")
    adapter.acknowledge_all(project_id=1, region_id=76)
    assert server.received[0]["path"] == "/cloud/v1/tasks/a%2Fb/acknowledge"
    assert record["acknowledged"] is True and record["status"] == "failed"
    assert server.received[1]["path"] == "/cloud/v1/tasks/acknowledge_all?project_id=1&region_id=76"


def test_error_task_record_carries_failure_details():
    clock, api, adapter = api_with(1, error="Quota limit for volume_size exceeded by 20")
    api.tasks["t0000"].update(request_id="req-1", detailed_state="ERROR")
    record = adapter.get_task("t0000")
    assert record["status"] == "failed" and record["error"].startswith("Quota limit")
    assert record["request_id"] == "req-1" and record["detailed_state"] == "ERROR"
    assert record["created_resources"] is None


def test_task_ids_of_a_write_response():
    assert GcoreAdapter.task_ids_of({"tasks": ["a", "b", "a"]}) == ["a", "b"]
    for bad in ({"tasks": []}, {"data": ["a"]}, {"tasks": [1]}):
        with pytest.raises(ValueError):
            GcoreAdapter.task_ids_of(bad)


def test_defaults_follow_gcore_guidance():
    adapter = GcoreAdapter(FakeClient(None))
    interval = dict((t, adapter.default_interval({"type": t})) for t in (
        "create_vm", "create_volume", "create_network", "delete_vm", "create_loadbalancer",
        "delete_bm", "create_k8s_cluster_v2"))
    assert interval == {"create_vm": 5, "create_volume": 5, "create_network": 5, "delete_vm": 5,
                        "create_loadbalancer": 10, "delete_bm": 30, "create_k8s_cluster_v2": 30}
    assert adapter.default_timeout({"type": "create_k8s_cluster_v2"}) >= 900
    assert adapter.default_timeout(None) == 1800 and task_kind("create_subnet") == "network"


@pytest.mark.parametrize("state,status", [("NEW", "pending"), ("RUNNING", "running"),
                                          ("FINISHED", "finished"), ("ERROR", "failed")])
def test_gcore_states(state, status):
    record = gcore_record({"id": "t", "state": state, "task_type": "create_vm", "project_id": 1,
                           "region_id": "76", "created_on": "2026-05-23T05:07:31"})
    assert record["status"] == status and record["state"] == state
    assert set(record) == set(RECORD_FIELDS) and record["region_id"] == 76


def test_gcore_error_without_text_still_explains():
    record = gcore_record({"id": "t", "state": "ERROR", "error": None})
    assert record["status"] == "failed" and "ERROR" in record["error"]


def test_gcore_created_resources_keep_only_types_that_hold_something():
    empty_types = dict(("type_%02d" % n, []) for n in range(33))
    task = {"id": "t", "state": "FINISHED", "task_type": "create_vm",
            "created_resources": dict(empty_types, instances=["vm-1"], volumes=["v-1", "v-2"], ports=None)}
    record = gcore_record(task)
    assert record["created_resources"] == {"instances": ["vm-1"], "volumes": ["v-1", "v-2"]}
    # The API's answer itself is untouched: task_info returns it under raw.
    assert record["raw"]["created_resources"]["type_00"] == [] and len(record["raw"]["created_resources"]) == 36


def test_gcore_created_resources_all_empty_or_absent():
    assert gcore_record({"id": "t", "state": "RUNNING", "created_resources": {"instances": []}})[
        "created_resources"] == {}
    assert gcore_record({"id": "t", "state": "RUNNING", "created_resources": None})["created_resources"] is None


@pytest.mark.parametrize("task_id", CRAFTED, ids=lambda value: value[:24])
@pytest.mark.parametrize("suffix", ["", "/acknowledge"])
def test_crafted_id_is_one_segment_of_the_task_route_or_refused(task_id, suffix):
    client = HttpClient("https://api.example.test", "Authorization", "APIKey k")
    path = GcoreAdapter(client)._task_path(task_id, suffix)
    try:
        url = client.url_for(path)
    except UnsafePathError:
        return  # refused before any request: the dot segments
    parts = urlsplit(url)
    assert parts.netloc == "api.example.test" and not parts.query and not parts.fragment
    assert parts.path.startswith("/cloud/v1/tasks/") and parts.path.endswith(suffix)
    segment = parts.path[len("/cloud/v1/tasks/"):len(parts.path) - len(suffix)]
    assert "/" not in segment and unquote(segment) == task_id


def test_dot_segments_are_the_ones_refused():
    client = HttpClient("https://api.example.test/base", "Authorization", "APIKey k")
    adapter = GcoreAdapter(client)
    for task_id in ("..", "."):
        with pytest.raises(UnsafePathError):
            client.url_for(adapter._task_path(task_id))
