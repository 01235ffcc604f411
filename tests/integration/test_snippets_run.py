# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README quick start and each module's main example, run as pasted against the simulator."""

import importlib.util
import json
import os

import pytest
import yaml

from .simctl import GCORE_KEY_A, GPCN_KEY_A

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_SPEC = importlib.util.spec_from_file_location("snippets", os.path.join(REPO_ROOT, "tests", "quality", "snippets.py"))
snippets = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(snippets)

MODULES = ("resource", "task_wait", "api_call", "task_info", "task_ack")
# What a module's first example refers to from earlier tasks of the user's play.
EARLIER = {"task_ack": {"waited": {"failed_tasks": []}}}


def user_env(sim):
    """What a user exports (README quick start), pointed at the simulator."""
    return {"GCORE_API_KEY": GCORE_KEY_A, "GCORE_API_URL": sim.gcore_url, "GCORE_CLOUD_PROJECT_ID": "1",
            "GCORE_CLOUD_REGION_ID": "76", "GPCN_API_KEY": GPCN_KEY_A, "GPCN_API_URL": sim.gpcn_url}


def as_playbook(text, tmp_path, name):
    """The snippet as a playbook file: a play as it is, a task wrapped in a play on localhost."""
    first = yaml.safe_load(text)[0]
    plays = [first] if "hosts" in first else [{"name": "Example", "hosts": "localhost", "gather_facts": False,
                                               "tasks": [first]}]
    path = str(tmp_path / (name + ".yml"))
    with open(path, "w") as handle:
        json.dump(plays, handle)
    return path


def test_readme_quick_start_runs_as_pasted_and_twice_changes_nothing(sim, run_playbook, tmp_path):
    path = str(tmp_path / "quickstart.yml")
    with open(path, "w") as handle:
        handle.write(snippets.readme_quick_start())
    _rc, out, _err, _dir = run_playbook(path, env=user_env(sim))
    assert "changed=2" in out and "is available" in out
    _rc, out, _err, _dir = run_playbook(path, env=user_env(sim))
    assert "changed=0" in out
    assert sorted(r["name"] for r in sim.resources("gcore")["resources"] + sim.resources("gpcn")["resources"]) == [
        "data-1", "web-1"]


@pytest.mark.parametrize("module", MODULES)
def test_module_main_example_runs_against_the_simulator(sim, run_playbook, tmp_path, module):
    example = snippets.examples_of(os.path.join(REPO_ROOT, "plugins", "modules", module + ".py"))
    # run_playbook fails the test unless ansible-playbook exits 0.
    run_playbook(as_playbook(example, tmp_path, module), extra_vars=EARLIER.get(module), env=user_env(sim))
    if module not in EARLIER:  # task_ack's example is skipped when the earlier wait had no failures
        assert sim.api_requests() >= 1
