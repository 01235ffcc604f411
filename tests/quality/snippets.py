# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The YAML snippets users copy: README, role READMEs, awx README and every plugin's EXAMPLES."""

import ast
import glob
import os
import re

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_FENCE = re.compile(r"^```ya?ml\n(.*?)^```", re.M | re.S)


def markdown_files():
    return [os.path.join(REPO_ROOT, "README.md"), os.path.join(REPO_ROOT, "awx", "README.md")] + sorted(
        glob.glob(os.path.join(REPO_ROOT, "roles", "*", "README.md")))


def markdown_snippets(path):
    with open(path, encoding="utf-8") as handle:
        return _FENCE.findall(handle.read())


def plugin_files():
    return sorted(glob.glob(os.path.join(REPO_ROOT, "plugins", "modules", "*.py"))
                  + glob.glob(os.path.join(REPO_ROOT, "plugins", "filter", "*.py")))


def examples_of(path):
    """The EXAMPLES string of a plugin file, read without importing it."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return node.value.value
    return None


def readme_quick_start():
    """The first YAML block of the README's Quick start section."""
    with open(os.path.join(REPO_ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    section = text[text.index("## Quick start"):]
    return _FENCE.search(section).group(1)
