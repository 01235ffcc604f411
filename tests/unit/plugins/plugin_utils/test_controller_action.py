# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ControllerAction: argspec errors, missing key or library, and secret scrubbing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import os
from unittest import mock

from ansible_collections.asyncops.cloud.plugins.action import task_info as info_action
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _controller_action as base
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import shorten_values
from ansible_collections.asyncops.cloud.tests.unit.fakes import make_action, T1


KEY = "controller-secret-key-42"
URL = "http://127.0.0.1:9"


def test_shorten_values_cuts_long_runs_and_keeps_option_names():
    text = shorten_values("argument 'project_id' is of type str: %s cannot be converted" % ("9" * 10240))
    assert "'project_id'" in text and len(text) < 200 and text.endswith("... cannot be converted")


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
