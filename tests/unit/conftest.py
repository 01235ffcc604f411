# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the unit tests, and the collection tree plain pytest imports from.

ansible-test units runs inside ``ansible_collections/asyncops/cloud`` and imports the collection
(tests included) from there. Plain pytest finds it through pytest.ini's ``pythonpath``
(build/collections, which scripts/test.sh creates); a run without the script gets the same
link here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import os

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _link_collection_tree():
    if os.sep + os.path.join("ansible_collections", "asyncops", "cloud") in REPO:
        return  # already inside a collection tree (ansible-test units)
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
