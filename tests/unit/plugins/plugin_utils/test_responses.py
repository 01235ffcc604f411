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


# ------------------------------------------------------------------ both providers, batches, no-op answers

def groups_of(response, provider="gcore", task_ids=None, check_mode=False):
    params = {"response": response}
    if task_ids is not None:
        params["task_ids"] = task_ids
    return [(g.provider, g.ids) for g in v.validate_wait_options(params, provider, check_mode)["groups"]]


def test_each_answer_is_waited_on_by_the_provider_its_shape_says():
    response = [{"tasks": [T1]}, uri_result({"success": True, "data": [{"id": T2}]}, status=202), {"tasks": [T3]}]
    assert groups_of(response) == [("gcore", [T1, T3]), ("gpcn", [T2])]
    # A GPCN answer handed to a Gcore wait is recognised, not refused.
    assert groups_of({"data": {"jobId": T2}}) == [("gpcn", [T2])]


def test_task_ids_and_response_merge():
    assert groups_of({"tasks": [T2, T1]}, task_ids=[T1]) == [("gcore", [T1, T2])]


@pytest.mark.parametrize("noop", [{"tasks": []}, {"success": True, "data": []}, {"data": {"jobs": []}}])
def test_a_no_op_answer_is_nothing_to_wait_on_alone_or_mixed(noop):
    assert [ids for _provider, ids in groups_of(noop)] == [[]]
    assert [T1] in [ids for _provider, ids in groups_of([noop, {"tasks": [T1]}])]


def test_batches_carry_provider_label_and_scope():
    batches = [{"provider": "gcore", "task_ids": [T1], "label": "volume 'a'", "project_id": 1, "region_id": 76},
               {"provider": "gpcn", "response": {"data": [{"id": T2}]}, "label": "vm 'b'"},
               {"provider": "gcore", "task_ids": [], "label": "network 'c'"}]
    gcore, gpcn = v.validate_wait_options({"response": batches}, "gcore")["groups"]
    assert (gcore.ids, gcore.labels, gcore.hints()) == ([T1], {T1: "volume 'a'"}, {"project_id": 1, "region_id": 76})
    assert gcore.label == "volume 'a', network 'c'"
    assert (gpcn.ids, gpcn.labels) == ([T2], {T2: "vm 'b'"})


def test_hints_are_kept_per_key_only_where_every_batch_agrees():
    batches = [{"provider": "gcore", "task_ids": [T1], "project_id": 1, "region_id": 76},
               {"provider": "gcore", "task_ids": [T2], "project_id": 2, "region_id": 76}]
    (gcore,) = v.validate_wait_options({"response": batches}, "gcore")["groups"]
    assert gcore.hints() == {"region_id": 76}


def test_a_registered_resource_result_gives_its_submitted_batch():
    registered = {"changed": True, "action": "submitted",
                  "submitted": {"provider": "gpcn", "task_ids": [T3], "label": "vm 'x'"}}
    assert groups_of(looped(registered)) == [("gpcn", [T3])]


def test_a_batch_answer_of_the_other_provider_is_refused():
    error = refusal(groups_of, [{"provider": "gpcn", "response": {"tasks": [T1]}}])
    assert error.option == "response" and "Gcore answer was given as provider gpcn" in str(error)


def test_a_bad_id_in_a_batch_names_task_ids():
    error = refusal(groups_of, [{"provider": "gcore", "task_ids": ["../x"], "label": "volume 'v'"}])
    assert error.option == "response" and "task_ids" in str(error) and "volume 'v'" in str(error)


def test_nothing_at_all_is_refused_except_in_check_mode():
    assert refusal(v.validate_wait_options, {}, "gcore").option == "task_ids"
    assert groups_of(None, check_mode=True) == []
