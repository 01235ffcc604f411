# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: one copyright and licence header form on every Python and shell source file."""

import os
import subprocess

import pytest

from _collection_tree import REPO_ROOT

HEADER = ["# Copyright: (c) 2025, asyncops.cloud contributors",
          "# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)",
          "# SPDX-License-Identifier: GPL-3.0-or-later"]


def source_files():
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py", "*.sh",
                             ".ci/run"], cwd=REPO_ROOT, check=True, capture_output=True, text=True).stdout
    for path in sorted(set(listed.split())):
        full = os.path.join(REPO_ROOT, path)
        if os.path.isfile(full) and os.path.getsize(full):
            yield path


@pytest.mark.quality
def test_every_source_file_starts_with_the_one_header():
    wrong = []
    for path in source_files():
        with open(os.path.join(REPO_ROOT, path), encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        if lines[0].startswith("#!"):
            lines.pop(0)
        if path.endswith(".py"):
            expected = ["# -*- coding: utf-8 -*-"] + HEADER
        else:
            expected = HEADER
        if lines[:len(expected)] != expected:
            wrong.append(path)
    assert wrong == []
