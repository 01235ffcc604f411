# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_info and task_ack run on the controller through ControllerAction, like task_wait.

The runners get a fake adapter (patched build_adapter), so these tests see exactly what
the action would have sent, and that check mode sends no acknowledgement.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest import mock

import importlib
import os
import sys

import pytest

from ansible_collections.asyncops.cloud.plugins.action import task_ack as ack_action
from ansible_collections.asyncops.cloud.plugins.action import task_info as info_action
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _ack_runner, _info_runner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import new_record
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _controller_action as base

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "module_utils"))
from action_fakes import make_action  # noqa: E402
from module_utils_fakes import FakeAdapter  # noqa: E402

T1 = "11111111-1111-4111-8111-111111111111"
T2 = "22222222-2222-4222-8222-222222222222"
KEY = "controller-secret-key-42"
URL = "http://127.0.0.1:9"


def error_task(task_id, acknowledged=False):
    return new_record(task_id, "gcore", state="ERROR", status="failed", acknowledged=acknowledged,
                      raw={"id": task_id, "api_key_echo": KEY})


def test_every_action_plugin_is_a_controller_action_naming_its_module():
    # Every module of the collection has an action plugin of its name (a module shipped to a
    # target would print its arguments, key included, under ANSIBLE_DEBUG=1).
    plugins = os.path.join(os.path.dirname(base.__file__), "..")
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(plugins, "modules")) if name.endswith(".py"))
    actions = sorted(name[:-3] for name in os.listdir(os.path.join(plugins, "action")) if name.endswith(".py"))
    assert modules == actions and "api_call" in modules
    for name in actions:
        module = importlib.import_module("ansible_collections.asyncops.cloud.plugins.action." + name)
        assert issubclass(module.ActionModule, base.ControllerAction)
        assert module.ActionModule.MODULE == name
        assert module.ActionModule._requires_connection is False


@pytest.mark.parametrize("check_mode,sent", [(True, []), (False, [("acknowledge", T1)])])
def test_ack_check_mode_reads_but_never_writes(check_mode, sent):
    adapter = FakeAdapter([{T1: error_task(T1)}])
    action = make_action(ack_action, {"task_ids": [T1], "api_key": KEY, "api_url": URL}, check_mode=check_mode)
    with mock.patch.object(_ack_runner, "build_adapter", return_value=adapter):
        result = action.run(task_vars={})
    assert [call for call in adapter.calls if call[0].startswith("acknowledge")] == sent
    assert adapter.calls[0] == ("poll", [T1])
    assert result["acknowledged"] == [T1] and result["changed"] is True


def test_ack_warnings_reach_the_result_and_keys_are_scrubbed():
    finished = new_record(T2, "gcore", state="FINISHED", status="finished")
    adapter = FakeAdapter([{T2: finished}])
    action = make_action(ack_action, {"task_ids": [T2]}, task_env={"GCORE_API_KEY": KEY, "GCORE_API_URL": URL})
    with mock.patch.object(_ack_runner, "build_adapter", return_value=adapter) as build:
        result = action.run(task_vars={})
    assert build.call_args[0][0]["api_key"] == KEY  # the task's environment: supplied the key
    assert result["skipped_tasks"] == [{"id": T2, "state": "FINISHED"}]
    assert len(result["warnings"]) == 1 and T2 in result["warnings"][0]
    assert KEY not in repr(result) and "invocation" not in result


def test_ack_refuses_gpcn_before_any_adapter_is_built():
    action = make_action(ack_action, {"provider": "gpcn", "task_ids": [T1], "api_key": KEY, "api_url": URL})
    with mock.patch.object(_ack_runner, "build_adapter") as build:
        result = action.run(task_vars={})
    build.assert_not_called()
    assert result["failed"] is True and result["msg"].startswith("Could not acknowledge tasks: provider:")
    assert result["error"]["option"] == "provider"


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


def test_unknown_option_fails_like_the_module_and_hides_a_bad_key():
    action = make_action(info_action, {"task_ids": [T1], "api_key": KEY, "bogus": KEY})
    result = action.run(task_vars={})
    assert result["failed"] is True and "bogus" in result["msg"]
    assert result["msg"].startswith("Could not read tasks:")
    assert KEY not in repr(result)


def test_missing_key_names_the_option_and_the_variables():
    action = make_action(info_action, {"task_ids": [T1], "provider": "gpcn"})
    with mock.patch.dict(base.os.environ, {}, clear=True):
        result = action.run(task_vars={})
    assert result["failed"] is True and "api_key" in result["msg"] and "GPCN_API_KEY" in result["msg"]


def test_missing_requests_fails_with_the_library_named():
    action = make_action(info_action, {"task_ids": [T1], "api_key": KEY, "api_url": URL})
    with mock.patch.object(base, "HAS_REQUESTS", False):
        result = action.run(task_vars={})
    assert result["failed"] is True and "requests" in result["msg"]


def test_scrub_result_masks_nested_secrets_and_drops_invocation():
    scrubbed = base.scrub_result({"invocation": {"module_args": {}}, "a": [{"b": "x %s y" % KEY}]},
                                 base.secret_strings(KEY, None, ""))
    assert "invocation" not in scrubbed and KEY not in repr(scrubbed) and scrubbed["a"][0]["b"].startswith("x ")
