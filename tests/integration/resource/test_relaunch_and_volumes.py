# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A relaunch after a timed-out wait leaves one resource; an instance's volumes follow the chosen policy."""

import os
import threading
import time

from ..playbook_runner import load_result

HERE = os.path.dirname(os.path.abspath(__file__))
CREATE_ROUTE = "POST /cloud/v1/volumes/{project_id}/{region_id}"


def test_relaunch_after_a_timed_out_wait_waits_on_the_first_create(run_playbook, sim):
    sim.config(time_scale=4)  # a volume takes 20 to 60 s: still running when the relaunch starts
    playbook = os.path.join(HERE, "playbooks", "relaunch.yml")
    _rc, _out, _err, out_dir = run_playbook(playbook, extra_vars={"wait_timeout": 0.5})
    first = load_result(out_dir, "relaunch")
    assert first["failed"] is True and first["timed_out"] is True
    assert "volume 'it-relaunch'" in first["msg"] and "does not send another" in first["msg"]
    assert sim.route(CREATE_ROUTE) == 1

    # The relaunch waits; the simulator then finishes the first create while it does.
    outcome = {}
    relaunch = threading.Thread(target=lambda: outcome.update(
        out_dir=run_playbook(playbook, extra_vars={"wait_timeout": 120})[3]))
    relaunch.start()
    time.sleep(4)
    assert sim.resources("gcore")["resources"][0]["status"] == "creating"
    sim.finish(first["task_ids"][0])
    relaunch.join(timeout=120)
    second = load_result(outcome["out_dir"], "relaunch")
    assert second["failed"] is False, second.get("msg")
    assert (second["action"], second["changed"]) == ("resumed", False)
    assert second["task_ids"] == first["task_ids"]
    assert second["resource"]["status"] == "available"
    assert sim.route(CREATE_ROUTE) == 1
    assert [r["name"] for r in sim.resources("gcore")["resources"]] == ["it-relaunch"]


def test_instance_volumes_are_kept_or_deleted_as_asked(run_playbook, sim):
    _rc, _out, _err, out_dir = run_playbook(os.path.join(HERE, "playbooks", "instance_volumes.yml"))
    r = load_result(out_dir, "instance_volumes")
    keep_volumes = r["instances"][0]["created_resources"]["volumes"]
    drop_volumes = r["instances"][1]["created_resources"]["volumes"]
    assert len(keep_volumes) == 2 and len(drop_volumes) == 2
    assert r["kept"]["kept_volumes"] == keep_volumes and r["kept"]["deleted_volumes"] == []
    assert r["dropped"]["deleted_volumes"] == drop_volumes and r["dropped"]["kept_volumes"] == []
    left = dict((res["id"], res) for res in sim.resources("gcore")["resources"])
    assert sorted(left) == sorted(keep_volumes)
    assert set(res["status"] for res in left.values()) == {"available"}
