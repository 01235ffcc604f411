# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`python -m benchmarks [--quick|--profile NAME] [--out DIR] [--only W1,W2] [--no-scaling]`.

Runs every workload through every contender (a fresh simulator each), then the scale runs, the
fleets and the demo's time split (full profile), prints the report and writes <out>/latest.json,
<out>/latest.md and <out>/frontier.png.
"""

import argparse
import os
import platform
import sys
import time

from benchmarks import demo_split
from benchmarks.runner import REPO_ROOT, run_contender
from benchmarks.report import write
from benchmarks.busy import run_busy_benchmark
from benchmarks.fleet import run_fleet_benchmarks
from benchmarks.frontier import plot_frontier
from benchmarks.scaling import run_scaling
from benchmarks.targets import all_targets
from benchmarks.workloads import GCORE_INTERVALS, GPCN_INTERVAL, PROFILES
from harness.collection_tree import ensure_collection_tree


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="full")
    parser.add_argument("--quick", action="store_const", const="quick", dest="profile",
                        help="small workloads, under two minutes")
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results"))
    parser.add_argument("--only", default="",
                        help="comma-separated workload names to run ('fleet': the fleets, 'demo': the demo's split)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the many-IDs scale runs")
    parser.add_argument("--no-fleet", action="store_true", help="skip the fleet runs (many hosts at full forks)")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo's time split")
    parser.add_argument("--scaling-only", action="store_true", help="only the many-IDs scale runs")
    parser.add_argument("--scaling-sizes", default="",
                        help="comma-separated ID counts: only those of the profile's scale runs (e.g. 100000)")
    return parser.parse_args(argv)


def log(message):
    sys.stderr.write("[bench] %s\n" % message)
    sys.stderr.flush()


def run_workloads(profile, only, out_dir, collections_path):
    done = []
    for workload in profile.workloads:
        if only and workload.name not in only:
            continue
        rows = []
        for name in workload.contenders:
            log("%s: %s ..." % (workload.name, name))
            row = run_contender(name, workload, profile, workload.time_scale,
                                os.path.join(out_dir, "runs", workload.name, name), collections_path)
            log("  %d requests, wall %.2f s, return lag %.2f s" % (row["requests"], row["wall_s"], row["return_lag_s"]))
            rows.append(row)
        done.append({"name": workload.name, "title": workload.title, "provider": workload.provider,
                     "time_scale": workload.time_scale, "contenders": rows})
    return done


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    profile = PROFILES[args.profile]
    only = set(filter(None, args.only.split(",")))
    os.makedirs(args.out, exist_ok=True)
    collections_path = ensure_collection_tree(REPO_ROOT)
    began = time.time()
    results = {
        "profile": profile.name, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "gcore_intervals": ", ".join("%s %s s" % kv for kv in sorted(GCORE_INTERVALS.items()))
        if not profile.interval_override else "%s s" % profile.interval_override,
        "gpcn_interval": profile.interval_override or GPCN_INTERVAL,
        "asyncops_interval_note": "" if not profile.interval_override
        else "; this profile fixes %s s for everyone" % profile.interval_override,
        "machine": "%s, Python %s, %d CPUs" % (platform.platform(), platform.python_version(), os.cpu_count()),
    }
    everything = not only and not args.scaling_only
    results["workloads"] = [] if args.scaling_only else run_workloads(profile, only, args.out, collections_path)
    if profile.scaling and not args.no_scaling and (everything or args.scaling_only):
        sizes = set(int(size) for size in filter(None, args.scaling_sizes.split(",")))
        results["scaling"] = run_scaling(profile, args.out, collections_path, log, sizes)
    # The fleets take about 11 minutes: part of the full run, else only when asked for.
    if not args.no_fleet and ("fleet" in only or (everything and profile.name == "full")):
        results["fleet"] = run_fleet_benchmarks(profile, args.out, collections_path, log)
    if not args.no_demo and ("demo" in only or (everything and profile.name == "full")):
        log("demo: bash scripts/demo.sh -v ...")
        results["demo"] = demo_split.measure()
        log("  " + demo_split.summary(results["demo"]))
    if "busy_project" in only or (everything and profile.name == "full"):
        results["busy"] = run_busy_benchmark(args.out, collections_path, log)
    results["targets"] = all_targets(results)
    results["total_s"] = time.time() - began
    text = write(results, os.path.join(args.out, "latest.json"), os.path.join(args.out, "latest.md"))
    print(text)
    plot_frontier(results, os.path.join(args.out, "frontier.png"))
    log("wrote %s, latest.md and frontier.png" % os.path.join(args.out, "latest.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
