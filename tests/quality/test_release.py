# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: the release files agree with each other (docs/releasing.md says how a release is made).

Once changelogs/changelog.yaml holds a release, CHANGELOG.rst must be exactly what
`antsibull-changelog generate` makes of it (nobody edits it by hand, nothing is left
ungenerated) and galaxy.yml's version must be the latest release. Before the first release
there must be no CHANGELOG.rst at all.
"""

import os
import shutil

import pytest
import yaml
from packaging.version import Version

from _collection_tree import REPO_ROOT
from _tools import check, run, tool

CHANGELOG_RST = os.path.join(REPO_ROOT, "CHANGELOG.rst")


def released_versions():
    with open(os.path.join(REPO_ROOT, "changelogs", "changelog.yaml"), encoding="utf-8") as handle:
        return sorted((yaml.safe_load(handle).get("releases") or {}), key=Version)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.quality
def test_changelog_rst_is_generated_from_changelog_yaml(tmp_path):
    if not released_versions():
        assert not os.path.exists(CHANGELOG_RST), "CHANGELOG.rst exists, but changelog.yaml has no release"
        return
    # generate reads only galaxy.yml and changelogs/; it rewrites CHANGELOG.rst in the copy.
    os.makedirs(str(tmp_path / "changelogs"))
    shutil.copy(os.path.join(REPO_ROOT, "galaxy.yml"), str(tmp_path))
    for name in ("changelog.yaml", "config.yaml"):
        shutil.copy(os.path.join(REPO_ROOT, "changelogs", name), str(tmp_path / "changelogs"))

    check(run([tool("antsibull-changelog"), "generate"], cwd=str(tmp_path)), "antsibull-changelog generate")

    assert read(CHANGELOG_RST) == read(str(tmp_path / "CHANGELOG.rst")), (
        "CHANGELOG.rst differs from what antsibull-changelog generates: run `antsibull-changelog generate`")


@pytest.mark.quality
def test_galaxy_version_is_the_latest_release_once_there_is_one(galaxy):
    versions = released_versions()
    if versions:
        assert galaxy["version"] == versions[-1], "galaxy.yml version %s, latest release %s" % (
            galaxy["version"], versions[-1])
    else:
        # The first release will be galaxy.yml's version: it must be one antsibull-changelog takes.
        assert Version(galaxy["version"]) >= Version("1.0.0")


@pytest.mark.quality
def test_every_written_version_is_galaxy_version(galaxy):
    """A release moves galaxy.yml's version; these copies of it move in the same commit."""
    version = galaxy["version"]
    module_version = read(os.path.join(REPO_ROOT, "plugins", "plugin_utils", "_version.py"))
    definition = yaml.safe_load(read(os.path.join(REPO_ROOT, "awx", "execution-environment.yml")))

    assert 'COLLECTION_VERSION = "%s"' % version in module_version
    tarball = "asyncops-cloud-%s.tar.gz" % version
    assert [entry["src"] for entry in definition["additional_build_files"]] == [tarball]
    assert [entry["name"] for entry in definition["dependencies"]["galaxy"]["collections"]] == [
        "collections/" + tarball]
