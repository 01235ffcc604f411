# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Profile the polling core on one big wait: `python -m benchmarks.profile_core [--ids 10000]`.

Runs the asyncops_core contender under pyinstrument against a freshly seeded simulator and
prints the profile (also kept as results/profile_core_<ids>.txt) next to the run's figures.
"""

import argparse
import os
import sys

from benchmarks.runner import REPO_ROOT, run_contender
from benchmarks.scaling import scale_workload
from benchmarks.workloads import PROFILES
from harness.collection_tree import ensure_collection_tree


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_core")
    parser.add_argument("--ids", type=int, default=10000)
    parser.add_argument("--time-scale", type=float, default=0.25)
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results"))
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    profile_path = os.path.join(args.out, "profile_core_%d.txt" % args.ids)
    row = run_contender("asyncops_core", scale_workload(args.ids, args.time_scale), PROFILES["full"],
                        args.time_scale, os.path.join(args.out, "runs", "profile", str(args.ids)),
                        ensure_collection_tree(REPO_ROOT), profile_path=profile_path)
    with open(profile_path) as handle:
        print(handle.read())
    print("%d IDs: %d requests, %d rounds, wall %.2f s, CPU %.2f s, peak RSS %.0f MB, all done: %s" % (
        args.ids, row["requests"], row["extra"]["polls"], row["wall_s"], row["cpu_s"], row["peak_rss_mb"],
        row["complete"]))
    print("requests per route: %s" % row["routes"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
