# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: the changelog fragments and changelog.yaml are valid for antsibull-changelog."""

import os

import pytest
import yaml

from _collection_tree import REPO_ROOT
from _tools import check, run, tool

FRAGMENTS = os.path.join(REPO_ROOT, "changelogs", "fragments")


@pytest.mark.quality
def test_antsibull_changelog_lint_is_clean():
    result = run([tool("antsibull-changelog"), "lint"])

    check(result, "antsibull-changelog lint")
    # lint prints one line per problem and nothing when all is well.
    assert result.stdout.strip() == "", result.stdout


@pytest.mark.quality
def test_changelog_yaml_is_valid():
    result = run([tool("antsibull-changelog"), "lint-changelog-yaml",
                  os.path.join(REPO_ROOT, "changelogs", "changelog.yaml")])

    check(result, "antsibull-changelog lint-changelog-yaml")


@pytest.mark.quality
def test_release_has_fragments_in_known_sections():
    with open(os.path.join(REPO_ROOT, "changelogs", "config.yaml"), encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    known = set(name for name, _title in config["sections"])
    known.update([config["prelude_section_name"], config["trivial_section_name"]])

    names = os.listdir(FRAGMENTS) if os.path.isdir(FRAGMENTS) else []
    fragments = sorted(name for name in names if name.endswith((".yml", ".yaml")))
    if not fragments:
        # Right after a release every fragment has gone into changelog.yaml.
        with open(os.path.join(REPO_ROOT, "changelogs", "changelog.yaml"), encoding="utf-8") as handle:
            assert yaml.safe_load(handle).get("releases"), "no changelog fragments and no release"
    for name in fragments:
        with open(os.path.join(FRAGMENTS, name), encoding="utf-8") as handle:
            sections = set(yaml.safe_load(handle) or {})
        assert sections, "%s is empty" % name
        assert sections <= known, "%s uses unknown sections %s" % (name, sorted(sections - known))
