# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter, task_kind
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import parse_timestamp
from module_utils_fakes import CountingClient, FakeClock, FakeGcoreApi


def api_with(n, finish_after=0, **kwargs):
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for i in range(n):
        api.add("t%04d" % i, finish_after, created_offset=i, **kwargs)
    return clock, api, GcoreAdapter(CountingClient(api))


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
    assert api.list_calls[0]["order_by"] == "desc" and api.list_calls[0]["limit"] == 1000
    assert len(result.records) == 200
    assert result.records["t0005"]["created_resources"] == {"instances": ["vm-t0005"]}


def test_later_sweeps_are_narrowed_by_learned_scope_and_creation_time():
    clock, api, adapter = api_with(5, finish_after=100, project_id=7, region_id=3)
    ids = list(api.tasks)
    adapter.poll(ids)
    adapter.poll(ids[2:])
    second = api.list_calls[1]
    assert second["order_by"] == "asc" and second["project_id"] == [7] and second["region_id"] == [3]
    # Earliest pending task (t0002) was created at 05:00:02; one minute of skew before it.
    assert second["from_timestamp"] == "2026-05-23T04:59:02"


def test_ids_the_sweep_misses_fall_back_to_get_and_404_is_per_id():
    clock, api, adapter = api_with(3)
    api.tasks["t0000"]["project_id"] = 99  # out of the hinted project: invisible to the sweep
    result = adapter.poll(["t0000", "t0001", "t0002", "nope"], hints={"project_id": 1})
    assert api.list_calls[0]["project_id"] == 1
    assert sorted(api.get_calls) == ["nope", "t0000"]
    assert set(result.records) == {"t0000", "t0001", "t0002"}
    assert isinstance(result.errors["nope"], errors.NotFoundError)


def test_sweep_pages_until_all_seen():
    clock, api, adapter = api_with(1500)
    ids = ["t0000", "t0001", "t0002"]  # the oldest: only on the second desc page
    result = adapter.poll(ids)
    assert [c["offset"] for c in api.list_calls] == [0, 1000]
    assert set(result.records) == set(ids) and api.get_calls == []


def test_sweep_stops_when_the_rest_of_the_window_costs_more_than_gets():
    clock, api, adapter = api_with(4500)
    result = adapter.poll(["t0000", "t0001", "t0002"])  # the 3 oldest: 4 pages away, newest first
    # After one page, 4 pages are left for 3 missing tasks: 3 GETs are cheaper.
    assert len(api.list_calls) == 1 and sorted(api.get_calls) == ["t0000", "t0001", "t0002"]
    assert len(result.records) == 3


def test_sweep_reads_the_rest_of_the_window_when_it_is_cheaper_than_gets():
    clock, api, adapter = api_with(3500)
    result = adapter.poll(["t0000", "t0001", "t0002"])
    # After one page, 3 pages are left for 3 missing tasks: paging costs no more than GETs.
    assert [c["offset"] for c in api.list_calls] == [0, 1000, 2000, 3000] and api.get_calls == []
    assert len(result.records) == 3


def test_pending_tasks_behind_finished_ones_are_swept_not_fetched_one_by_one():
    # Half of a big wait is done; the still-pending half is spread over the whole window.
    clock = FakeClock()
    api = FakeGcoreApi(clock)
    for i in range(6000):
        api.add("t%05d" % i, 5 if i % 2 == 0 else 100, created_offset=i)
    adapter = GcoreAdapter(CountingClient(api))
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


def test_sweep_without_a_count_keeps_the_pending_based_budget():
    clock, api, adapter = api_with(4500)

    def without_count(call):
        body = api(call)
        if isinstance(body, dict) and "count" in body:
            body = {"results": body["results"]}
        return body
    adapter._client.handler = without_count
    adapter.poll(["t0000", "t0001", "t0002"])
    # ceil(3 / 1000) + 1 = 2 pages, then GETs for what they did not show.
    assert len(api.list_calls) == 2 and sorted(api.get_calls) == ["t0000", "t0001", "t0002"]


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
    adapter = GcoreAdapter(CountingClient(None))
    interval = dict((t, adapter.default_interval({"type": t})) for t in (
        "create_vm", "create_volume", "create_network", "delete_vm", "create_loadbalancer",
        "delete_bm", "create_k8s_cluster_v2"))
    assert interval == {"create_vm": 5, "create_volume": 5, "create_network": 5, "delete_vm": 5,
                        "create_loadbalancer": 10, "delete_bm": 30, "create_k8s_cluster_v2": 30}
    assert adapter.default_timeout({"type": "create_k8s_cluster_v2"}) >= 900
    assert adapter.default_timeout(None) == 1800 and task_kind("create_subnet") == "network"


def test_parse_timestamp_variants():
    assert parse_timestamp("2026-05-23T05:07:31z") == parse_timestamp("2026-05-23T05:07:31")
    assert parse_timestamp("2026-05-23T05:07:31Z") == parse_timestamp("2026-05-23T07:07:31+02:00")
    assert parse_timestamp("2026-05-23T05:07:31.123456789") is not None
    assert parse_timestamp("yesterday") is None
