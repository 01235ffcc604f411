# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: `ansible-galaxy collection build` makes a tarball of the collection only."""

import json
import os
import tarfile

import pytest

from _collection_tree import REPO_ROOT
from _tools import check, run, tool

# Development-only content that must never reach Galaxy.
FORBIDDEN_PREFIXES = (".venv", "simulator/", "benchmarks/", "scripts/", ".ci/", "build/",
                      "tests/output/", ".git/", ".pytest_cache/")


def build(output_dir):
    result = run([tool("ansible-galaxy"), "collection", "build", "--force",
                  "--output-path", str(output_dir), REPO_ROOT], timeout=300)
    check(result, "ansible-galaxy collection build")
    tarballs = [name for name in os.listdir(str(output_dir)) if name.endswith(".tar.gz")]
    assert len(tarballs) == 1, tarballs
    return os.path.join(str(output_dir), tarballs[0])


@pytest.mark.quality
def test_build_produces_named_tarball_with_manifest(tmp_path, galaxy):
    tarball = build(tmp_path)

    expected = "%s-%s-%s.tar.gz" % (galaxy["namespace"], galaxy["name"], galaxy["version"])
    assert os.path.basename(tarball) == expected
    with tarfile.open(tarball) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))
    info = manifest["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == (
        galaxy["namespace"], galaxy["name"], galaxy["version"])
    assert info["license"] == ["GPL-3.0-or-later"]


@pytest.mark.quality
def test_build_ships_collection_content_and_no_dev_tooling(tmp_path):
    tarball = build(tmp_path)

    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    leaked = [name for name in names if name.startswith(FORBIDDEN_PREFIXES)
              or "__pycache__" in name or name.endswith(".pyc")]
    assert leaked == [], leaked
    for required in ("README.md", "LICENSE", "FILES.json", "MANIFEST.json"):
        assert required in names
    for folder in ("plugins", "meta", "roles"):
        if os.path.isdir(os.path.join(REPO_ROOT, folder)):
            assert any(name.startswith(folder + "/") for name in names), folder
