# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fleet workloads: 10 / 30 / 100 hosts at full forks, coordinated waits vs per-host solo waits.

Two shapes per size: every host waits on its own task (``own``), and every host waits on the
same N tasks (``shared``). Each shape runs twice: with task_wait's coordination (the default:
the forks share one polling round) and with ``coordinate: false`` (each host polls alone). The
reference is one task_wait step on all N tasks, the best a single waiter can do. Every run gets
a fresh simulator; requests are its counters, memory is the whole ansible-playbook tree plus the
coordinator process (which runs in its own session, so it is sampled by name).
"""

import json
import os
import resource
import subprocess
import sys
import time

import psutil

from benchmarks.figures import contender_figures
from benchmarks.rss import TreeRssSampler
from benchmarks.runner import PLAYBOOKS, RUN_LIMIT, WAIT_TIMEOUT, run_contender
from benchmarks.simhost import API_KEYS, SeededSimulator
from benchmarks.workloads import Workload
from harness.playbook_env import playbook_env

COORDINATOR_MARK = "plugin_utils._coordinator import main"
FLEET_SIZES = {"full": (10, 30, 100), "quick": (10, 30), "tiny": (3,)}
FLEET_TIME_SCALE = 1.0    # Gcore create_vm 15-30 s real: the waits outlast the start of 100 forks
SHAPES = ("own", "shared")
MODES = (("coordinated", True), ("solo", False))


class CoordinatorRss(TreeRssSampler):
    """Peak RSS of the run's coordinator processes: they run in their own session, so they are
    found by their command line (which names the run directory, ``run-<ansible-playbook pid>-``)."""

    def _sample(self):
        total = 0
        run_mark = "/run-%d-" % self.pid
        for process in psutil.process_iter(["cmdline", "memory_info"]):
            cmdline = process.info.get("cmdline") or []
            if (any(COORDINATOR_MARK in part for part in cmdline) and any(run_mark in part for part in cmdline)
                    and process.info.get("memory_info")):
                total += process.info["memory_info"].rss
        self.peak_bytes = max(self.peak_bytes, total)


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fleet_workload(size):
    return Workload("fleet_%d" % size, "%d Gcore create_vm tasks" % size, "gcore", [("create_vm", size)],
                    FLEET_TIME_SCALE, ())


def run_fleet_once(size, shape, coordinate, work_dir, collections_path, env=None):
    os.makedirs(work_dir, exist_ok=True)
    with SeededSimulator(fleet_workload(size), FLEET_TIME_SCALE) as sim:
        ids = sim.ids
        hosts = [{"name": "host-%03d" % index, "ids": [task_id] if shape == "own" else list(ids)}
                 for index, task_id in enumerate(ids)]
        result_path = os.path.join(work_dir, "result.json")
        play_vars = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                     "provider": "gcore", "api_url": sim.base_url, "api_key": API_KEYS["gcore"],
                     "timeout": WAIT_TIMEOUT, "coordinate": coordinate, "fleet_hosts": hosts,
                     "result_path": result_path}
        vars_path = os.path.join(work_dir, "vars.json")
        with open(vars_path, "w") as handle:
            json.dump(play_vars, handle)  # the key goes through a file, never through argv
        overrides = {"ANSIBLE_FORKS": str(size)}
        overrides.update(env or {})
        env = playbook_env(collections_path, work_dir, overrides)  # scrubbed, loopback-only, as in the tests
        cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
               "-e", "@" + vars_path, os.path.join(PLAYBOOKS, "fleet.yml")]
        cpu_before = _children_cpu()
        with open(os.path.join(work_dir, "output.log"), "w") as log:
            launched_at = time.time()
            process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work_dir)
            with TreeRssSampler(process.pid) as tree, CoordinatorRss(process.pid) as coordinator:
                rc = process.wait(timeout=RUN_LIMIT)
            exited_at = time.time()
        if rc != 0:
            with open(os.path.join(work_dir, "output.log")) as log:
                raise RuntimeError("fleet run failed (rc %s):\n%s" % (rc, log.read()[-3000:]))
        with open(result_path) as handle:
            dumped = json.load(handle)
        result = {"returned_at": dumped["returned_at"], "states": dumped["states"],
                  "observed": dict((task_id, dumped["returned_at"]) for task_id in ids)}
        counters = sim.counters()
        figures = contender_figures(sim.ends, result, launched_at, exited_at, counters["total"],
                                    tree.peak_bytes + coordinator.peak_bytes, _children_cpu() - cpu_before)
    figures.update(size=size, shape=shape, mode="coordinated" if coordinate else "solo", tasks=size,
                   module_api_requests=dumped.get("api_requests"), routes=counters["routes"],
                   status=counters.get("status"), coordinator_rss_mb=coordinator.peak_bytes / 1048576.0,
                   tree_pss_mb=tree.peak_pss_bytes / 1048576.0)
    return figures


def run_fleet_benchmarks(profile, out_dir, collections_path, log):
    rows = []
    for size in FLEET_SIZES.get(profile.name, FLEET_SIZES["quick"]):
        log("fleet %d: one task_wait step on all %d tasks (reference) ..." % (size, size))
        single = run_contender("asyncops_task_wait", fleet_workload(size), profile, FLEET_TIME_SCALE,
                               os.path.join(out_dir, "runs", "fleet", "single_%d" % size), collections_path)
        single.update(size=size, shape="all", mode="single step", tasks=size)
        rows.append(single)
        log("  %d requests, return lag %.2f s" % (single["requests"], single["return_lag_s"]))
        for shape in SHAPES:
            for mode, coordinate in MODES:
                log("fleet %d: %s tasks, %s ..." % (size, shape, mode))
                row = run_fleet_once(size, shape, coordinate,
                                     os.path.join(out_dir, "runs", "fleet", "%s_%s_%d" % (shape, mode, size)),
                                     collections_path)
                log("  %d requests, return lag %.2f s, peak RSS %.0f MB"
                    % (row["requests"], row["return_lag_s"], row["peak_rss_mb"]))
                rows.append(row)
    return {"time_scale": FLEET_TIME_SCALE, "rows": rows}


def fleet_targets(fleet, check):
    """Requests <= 10 for every coordinated fleet; return lag within 1 s of the single step."""
    checks = []
    singles = dict((row["size"], row) for row in fleet["rows"] if row["mode"] == "single step")
    for row in fleet["rows"]:
        if row["mode"] != "coordinated":
            continue
        name = "fleet %d forks, %s tasks, coordinated" % (row["size"], row["shape"])
        checks.append(check(name + ": requests in all", row["requests"] <= 10, "%d" % row["requests"], "<= 10"))
        single = singles.get(row["size"])
        if single:
            limit = single["return_lag_s"] + 1.0
            checks.append(check(name + ": return lag <= one step on all tasks + 1 s", row["return_lag_s"] <= limit,
                                "%.2f s" % row["return_lag_s"], "<= %.2f s" % limit))
    return checks


def fleet_table(fleet):
    lines = ["### Fleets: many hosts at full forks (Gcore create_vm, time scale %g)" % fleet["time_scale"], "",
             "`own`: every host waits on its own task; `shared`: every host waits on the same N tasks; "
             "`single step`: one task_wait on all N tasks (the reference). Peak RSS is the whole "
             "ansible-playbook tree plus the coordinator.", "",
             "| forks | tasks per host | waits | API requests | 429s | wall s | return lag s | peak RSS MB "
             "| coordinator RSS MB | CPU s | all done |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    for row in fleet["rows"]:
        lines.append("| %d | %s | %s | %d | %s | %.2f | %.2f | %.0f | %s | %.2f | %s |" % (
            row["size"], row["shape"], row["mode"], row["requests"], (row.get("status") or {}).get("429", 0),
            row["wall_s"], row["return_lag_s"], row["peak_rss_mb"],
            "%.0f" % row["coordinator_rss_mb"] if "coordinator_rss_mb" in row else "-", row["cpu_s"],
            "yes" if row["complete"] else "NO"))
    return lines
