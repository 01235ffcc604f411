# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures of the quality gates: prepared collection trees the judges can read."""

import os
import sys

import pytest

# The helpers beside this file are plain modules, not a package (tests/ has no __init__.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _collection_tree import REPO_ROOT, copy_collection, galaxy_metadata  # noqa: E402
from harness.collection_tree import ensure_collection_tree  # noqa: E402


@pytest.fixture(scope="session")
def repo_root():
    return REPO_ROOT


@pytest.fixture(scope="session")
def galaxy():
    return galaxy_metadata()


@pytest.fixture(scope="session")
def collection_symlink_tree():
    """build/collections/ansible_collections/asyncops/cloud -> the repository (what demo.sh uses)."""
    return ensure_collection_tree(REPO_ROOT)


@pytest.fixture
def collection_copy(tmp_path):
    """A private copy of what the collection ships, as <tmp>/ansible_collections/<ns>/<name>."""
    return copy_collection(str(tmp_path))
