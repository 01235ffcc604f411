# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""run_resource against a scripted Gcore API: in-flight creates, drift, check mode, duplicates, lost writes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import NotFoundError, WriteOutcomeUnknownError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_kinds import (
    CREATING,
    READY,
    GCORE_KINDS,
    GPCN_KINDS,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_runner import drift_of, run_resource
from ansible_collections.asyncops.cloud.plugins.plugin_utils._role_facts import resource_facts, wait_facts
from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClock

VOL = "11111111-1111-4111-8111-111111111111"
TASK = "22222222-2222-4222-8222-222222222222"
CONNECTION = {"provider": "gcore", "api_key": "k", "api_url": "http://127.0.0.1:1"}
LIST = "/cloud/v1/volumes/1/76"


class ScriptedApi(object):
    """Answers GETs from a dict path -> body (or a callable); records every request."""

    def __init__(self, answers, write_answer=None, write_error=None):
        self.answers = answers
        self.write_answer = write_answer
        self.write_error = write_error
        self.calls = []
        self.request_count = 0

    def set_deadline(self, deadline, clock=None):
        pass

    def get(self, path, params=None):
        self.request_count += 1
        self.calls.append(("GET", path, params))
        answer = self.answers.get(path)
        if callable(answer):
            answer = answer()
        if answer is None:
            raise NotFoundError(404, "GET", path, "not found")
        return answer

    def exchange(self, method, path, params=None, json=None, accept=None):
        self.request_count += 1
        self.calls.append((method, path, json))
        if self.write_error is not None:
            raise self.write_error
        return 200, self.write_answer

    def writes(self):
        return [call for call in self.calls if call[0] != "GET"]


def volume(status="available", task_id=None, size=10):
    return {"id": VOL, "name": "data-1", "status": status, "size": size, "volume_type": "standard",
            "creator_task_id": TASK, "task_id": task_id}


def finished_task():
    return {"id": TASK, "task_type": "create_volume", "state": "FINISHED", "project_id": 1, "region_id": 76,
            "created_resources": {"volumes": [VOL]}, "data": {"name": "data-1"}}


def options(**extra):
    base = {"type": "volume", "state": "present", "name": "data-1", "id": None, "body": {"source": "new-volume",
            "size": 10}, "wait": True, "timeout": 60.0, "poll_interval": 1.0, "instance_volumes": "keep",
            "project_id": 1, "region_id": 76}
    base.update(extra)
    return base


def run(api, check_mode=False, **extra):
    clock = FakeClock()
    return run_resource(options(**extra), CONNECTION, check_mode=check_mode, client=api, clock=clock,
                        sleep=clock.sleep)


def test_a_create_task_in_flight_is_awaited_and_nothing_is_sent():
    # The API does not list the volume yet, but a create_volume task carrying its name runs.
    listed = iter([{"results": []}])
    api = ScriptedApi({
        LIST: lambda: next(listed),
        "/cloud/v1/tasks": {"results": [{"id": TASK, "data": {"name": "data-1"}},
                                        {"id": "x", "data": {"name": "other"}}]},
        "/cloud/v1/tasks/" + TASK: finished_task(),
        LIST + "/" + VOL: volume(),
    })
    result = run(api)
    assert api.writes() == []
    assert (result["action"], result["changed"], result["task_ids"], result["id"]) == ("resumed", False, [TASK], VOL)
    assert result["created_resources"] == {"volumes": [VOL]}


def test_a_resource_listed_as_creating_is_awaited_through_its_task():
    reads = iter([volume("creating", TASK), volume("available")])
    api = ScriptedApi({LIST: {"results": [volume("creating", TASK)]}, "/cloud/v1/tasks/" + TASK: finished_task(),
                       LIST + "/" + VOL: lambda: next(reads)})
    result = run(api)
    assert api.writes() == [] and result["action"] == "resumed"
    # A finished task is not yet a usable volume: it was read again until available.
    assert result["resource"]["status"] == "available"


def test_drift_warns_diffs_and_changes_nothing():
    api = ScriptedApi({LIST: {"results": [volume(size=10)]}})
    result = run(api, body={"size": 50, "source": "new-volume"})
    assert (result["changed"], result["action"]) == (False, "exists")
    assert result["drift"] == {"size": {"wanted": 50, "actual": 10}}
    assert result["diff"]["before"] == {"size": 10} and result["diff"]["after"] == {"size": 50}
    assert "size is 10, asked 50" in result["warnings"][0] and api.writes() == []


