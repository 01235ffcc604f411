# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: `ansible-galaxy collection build` makes a tarball of the collection only.

galaxy.yml's `manifest:` decides what ships. The contents are checked exactly on a build from a
copy of the checkout made deliberately dirty with what tools leave behind, and the shipped unit
tests are collected from the unpacked tarball, as `ansible-test units` would run them.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest

from _build import build_tarball
from harness.collection_tree import ensure_collection_tree
from _collection_tree import REPO_ROOT, shipped_files

# What Galaxy users get: these files, and every tracked file under these folders.
SHIPPED_FILES = {
    "README.md", "LICENSE", "CHANGELOG.rst", "requirements.txt", "bindep.txt",
    "meta/runtime.yml", "meta/execution-environment.yml",
    "changelogs/changelog.yaml", "changelogs/config.yaml",
    "awx/README.md", "awx/execution-environment.yml",
    "tests/config.yml",
}
SHIPPED_FOLDERS = ("plugins/", "roles/", "playbooks/", "awx/credential_types/", "tests/unit/")
# ansible-galaxy writes these two into every tarball.
GENERATED = {"MANIFEST.json", "FILES.json"}

# What tools and people leave in a working tree; none of it may ship.
WORKING_TREE_JUNK = (
    ".ansible/collections/ansible_collections/asyncops/cloud/galaxy.yml",  # ansible-lint's cache
    ".ansible/roles/await_tasks/tasks/main.yml",
    "context/_build/requirements.yml",  # ansible-builder create -c context
    "awx/context/Containerfile",
    "awx/asyncops-cloud-0.9.0.tar.gz",  # a tarball built beside the EE definition
    ".hypothesis/examples/0123abcd/data.py",
    "tests/output/junit/python3.12-units.xml",  # ansible-test's scratch space
    "tests/output/.tmp/sanity/plugins.py",
    "tests/unit/.pytest_cache/v/cache/lastfailed",
    "plugins/modules/__pycache__/task_wait.cpython-312.pyc",
    "plugins/module_utils/_http.py.orig",
    "roles/gcore_resource/tasks/main.yml~",
    "plugins/modules/.#task_wait.py",  # an editor's lock file
    "roles/await_tasks/tasks/.main.yml.swp",
    "roles/await_tasks/.cache/tasks/main.yml",
    "roles/gpcn_resource/.ansible/roles/x/tasks/main.yml",
    "build/collections/ansible_collections/asyncops/cloud/README.md",
    "asyncops-cloud-0.9.0.tar.gz",
    "benchmarks/results/run.json",
    "notes.md",
)


def tarball_files(tarball):
    with tarfile.open(tarball) as archive:
        return sorted(member.name for member in archive.getmembers() if member.isfile())


def expected_contents(tracked):
    return sorted(GENERATED | set(path for path in tracked
                                  if path in SHIPPED_FILES or path.startswith(SHIPPED_FOLDERS)))


def dirty_copy(destination):
    """The checkout's files (what git knows or would add) plus WORKING_TREE_JUNK."""
    tracked = shipped_files(REPO_ROOT)
    for relative in tracked:
        target = os.path.join(str(destination), relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(REPO_ROOT, relative), target)
    for relative in WORKING_TREE_JUNK:
        target = os.path.join(str(destination), relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write("---\n")
    return tracked


def collected_unit_tests(root, collections_path):
    """The unit tests pytest collects in ``root``, importing the collection from ``collections_path``.

    That is how an installed copy runs them (ansible-test units puts the ansible_collections
    parent on the path the same way); no pytest.ini, no repository helpers.
    """
    env = dict(os.environ, PYTHONPATH=str(collections_path))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-c", os.devnull, "--rootdir", str(root), "tests/unit"],
        cwd=str(root), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
        timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    return sorted(line for line in result.stdout.splitlines() if "::" in line)


@pytest.mark.quality
def test_build_produces_named_tarball_with_manifest(tmp_path, galaxy):
    tarball = build_tarball(REPO_ROOT, tmp_path)

    expected = "%s-%s-%s.tar.gz" % (galaxy["namespace"], galaxy["name"], galaxy["version"])
    assert os.path.basename(tarball) == expected
    with tarfile.open(tarball) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))
    info = manifest["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == (
        galaxy["namespace"], galaxy["name"], galaxy["version"])
    assert info["license"] == ["GPL-3.0-or-later"]


@pytest.mark.quality
def test_tarball_from_a_dirty_tree_holds_exactly_the_collection(tmp_path):
    source = tmp_path / "checkout"
    tracked = dirty_copy(source)

    names = tarball_files(build_tarball(source, tmp_path / "dist"))

    expected = expected_contents(tracked)
    assert sorted(set(names) - set(expected)) == [], "shipped but should not be"
    assert sorted(set(expected) - set(names)) == [], "missing from the tarball"
    assert names == expected
    for required in ("README.md", "LICENSE", "meta/runtime.yml", "playbooks/demo.yml",
                     "awx/execution-environment.yml", "tests/unit/conftest.py"):
        assert required in names
    for folder in ("plugins/modules/", "plugins/action/", "plugins/module_utils/", "roles/"):
        assert any(name.startswith(folder) for name in names), folder


@pytest.mark.quality
def test_shipped_unit_tests_are_collected_from_the_unpacked_tarball(tmp_path):
    """Every unit test of the checkout imports from an installed copy (no simulator, no scripts)."""
    tarball = build_tarball(REPO_ROOT, tmp_path / "dist")
    installed = tmp_path / "ansible_collections" / "asyncops" / "cloud"
    with tarfile.open(tarball) as archive:
        archive.extractall(str(installed), filter="data")

    in_checkout = collected_unit_tests(REPO_ROOT, ensure_collection_tree(REPO_ROOT))
    assert collected_unit_tests(installed, tmp_path) == in_checkout
