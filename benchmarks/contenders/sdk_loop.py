# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""gcore SDK as its docs show it: ``client.cloud.tasks.poll(task_id, ...)`` for one task after
another (the blocking poll returns when that task is FINISHED)."""

from gcore import Gcore

from benchmarks.contenders._io import now, read_spec, write_result


def main():
    spec_path, spec = read_spec()
    started = now()
    observed, states = {}, {}
    # max_retries as the SDK ships it (2); the simulator never fails in these workloads.
    with Gcore(api_key=spec["api_key"], base_url=spec["base_url"]) as client:
        for task_id in spec["ids"]:
            interval = spec["intervals"][spec["types"][task_id]]
            task = client.cloud.tasks.poll(task_id, polling_interval_seconds=int(interval),
                                           polling_timeout_seconds=int(spec["timeout"]))
            observed[task_id] = now()
            states[task_id] = task.state
    write_result(spec_path, started, now(), observed, states)


if __name__ == "__main__":
    main()
