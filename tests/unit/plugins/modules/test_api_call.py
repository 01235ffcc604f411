# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""api_call: option validation, result shaping, check mode, and the runner over a real HttpClient."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _call_runner as runner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_call_options
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import scrub_result, secret_strings

# The scripted 127.0.0.1 server lives beside the module_utils tests.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "module_utils"))
from module_utils_fakes import ScriptedServer  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "action"))
from action_fakes import make_action as make_module_action  # noqa: E402

KEY = "unit-secret-key-for-api-call"
GOOD = {"method": "GET", "path": "/cloud/v1/volumes/1/76", "query": {}, "body": None,
        "status_code": [200, 201, 202, 204]}


def options(**changes):
    params = dict(GOOD)
    params.update(changes)
    return validate_call_options(params, "gcore")


def refusal(**changes):
    with pytest.raises(OptionError) as caught:
        options(**changes)
    return caught.value


# ------------------------------------------------------------------ argspec

def test_argspec_matches_the_interface():
    spec = module_spec("api_call")["argument_spec"]
    assert spec["method"]["choices"] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert spec["method"]["default"] == "GET"
    assert spec["path"]["required"] is True
    assert spec["status_code"]["default"] == [200, 201, 202, 204]
    assert spec["query"] == {"type": "dict", "default": {}}
    assert spec["body"] == {"type": "raw"}
    assert "api_key" in spec and spec["api_key"]["no_log"] is True


# ------------------------------------------------------------------ path

@pytest.mark.parametrize("good", [
    "/cloud/v1/volumes/1/76",
    "/resource/virtual-machines",
    "/cloud/v1/volumes/1/76/0b8f7e0c-7d0a-4c39-9d4b-2f4a8d9e6b11",
    "/cloud/v1/volumes/1/76/name%20with%20space",
    "/a/..b/c.",
])
def test_path_accepts_plain_api_paths_unchanged(good):
    assert options(path=good)["path"] == good


@pytest.mark.parametrize("label, bad", [
    ("no leading slash", "cloud/v1/volumes"),
    ("empty", ""),
    ("not a string", 12),
    ("dot dot", "/cloud/v1/../v2/volumes"),
    ("trailing dot dot", "/cloud/.."),
    ("dot segment", "/cloud/./v1"),
    ("encoded dot dot", "/cloud/%2e%2E/acknowledge_all"),
    ("query", "/cloud/v1/tasks?state=ERROR"),
    ("fragment", "/cloud/v1/tasks#x"),
    ("space", "/cloud/v1/volumes/1/76/a b"),
    ("tab", "/cloud/v1/\tvolumes"),
    ("newline", "/cloud/v1/volumes\nX-Injected: 1"),
    ("delete char", "/cloud/v1/\x7f"),
    ("too long", "/" + "a" * 2048),
])
def test_path_refusals_name_the_option(label, bad):
    error = refusal(path=bad)
    assert error.option == "path", label
    assert str(error).startswith("path: ")


def test_path_of_exactly_2048_characters_is_accepted():
    path = "/" + "a" * 2047
    assert options(path=path)["path"] == path


def test_long_bad_path_is_shown_cut_short():
    error = refusal(path="/x/../" + "y" * 5000)
    assert len(str(error)) < 200


# ------------------------------------------------------------------ method, status_code, query, body

@pytest.mark.parametrize("bad", [[], [99], [600], [200, 1000], ["200"], [True], 200, [200.5]])
def test_status_code_refusals(bad):
    assert refusal(status_code=bad).option == "status_code"


def test_status_code_keeps_order_and_drops_duplicates():
    assert options(status_code=[404, 200, 404])["status_code"] == [404, 200]


def test_query_drops_none_and_keeps_lists():
    query = options(query={"state": ["NEW", None, "RUNNING"], "limit": 10, "x": None, "flag": False})["query"]
    assert query == {"state": ["NEW", "RUNNING"], "limit": 10, "flag": False}


@pytest.mark.parametrize("bad", [{"a": {"b": 1}}, {"a": [{"b": 1}]}, {"": 1}, ["a"], "a=1"])
def test_query_refusals(bad):
    assert refusal(query=bad).option == "query"


def test_body_is_for_writes_and_must_be_json_structures():
    assert options(method="POST", body={"name": "v"})["body"] == {"name": "v"}
    assert options(method="PUT", body=[1, 2])["body"] == [1, 2]
    assert refusal(method="GET", body={"name": "v"}).option == "body"
    assert refusal(method="POST", body="name=v").option == "body"
    assert refusal(method="POST", body=5).option == "body"


