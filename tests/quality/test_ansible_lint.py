# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: ansible-lint with the production profile over the whole tree.

Playbooks, roles, the AWX files, and the tests' and benchmarks' playbooks and task files; only
what .ansible-lint excludes (generated folders, changelogs/) is left out.
"""

import re

import pytest

from _collection_tree import shipped_files
from _tools import check, run, tail, tool, tool_env

EXCLUDED = (".ansible/", "build/", "context/", "tests/output/", "changelogs/")


@pytest.mark.quality
def test_whole_tree_passes_ansible_lint_production(collection_symlink_tree):
    yaml_files = [path for path in shipped_files() if path.endswith((".yml", ".yaml"))
                  and not path.startswith(EXCLUDED)]
    assert any(path.startswith("tests/") for path in yaml_files), "no test playbooks found"

    # Not --offline: ansible-lint then re-installs the current collection into its cache on
    # every run; offline it would resolve asyncops.cloud from whatever older copy that cache
    # holds (it takes precedence over ANSIBLE_COLLECTIONS_PATH).
    result = run(
        [tool("ansible-lint"), "--profile", "production", "--nocolor"],
        env=tool_env(collection_symlink_tree), timeout=900,
    )

    check(result, "ansible-lint --profile production")
    assert "Profile 'production' was required, and it passed" in result.stdout, tail(result.stdout)
    # The whole tree was read, not only playbooks/ and roles/.
    processed = re.search(r"in (\d+) files processed", result.stdout)
    assert processed and int(processed.group(1)) >= len(yaml_files), tail(result.stdout)
