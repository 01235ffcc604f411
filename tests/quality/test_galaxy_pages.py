# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: what a Galaxy reader gets works inside the tarball.

Every relative link of every shipped Markdown page (README.md first: Galaxy shows it as the
collection's page) points at a file the tarball holds; links to what does not ship must be
absolute URLs. galaxy.yml's `documentation` points at a user page that ships, not at the
internal architecture notes.
"""

import os
import re
import tarfile

import pytest

from _build import build_tarball
from _collection_tree import REPO_ROOT

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ABSOLUTE = ("http://", "https://", "mailto:", "#")


def relative_links(text):
    return [target for target in LINK.findall(text) if not target.startswith(ABSOLUTE)]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    tarball = build_tarball(REPO_ROOT, tmp_path_factory.mktemp("dist"))
    with tarfile.open(tarball) as archive:
        return {member.name: (archive.extractfile(member).read().decode("utf-8")
                              if member.name.endswith(".md") else None)
                for member in archive.getmembers() if member.isfile()}


@pytest.mark.quality
def test_relative_links_resolve_inside_the_tarball(shipped):
    pages = sorted(name for name in shipped if name.endswith(".md"))
    assert "README.md" in pages

    broken = []
    for page in pages:
        for target in relative_links(shipped[page]):
            path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("#", 1)[0]))
            if path not in shipped:
                broken.append("%s -> %s" % (page, target))
    assert broken == []


@pytest.mark.quality
def test_galaxy_documentation_is_a_shipped_user_page(galaxy, shipped):
    prefix = galaxy["repository"].rstrip("/") + "/blob/main/"
    documentation = galaxy["documentation"]

    assert documentation.startswith(prefix), documentation
    page = documentation[len(prefix):].split("#", 1)[0]
    assert page in shipped, "%s does not ship" % page
    assert not page.startswith("docs/architecture"), "the architecture notes are not user documentation"
