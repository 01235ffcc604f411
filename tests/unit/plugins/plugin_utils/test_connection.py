# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Key and URL resolution, URL rules, key files, and the client/adapter built from them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _connection as c
from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import (
    build_adapter,
    resolve_connection,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError


ENV = {"GCORE_API_KEY": "k", "GCORE_API_URL": "http://127.0.0.1:1"}


def refusal(func, *args, **kwargs):
    with pytest.raises(OptionError) as caught:
        func(*args, **kwargs)
    return caught.value


def option_of(params):
    with pytest.raises(OptionError) as caught:
        resolve_connection(params, ENV)
    return caught.value.option, str(caught.value)


@pytest.mark.parametrize("provider, variable", [("gcore", "GCORE_API_KEY_FILE"), ("gpcn", "GPCN_API_KEY_FILE")])
def test_key_is_read_from_the_named_file(tmp_path, provider, variable):
    key_file = tmp_path / "key"
    key_file.write_text("file-key-123\n")
    connection, secrets = c.resolve_connection({"provider": provider}, {variable: str(key_file)})
    assert connection["api_key"] == "file-key-123"
    assert secrets == ["file-key-123"]


def test_a_key_variable_wins_over_the_key_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("from-file")
    connection, _secrets = c.resolve_connection(
        {"provider": "gcore"}, {"GCORE_API_KEY": "from-env", "GCORE_API_KEY_FILE": str(key_file)})
    assert connection["api_key"] == "from-env"


def test_the_other_providers_key_file_is_never_used(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("gcore-only")
    with pytest.raises(OptionError) as caught:
        c.resolve_connection({"provider": "gpcn"}, {"GCORE_API_KEY_FILE": str(key_file)})
    assert "GPCN_API_KEY_FILE" in str(caught.value)


@pytest.mark.parametrize("content", ["", "  \n"])
def test_an_empty_key_file_is_refused(tmp_path, content):
    key_file = tmp_path / "key"
    key_file.write_text(content)
    with pytest.raises(OptionError) as caught:
        c.resolve_connection({"provider": "gcore"}, {"GCORE_API_KEY_FILE": str(key_file)})
    assert "empty" in str(caught.value)


def test_a_missing_key_file_names_the_variable_not_the_path_contents(tmp_path):
    with pytest.raises(OptionError) as caught:
        c.resolve_connection({"provider": "gcore"}, {"GCORE_API_KEY_FILE": str(tmp_path / "absent")})
    assert "GCORE_API_KEY_FILE" in str(caught.value)
    assert caught.value.option == "api_key"


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


@pytest.mark.parametrize("url", ["https://api.gcore.com", "https://api.gpcn.com/v1/", "http://127.0.0.1:8080",
                                 "http://127.9.9.9", "http://localhost:1/v1", "http://[::1]:9000"])
def test_api_url_accepted(url):
    assert c.validate_api_url(url) == url.rstrip("/")


@pytest.mark.parametrize("url,fragment", [
    ("http://api.gcore.com", "in clear"),
    ("http://10.0.0.1:80", "in clear"),
    ("ftp://api.gcore.com", "https://"),
    ("https://user:secret@api.gcore.com", "credentials"),
    ("https://api.gcore.com/?token=1", "query"),
    ("https://api.gcore.com/#x", "fragment"),
    ("https:///cloud", "host"),
    ("https://api.gcore.com:99999", "not a valid URL"),
    ("https://api gcore.com", "spaces"),
    ("", "must be a URL"),
])
def test_api_url_refused(url, fragment):
    error = refusal(c.validate_api_url, url)
    assert fragment in str(error)
    assert "secret" not in str(error)


def test_gcore_key_comes_from_gcore_env_then_legacy_never_from_gpcn():
    env = {"GPCN_API_KEY": "gpcn-secret", "CLOUD_API_KEY": "legacy"}
    assert c.resolve_api_key("gcore", None, env) == ("legacy", True)
    env["GCORE_API_KEY"] = "modern"
    assert c.resolve_api_key("gcore", "", env) == ("modern", True)
    assert c.resolve_api_key("gcore", "explicit", env) == ("explicit", False)


def test_gpcn_key_never_falls_back_to_a_gcore_key():
    error = refusal(c.resolve_api_key, "gpcn", None, {"GCORE_API_KEY": "gcore-secret"})
    assert error.option == "api_key"
    assert "GPCN_API_KEY" in str(error) and "gcore-secret" not in str(error)


def test_missing_gcore_key_names_both_env_vars():
    error = refusal(c.resolve_api_key, "gcore", None, {})
    assert "GCORE_API_KEY" in str(error) and "CLOUD_API_KEY" in str(error)


def test_key_with_newline_is_refused_without_echoing_it():
    error = refusal(c.resolve_api_key, "gcore", "top-secret\r\nX-Injected: 1", {})
    assert "top-secret" not in str(error)


def test_url_resolution_per_provider():
    env = {"GCORE_BASE_URL": "http://127.0.0.1:1", "GPCN_API_URL": "http://127.0.0.1:2/v1"}
    assert c.resolve_api_url("gcore", None, env) == "http://127.0.0.1:1"
    assert c.resolve_api_url("gcore", None, dict(env, GCORE_API_URL="https://a.example")) == "https://a.example"
    assert c.resolve_api_url("gpcn", None, env) == "http://127.0.0.1:2/v1"
    assert c.resolve_api_url("gpcn", None, {}) == "https://api.gpcn.com/v1"
    assert c.resolve_api_url("gcore", None, {}) == "https://api.gcore.com"
    assert "GCORE_API_URL" in str(refusal(c.resolve_api_url, "gcore", None, {"GCORE_API_URL": "http://evil.example"}))


def test_resolve_connection_returns_the_key_as_a_secret():
    connection, secrets = c.resolve_connection(
        {"provider": "gpcn", "request_timeout": 5, "validate_certs": False},
        {"GPCN_API_KEY": "gpcn_sim_key_a", "GPCN_API_URL": "http://127.0.0.1:9/v1"})
    assert connection == {"provider": "gpcn", "api_key": "gpcn_sim_key_a", "api_url": "http://127.0.0.1:9/v1",
                          "validate_certs": False, "ca_path": None, "request_timeout": 5.0}
    assert secrets == ["gpcn_sim_key_a"]
    assert refusal(c.resolve_connection, {"request_timeout": 0, "api_key": "k"}, {}).option == "request_timeout"


@pytest.mark.parametrize("value", ["", "  "])
def test_explicit_empty_api_url_is_refused_not_defaulted(value):
    option, text = option_of({"api_url": value})
    assert option == "api_url" and "GCORE_API_URL" in text


def test_unset_api_url_still_comes_from_the_environment():
    connection, _secrets = resolve_connection({"api_url": None}, ENV)
    assert connection["api_url"] == "http://127.0.0.1:1"


def test_ca_path_must_exist(tmp_path):
    assert option_of({"ca_path": str(tmp_path / "nope.pem")})[0] == "ca_path"
    assert option_of({"ca_path": ""})[0] == "ca_path"
    bundle = tmp_path / "ca.pem"
    bundle.write_text("x")
    assert resolve_connection({"ca_path": str(bundle)}, ENV)[0]["ca_path"] == str(bundle)


@pytest.mark.parametrize("host", ["a" * 64 + ".example", ".".join(["abc"] * 70)])
def test_host_names_past_dns_limits_are_refused(host):
    option, text = option_of({"api_url": "https://%s/" % host})
    assert option == "api_url" and "too long" in text and len(text) < 300
