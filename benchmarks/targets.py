# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark targets, checked against one run's figures (asyncops vs the others, same run)."""

ASYNCOPS = ("asyncops_core", "asyncops_task_wait")
REQUEST_RATIO_TARGET = 0.05
GPCN_LAG_SLACK_S = 1.0
PLAYBOOK_SPEEDUP_TARGET = 5.0
RSS_LIMIT_MB = 300.0
LINEAR_SLACK = 1.5  # marginal cost per ID may vary this much between size steps


def _others(rows):
    return [r for r in rows if r["name"] not in ASYNCOPS]


def _check(name, passed, measured, wanted):
    return {"target": name, "met": bool(passed), "measured": measured, "wanted": wanted}


def request_and_lag_targets(workload, rows, lag_slack):
    others = _others(rows)
    if not others:
        return []
    cheapest = min(others, key=lambda r: r["requests"])
    fastest = min(others, key=lambda r: r["return_lag_s"])
    checks = []
    for row in rows:
        if row["name"] not in ASYNCOPS:
            continue
        ratio = row["requests"] / float(cheapest["requests"])
        checks.append(_check(
            "%s %s: requests <= %.2fx cheapest (%s)" % (workload, row["name"], REQUEST_RATIO_TARGET, cheapest["name"]),
            ratio <= REQUEST_RATIO_TARGET, "%.3fx (%d vs %d)" % (ratio, row["requests"], cheapest["requests"]),
            "<= %.2fx" % REQUEST_RATIO_TARGET))
        limit = fastest["return_lag_s"] + lag_slack
        checks.append(_check(
            "%s %s: lag <= fastest (%s)%s" % (workload, row["name"], fastest["name"],
                                             " + %.0f s" % lag_slack if lag_slack else ""),
            row["return_lag_s"] <= limit, "%.2f s" % row["return_lag_s"], "<= %.2f s" % limit))
    return checks


def playbook_speedup_target(rows):
    by_name = dict((r["name"], r) for r in rows)
    if "uri_until" not in by_name or "asyncops_task_wait" not in by_name:
        return []
    speedup = by_name["uri_until"]["wall_s"] / by_name["asyncops_task_wait"]["wall_s"]
    return [_check("one task_wait step vs uri+until loop: wall time", speedup >= PLAYBOOK_SPEEDUP_TARGET,
                   "%.1fx faster" % speedup, ">= %.0fx faster" % PLAYBOOK_SPEEDUP_TARGET)]


def marginal_growth(points, key):
    """Marginal cost per ID between consecutive sizes; linear when the steps agree."""
    points = sorted(points, key=lambda p: p["tasks"])
    steps = []
    for low, high in zip(points, points[1:]):
        steps.append((high[key] - low[key]) / float(high["tasks"] - low["tasks"]))
    return steps


def scaling_targets(scaling):
    checks = []
    core = scaling.get("core") or []
    if len(core) >= 3:
        for key, unit in (("cpu_s", "s"), ("peak_rss_mb", "MB")):
            steps = marginal_growth(core, key)
            positive = [s for s in steps if s > 0]
            # Linear: the later (larger) step costs no more per ID than the slack allows.
            linear = len(positive) == len(steps) and steps[-1] <= LINEAR_SLACK * max(steps[:-1])
            checks.append(_check("core %s grows linearly with IDs" % key, linear,
                                 ", ".join("%.3g %s/1000 IDs" % (s * 1000, unit) for s in steps),
                                 "later steps <= %.1fx earlier" % LINEAR_SLACK))
    for row in core[-1:] + (scaling.get("task_wait") or []):
        checks.append(_check("%s with %d IDs: peak RSS" % (row["name"], row["tasks"]),
                             row["peak_rss_mb"] <= RSS_LIMIT_MB, "%.0f MB" % row["peak_rss_mb"],
                             "<= %.0f MB" % RSS_LIMIT_MB))
    return checks


def all_targets(results):
    checks = []
    for workload in results["workloads"]:
        rows = workload["contenders"]
        if workload["provider"] == "gpcn":
            checks += request_and_lag_targets(workload["name"], rows, GPCN_LAG_SLACK_S)
        else:
            checks += request_and_lag_targets(workload["name"], rows, 0.0)
            if workload["name"] == "gcore_vms":
                checks += playbook_speedup_target(rows)
    if results.get("scaling"):
        checks += scaling_targets(results["scaling"])
    if results.get("fleet"):
        from benchmarks.fleet import fleet_targets
        checks += fleet_targets(results["fleet"], _check)
    if results.get("busy"):
        from benchmarks.busy import busy_targets
        checks += busy_targets(results["busy"], _check)
    return checks
