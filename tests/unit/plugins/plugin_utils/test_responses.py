# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_wait's response option: every accepted shape, merged IDs, refusals naming the option."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _responses as r, _validate as v
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.tests.unit.fakes import T1, T2, T3


ID_A = "d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999"


def refusal(func, *args, **kwargs):
    with pytest.raises(OptionError) as caught:
        func(*args, **kwargs)
    return caught.value


def ids_of(response, provider="gcore"):
    return options(response, provider)["task_ids"]


def options(response, provider="gcore"):
    return v.validate_wait_options({"response": response}, provider)


def uri_result(body, status=200):
    """What ``register`` keeps of one ansible.builtin.uri write."""
    return {"changed": False, "status": status, "url": "http://127.0.0.1:1/w", "json": body}


def looped(*items):
    """What ``register`` keeps of a uri task run over a ``loop``."""
    return {"changed": False, "msg": "All items completed", "results": list(items)}


def skipped_item():
    return {"changed": False, "skipped": True, "skip_reason": "Conditional result was False", "item": 3}


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


def test_one_response_and_several_give_their_ids_in_order():
    assert ids_of({"tasks": [T1]}) == [T1]
    assert ids_of([{"tasks": [T1]}, '{"tasks": ["%s"]}' % T2]) == [T1, T2]


def test_list_mixes_bodies_json_strings_and_registered_uri_results_in_order():
    response = [uri_result({"tasks": [T3]}), '{"tasks": ["%s"]}' % T1, {"tasks": [T2]}]
    assert ids_of(response) == [T3, T1, T2]


def test_a_json_string_may_hold_the_whole_list():
    assert ids_of(json.dumps([{"tasks": [T2]}, {"tasks": [T1]}])) == [T2, T1]


def test_looped_uri_result_gives_every_item_and_ignores_skipped_items():
    response = looped(uri_result({"tasks": [T1]}), skipped_item(), uri_result({"tasks": [T2, T3]}))
    assert ids_of(response) == [T1, T2, T3]


def test_a_list_may_hold_looped_results_next_to_single_ones():
    response = [looped(uri_result({"tasks": [T1]}), uri_result({"tasks": [T2]})), uri_result({"tasks": [T3]})]
    assert ids_of(response) == [T1, T2, T3]


def test_gpcn_shapes_merge_in_order():
    response = [{"data": {"jobId": T2}}, uri_result({"data": [{"id": T1}]}, status=202),
                {"data": {"jobs": [{"id": T3}, {"jobId": T2}]}}]
    assert ids_of(response, "gpcn") == [T2, T1, T3]


def test_repeats_across_responses_are_one_task_compared_without_case():
    # The same write registered twice, and the same task in another spelling, are one task.
    response = [{"tasks": [T1, T2]}, {"tasks": [T2.upper(), T3]}, uri_result({"tasks": [T1]})]
    assert ids_of(response) == [T1, T2, T3]


@pytest.mark.parametrize("empty", [[], looped(), looped(skipped_item()), "[]"])
def test_nothing_to_wait_on_is_refused_naming_response(empty):
    error = refusal(options, empty)
    assert error.option == "response" and "no write response" in str(error)


@pytest.mark.parametrize("bad", [[{"tasks": [T1]}, 7], [{"tasks": [T1]}, "not json"], ['"just a string"'], [None]])
def test_items_that_are_no_body_are_refused_naming_response(bad):
    assert refusal(options, bad).option == "response"


def test_a_response_without_ids_is_refused_naming_which_one():
    error = refusal(ids_of, [{"tasks": [T1]}, uri_result({"message": "quota exceeded"}, status=200)])
    assert error.option == "response"
    assert "write response 2 of 2" in str(error) and '{"tasks"' in str(error)


def test_every_merged_id_must_be_a_uuid():
    error = refusal(ids_of, [{"tasks": [T1]}, {"tasks": ["../acknowledge_all"]}])
    assert error.option == "response" and "../acknowledge_all" in str(error)


def test_a_single_bad_response_keeps_its_plain_message():
    error = refusal(ids_of, {"message": "nope"})
    assert str(error).startswith('response: a Gcore write response must look like')


def test_a_bad_id_in_any_response_is_refused_by_validation_before_the_runner_starts():
    error = refusal(options, [{"tasks": [T1]}, {"tasks": ["%2F..%2Fx"]}])
    assert error.option == "response" and "%2F..%2Fx" in str(error)
