# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-test's needs, shared by the sanity and units gates: a git-shaped copy, offline pip.

ansible-test runs each test in its own virtualenv (--venv) whose requirements come from the
package index; the only thing it would fetch from elsewhere is its get-pip bootstrap script,
which we seed from tests/sanity/get-pip.py (see tests/sanity/README.md).
"""

import os
import re
import shutil
import subprocess

from _collection_tree import REPO_ROOT, copy_collection

GET_PIP_STAND_IN = os.path.join(REPO_ROOT, "tests", "sanity", "get-pip.py")


def ansible_test_pip_version():
    """The pip version ansible-test bootstraps; it names the cached get-pip file."""
    import ansible_test  # imported late: only this gate needs it

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source, encoding="utf-8") as handle:
        match = re.search(r"pip='([0-9.]+)'", handle.read())
    assert match, "ansible-test no longer pins pip in %s: update tests/sanity/README.md" % source
    return match.group(1)


def seed_get_pip_cache(pip_version):
    """Put the stand-in where ansible-test looks before downloading (requirements.py bootstrap())."""
    cache_path = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % pip_version.replace(".", "_"))
    os.makedirs(os.path.dirname(cache_path), exist_ok=True)
    shutil.copyfile(GET_PIP_STAND_IN, cache_path)
    return cache_path


def prepare_git_copy(parent):
    """Copy the collection and make the copy its own git work tree.

    ansible-test lists files with git from the nearest .git upwards; inside this repository
    that would be this repository's git, where build/ is ignored, so every target would be
    skipped. tests/output (ansible-test's own scratch space) must stay out of the listing.
    """
    copy = copy_collection(parent)
    subprocess.run(["git", "init", "-q", "."], cwd=copy, check=True)
    with open(os.path.join(copy, ".git", "info", "exclude"), "a", encoding="utf-8") as handle:
        handle.write("tests/output/\n")
    return copy
