# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fresh simulator per contender, seeded with the workload's tasks.

The simulator runs in a thread of the harness process (the harness itself only waits on the
contender's subprocess), which lets it read every task's exact end instant straight from the
simulator's state instead of the second-precision timestamps of the API.
"""

import json
import os
import random
import urllib.request

from asyncops_sim import start_simulator
from asyncops_sim import catalog

GCORE_KEY = "sim-gcore-key-a"
GPCN_KEY = "gpcn_sim_key_a"
API_KEYS = {"gcore": GCORE_KEY, "gpcn": GPCN_KEY}
SIM_SEED = 20260523  # same seed for every contender: same sampled durations, same task order


def _control(base_url, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read().decode() or "null")


def duration_range(provider, task_type):
    """The seed tables' (min, max) real seconds for an operation, as the simulator has them."""
    if provider == "gcore":
        return catalog.gcore_duration_range(task_type)
    return catalog.gpcn_duration_range("create_" + task_type)


class SeededSimulator(object):
    """Context manager: start a simulator, seed `workload`, expose ids/types/end times."""

    def __init__(self, workload, time_scale):
        self.workload = workload
        self.time_scale = time_scale
        self.handle = None
        self.ids = []
        self.types = {}
        self.ends = {}

    def __enter__(self):
        os.environ.setdefault("NO_PROXY", "127.0.0.1")
        self.handle = start_simulator(seed=SIM_SEED)
        provider = self.workload.provider
        for task_type, count in self.workload.groups:
            low, high = duration_range(provider, task_type)
            body = {"provider": provider, "api_key": API_KEYS[provider], "count": count,
                    # Explicit durations are real seconds: the table's range times the scale.
                    "duration": [low * self.time_scale, high * self.time_scale]}
            body["task_type" if provider == "gcore" else "resource_type"] = task_type
            new_ids = _control(self.handle.base_url, "/_sim/tasks", body)["ids"]
            for task_id in new_ids:
                self.types[task_id] = task_type
            self.ids.extend(new_ids)
        # Mixed order, the same for every contender (loops visit tasks in this order).
        random.Random(SIM_SEED).shuffle(self.ids)
        tasks = self.handle.simulator.state.tasks
        self.ends = dict((task_id, tasks[task_id].lifecycle.end_time()) for task_id in self.ids)
        return self

    @property
    def base_url(self):
        return self.handle.base_url

    def counters(self):
        """The simulator's counters: every API request it answered, in total and per route
        (control calls are never counted)."""
        return _control(self.handle.base_url, "/_sim/counters")

    def __exit__(self, *exc):
        self.handle.stop()
