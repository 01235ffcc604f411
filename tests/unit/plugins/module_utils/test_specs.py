# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The modules' argument specs (module_spec)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
from unittest import mock

import pytest

from ansible_collections.asyncops.cloud.plugins.module_utils import _specs
from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec


def test_argspec_matches_the_interface():
    spec = module_spec("api_call")["argument_spec"]
    assert spec["method"]["choices"] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert spec["method"]["default"] == "GET"
    assert spec["path"]["required"] is True
    assert spec["status_code"]["default"] == [200, 201, 202, 204]
    assert spec["query"] == {"type": "dict", "default": {}}
    assert spec["body"] == {"type": "raw"}
    assert "api_key" in spec and spec["api_key"]["no_log"] is True


def test_argspec_rules_leave_nothing_to_the_validators_that_the_argspec_can_say():
    wait = module_spec("task_wait")
    assert wait["mutually_exclusive"] == [["task_ids", "response"]]
    assert wait["required_one_of"] == [["task_ids", "response"]]
    info = module_spec("task_info")
    assert ["task_ids", "state"] in info["mutually_exclusive"]
    assert info["argument_spec"]["order_by"] == {"type": "str", "default": "desc", "choices": ["asc", "desc"]}


def test_each_call_returns_a_fresh_copy():
    first = module_spec("task_wait")
    first["argument_spec"]["provider"]["choices"].append("aws")
    assert module_spec("task_wait")["argument_spec"]["provider"]["choices"] == ["gcore", "gpcn"]


@pytest.mark.parametrize("name", ["task_wait", "task_info", "task_ack", "api_call"])
def test_every_module_file_builds_its_argspec_and_refuses_to_run_on_a_target(name):
    # The module files exist for their documentation; their action plugins do the work.
    module = importlib.import_module("ansible_collections.asyncops.cloud.plugins.modules." + name)
    built = mock.Mock()
    built.fail_json.side_effect = SystemExit(1)
    with mock.patch.object(_specs, "AnsibleModule", return_value=built) as constructor:
        with pytest.raises(SystemExit):
            module.main()
    kwargs = constructor.call_args.kwargs
    assert kwargs.pop("supports_check_mode") is True and kwargs == module_spec(name)
    msg = built.fail_json.call_args.kwargs["msg"]
    assert msg == ("Could not run asyncops.cloud.%s on a target host: it runs on the controller through its "
                   "action plugin" % name)
