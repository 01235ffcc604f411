# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Expose the repository as an installed collection for ansible-playbook.

Ansible finds `asyncops.cloud` under `<path>/ansible_collections/asyncops/cloud`; a symlink to
the repository root means the playbooks always run the working-tree code, with no copy step.
"""

import os
import uuid


def ensure_collection_tree(repo_root):
    """Create `<repo>/build/collections/ansible_collections/asyncops/cloud` -> repo root.

    Returns the collections path (the directory holding `ansible_collections`). Safe when
    several xdist workers race: the link is made under a unique temporary name and renamed
    into place, and rename() of a symlink is atomic, so no worker ever sees a half-made tree.
    """
    collections_path = os.path.join(repo_root, "build", "collections")
    namespace_dir = os.path.join(collections_path, "ansible_collections", "asyncops")
    link = os.path.join(namespace_dir, "cloud")
    os.makedirs(namespace_dir, exist_ok=True)
    target = os.path.realpath(repo_root)
    if os.path.islink(link) and os.path.realpath(link) == target:
        return collections_path
    temp_link = "%s.tmp-%d-%s" % (link, os.getpid(), uuid.uuid4().hex[:8])
    os.symlink(target, temp_link)
    try:
        os.replace(temp_link, link)
    except OSError:
        # Only possible if `cloud` is a real directory left by someone else; do not delete it.
        os.unlink(temp_link)
        if os.path.realpath(link) != target:
            raise
    return collections_path
