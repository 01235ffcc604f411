# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The contenders by name: how each is launched and what it is called in the tables."""

import collections

Contender = collections.namedtuple("Contender", "name label kind target asyncops")

CONTENDERS = dict((c.name, c) for c in (
    Contender("sdk_loop", "gcore SDK tasks.poll, one task after another", "python", "sdk_loop", False),
    Contender("sdk_gather", "gcore SDK AsyncGcore, all polls gathered", "python", "sdk_gather", False),
    Contender("uri_until", "ansible.builtin.uri + until, looped over IDs", "playbook", "uri_until.yml", False),
    Contender("gpcn_loop", "GPCN one job per request, job after job", "python", "gpcn_loop", False),
    Contender("gpcn_parallel", "GPCN one job per request, all jobs at once", "python", "gpcn_parallel", False),
    Contender("asyncops_core", "asyncops.cloud core (wait_for_tasks)", "python", "core_direct", True),
    Contender("asyncops_task_wait", "asyncops.cloud task_wait, one playbook step", "playbook", "task_wait.yml", True),
))
