# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`bash scripts/demo.sh` as the README tells a new user to run it: at most 60 lines in all."""

import os
import subprocess

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX_DEMO_LINES = 60
DEMO_TIMEOUT = 900  # the first run builds the runtime virtualenv


def test_demo_prints_at_most_sixty_lines_and_names_what_it_creates():
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "GCORE_", "GPCN_")))
    env["ASYNCOPS_DEMO_TIME_SCALE"] = "0.05"
    env["ANSIBLE_NOCOLOR"] = "1"
    completed = subprocess.run(["bash", os.path.join(REPO_ROOT, "scripts", "demo.sh")], cwd=REPO_ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               timeout=DEMO_TIMEOUT, check=False)
    lines = completed.stdout.splitlines()
    assert completed.returncode == 0, completed.stdout[-4000:]
    assert len(lines) <= MAX_DEMO_LINES, "\n".join(lines)
    for name in ("network 'asyncops-demo-network'", "volume 'asyncops-demo-volume'",
                 "instance 'asyncops-demo-instance'", "vm 'asyncops-demo-vm'"):
        assert name in completed.stdout
    assert "failed=0" in completed.stdout
    # Only the runtime virtualenv: the demo never installs the test toolchain.
    assert ".venv-runtime" in completed.stdout or "runtime.txt" in completed.stdout
