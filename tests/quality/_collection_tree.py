# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prepare copies of the collection for the quality gates.

ansible-test must run from inside ``ansible_collections/<namespace>/<name>`` and writes into
``tests/output`` there, so the sanity gate works on a copy instead of the working tree. The
copy holds exactly what the collection tarball ships (galaxy.yml ``manifest``): the simulator,
scripts, integration tests and CI files are not part of the collection.
"""

import os
import shutil
import subprocess
import tarfile
import tempfile

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


def copy_collection(destination_parent, root=REPO_ROOT):
    """Unpack what the collection ships (the tarball `ansible-galaxy collection build` makes, as
    galaxy.yml's manifest decides) to ``<destination_parent>/ansible_collections/<ns>/<name>``.

    Returns the path of the copy; an older copy there is replaced.
    """
    from _build import build_tarball  # imported late: _build -> _tools -> this module

    meta = galaxy_metadata(root)
    target = os.path.join(destination_parent, "ansible_collections", meta["namespace"], meta["name"])
    if os.path.isdir(target):
        shutil.rmtree(target)
    dist = tempfile.mkdtemp(prefix="asyncops-dist-")
    try:
        with tarfile.open(build_tarball(root, dist)) as archive:
            archive.extractall(target, filter="data")
    finally:
        shutil.rmtree(dist)
    return target
