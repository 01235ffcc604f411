# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make ``ansible_collections.asyncops.cloud`` importable from the repository tree.

ansible-test units lays out the collection path itself; plain pytest does not, so we point
build/ansible_collections/asyncops/cloud at the repository (build/ is gitignored).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys


def _collection_root():
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    marker = os.sep + os.path.join("ansible_collections", "asyncops", "cloud")
    if marker in repo:  # already inside a collection tree (ansible-test units)
        return repo[:repo.index(marker) + 1].rstrip(os.sep)
    root = os.path.join(repo, "build", "collection_root")
    namespace_dir = os.path.join(root, "ansible_collections", "asyncops")
    link = os.path.join(namespace_dir, "cloud")
    if not os.path.islink(link):
        try:
            os.makedirs(namespace_dir)
        except OSError:
            pass  # exists, or another xdist worker made it first
        try:
            os.symlink(repo, link)
        except OSError:
            if not os.path.islink(link):
                raise
    return root


_ROOT = _collection_root()
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
