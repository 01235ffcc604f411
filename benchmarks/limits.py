# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`python -m benchmarks.limits`: peak memory of one module call fed an answer that is too big.

Each case arms one simulator fault (an oversized answer, a gzip bomb, an endless body), runs a
real `ansible-playbook` with one asyncops.cloud step against it, and samples the RSS of the whole
ansible process tree (benchmarks/rss.py) while it runs. The figure that matters is the tree's
peak against the 400 MB budget; the step must also fail naming the cap. Nothing here is timed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from asyncops_sim import start_simulator

from benchmarks.rss import TreeRssSampler
from benchmarks.runner import REPO_ROOT
from benchmarks.simhost import GCORE_KEY, _control
from harness.collection_tree import ensure_collection_tree
from harness.playbook_env import playbook_env

MIB = 1 << 20
BUDGET_MB = 400
PLAYBOOK = os.path.join(REPO_ROOT, "benchmarks", "playbooks", "limits.yml")

# (name, fault, step[, max_response_mb]): the step is api_call (one GET of the list) or task_wait
# (three IDs, so every round sweeps the list endpoint; the fault answers every request until the
# timeout). The one case with the cap raised out of the way shows what the cap saves.
CASES = [
    ("baseline (no fault)", None, "api_call"),
    ("200 MiB answer, cap raised to 1000 MiB (what the cap prevents)", {"kind": "oversized", "size": 200 * MIB},
     "api_call", 1000),
    ("200 MiB answer", {"kind": "oversized", "size": 200 * MIB}, "api_call"),
    ("500 MiB gzip bomb (0.5 MB on the wire)", {"kind": "gzip_bomb", "size": 500 * MIB}, "api_call"),
    ("endless chunked answer", {"kind": "endless", "duration": 60}, "api_call"),
    ("task_wait, every answer a 500 MiB gzip bomb for 10 s", {"kind": "gzip_bomb", "size": 500 * MIB, "count": 1000},
     "task_wait"),
    ("task_wait, every answer endless for 10 s", {"kind": "endless", "duration": 60, "count": 1000}, "task_wait"),
]


def run_case(sim, collections_path, work_dir, fault, step, max_response_mb=None):
    _control(sim.base_url, "/_sim/reset", {"state": True, "counters": True, "faults": True})
    ids = _control(sim.base_url, "/_sim/tasks", {"provider": "gcore", "api_key": GCORE_KEY, "count": 3,
                                                  "task_type": "create_volume", "duration": [600, 600]})["ids"]
    if fault:
        _control(sim.base_url, "/_sim/faults", dict(fault, match="GET /cloud/v1/tasks"))
    play_vars = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                 "api_url": sim.base_url, "api_key": GCORE_KEY, "ids": ids, "step": step,
                 "result_path": os.path.join(work_dir, "result.json")}
    if max_response_mb:
        play_vars["max_response_mb"] = max_response_mb
    vars_path = os.path.join(work_dir, "vars.json")
    with open(vars_path, "w") as handle:
        json.dump(play_vars, handle)  # the key goes through a file, never through argv
    env = playbook_env(collections_path, work_dir)  # scrubbed, loopback-only, as in the tests
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
           "-e", "@" + vars_path, PLAYBOOK]
    with open(os.path.join(work_dir, "output.log"), "w") as log:
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work_dir)
        with TreeRssSampler(process.pid) as sampler:
            rc = process.wait(timeout=600)
    if rc != 0:
        raise RuntimeError("ansible-playbook exited %s, see %s" % (rc, work_dir))
    with open(play_vars["result_path"]) as handle:
        result = json.load(handle)
    return {"peak_tree_rss_mb": sampler.peak_bytes / float(MIB), "peak_tree_pss_mb": sampler.peak_pss_bytes / float(MIB),
            "peak_single_rss_mb": sampler.peak_single_bytes / float(MIB),
            "failed": bool(result.get("failed")), "names_cap": "max_response_mb" in (result.get("msg") or ""),
            "requests": _control(sim.base_url, "/_sim/counters")["total"]}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.limits", description=__doc__)
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "limits.json"))
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("NO_PROXY", "127.0.0.1")
    collections_path = ensure_collection_tree(REPO_ROOT)
    rows = []
    with start_simulator() as sim:
        for case in CASES:
            name, fault, step = case[:3]
            with tempfile.TemporaryDirectory(prefix="limits-") as work_dir:
                row = run_case(sim, collections_path, work_dir, fault, step, *case[3:])
            # The budget applies with the cap in place; the raised-cap case shows the contrast.
            row.update(case=name, step=step, budgeted=not case[3:])
            rows.append(row)
            sys.stderr.write("[limits] %-55s tree RSS %6.1f MB (PSS %6.1f, largest process %6.1f), failed=%s, "
                             "names the cap=%s, %d request(s)\n" % (
                                 name, row["peak_tree_rss_mb"], row["peak_tree_pss_mb"], row["peak_single_rss_mb"],
                                 row["failed"], row["names_cap"], row["requests"]))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as handle:
        json.dump({"budget_mb": BUDGET_MB, "cases": rows}, handle, indent=2)
    over = [row["case"] for row in rows if row["budgeted"] and row["peak_tree_rss_mb"] >= BUDGET_MB]
    print("| case | step | peak RSS of the ansible process tree | tree PSS | largest process | fails naming the cap |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| %s | %s | %.0f MB | %.0f MB | %.0f MB | %s |" % (
            row["case"], row["step"], row["peak_tree_rss_mb"], row["peak_tree_pss_mb"], row["peak_single_rss_mb"],
            "yes" if row["failed"] and row["names_cap"] else ("n/a" if not row["failed"] else "no")))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
