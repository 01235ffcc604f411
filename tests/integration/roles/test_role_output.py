# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A role call prints at most 3 task lines at default verbosity."""

import os

from .test_ops_playbooks import env_for

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")
MAX_ROLE_TASK_LINES = 3


def test_each_role_call_prints_at_most_three_task_lines(sim, run_playbook):
    _rc, out, _err, _dir = run_playbook(os.path.join(PLAYBOOKS, "role_output.yml"), env=env_for(sim))
    for role in ("gcore_resource", "gpcn_resource", "await_tasks"):
        lines = [line for line in out.splitlines() if line.startswith("TASK [asyncops.cloud.%s " % role)]
        assert 1 <= len(lines) <= MAX_ROLE_TASK_LINES, (role, lines)
    assert "skipping:" not in out
    # The Gcore role's task names the resource it manages.
    assert "TASK [asyncops.cloud.gcore_resource : Gcore volume it-output-volume: present]" in out
