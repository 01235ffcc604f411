# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: one simulator per test module (small time scale) and a clean slate per test."""
import pytest
import requests

from .helpers import GCORE_KEY_A, GPCN_KEY_A, TIME_SCALE

from asyncops_sim import start_simulator  # noqa: E402  (helpers put simulator/ on sys.path)


@pytest.fixture(scope="module")
def sim():
    handle = start_simulator(time_scale=TIME_SCALE, seed=7)
    yield handle
    handle.stop()


@pytest.fixture
def sim_url(sim):
    """Base URL of a simulator whose state, counters, faults and config were just reset."""
    requests.post(sim.base_url + "/_sim/reset",
                  json={"counters": True, "state": True, "faults": True, "config": True})
    return sim.base_url


@pytest.fixture
def gcore_a():
    return {"Authorization": "APIKey " + GCORE_KEY_A}


@pytest.fixture
def gpcn_a():
    return {"X-API-Key": GPCN_KEY_A}
