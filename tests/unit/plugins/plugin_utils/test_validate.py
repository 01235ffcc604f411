# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Option rules beyond the argspec: task IDs, numbers, names, timestamps, each module's options."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _validate as v
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_call_options
from ansible_collections.asyncops.cloud.tests.unit.fakes import T1


GOOD = {"method": "GET", "path": "/cloud/v1/volumes/1/76", "query": {}, "body": None,
        "status_code": [200, 201, 202, 204]}
ID_B = "726ecfcc-7fd0-4e30-a86e-7892524aa483"
ID_A = "d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999"


def options(**changes):
    params = dict(GOOD)
    params.update(changes)
    return validate_call_options(params)


def call_refusal(**changes):
    with pytest.raises(OptionError) as caught:
        options(**changes)
    return caught.value


def refusal(func, *args, **kwargs):
    with pytest.raises(OptionError) as caught:
        func(*args, **kwargs)
    return caught.value


def argspec_errors(module, args):
    """What the module's argspec alone says about ``args`` (the action plugin checks it first)."""
    spec = module_spec(module)
    validator = ArgumentSpecValidator(spec["argument_spec"], mutually_exclusive=spec["mutually_exclusive"],
                                      required_one_of=spec["required_one_of"])
    return [str(error) for error in validator.validate(args).errors]


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
    error = call_refusal(path=bad)
    assert error.option == "path", label
    assert str(error).startswith("path: ")


def test_path_of_exactly_2048_characters_is_accepted():
    path = "/" + "a" * 2047
    assert options(path=path)["path"] == path


def test_long_bad_path_is_shown_cut_short():
    error = call_refusal(path="/x/../" + "y" * 5000)
    assert len(str(error)) < 200


@pytest.mark.parametrize("bad", [[], [99], [600], [200, 1000], ["200"], [True], 200, [200.5]])
def test_status_code_refusals(bad):
    assert call_refusal(status_code=bad).option == "status_code"


def test_status_code_keeps_order_and_drops_duplicates():
    assert options(status_code=[404, 200, 404])["status_code"] == [404, 200]


def test_query_drops_none_and_keeps_lists():
    query = options(query={"state": ["NEW", None, "RUNNING"], "limit": 10, "x": None, "flag": False})["query"]
    assert query == {"state": ["NEW", "RUNNING"], "limit": 10, "flag": False}


@pytest.mark.parametrize("bad", [{"a": {"b": 1}}, {"a": [{"b": 1}]}, {"": 1}, ["a"], "a=1"])
def test_query_refusals(bad):
    assert call_refusal(query=bad).option == "query"


def test_body_is_for_writes_and_must_be_json_structures():
    assert options(method="POST", body={"name": "v"})["body"] == {"name": "v"}
    assert options(method="PUT", body=[1, 2])["body"] == [1, 2]
    assert call_refusal(method="GET", body={"name": "v"}).option == "body"
    assert call_refusal(method="POST", body="name=v").option == "body"
    assert call_refusal(method="POST", body=5).option == "body"


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


def test_repeats_inside_task_ids_stay_an_error():
    assert refusal(v.validate_wait_options, {"task_ids": [T1, T1]}, "gcore").option == "task_ids"
