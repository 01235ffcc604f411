# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Behaviour of the helper scripts behind the README commands (scripts/)."""

import os
import subprocess
import sys
import textwrap

import pytest

from _collection_tree import REPO_ROOT

SCRIPTS = os.path.join(REPO_ROOT, "scripts")
VENV_HELPER = os.path.join(SCRIPTS, "_venv.sh")
THIS_MINOR = "%d.%d" % sys.version_info[:2]


def bash(snippet, env=None):
    return subprocess.run(["bash", "-c", 'source "%s" && %s' % (VENV_HELPER, snippet)],
                          env=env, capture_output=True, universal_newlines=True, timeout=60)


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    with open(str(path), "w", encoding="utf-8") as handle:
        handle.write(textwrap.dedent(text))
    os.chmod(str(path), mode)


@pytest.mark.quality
def test_python_finder_skips_a_broken_shim_and_uses_the_pyenv_versions_folder(tmp_path):
    # A pyenv shim for a non-global version exists on PATH but exits with an error.
    write(tmp_path / "bin" / ("python" + THIS_MINOR), "#!/bin/sh\nexit 127\n", 0o755)
    pyenv_python = tmp_path / "pyenv" / "versions" / (THIS_MINOR + ".99") / "bin" / "python"
    os.makedirs(str(pyenv_python.parent))
    os.symlink(sys.executable, str(pyenv_python))
    env = dict(os.environ, PATH=str(tmp_path / "bin") + os.pathsep + "/usr/bin:/bin",
               PYENV_ROOT=str(tmp_path / "pyenv"))

    result = bash("_asyncops_find_python %s" % THIS_MINOR, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(pyenv_python)


@pytest.mark.quality
def test_python_finder_fails_for_a_missing_version(tmp_path):
    env = dict(os.environ, PATH="/usr/bin:/bin", PYENV_ROOT=str(tmp_path), HOME=str(tmp_path))

    result = bash("_asyncops_find_python 2.1", env=env)

    assert result.returncode != 0
    assert result.stdout.strip() == ""


@pytest.mark.quality
def test_requirements_hash_follows_the_pins(tmp_path):
    pins = tmp_path / "pins.txt"
    write(pins, "ansible-core==2.21.5\n")
    first = bash('_asyncops_hash "%s" "%s"' % (pins, sys.executable)).stdout.strip()
    again = bash('_asyncops_hash "%s" "%s"' % (pins, sys.executable)).stdout.strip()
    write(pins, "ansible-core==2.21.6\n")
    changed = bash('_asyncops_hash "%s" "%s"' % (pins, sys.executable)).stdout.strip()

    assert len(first) == 64
    assert first == again
    assert first != changed


def collect_with_compat_plugin(project):
    env = dict(os.environ, PYTHONPATH=SCRIPTS)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "pytest_compat_select", "-p", "no:cacheprovider",
         "--collect-only", "-q", "tests"],
        cwd=str(project), env=env, capture_output=True, universal_newlines=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return sorted(line for line in result.stdout.splitlines() if "::" in line)


def make_project(root, integration_source):
    write(root / "pytest.ini", "[pytest]\nmarkers =\n    compat: compat run\n")
    write(root / "tests" / "unit" / "test_units.py", """
        def test_one():
            pass

        def test_two():
            pass
    """)
    write(root / "tests" / "integration" / "test_playbooks.py", integration_source)


@pytest.mark.quality
def test_compat_selection_keeps_units_and_only_marked_integration_tests(tmp_path):
    make_project(tmp_path, """
        import pytest

        @pytest.mark.compat
        def test_waits_on_gcore():
            pass

        def test_smoke_but_unmarked():
            pass

        def test_many_jobs():
            pass
    """)

    assert collect_with_compat_plugin(tmp_path) == [
        "tests/integration/test_playbooks.py::test_waits_on_gcore",
        "tests/unit/test_units.py::test_one",
        "tests/unit/test_units.py::test_two",
    ]
