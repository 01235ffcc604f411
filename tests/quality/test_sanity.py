# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: `ansible-test sanity` on a git-shaped copy of the collection, offline-safe (_ansible_test.py)."""

import os
import sys

import pytest

from _ansible_test import ansible_test_pip_version, prepare_git_copy, seed_get_pip_cache
from _collection_tree import REPO_ROOT
from _tools import run, tail, tool, tool_env

SANITY_PARENT = os.path.join(REPO_ROOT, "build", "sanity")


@pytest.mark.quality
@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_ansible_test_sanity_passes():
    seed_get_pip_cache(ansible_test_pip_version())
    copy = prepare_git_copy(SANITY_PARENT)
    python = "%d.%d" % sys.version_info[:2]

    result = run(
        [tool("ansible-test"), "sanity", "--python", python, "--venv", "--color", "no"],
        cwd=copy, env=tool_env(), timeout=1400,
    )

    problems = [line for line in result.stdout.splitlines() if line.startswith("ERROR:")]
    if result.returncode != 0:
        pytest.fail("ansible-test sanity exited %d:\n%s\n--- tail ---\n%s" % (
            result.returncode, "\n".join(problems[:80]), tail(result.stdout, 15)), pytrace=False)
    assert 'Running sanity test "validate-modules"' in result.stdout or not os.path.isdir(
        os.path.join(copy, "plugins", "modules")), "validate-modules did not run"
