# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Constants and small helpers shared by the simulator fidelity tests (imported, unlike conftest)."""
import os
import sys

import requests

SIM_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulator"))
if SIM_ROOT not in sys.path:
    sys.path.insert(0, SIM_ROOT)

GCORE_KEY_A = "sim-gcore-key-a"
GCORE_KEY_B = "sim-gcore-key-b"
GPCN_KEY_A = "gpcn_sim_key_a"
GPCN_KEY_B = "gpcn_sim_key_b"
TIME_SCALE = 0.01  # a 15-30 s VM create takes 0.15-0.3 s


def seed(url, **body):
    answer = requests.post(url + "/_sim/tasks", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["ids"]


def counters(url):
    return requests.get(url + "/_sim/counters").json()
