# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scale runs: one wait over 1,000 ... 100,000 IDs (cost per ID must stay flat)."""

import os

from benchmarks.runner import run_contender
from benchmarks.workloads import Workload

SCALE_CONTENDERS = ("asyncops_core",)


def scale_workload(size, time_scale):
    return Workload("scale_%d" % size, "%d Gcore create_vm tasks" % size, "gcore", [("create_vm", size)],
                    time_scale, SCALE_CONTENDERS)


def run_scaling(profile, out_dir, collections_path, log, sizes=None):
    """The profile's scale runs; `sizes` (a set of ID counts) keeps only those, e.g. one large
    point measured alone."""
    scaling = profile.scaling
    found = {"time_scale": scaling.time_scale, "core": [], "task_wait": []}
    for size in scaling.core_sizes:
        if sizes and size not in sizes:
            continue
        log("scale: asyncops_core with %d IDs ..." % size)
        row = run_contender("asyncops_core", scale_workload(size, scaling.time_scale), profile, scaling.time_scale,
                            os.path.join(out_dir, "runs", "scale", "core_%d" % size), collections_path)
        log("  wall %.2f s, cpu %.2f s, peak RSS %.0f MB" % (row["wall_s"], row["cpu_s"], row["peak_rss_mb"]))
        found["core"].append(row)
    if scaling.task_wait_size and (not sizes or scaling.task_wait_size in sizes):
        size = scaling.task_wait_size
        log("scale: asyncops_task_wait with %d IDs ..." % size)
        row = run_contender("asyncops_task_wait", scale_workload(size, scaling.time_scale), profile,
                            scaling.time_scale, os.path.join(out_dir, "runs", "scale", "task_wait_%d" % size),
                            collections_path)
        log("  wall %.2f s, cpu %.2f s, peak RSS %.0f MB" % (row["wall_s"], row["cpu_s"], row["peak_rss_mb"]))
        found["task_wait"].append(row)
    return found
