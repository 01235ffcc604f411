# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: `ansible-test units` (the collections' usual judge) runs the unit suite too, offline-safe.

Plain pytest (scripts/test.sh) runs tests/unit from the repository; this runs the same files the
way ansible-test does, from a git-shaped copy of the collection, so a test that only works
through pytest.ini or the repository layout fails here.
"""

import os
import re
import sys

import pytest

from _ansible_test import ansible_test_pip_version, prepare_git_copy, seed_get_pip_cache
from _collection_tree import REPO_ROOT
from _tools import run, tail, tool, tool_env

UNITS_PARENT = os.path.join(REPO_ROOT, "build", "units")


def collected_by_pytest():
    """How many unit tests plain pytest finds (what ansible-test must run as well)."""
    result = run([sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/unit"])
    match = re.search(r"(\d+) tests? collected", result.stdout)
    assert match, tail(result.stdout)
    return int(match.group(1))


@pytest.mark.quality
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ansible_test_units_runs_every_unit_test():
    seed_get_pip_cache(ansible_test_pip_version())
    copy = prepare_git_copy(UNITS_PARENT)
    python = "%d.%d" % sys.version_info[:2]

    result = run([tool("ansible-test"), "units", "--python", python, "--venv", "--color", "no"],
                 cwd=copy, env=tool_env(), timeout=840)

    if result.returncode != 0:
        pytest.fail("ansible-test units exited %d:\n%s" % (result.returncode, tail(result.stdout, 40)),
                    pytrace=False)
    passed = sum(int(count) for count in re.findall(r"=+ (\d+) passed", result.stdout))
    assert passed == collected_by_pytest()
