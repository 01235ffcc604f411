# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter


def test_gcore_adapter_sends_apikey_header(server):
    server.script = [(200, {}, {"id": "t1", "state": "FINISHED", "task_type": "create_vm"})]
    adapter = build_adapter({"provider": "gcore", "api_key": "k-1", "api_url": server.url,
                             "request_timeout": 5})
    assert adapter.provider == "gcore" and adapter.get_task("t1")["status"] == "finished"
    assert server.received[0]["headers"]["Authorization"] == "APIKey k-1"
    assert server.received[0]["path"] == "/cloud/v1/tasks/t1"
    assert adapter._client.read_timeout == 5 and adapter._client.connect_timeout == 5


def test_gcore_key_pasted_with_scheme_is_not_doubled(server):
    adapter = build_adapter({"provider": "gcore", "api_key": "APIKey k-2", "api_url": server.url})
    server.script = [(200, {}, {"id": "t", "state": "RUNNING"})]
    adapter.poll(["t"])
    assert server.received[0]["headers"]["Authorization"] == "APIKey k-2"


def test_gpcn_adapter_sends_x_api_key(server):
    server.script = [(200, {}, {"data": {"jobs": [{"id": "j", "status": "pending"}]}})]
    adapter = build_adapter({"provider": "gpcn", "api_key": "g-1", "api_url": server.url + "/v1"})
    adapter.poll(["j"])
    sent = server.received[0]
    assert sent["path"] == "/v1/resource/jobs" and sent["headers"]["X-API-Key"] == "g-1"
    assert "Authorization" not in sent["headers"] and sent["body"] == {"jobIds": ["j"]}
