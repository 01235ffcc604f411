# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo benchmark's split of wall time into waiting and overhead (no timing asserts)."""

from benchmarks.demo_split import split, wait_seconds

OUTPUT = """
TASK [Start creating every resource] ****
changed: [localhost] => (item=gcore network n) => {"changed": true, "elapsed": 0.5}

TASK [Wait for all of them in one step, both clouds together] ****
ok: [localhost] => {"changed": false, "elapsed": 7.25, "providers": {}}

TASK [Wait for every delete in one step] ****
ok: [localhost] => {"changed": false, "elapsed": 2.75}
"""


def test_only_the_task_wait_steps_count_as_waiting():
    assert wait_seconds(OUTPUT) == [7.25, 2.75]


def test_split_reports_the_same_figures_it_prints():
    figures = split(20.0, [7.25, 2.75])
    assert figures == {"wall_s": 20.0, "waiting_s": 10.0, "overhead_s": 10.0, "overhead_pct": 50.0, "waits": 2}
