# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README promise: right after the title and one sentence, exactly the two commands."""

import os
import re

import pytest

from _collection_tree import REPO_ROOT


def readme_head():
    with open(os.path.join(REPO_ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    match = re.match(r"# [^\n]+\n\n[^\n]+\n\n```(?:bash|sh|console)?\n(.*?)\n```", text, re.S)
    assert match, "README.md must start with a title, one sentence and a code block"
    return [line.split("#")[0].strip() for line in match.group(1).splitlines() if line.strip()]


@pytest.mark.quality
def test_readme_opens_with_the_demo_and_test_commands():
    assert readme_head() == ["bash scripts/demo.sh", "bash scripts/test.sh"]


@pytest.mark.quality
def test_readme_commands_point_at_existing_scripts():
    for command in readme_head():
        script = command.split()[1]
        assert os.path.isfile(os.path.join(REPO_ROOT, script)), script
