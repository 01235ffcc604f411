# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The busy-project workload: a wait on 5 Gcore tasks while 20,000 others are created around it.

Our 5 create_vm tasks (15-30 s) are seeded first; the wait starts at once, and over its first
seconds 20,000 unrelated tasks of the same project and region are seeded in batches (newer
than ours, so a newest-first list shows only them). Two contenders, each against a fresh
simulator seeded the same way: asyncops.cloud's core (wait_for_tasks, sweeping as its
SweepPlanner decides) and the same core with per-ID GETs only, the reference a sweep must beat.
Requests and response body bytes are the simulator's counters.
"""

import json
import os
import subprocess
import threading
import time

from benchmarks.contenders.registry import CONTENDERS
from benchmarks.figures import contender_figures
from benchmarks.runner import WAIT_TIMEOUT, _children_cpu, _python_command
from benchmarks.rss import TreeRssSampler
from benchmarks.simhost import API_KEYS, SeededSimulator, _control
from benchmarks.workloads import Workload

NAME = "busy_project"
OURS = 5
OTHERS = 20000
BATCHES = 20            # others seeded in this many batches ...
BATCH_GAP_S = 0.25      # ... this far apart: all of them within the wait's first ~5 s
TIME_SCALE = 1.0        # create_vm 15-30 s real: several rounds at the 5 s interval
OTHERS_DURATION = [600, 900]  # still running when the wait ends; their state does not matter
RUN_LIMIT = 600
BYTES_RATIO_TARGET = 2.0
MODES = (("asyncops_core", "asyncops.cloud core (wait_for_tasks)", False),
         ("asyncops_core_per_id", "same core, per-ID GETs only (reference)", True))


def busy_workload():
    return Workload(NAME, "5 Gcore create_vm tasks in a busy project (20,000 others created meanwhile)",
                    "gcore", [("create_vm", OURS)], TIME_SCALE, ())


class OthersSeeder(threading.Thread):
    """Seeds the unrelated tasks in batches while the wait runs."""

    def __init__(self, base_url):
        super(OthersSeeder, self).__init__(name="busy-seeder", daemon=True)
        self.base_url = base_url
        self.seeded = 0
        self.error = None

    def run(self):
        per_batch = OTHERS // BATCHES
        try:
            for _ in range(BATCHES):
                body = {"provider": "gcore", "api_key": API_KEYS["gcore"], "count": per_batch,
                        "task_type": "create_vm", "duration": OTHERS_DURATION}
                self.seeded += len(_control(self.base_url, "/_sim/tasks", body)["ids"])
                time.sleep(BATCH_GAP_S)
        except Exception as exc:  # reported by the harness, which must not hang on it
            self.error = exc


def run_busy_once(name, label, per_id_only, work_dir, collections_path):
    os.makedirs(work_dir, exist_ok=True)
    spec_path = os.path.join(work_dir, "spec.json")
    with SeededSimulator(busy_workload(), TIME_SCALE) as sim:
        spec = {"provider": "gcore", "base_url": sim.base_url, "api_key": API_KEYS["gcore"], "ids": sim.ids,
                "types": sim.types, "intervals": {}, "timeout": WAIT_TIMEOUT,
                "collections_path": collections_path, "per_id_only": per_id_only}
        with open(spec_path, "w") as handle:
            json.dump(spec, handle)
        cmd, env = _python_command(CONTENDERS["asyncops_core"], spec_path)
        seeder = OthersSeeder(sim.base_url)
        cpu_before = _children_cpu()
        with open(os.path.join(work_dir, "output.log"), "w") as log:
            launched_at = time.time()
            process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work_dir)
            seeder.start()
            with TreeRssSampler(process.pid) as sampler:
                rc = process.wait(timeout=RUN_LIMIT)
            exited_at = time.time()
        seeder.join(60)
        if rc != 0 or seeder.error is not None:
            with open(os.path.join(work_dir, "output.log")) as log:
                raise RuntimeError("busy project run %s failed (rc %s, seeding: %s):\n%s"
                                   % (name, rc, seeder.error, log.read()[-3000:]))
        with open(spec_path + ".result.json") as handle:
            result = json.load(handle)
        counters = sim.counters()
        figures = contender_figures(sim.ends, result, launched_at, exited_at, counters["total"],
                                    sampler.peak_bytes, _children_cpu() - cpu_before)
    figures.update(name=name, label=label, tasks=len(sim.ids), others=seeder.seeded, routes=counters["routes"],
                   bytes=counters["bytes"], bytes_by_route=counters["bytes_by_route"])
    return figures


def run_busy_benchmark(out_dir, collections_path, log):
    rows = []
    for name, label, per_id_only in MODES:
        log("%s: %s ..." % (NAME, name))
        row = run_busy_once(name, label, per_id_only, os.path.join(out_dir, "runs", NAME, name), collections_path)
        log("  %d requests, %d response bytes, return lag %.2f s"
            % (row["requests"], row["bytes"], row["return_lag_s"]))
        rows.append(row)
    return {"name": NAME, "time_scale": TIME_SCALE, "others": OTHERS, "rows": rows}


def busy_targets(busy, check):
    """The core against its own per-ID reference: no more requests, at most twice the bytes."""
    rows = dict((row["name"], row) for row in busy["rows"])
    core, reference = rows.get("asyncops_core"), rows.get("asyncops_core_per_id")
    if not core or not reference:
        return []
    ratio = core["bytes"] / float(reference["bytes"] or 1)
    return [
        check("%s asyncops_core: requests <= per-ID GETs only" % NAME, core["requests"] <= reference["requests"],
              "%d vs %d" % (core["requests"], reference["requests"]), "<= %d" % reference["requests"]),
        check("%s asyncops_core: response bytes <= %.0fx per-ID GETs only" % (NAME, BYTES_RATIO_TARGET),
              ratio <= BYTES_RATIO_TARGET, "%.2fx (%d vs %d)" % (ratio, core["bytes"], reference["bytes"]),
              "<= %.0fx" % BYTES_RATIO_TARGET),
    ]


def busy_table(busy):
    lines = ["### Busy project: a wait on %d Gcore create_vm tasks while %d others are created (time scale %g)"
             % (OURS, busy["others"], busy["time_scale"]), "",
             "The others are seeded in %d batches over the wait's first %.0f s, same project and region, "
             "newer than ours. Bytes: answer bodies as the simulator sent them." % (BATCHES, BATCHES * BATCH_GAP_S), "",
             "| contender | API requests | list requests | single GETs | response bytes | list bytes "
             "| return lag s | all done |",
             "|---|---:|---:|---:|---:|---:|---:|:-:|"]
    for row in busy["rows"]:
        routes, by_route = row.get("routes") or {}, row.get("bytes_by_route") or {}
        lines.append("| %s | %d | %d | %d | %d | %d | %.2f | %s |" % (
            row["label"], row["requests"], routes.get("GET /cloud/v1/tasks", 0),
            routes.get("GET /cloud/v1/tasks/{task_id}", 0), row["bytes"], by_route.get("GET /cloud/v1/tasks", 0),
            row["return_lag_s"], "yes" if row["complete"] else "NO"))
    return lines
