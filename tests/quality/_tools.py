# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the standard command-line judges from the same virtualenv as pytest."""

import os
import subprocess
import sys

import pytest

from _collection_tree import REPO_ROOT

VENV_BIN = os.path.dirname(sys.executable)
COLLECTIONS_TREE = os.path.join(REPO_ROOT, "build", "collections")


def tool(name):
    """Path of a console script installed beside the running interpreter."""
    path = os.path.join(VENV_BIN, name)
    if not os.path.exists(path):
        raise AssertionError("%s is not installed in %s (see requirements/test.txt)" % (name, VENV_BIN))
    return path


def tool_env(collections_path=COLLECTIONS_TREE, **extra):
    """Environment for the judges: plain output, our collection tree first, no stray config."""
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_NOCOLOR": "1",
        "NO_COLOR": "1",
        "PY_COLORS": "0",
        "PATH": VENV_BIN + os.pathsep + env.get("PATH", ""),
    })
    env.update(extra)
    return env


def run(command, cwd=REPO_ROOT, env=None, timeout=600):
    """Run a judge; stdout and stderr are merged so a failure message shows everything."""
    return subprocess.run(
        command, cwd=cwd, env=env or tool_env(), timeout=timeout,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
    )


def tail(text, lines=80):
    return "\n".join(text.splitlines()[-lines:])


def check(result, what):
    """Fail with the judge's own words (not a CompletedProcess repr) when it exits non-zero."""
    if result.returncode != 0:
        pytest.fail("%s exited %d:\n%s" % (what, result.returncode, tail(result.stdout)), pytrace=False)
