# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What is measured: workloads (tasks seeded in the simulator) and which contenders face them.

Durations come from the seed documents' tables (the simulator's catalog) times a stated time
scale; poll intervals are real seconds as each contender documents them, never scaled, so a
scaled run keeps every contender's real polling rhythm and request cost per second.
"""

import collections

Workload = collections.namedtuple("Workload", "name title provider groups time_scale contenders")

# Documented intervals (seconds). Gcore: the Gcore task document's table (the SDK's own default is 3 s; its
# docs' example passes 5 for a VM). GPCN contenders: a fixed 3 s.
GCORE_INTERVALS = {"create_vm": 5, "create_volume": 5, "create_network": 5, "create_loadbalancer": 10,
                   "create_k8s_cluster_v2": 30}
GPCN_INTERVAL = 3

GCORE_CONTENDERS = ("sdk_loop", "sdk_gather", "uri_until", "asyncops_core", "asyncops_task_wait")
MIX_CONTENDERS = ("sdk_loop", "sdk_gather", "asyncops_core", "asyncops_task_wait")
GPCN_CONTENDERS = ("gpcn_loop", "gpcn_parallel", "asyncops_core", "asyncops_task_wait")
# Real durations take minutes per contender: only the SDK's two shapes face asyncops.cloud there.
REAL_TIME_CONTENDERS = ("sdk_loop", "sdk_gather", "asyncops_core", "asyncops_task_wait")

Profile = collections.namedtuple("Profile", "name workloads scaling interval_override")
# scaling: (time_scale, [sizes for the core], size for one task_wait step or None)
Scaling = collections.namedtuple("Scaling", "time_scale core_sizes task_wait_size")


def _profiles():
    full = Profile("full", [
        Workload("gcore_vms", "200 Gcore create_vm tasks", "gcore", [("create_vm", 200)], 0.25, GCORE_CONTENDERS),
        Workload("gcore_mix", "Gcore mix: 160 VMs, 30 volumes, 9 load balancers, 1 Kubernetes cluster", "gcore",
                 [("create_vm", 160), ("create_volume", 30), ("create_loadbalancer", 9),
                  ("create_k8s_cluster_v2", 1)], 0.05, MIX_CONTENDERS),
        Workload("gpcn_vms", "500 GPCN VM jobs", "gpcn", [("vm", 500)], 0.05, GPCN_CONTENDERS),
        # Uncompressed: the seed table's real 15-30 s, so lag and requests are those of a real wait.
        Workload("gcore_vms_real", "50 Gcore create_vm tasks, real durations", "gcore", [("create_vm", 50)], 1.0,
                 REAL_TIME_CONTENDERS),
    ], Scaling(0.25, [1000, 3000, 10000, 100000], 10000), None)
    quick = Profile("quick", [
        Workload("gcore_vms", "40 Gcore create_vm tasks", "gcore", [("create_vm", 40)], 0.15, GCORE_CONTENDERS),
        Workload("gpcn_vms", "100 GPCN VM jobs", "gpcn", [("vm", 100)], 0.03, GPCN_CONTENDERS),
    ], Scaling(0.15, [1000], 1000), None)
    # The smoke test's workload: a handful of 1-2 s tasks, every contender, 1 s intervals.
    tiny = Profile("tiny", [
        Workload("gcore_vms", "5 Gcore create_vm tasks", "gcore", [("create_vm", 5)], 1.0 / 15, GCORE_CONTENDERS),
        Workload("gpcn_vms", "5 GPCN VM jobs", "gpcn", [("vm", 5)], 1.0 / 75, GPCN_CONTENDERS),
    ], None, 1)
    return dict((p.name, p) for p in (full, quick, tiny))


PROFILES = _profiles()


def intervals_for(workload, profile):
    """{task type: seconds} the non-asyncops contenders poll at."""
    if profile.interval_override:
        return dict((task_type, profile.interval_override) for task_type, _ in workload.groups)
    if workload.provider == "gpcn":
        return dict((task_type, GPCN_INTERVAL) for task_type, _ in workload.groups)
    return dict((task_type, GCORE_INTERVALS.get(task_type, 5)) for task_type, _ in workload.groups)
