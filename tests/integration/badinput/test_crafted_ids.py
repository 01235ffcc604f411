# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No task ID can make the client call a path other than the task endpoint.

The modules refuse anything but a UUID, so here the adapters are called directly (below the
validation) with crafted IDs, against the real simulator: its per-route counters may only
ever show the task routes, whatever the ID held.
"""

import importlib
import sys

import pytest

from ..simctl import GCORE_KEY_A, GPCN_KEY_A

CRAFTED = [
    "../acknowledge_all", "..", ".", "../../v1/volumes/1/76", "%2F..%2Facknowledge_all", "%2e%2e",
    "x/acknowledge", "x?state=ERROR", "x#frag", "x y", "x\r\nX-Evil: 1", "//evil.example/x", "\\..\\x",
    "%00", "x;acknowledge_all", "0b8f7e0c-7d0a-4c39-9d4b-2f4a8d9e6b11/../acknowledge_all", "x" * 10240,
]
GCORE_TASK_ROUTES = {"GET /cloud/v1/tasks/{task_id}", "POST /cloud/v1/tasks/{task_id}/acknowledge"}
GPCN_JOB_ROUTES = {"POST /v1/resource/jobs"}


@pytest.fixture
def collection(collections_path):
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    prefix = "ansible_collections.asyncops.cloud.plugins.plugin_utils."
    return dict((name, importlib.import_module(prefix + name)) for name in ("_connection", "_errors"))


def _adapter(collection, provider, url, key):
    connection = {"provider": provider, "api_key": key, "api_url": url, "validate_certs": True,
                  "ca_path": None, "request_timeout": 5}
    return collection["_connection"].build_adapter(connection, max_retries=0)


def test_crafted_gcore_ids_only_ever_reach_the_task_routes(sim, collection):
    adapter = _adapter(collection, "gcore", sim.gcore_url, GCORE_KEY_A)
    outcomes = {}
    for task_id in CRAFTED:
        for call in (adapter.get_task, adapter.acknowledge):
            try:
                call(task_id)
                outcomes[(call.__name__, task_id[:20])] = "answered"
            except collection["_errors"].AsyncOpsError as exc:
                outcomes[(call.__name__, task_id[:20])] = type(exc).__name__
    routes = sim.counters()["routes"]
    # Some IDs are refused before sending (dot segments), the rest reach the task routes as one
    # quoted segment and are simply not found; none is ever "answered" (no task has such an ID).
    assert "answered" not in outcomes.values()
    assert set(outcomes.values()) <= {"UnsafePathError", "NotFoundError"}
    assert set(routes) <= GCORE_TASK_ROUTES, routes
    assert sum(routes.values()) >= len(CRAFTED)  # most of them really were sent


def test_crafted_gpcn_ids_travel_in_the_body_of_the_jobs_route(sim, collection):
    adapter = _adapter(collection, "gpcn", sim.gpcn_url, GPCN_KEY_A)
    result = adapter.poll(CRAFTED)
    routes = sim.counters()["routes"]
    assert result.records == {}
    assert set(result.errors) == set(CRAFTED)  # each reported "not visible", none matched anything
    assert set(routes) == GPCN_JOB_ROUTES, routes
