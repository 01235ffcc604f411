# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The task_info action plugin: the runner's result with every copy of the key masked."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest import mock

from ansible_collections.asyncops.cloud.plugins.action import task_info as info_action
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _info_runner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeAdapter, make_action, T1, T2


URL = "http://127.0.0.1:9"
KEY = "controller-secret-key-42"


def error_task(task_id, acknowledged=False):
    return new_record(task_id, "gcore", state="ERROR", status="failed", acknowledged=acknowledged,
                      raw={"id": task_id, "api_key_echo": KEY})


def test_info_result_is_the_runners_with_every_copy_of_the_key_masked():
    adapter = FakeAdapter([{T1: error_task(T1)}])
    action = make_action(info_action, {"task_ids": [T1, T2], "api_key": KEY, "api_url": URL})
    with mock.patch.object(_info_runner, "build_adapter", return_value=adapter):
        result = action.run(task_vars={})
    assert result["count"] == 1 and result["missing"] == [T2]
    # An API echoing the key back in a body still cannot put it into the result.
    assert result["tasks"][0]["raw"]["api_key_echo"] != KEY and KEY not in repr(result)


def test_info_gpcn_filters_are_refused_naming_the_filter():
    action = make_action(info_action, {"provider": "gpcn", "state": ["ERROR"], "api_key": KEY, "api_url": URL})
    with mock.patch.object(_info_runner, "build_adapter") as build:
        result = action.run(task_vars={})
    build.assert_not_called()
    assert result["failed"] is True and "state" in result["msg"] and "GPCN" in result["msg"]