# ------------------------------------------------------------------ runner with a fake client

class FakeClient(object):
    """Records calls; answers with one scripted (status, body) or raises a scripted error."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = []
        self.request_count = 0

    def exchange(self, method, path, params=None, json=None, accept=None):
        self.calls.append((method, path, params, json, accept))
        self.request_count += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


CONNECTION = {"provider": "gcore", "api_key": KEY, "api_url": "http://127.0.0.1:9",
              "validate_certs": True, "ca_path": None, "request_timeout": 5.0}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_check_mode_holds_back_every_write(method):
    client = FakeClient((200, {"tasks": ["t"]}))
    result = runner.run_api_call(options(method=method, body=None), CONNECTION, check_mode=True, client=client)
    assert client.calls == []
    assert result == {"changed": True, "sent": False, "status": None, "json": None, "method": method,
                      "path": GOOD["path"], "api_requests": 0, "outcome_unknown": False}


def test_check_mode_still_runs_a_get():
    client = FakeClient((200, {"count": 0, "results": []}))
    result = runner.run_api_call(options(query={"limit": 5}), CONNECTION, check_mode=True, client=client)
    assert client.calls == [("GET", GOOD["path"], {"limit": 5}, None, [200, 201, 202, 204])]
    assert result["sent"] is True and result["changed"] is False and result["json"] == {"count": 0, "results": []}


@pytest.mark.parametrize("method, status, changed", [
    ("POST", 200, True), ("POST", 202, True), ("DELETE", 204, True), ("DELETE", 404, False),
    ("GET", 200, False), ("GET", 404, False),
])
def test_changed_only_for_a_write_answered_2xx(method, status, changed):
    client = FakeClient((status, None))
    result = runner.run_api_call(options(method=method, status_code=[200, 202, 204, 404]), CONNECTION, client=client)
    assert result["changed"] is changed and result["status"] == status and result["sent"] is True
    assert "failed" not in result


def test_empty_query_is_not_sent_as_params():
    client = FakeClient((200, {}))
    runner.run_api_call(options(), CONNECTION, client=client)
    assert client.calls[0][2] is None


# ------------------------------------------------------------------ runner over HttpClient and a scripted server

@pytest.fixture
def server():
    srv = ScriptedServer()
    yield srv
    srv.close()


def real_client(server, delays):
    return HttpClient(server.url, "Authorization", "APIKey " + KEY, max_retries=3, sleep=delays.append)


def test_post_sends_json_and_returns_status_and_body(server):
    server.script = [(202, {}, {"success": True, "data": [{"id": "job-1"}]})]
    result = runner.run_api_call(options(method="POST", path="/v1/resource/volumes", body={"name": "v"}),
                                 CONNECTION, client=real_client(server, []))
    assert server.received[0]["method"] == "POST" and server.received[0]["body"] == {"name": "v"}
    assert result["status"] == 202 and result["json"]["data"][0]["id"] == "job-1"
    assert result["changed"] is True and result["api_requests"] == 1


def test_get_is_retried_through_a_503_burst(server):
    delays = []
    server.script = [(503, {}, {"message": "busy"}), (503, {"Retry-After": "2"}, None), (200, {}, {"id": 1})]
    result = runner.run_api_call(options(query={"state": ["NEW", "RUNNING"], "ok": True}), CONNECTION,
                                 client=real_client(server, delays))
    assert result["status"] == 200 and result["api_requests"] == 3 == len(server.received)
    assert server.received[0]["path"] == GOOD["path"] + "?state=NEW&state=RUNNING&ok=true"
    assert 2.0 in delays


def test_a_write_whose_answer_is_lost_is_not_resent(server):
    server.script = ["drop", (200, {}, {"tasks": ["again"]})]
    result = runner.run_api_call(options(method="POST", body={"name": "v"}), CONNECTION,
                                 client=real_client(server, []))
    assert len(server.received) == 1
    assert result["failed"] is True and result["outcome_unknown"] is True and result["sent"] is True
    assert result["status"] is None and result["changed"] is False and result["api_requests"] == 1
    assert result["msg"].startswith("Could not POST /cloud/v1/volumes/1/76: the request may have been processed "
                                    "by the API (")
    assert result["msg"].endswith("it was NOT resent. Check whether it took effect (list the resource, or "
                                  "asyncops.cloud.task_info) before trying again.")


def test_a_write_answered_5xx_is_not_resent_and_fails_with_the_status(server):
    server.script = [(503, {}, {"message": "maintenance"}), (200, {}, {})]
    result = runner.run_api_call(options(method="DELETE", path="/cloud/v1/volumes/1/76/v1"), CONNECTION,
                                 client=real_client(server, []))
    assert len(server.received) == 1
    assert result["failed"] is True and result["status"] == 503 and result["outcome_unknown"] is False
    assert result["msg"] == "Could not DELETE /cloud/v1/volumes/1/76/v1: HTTP 503 maintenance"


def test_status_outside_status_code_fails_with_api_text_and_body(server):
    body = {"message": "size: field required", "detail": None}
    server.script = [(422, {}, body)]
    result = runner.run_api_call(options(method="POST", body={"name": "v"}), CONNECTION,
                                 client=real_client(server, []))
    assert result["msg"] == "Could not POST /cloud/v1/volumes/1/76: HTTP 422 size: field required"
    assert result["status"] == 422 and result["json"] == body and result["error"]["status"] == 422
    assert result["changed"] is False and result["sent"] is True


def test_accepted_404_with_a_non_json_page_returns_null_json(server):
    server.script = [(404, {}, b"<html>not here</html>")]
    result = runner.run_api_call(options(status_code=[200, 404]), CONNECTION, client=real_client(server, []))
    assert "failed" not in result and result["status"] == 404 and result["json"] is None


def test_204_returns_null_json(server):
    server.script = [(204, {}, None)]
    result = runner.run_api_call(options(method="DELETE"), CONNECTION, client=real_client(server, []))
    assert result["status"] == 204 and result["json"] is None and result["changed"] is True


def test_a_key_echoed_by_the_api_is_scrubbed_by_the_action_base(server):
    # The runner returns what the API said; the action plugin's last line of defence masks the key.
    server.script = [(401, {}, {"message": "bad key " + KEY})]
    raw = runner.run_api_call(options(), CONNECTION, client=real_client(server, []))
    assert raw["failed"] is True and raw["status"] == 401
    result = scrub_result(raw, secret_strings(KEY))
    assert KEY not in repr(result)
    assert result["msg"].startswith("Could not GET /cloud/v1/volumes/1/76: HTTP 401 bad key ")


# ------------------------------------------------------------------ the action plugin (what playbooks run)

def make_action(args, check_mode=False, task_env=None):
    from ansible_collections.asyncops.cloud.plugins.action import api_call as call_action
    return make_module_action(call_action, args, check_mode=check_mode, task_env=task_env)


def run_action(args, client, check_mode=False, task_env=None):
    from unittest import mock
    with mock.patch.object(runner, "build_client", return_value=client) as build:
        result = make_action(args, check_mode=check_mode, task_env=task_env).run(task_vars={})
    return result, build


ACTION_ARGS = {"api_key": KEY, "api_url": "http://127.0.0.1:9", "method": "POST",
               "path": "/cloud/v1/volumes/1/76", "body": {"name": "v"}}


@pytest.mark.parametrize("check_mode, calls", [(True, 0), (False, 1)])
def test_action_check_mode_sends_no_write(check_mode, calls):
    client = FakeClient((200, {"tasks": ["t"]}))
    result, _build = run_action(dict(ACTION_ARGS), client, check_mode=check_mode)
    assert len(client.calls) == calls
    assert result["changed"] is True and result["sent"] is (not check_mode)
    assert "invocation" not in result


def test_action_refuses_a_bad_path_before_building_a_client():
    client = FakeClient((200, {}))
    result, build = run_action(dict(ACTION_ARGS, path="/cloud/v1/../v1/tasks/acknowledge_all"), client)
    assert result["failed"] is True and result["msg"].startswith("Could not call the API: path: ")
    assert build.call_count == 0 and client.calls == []


def test_action_argspec_errors_name_the_option():
    client = FakeClient((200, {}))
    result, build = run_action(dict(ACTION_ARGS, method="HEAD"), client)
    assert result["failed"] is True and "method" in result["msg"] and build.call_count == 0
    result, build = run_action(dict((k, v) for k, v in ACTION_ARGS.items() if k != "path"), client)
    assert result["failed"] is True and "path" in result["msg"] and build.call_count == 0


def test_action_scrubs_an_environment_key_echoed_in_the_answer():
    env_key = "env-only-key-0123456789"
    client = FakeClient((200, {"echo": env_key}))
    args = dict((k, v) for k, v in ACTION_ARGS.items() if k != "api_key")
    result, build = run_action(args, client, task_env={"GCORE_API_KEY": env_key})
    assert build.call_args[0][0]["api_key"] == env_key  # the key from the task environment was used
    assert result["status"] == 200 and env_key not in repr(result)
