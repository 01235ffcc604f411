# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prepare copies of the collection for the quality gates.

ansible-test must run from inside ``ansible_collections/<namespace>/<name>`` and writes into
``tests/output`` there, so the sanity gate works on a copy instead of the working tree. The
copy holds what git would ship (tracked files plus untracked files that are not ignored),
minus the development-only paths listed in galaxy.yml ``build_ignore`` (the simulator,
scripts, CI files), which are not part of the collection.
"""

import fnmatch
import os
import shutil
import subprocess

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def galaxy_metadata(root=REPO_ROOT):
    with open(os.path.join(root, "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def shipped_files(root=REPO_ROOT):
    """Relative paths of the files git knows about or would add, that exist on disk."""
    output = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root, check=True, capture_output=True,
    ).stdout.decode("utf-8")
    paths = [path for path in output.split("\0") if path]
    # A tracked file deleted in the working tree is still listed by --cached.
    return sorted(set(path for path in paths if os.path.isfile(os.path.join(root, path))))


def is_build_ignored(path, patterns):
    """Mirror ansible-galaxy's build_ignore: a pattern matches the path or any parent folder."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:index]) for index in range(1, len(parts) + 1)]
    for pattern in patterns:
        for prefix in prefixes:
            if fnmatch.fnmatch(prefix, pattern):
                return True
        if fnmatch.fnmatch(parts[-1], pattern):
            return True
    return False


def copy_collection(destination_parent, root=REPO_ROOT):
    """Copy the collection to ``<destination_parent>/ansible_collections/<ns>/<name>``.

    Returns the path of the copy; an older copy there is replaced.
    """
    meta = galaxy_metadata(root)
    target = os.path.join(destination_parent, "ansible_collections", meta["namespace"], meta["name"])
    if os.path.isdir(target):
        shutil.rmtree(target)
    patterns = meta.get("build_ignore") or []
    for relative in shipped_files(root):
        if is_build_ignored(relative, patterns):
            continue
        destination = os.path.join(target, relative)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copy2(os.path.join(root, relative), destination, follow_symlinks=False)
    return target
