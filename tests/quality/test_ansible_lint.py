# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: ansible-lint with the production profile over the playbooks and roles."""

import os

import pytest

from _collection_tree import REPO_ROOT
from _tools import check, run, tail, tool, tool_env

LINTED_FOLDERS = ("playbooks", "roles")


@pytest.mark.quality
def test_playbooks_and_roles_pass_ansible_lint_production(collection_symlink_tree):
    targets = [name for name in LINTED_FOLDERS if os.path.isdir(os.path.join(REPO_ROOT, name))]
    assert targets, "nothing to lint: playbooks/ is missing"

    # Not --offline: ansible-lint then re-installs the current collection into its cache on
    # every run; offline it would resolve asyncops.cloud from whatever older copy that cache
    # holds (it takes precedence over ANSIBLE_COLLECTIONS_PATH).
    result = run(
        [tool("ansible-lint"), "--profile", "production", "--nocolor"] + targets,
        env=tool_env(collection_symlink_tree), timeout=600,
    )

    check(result, "ansible-lint --profile production")
    assert "Profile 'production' was required, and it passed" in result.stdout, tail(result.stdout)
