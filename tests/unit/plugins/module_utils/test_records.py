# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import gcore_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gpcn import gpcn_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import (
    RECORD_FIELDS,
    merge_created_resources,
    resource_ids,
)


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


def test_gpcn_completed_without_resource_has_empty_created():
    record = gpcn_record({"id": "j", "status": "completed", "resourceType": "vm", "resourceId": None})
    assert record["created_resources"] == {} and record["progress"] == 100


def test_merge_keeps_order_drops_empty_and_duplicates():
    records = [
        {"created_resources": {"instances": ["a"], "volumes": ["v1"], "floatingips": []}},
        {"created_resources": None},
        {"created_resources": {"instances": ["b", "a"], "volumes": ["v1", "v2"]}},
    ]
    merged = merge_created_resources(records)
    assert merged == {"instances": ["a", "b"], "volumes": ["v1", "v2"]}
    assert resource_ids(merged) == ["a", "b", "v1", "v2"]


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
