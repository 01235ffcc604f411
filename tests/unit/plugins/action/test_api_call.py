# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The api_call action plugin: check mode, argspec errors, secrets scrubbed from what it returns."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _call_runner as runner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import (
    scrub_result,
    secret_strings,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_call_options
from ansible_collections.asyncops.cloud.tests.unit.fakes import answering, make_action as make_module_action


KEY = "unit-secret-key-for-api-call"
CONNECTION = {"provider": "gcore", "api_key": KEY, "api_url": "http://127.0.0.1:9",
              "validate_certs": True, "ca_path": None, "request_timeout": 5.0}
GOOD = {"method": "GET", "path": "/cloud/v1/volumes/1/76", "query": {}, "body": None,
        "status_code": [200, 201, 202, 204]}
ACTION_ARGS = {"api_key": KEY, "api_url": "http://127.0.0.1:9", "method": "POST",
               "path": "/cloud/v1/volumes/1/76", "body": {"name": "v"}}


def options(**changes):
    params = dict(GOOD)
    params.update(changes)
    return validate_call_options(params)


def real_client(server, delays):
    return HttpClient(server.url, "Authorization", "APIKey " + KEY, max_retries=3, sleep=delays.append)


def run_action(args, client, check_mode=False, task_env=None):
    from unittest import mock
    with mock.patch.object(runner, "build_client", return_value=client) as build:
        result = make_action(args, check_mode=check_mode, task_env=task_env).run(task_vars={})
    return result, build


def make_action(args, check_mode=False, task_env=None):
    from ansible_collections.asyncops.cloud.plugins.action import api_call as call_action
    return make_module_action(call_action, args, check_mode=check_mode, task_env=task_env)


def test_a_key_echoed_by_the_api_is_scrubbed_by_the_action_base(server):
    # The runner returns what the API said; the action plugin's last line of defence masks the key.
    server.script = [(401, {}, {"message": "bad key " + KEY})]
    raw = runner.run_api_call(options(), CONNECTION, client=real_client(server, []))
    assert raw["failed"] is True and raw["status"] == 401
    result = scrub_result(raw, secret_strings(KEY))
    assert KEY not in repr(result)
    assert result["msg"].startswith("Could not GET /cloud/v1/volumes/1/76: HTTP 401 bad key ")


@pytest.mark.parametrize("check_mode, calls", [(True, 0), (False, 1)])
def test_action_check_mode_sends_no_write(check_mode, calls):
    client = answering(200, {"tasks": ["t"]})
    result, _build = run_action(dict(ACTION_ARGS), client, check_mode=check_mode)
    assert len(client.calls) == calls
    assert result["changed"] is True and result["sent"] is (not check_mode)
    assert "invocation" not in result


def test_action_refuses_a_bad_path_before_building_a_client():
    client = answering(200, {})
    result, build = run_action(dict(ACTION_ARGS, path="/cloud/v1/../v1/tasks/acknowledge_all"), client)
    assert result["failed"] is True and result["msg"].startswith("Could not call the API: path: ")
    assert build.call_count == 0 and client.calls == []


def test_action_argspec_errors_name_the_option():
    client = answering(200, {})
    result, build = run_action(dict(ACTION_ARGS, method="HEAD"), client)
    assert result["failed"] is True and "method" in result["msg"] and build.call_count == 0
    result, build = run_action(dict((k, v) for k, v in ACTION_ARGS.items() if k != "path"), client)
    assert result["failed"] is True and "path" in result["msg"] and build.call_count == 0


def test_action_scrubs_an_environment_key_echoed_in_the_answer():
    env_key = "env-only-key-0123456789"
    client = answering(200, {"echo": env_key})
    args = dict((k, v) for k, v in ACTION_ARGS.items() if k != "api_key")
    result, build = run_action(args, client, task_env={"GCORE_API_KEY": env_key})
    assert build.call_args[0][0]["api_key"] == env_key  # the key from the task environment was used
    assert result["status"] == 200 and env_key not in repr(result)
