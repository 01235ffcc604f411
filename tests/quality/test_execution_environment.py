# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: the execution environment builds from this checkout and runs the demo in its image.

scripts/ee-build.sh does the whole chain (tarball, Debian base image, ansible-builder with
podman, the demo inside the image against the simulator with the AWX credential types'
injection). Where the machine cannot run it (no podman, runc or debootstrap, not root, podman
broken), the script exits 77 with the reason, and the test is skipped with that reason.
"""

import os
import re
import subprocess
import sys

import pytest

from _collection_tree import REPO_ROOT
from _tools import tail, tool_env

SCRIPT = os.path.join(REPO_ROOT, "scripts", "ee-build.sh")
CANNOT_RUN = 77


@pytest.mark.quality
@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_execution_environment_builds_and_runs_the_demo():
    # The script uses this test's virtualenv (ansible-galaxy, ansible-builder, the simulator's Python).
    env = tool_env(VIRTUAL_ENV=os.path.dirname(os.path.dirname(sys.executable)))
    result = subprocess.run(["bash", SCRIPT], cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True, timeout=1700)

    if result.returncode == CANNOT_RUN:
        pytest.skip(result.stdout.strip().splitlines()[-1])
    assert result.returncode == 0, tail(result.stdout)
    # The image's Python is one ansible-core 2.19+ runs on.
    python = re.search(r"^Python 3\.(\d+)", result.stdout, re.M)
    assert python and int(python.group(1)) >= 11, tail(result.stdout)
    # The demo ran to its end in the image: created, awaited and deleted, nothing failed.
    recap = re.search(r"^localhost\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0\b", result.stdout, re.M)
    assert recap, tail(result.stdout)
    assert "Print the created IDs" in result.stdout
    assert "passed: localhost/asyncops-ee:" in result.stdout, tail(result.stdout)
