# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A heartbeat line at default verbosity while a wait runs; 0 turns it off."""

import re
import time

import pytest

from ..faults.helpers import MidWait
from ..simctl import GCORE_KEY_A
from .helpers import RuntimeDir, fleet_hosts, run_fleet

# The task ends this long after the wait's first request, so the wait surely lasts that long.
WAIT_SECONDS = 3.0

HEARTBEAT = re.compile(r"<fleet-000> asyncops\.cloud\.task_wait: still waiting: \d+/1 finished, .* after (\d+)s")


@pytest.mark.parametrize("interval", [1, 0])
def test_heartbeat_at_default_verbosity(sim, run_playbook, interval):
    ids = sim.seed_tasks(provider="gcore", api_key=GCORE_KEY_A, count=1, task_type="create_volume",
                         outcome="stuck")
    finisher = MidWait(sim, lambda counters: counters["total"] >= 1,
                       lambda: (time.sleep(WAIT_SECONDS), sim.finish(ids[0]))).start()
    with RuntimeDir() as runtime:
        results, stdout = run_fleet(run_playbook, fleet_hosts([ids]), runtime, heartbeat=interval, verbosity=0)
    assert finisher.join()
    result = results["fleet-000"]
    assert result["finished_tasks"] == ids
    beats = [int(match.group(1)) for match in HEARTBEAT.finditer(stdout)]
    if interval:
        # One line per interval at most: never more beats than whole seconds waited.
        assert 1 <= len(beats) <= int(result["elapsed"] / interval)
        assert beats == sorted(beats)
    else:
        assert beats == [] and "still waiting" not in stdout
