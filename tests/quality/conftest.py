"""Fixtures of the quality gates: prepared collection trees the judges can read."""

import os
import sys

import pytest

# The helpers beside this file are plain modules, not a package (tests/ has no __init__.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _collection_tree import REPO_ROOT, copy_collection, galaxy_metadata  # noqa: E402


@pytest.fixture(scope="session")
def repo_root():
    return REPO_ROOT


@pytest.fixture(scope="session")
def galaxy():
    return galaxy_metadata()


@pytest.fixture(scope="session")
def collection_symlink_tree(galaxy):
    """build/collections/ansible_collections/<ns>/<name> -> the repository (what demo.sh uses)."""
    parent = os.path.join(REPO_ROOT, "build", "collections", "ansible_collections", galaxy["namespace"])
    os.makedirs(parent, exist_ok=True)
    link = os.path.join(parent, galaxy["name"])
    if os.path.realpath(link) != os.path.realpath(REPO_ROOT):
        if os.path.islink(link):
            os.unlink(link)
        try:
            os.symlink(REPO_ROOT, link)
        except FileExistsError:
            # The other xdist worker made it at the same moment.
            assert os.path.realpath(link) == os.path.realpath(REPO_ROOT)
    return os.path.join(REPO_ROOT, "build", "collections")


@pytest.fixture
def collection_copy(tmp_path):
    """A private copy of what the collection ships, as <tmp>/ansible_collections/<ns>/<name>."""
    return copy_collection(str(tmp_path))
