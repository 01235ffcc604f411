# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Render one run's results as a Markdown report (also printed to the terminal) and JSON."""

import json


def _num(value, fmt="%.2f"):
    return "-" if value is None else fmt % value


def _workload_table(workload):
    rows = workload["contenders"]
    core = next((r for r in rows if r["name"] == "asyncops_core"), None)
    lines = [
        "### %s (`%s`, time scale %g)" % (workload["title"], workload["name"], workload["time_scale"]),
        "",
        "| contender | API requests | requests vs asyncops core | wall s | lag median s | lag max s "
        "| return lag s | peak RSS MB | CPU s | all done |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for row in rows:
        ratio = "%.1fx" % (row["requests"] / float(core["requests"])) if core and core["requests"] else "-"
        lines.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            row["label"], row["requests"], ratio, _num(row["wall_s"]), _num(row["lag_median_s"]),
            _num(row["lag_max_s"]), _num(row["return_lag_s"]), _num(row["peak_rss_mb"], "%.0f"),
            _num(row["cpu_s"]), "yes" if row["complete"] else "NO"))
    return lines


def _scaling_table(scaling):
    lines = ["### Scale: one wait on many Gcore create_vm tasks (time scale %g)" % scaling["time_scale"], "",
             "| waiter | IDs | API requests | requests per route | wall s | CPU s | CPU ms per 1000 IDs "
             "| peak RSS MB (tree sum) | peak PSS MB (tree) | largest process RSS MB | all done |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|:-:|"]
    for row in (scaling.get("core") or []) + (scaling.get("task_wait") or []):
        routes = ", ".join("%s: %d" % kv for kv in sorted((row.get("routes") or {}).items()))
        lines.append("| %s | %d | %d | %s | %s | %s | %.0f | %s | %s | %s | %s |" % (
            row["label"], row["tasks"], row["requests"], routes, _num(row["wall_s"]), _num(row["cpu_s"]),
            1e6 * row["cpu_s"] / row["tasks"], _num(row["peak_rss_mb"], "%.0f"),
            _num(row.get("peak_pss_mb"), "%.0f"), _num(row.get("peak_single_rss_mb"), "%.0f"),
            "yes" if row["complete"] else "NO"))
    return lines


def _demo_lines(demo):
    return ["### The demo's wall time (`bash scripts/demo.sh -v`)", "",
            "%.2f s wall = %.2f s waiting in %d `task_wait` steps + %.2f s of everything else (Ansible, the "
            "roles' and modules' other work, the simulator's start, the virtualenv check): **%.1f %%** overhead."
            % (demo["wall_s"], demo["waiting_s"], demo["waits"], demo["overhead_s"], demo["overhead_pct"])]


def _targets_table(checks):
    lines = ["### Targets", "", "| target | wanted | measured | met |", "|---|---|---|:-:|"]
    for check in checks:
        lines.append("| %s | %s | %s | %s |" % (check["target"], check["wanted"], check["measured"],
                                                "yes" if check["met"] else "**NO**"))
    return lines


def markdown(results):
    lines = ["## Benchmark run `%s` (%s)" % (results["profile"], results["started"]), "",
             "Durations: the seed tables' ranges times each workload's time scale; poll intervals are "
             "real seconds (Gcore contenders %s, GPCN contenders %s s; asyncops.cloud: its own defaults%s). "
             "Lag = when the waiter saw a task terminal minus when it really ended; return lag = from the "
             "last task's end to the waiter's return. Requests are the simulator's counters (a fresh "
             "simulator per contender)." % (results["gcore_intervals"], results["gpcn_interval"],
                                            results["asyncops_interval_note"]), ""]
    for workload in results["workloads"]:
        lines += _workload_table(workload) + [""]
    if results.get("scaling"):
        lines += _scaling_table(results["scaling"]) + [""]
    if results.get("fleet"):
        from benchmarks.fleet import fleet_table
        lines += fleet_table(results["fleet"]) + [""]
    if results.get("busy"):
        from benchmarks.busy import busy_table
        lines += busy_table(results["busy"]) + [""]
    if results.get("demo"):
        lines += _demo_lines(results["demo"]) + [""]
    lines += _targets_table(results["targets"]) + [""]
    if results["workloads"]:
        # Written beside this report by the same run (benchmarks/frontier.py).
        lines += ["![API requests against return lag per contender, one panel per workload; asyncops.cloud "
                  "highlighted, the targets shaded](frontier.png)", ""]
    lines.append("Machine: %s; total benchmark time %.0f s." % (results["machine"], results["total_s"]))
    return "\n".join(lines) + "\n"


def write(results, json_path, md_path):
    with open(json_path, "w") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)
    text = markdown(results)
    with open(md_path, "w") as handle:
        handle.write(text)
    return text
