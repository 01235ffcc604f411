# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_ack against the simulator: what is written, what is skipped, what check mode does."""

import pytest

from .playbook_runner import load_result
from .simctl import GCORE_KEY_A, GCORE_KEY_B

QUICK = [0.01, 0.05]  # real seconds: done before ansible-playbook has even started


@pytest.mark.compat
def test_acknowledge_one_many_all(sim, run_playbook):
    error_ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=4,
                               task_type="create_volume", duration=QUICK, outcome="error")
    finished_id = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1,
                                 task_type="create_volume", duration=QUICK, outcome="finish")[0]
    theirs = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_B, count=2,
                            task_type="create_volume", duration=QUICK, outcome="error")

    before = sim.counters()
    _rc, stdout, stderr, out_dir = run_playbook("task_ack.yml", extra_vars={
        "error_ids": error_ids, "finished_id": finished_id, "other_tenant_error_ids": theirs})
    after = sim.counters()

    def served(route):
        return sim.route(route, after) - sim.route(route, before)

    one_check = load_result(out_dir, "one_check")
    assert one_check["changed"] is True and one_check["acknowledged"] == [error_ids[0]]
    assert load_result(out_dir, "after_check")["tasks"][0]["acknowledged"] is False

    one = load_result(out_dir, "one")
    assert one["changed"] is True and one["acknowledged"] == [error_ids[0]]

    many = load_result(out_dir, "many")
    assert many["changed"] is True
    assert many["acknowledged"] == error_ids[1:3]
    assert many["already_acknowledged"] == [error_ids[0]]
    # `skipped_tasks`, not `skipped`: ansible-core reads a result's `skipped` as "task skipped".
    assert many["skipped_tasks"] == [{"id": finished_id, "state": "FINISHED"}]
    assert "skipped" not in many
    # The skip is a warning the user sees (ansible prints warnings on stderr), naming the task.
    warning_lines = [line for line in (stdout + stderr).splitlines() if "WARNING" in line]
    assert any(finished_id in line for line in warning_lines), (stdout + stderr)[-3000:]

    again = load_result(out_dir, "many_again")
    assert again["changed"] is False and again["acknowledged"] == []
    assert sorted(again["already_acknowledged"]) == sorted(error_ids[:3])

    all_check = load_result(out_dir, "all_check")
    assert all_check["changed"] is True and all_check["acknowledged"] == [error_ids[3]]
    all_real = load_result(out_dir, "all_real")
    assert all_real["changed"] is True and all_real["acknowledged"] == [error_ids[3]]
    all_again = load_result(out_dir, "all_again")
    assert all_again["changed"] is False and all_again["acknowledged"] == []

    gpcn = load_result(out_dir, "gpcn_ack")
    assert gpcn["failed"] is True and "GPCN has no acknowledge operation" in gpcn["msg"]

    # What really happened on the server: 3 single acknowledges (e0 once, then e1, e2), one
    # acknowledge_all; check mode wrote nothing; no GPCN request was made at all.
    assert served("POST /cloud/v1/tasks/acknowledge_all") == 1
    assert served("POST /cloud/v1/tasks/{task_id}/acknowledge") == 3
    assert served("POST /cloud/v1/tasks/acknowledge") == 0
    assert served("POST /v1/resource/jobs") == 0
    ours = dict((t["id"], t) for t in load_result(out_dir, "ours_after")["tasks"])
    assert all(ours[tid]["acknowledged"] is True for tid in error_ids)
    assert ours[finished_id]["state"] == "FINISHED"
    # The other tenant's ERROR tasks were untouched by `all: true`.
    theirs_after = load_result(out_dir, "theirs_after")
    assert sorted(t["id"] for t in theirs_after["tasks"]) == sorted(theirs)