def test_check_mode_predicts_a_create_without_writing_and_keeps_the_result_shape():
    api = ScriptedApi({LIST: {"results": []}, "/cloud/v1/tasks": {"results": []}})
    checked = run(api, check_mode=True)
    assert api.writes() == []
    assert (checked["changed"], checked["action"], checked["id"], checked["resource"]) == (True, "created", None, None)
    assert checked["submitted"]["task_ids"] == [] and checked["diff"]["after"]["name"] == "data-1"
    real = run(ScriptedApi({LIST: {"results": [volume()]}}))
    assert set(checked) - {"diff"} == set(real)


def test_duplicates_are_reported_and_refused_for_a_delete_by_name():
    other = dict(volume(), id="33333333-3333-4333-8333-333333333333")
    api = ScriptedApi({LIST: {"results": [volume(), other]}})
    present = run(api)
    assert present["ids"] == [VOL, other["id"]] and "2 volumes are named 'data-1'" in present["warnings"][0]
    absent = run(api, state="absent")
    assert absent["failed"] is True and "set id to the one to delete" in absent["msg"] and api.writes() == []


def test_a_lost_create_answer_is_not_resent_and_says_a_rerun_is_safe():
    api = ScriptedApi({LIST: {"results": []}, "/cloud/v1/tasks": {"results": []}},
                      write_error=WriteOutcomeUnknownError("POST", LIST, ConnectionError("reset")))
    result = run(api)
    assert len(api.writes()) == 1 and result["failed"] is True and result["outcome_unknown"] is True
    assert result["msg"].startswith("Could not create volume 'data-1': the API may have received the create")
    assert "Running the same task again is safe" in result["msg"]


def test_phases_follow_the_spec_statuses():
    assert GCORE_KINDS["volume"].phase({"status": "creating"}) == CREATING
    assert GCORE_KINDS["instance"].phase({"status": "BUILD"}) == CREATING
    assert GCORE_KINDS["loadbalancer"].phase({"provisioning_status": "PENDING_CREATE"}) == CREATING
    assert GCORE_KINDS["k8s_cluster"].phase({"status": "Provisioned"}) == READY
    assert GCORE_KINDS["network"].phase({"task_id": TASK, "creator_task_id": TASK}) == CREATING
    assert GCORE_KINDS["network"].phase({"task_id": None}) == READY
    assert GPCN_KINDS["vm"].phase({"status": "provisioning"}) == CREATING


@pytest.mark.parametrize("wanted,actual,drifts", [(10, 10, False), ("10", 10, False), (20, 10, True)])
def test_drift_compares_numbers_and_their_text_alike(wanted, actual, drifts):
    assert bool(drift_of(GCORE_KINDS["volume"], {"size": wanted}, {"size": actual})) is drifts


def test_role_facts_append_submitted_batches_only_when_not_waiting():
    result = {"action": "submitted", "provider": "gpcn", "ids": [], "task_ids": [TASK], "changed": True,
              "submitted": {"provider": "gpcn", "task_ids": [TASK]}}
    facts = resource_facts("gpcn_resource", result, [{"provider": "gcore", "task_ids": []}], waited=False)
    assert facts["gpcn_resource_submitted"] == [{"provider": "gcore", "task_ids": []}, result["submitted"]]
    assert facts["gpcn_resource_job_ids"] == [TASK] and facts["gpcn_resource_info"] == {}
    assert resource_facts("gpcn_resource", result, [], waited=True)["gpcn_resource_submitted"] == []


def test_wait_facts_give_one_resumable_batch_per_provider_still_running():
    result = {"providers": {"gcore": {"label": "volume 'a'", "hints": {"region_id": 76}, "pending": [TASK]},
                            "gpcn": {"label": "gpcn", "pending": []}}, "tasks": []}
    facts = wait_facts("await_tasks", result)
    assert facts["await_tasks_pending"] == [{"provider": "gcore", "task_ids": [TASK], "region_id": 76,
                                             "label": "volume 'a'"}]
    assert [r["provider"] for r in facts["await_tasks_results"]] == ["gcore", "gpcn"]
