# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""run_api_call(): check mode, changed, and the result over a fake and a real HttpClient."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _call_runner as runner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_call_options
from ansible_collections.asyncops.cloud.tests.unit.fakes import answering


KEY = "unit-secret-key-for-api-call"
CONNECTION = {"provider": "gcore", "api_key": KEY, "api_url": "http://127.0.0.1:9",
              "validate_certs": True, "ca_path": None, "request_timeout": 5.0}
GOOD = {"method": "GET", "path": "/cloud/v1/volumes/1/76", "query": {}, "body": None,
        "status_code": [200, 201, 202, 204]}


def options(**changes):
    params = dict(GOOD)
    params.update(changes)
    return validate_call_options(params)


def real_client(server, delays):
    return HttpClient(server.url, "Authorization", "APIKey " + KEY, max_retries=3, sleep=delays.append)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_check_mode_holds_back_every_write(method):
    client = answering(200, {"tasks": ["t"]})
    result = runner.run_api_call(options(method=method, body=None), CONNECTION, check_mode=True, client=client)
    assert client.calls == []
    assert result == {"changed": True, "sent": False, "status": None, "json": None, "method": method,
                      "path": GOOD["path"], "api_requests": 0, "outcome_unknown": False}


def test_check_mode_still_runs_a_get():
    client = answering(200, {"count": 0, "results": []})
    result = runner.run_api_call(options(query={"limit": 5}), CONNECTION, check_mode=True, client=client)
    assert [(c["method"], c["path"], c["params"], c["body"], c["accept"]) for c in client.calls] == [
        ("GET", GOOD["path"], {"limit": 5}, None, [200, 201, 202, 204])]
    assert result["sent"] is True and result["changed"] is False and result["json"] == {"count": 0, "results": []}


@pytest.mark.parametrize("method, status, changed", [
    ("POST", 200, True), ("POST", 202, True), ("DELETE", 204, True), ("DELETE", 404, False),
    ("GET", 200, False), ("GET", 404, False),
])
def test_changed_only_for_a_write_answered_2xx(method, status, changed):
    client = answering(status, None)
    result = runner.run_api_call(options(method=method, status_code=[200, 202, 204, 404]), CONNECTION, client=client)
    assert result["changed"] is changed and result["status"] == status and result["sent"] is True
    assert "failed" not in result


def test_empty_query_is_not_sent_as_params():
    client = answering(200, {})
    runner.run_api_call(options(), CONNECTION, client=client)
    assert client.calls[0]["params"] is None


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
