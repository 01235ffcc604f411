"""Fixtures: one simulator per test module (small time scale) and a clean slate per test."""
import os
import sys

import pytest
import requests

SIM_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulator"))
if SIM_ROOT not in sys.path:
    sys.path.insert(0, SIM_ROOT)

from asyncops_sim import start_simulator  # noqa: E402

GCORE_KEY_A = "sim-gcore-key-a"
GCORE_KEY_B = "sim-gcore-key-b"
GPCN_KEY_A = "gpcn_sim_key_a"
GPCN_KEY_B = "gpcn_sim_key_b"
TIME_SCALE = 0.01  # a 15-30 s VM create takes 0.15-0.3 s


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


def seed(url, **body):
    answer = requests.post(url + "/_sim/tasks", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["ids"]


def counters(url):
    return requests.get(url + "/_sim/counters").json()
