# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-playbook --check: reads and waits run, acknowledges are only reported."""

from .playbook_runner import load_result
from .simctl import GCORE_KEY_A

QUICK = [0.01, 0.05]  # real seconds


def test_check_mode_waits_but_writes_nothing(sim, run_playbook):
    finished_id = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1,
                                 task_type="create_network", duration=QUICK, outcome="finish")[0]
    error_ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=2,
                               task_type="create_volume", duration=QUICK, outcome="error")

    _rc, _out, _err, out_dir = run_playbook(
        "check_mode.yml", extra_vars={"finished_id": finished_id, "error_ids": error_ids}, check=True)
    counters = sim.counters()

    waited = load_result(out_dir, "waited")
    assert waited["finished_tasks"] == [finished_id]
    assert sorted(f["id"] for f in waited["failed_tasks"]) == sorted(error_ids)
    assert len(waited["created_resources"]["networks"]) == 1

    by_id = load_result(out_dir, "by_id")
    assert by_id["changed"] is True and by_id["acknowledged"] == error_ids
    ack_all = load_result(out_dir, "ack_all")
    assert ack_all["changed"] is True and sorted(ack_all["acknowledged"]) == sorted(error_ids)

    # Nothing was written: no acknowledge call reached the server, and the tasks say so.
    writes = [route for route, count in counters["routes"].items()
              if count and route.startswith("POST ")]
    assert writes == []
    assert [t["acknowledged"] for t in load_result(out_dir, "read_back")["tasks"]] == [False, False]
