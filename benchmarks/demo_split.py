# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`python -m benchmarks.demo_split`: the demo's wall time, split into waiting and the rest.

Runs `bash scripts/demo.sh -v` once (its own simulator, its runtime virtualenv) and reads the
`elapsed` of each task_wait result it prints at -v. Waiting is the sum of those; the rest is
Ansible, the modules' other requests, the simulator's start and the virtualenv check.
"""

import json
import os
import subprocess
import sys
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wait_seconds(output):
    """The ``elapsed`` of every task_wait result in ``ansible-playbook -v`` output."""
    waits = []
    in_wait = False
    for line in output.splitlines():
        if line.startswith("TASK ["):
            in_wait = line.startswith("TASK [Wait ")
        elif in_wait and line.startswith("ok: [localhost] => {"):
            waits.append(float(json.loads(line[len("ok: [localhost] => "):])["elapsed"]))
            in_wait = False
    return waits


def split(wall, waits):
    waiting = sum(waits)
    overhead = max(wall - waiting, 0.0)
    return {"wall_s": round(wall, 2), "waiting_s": round(waiting, 2), "overhead_s": round(overhead, 2),
            "overhead_pct": round(100.0 * overhead / wall, 1) if wall else 0.0, "waits": len(waits)}


class DemoFailed(RuntimeError):
    """The demo exited non-zero; the message holds the end of its output."""


def measure():
    """Run the demo once at -v; its figures (see `split`)."""
    env = dict(os.environ, ANSIBLE_NOCOLOR="1")
    # Building the runtime virtualenv (first run in a clone: minutes) is set-up, not the demo's
    # overhead: done before the clock starts; the demo then only checks its stamp.
    subprocess.run(["bash", "-c", "source scripts/_venv.sh && asyncops_venv --runtime"], cwd=REPO_ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    started = time.monotonic()
    completed = subprocess.run(["bash", os.path.join(REPO_ROOT, "scripts", "demo.sh"), "-v"], cwd=REPO_ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    wall = time.monotonic() - started
    if completed.returncode != 0:
        raise DemoFailed("scripts/demo.sh -v exited %d:\n%s" % (completed.returncode, completed.stdout[-4000:]))
    return split(wall, wait_seconds(completed.stdout))


def summary(figures):
    return ("demo: %(wall_s).2f s wall = %(waiting_s).2f s waiting (%(waits)d task_wait steps) "
            "+ %(overhead_s).2f s overhead (%(overhead_pct).1f %%)" % figures)


def main():
    try:
        figures = measure()
    except DemoFailed as failure:
        sys.stderr.write("%s\n" % failure)
        return 1
    print(summary(figures))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
