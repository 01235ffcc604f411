# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the unit tests, and the collection tree plain pytest imports from.

ansible-test units, and pytest in an installed copy, import the collection (tests included) from
the ansible_collections tree that holds it. In the repository, pytest finds it through
pytest.ini's ``pythonpath`` (build/collections, which scripts/test.sh creates); a run before the
link exists gets it here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import importlib.util
import os

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _link_collection_tree():
    """Make the repository importable as the collection when nothing else did."""
    if importlib.util.find_spec("ansible_collections.asyncops") is not None:
        return  # ansible-test units, an installed copy, or pytest.ini's pythonpath
    from harness.collection_tree import ensure_collection_tree
    ensure_collection_tree(REPO)
    importlib.invalidate_caches()


_link_collection_tree()


@pytest.fixture
def server():
    """A ScriptedServer on 127.0.0.1, closed after the test."""
    from ansible_collections.asyncops.cloud.tests.unit.fakes import ScriptedServer
    srv = ScriptedServer()
    yield srv
    srv.close()


@pytest.fixture
def fake_clock():
    from ansible_collections.asyncops.cloud.tests.unit.fakes import FakeClock
    return FakeClock()
