# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""_validate.py: every refusal happens before a request and names the option and the value."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _connection as c
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _responses as r
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _validate as v

ID_A = "d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999"
ID_B = "726ecfcc-7fd0-4e30-a86e-7892524aa483"


def refusal(func, *args, **kwargs):
    with pytest.raises(OptionError) as caught:
        func(*args, **kwargs)
    return caught.value


# ------------------------------------------------------------------ task IDs

def test_task_ids_accepts_list_and_single_string_keeping_order():
    assert v.validate_task_ids([ID_B, ID_A]) == [ID_B, ID_A]
    assert v.validate_task_ids(ID_A.upper()) == [ID_A.upper()]


@pytest.mark.parametrize("bad", [
    "../acknowledge_all",
    ID_A + "/acknowledge",
    ID_A.replace("-", "%2F", 1),
    " " + ID_A,
    ID_A + "\n",
    ID_A + "0",
    ID_A.replace("-", ""),
    "",
    "x" * 200,
    "{" + ID_A + "}",
])
def test_task_ids_refuses_anything_but_a_canonical_uuid(bad):
    error = refusal(v.validate_task_ids, [ID_A, bad], option="job_ids")
    assert error.option == "job_ids"
    assert str(error).startswith("job_ids: ")
    assert repr(bad)[:20] in str(error)


def test_bad_value_in_message_is_truncated_to_64_characters():
    error = refusal(v.validate_task_ids, ["z" * 500])
    shown = str(error).split(": ", 1)[1].split(" is not")[0]
    assert len(shown) == 64 and shown.endswith("...")


def test_empty_list_and_duplicates_are_refused():
    assert "empty" in str(refusal(v.validate_task_ids, []))
    error = refusal(v.validate_task_ids, [ID_A, ID_B, ID_A.upper()])
    assert "more than once" in str(error) and ID_A.upper() in str(error)


@pytest.mark.parametrize("bad", [None, 5, {"id": ID_A}])
def test_task_ids_must_be_a_list(bad):
    assert refusal(v.validate_task_ids, bad).option == "task_ids"


# ------------------------------------------------------------------ response

def test_response_accepts_dict_json_string_and_registered_uri_result():
    body = {"tasks": [ID_A]}
    assert r.response_body(body) == body
    assert r.response_body('{"tasks": ["%s"]}' % ID_A) == body
    registered = {"changed": False, "status": 201, "url": "http://127.0.0.1/x", "json": body}
    assert r.response_body(registered) == body
    registered_string = {"status": 202, "json": '{"data": {"jobId": "%s"}}' % ID_A}
    assert r.response_body(registered_string) == {"data": {"jobId": ID_A}}


@pytest.mark.parametrize("bad", ["not json", "[1, 2]", 42, ["a"]])
def test_response_must_be_a_json_object(bad):
    assert refusal(r.response_body, bad).option == "response"


# ------------------------------------------------------------------ numbers and names

@pytest.mark.parametrize("bad", [0, -1, "abc", float("nan"), float("inf")])
def test_positive_float_refuses_zero_negative_and_non_finite(bad):
    assert refusal(v.validate_positive_float, bad, "poll_interval").option == "poll_interval"


def test_positive_float_allows_fractions_and_none():
    assert v.validate_positive_float("0.25", "poll_interval") == 0.25
    assert v.validate_positive_float(None, "timeout") is None


@pytest.mark.parametrize("name", ["created", "_x1", "vm_ids"])
def test_fact_name_accepts_variable_names(name):
    assert v.validate_fact_name(name) == name


@pytest.mark.parametrize("name", ["1abc", "with-dash", "class", "None", "caf\u00e9", "a b", ""])
def test_fact_name_refuses_what_ansible_refuses(name):
    assert refusal(v.validate_fact_name, name).option == "fact_name"


@pytest.mark.parametrize("value", ["2026-05-23", "2026-05-23T05:07:31", "2026-05-23T05:07:31Z",
                                   "2026-05-23T05:07:31.123456+02:00", "2026-05-23 05:07"])
def test_timestamps_accept_iso_8601(value):
    assert v.validate_timestamp(value, "from_timestamp") == value


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-02-30T00:00:00", "2026-05-23T25:00:00",
                                   "2026-05-23T05:07:31Zjunk", "1716440851"])
def test_timestamps_refuse_other_text(value):
    assert refusal(v.validate_timestamp, value, "to_timestamp").option == "to_timestamp"


@pytest.mark.parametrize("value,ok", [(1, True), (100000, True), (0, False), (100001, False), (True, False)])
def test_limit_range(value, ok):
    if ok:
        assert v.validate_limit(value) == value
    else:
        assert refusal(v.validate_limit, value).option == "limit"


# ------------------------------------------------------------------ API URL

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


# ------------------------------------------------------------------ key / URL resolution

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


# ------------------------------------------------------------------ per-module rules

def argspec_errors(module, args):
    """What the module's argspec alone says about ``args`` (the action plugin checks it first)."""
    spec = module_spec(module)
    validator = ArgumentSpecValidator(spec["argument_spec"], mutually_exclusive=spec["mutually_exclusive"],
                                      required_one_of=spec["required_one_of"])
    return [str(error) for error in validator.validate(args).errors]


def test_wait_options_need_exactly_one_source():
    assert "one of the following is required: task_ids, response" in argspec_errors("task_wait", {})
    assert argspec_errors("task_wait", {"task_ids": [ID_A], "response": {"tasks": [ID_A]}}) == [
        "parameters are mutually exclusive: task_ids|response"]
    cleaned = v.validate_wait_options({"response": '{"tasks": ["%s"]}' % ID_A, "poll_interval": 0.5,
                                       "fail_on_error": False, "fact_name": "made"}, "gcore")
    assert cleaned["task_ids"] == [ID_A]
    assert cleaned["poll_interval"] == 0.5 and cleaned["fail_on_error"] is False


def test_info_filters_are_gcore_only_and_exclusive_with_ids():
    assert "Gcore only" in str(refusal(v.validate_info_options, {"state": ["ERROR"]}, "gpcn"))
    assert argspec_errors("task_info", {"task_ids": [ID_A], "task_type": "create_vm"}) == [
        "parameters are mutually exclusive: task_ids|task_type"]
    assert v.validate_info_options({"task_ids": [ID_A]}, "gpcn") == {"task_ids": [ID_A], "filters": None}
    cleaned = v.validate_info_options({"state": ["ERROR", "NEW"], "project_id": [1], "limit": 5,
                                       "is_acknowledged": False, "order_by": "desc"}, "gcore")
    assert cleaned["filters"] == {"state": ["ERROR", "NEW"], "project_id": [1], "limit": 5,
                                  "is_acknowledged": False, "order_by": "desc"}


def test_info_without_ids_or_filters_lists_recent_tasks_with_default_limit():
    assert v.validate_info_options({"limit": 1000, "order_by": "desc"}, "gcore")["filters"] == {
        "limit": 1000, "order_by": "desc"}


def test_ack_rules():
    assert "GPCN has no acknowledge operation" in str(refusal(v.validate_ack_options, {"all": True}, "gpcn"))
    assert refusal(v.validate_ack_options, {"all": False}, "gcore").option == "task_ids"
    assert refusal(v.validate_ack_options, {"all": True, "task_ids": [ID_A]}, "gcore").option == "task_ids"
    assert refusal(v.validate_ack_options, {"task_ids": [ID_A], "project_id": 1}, "gcore").option == "project_id"
    assert v.validate_ack_options({"all": True, "region_id": 76}, "gcore") == {
        "task_ids": None, "all": True, "project_id": None, "region_id": 76}
