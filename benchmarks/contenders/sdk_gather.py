# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""gcore SDK at its best: ``AsyncGcore`` with every ``tasks.poll`` gathered at once."""

import asyncio

from gcore import AsyncGcore

from benchmarks.contenders._io import now, read_spec, write_result


async def wait_all(spec, observed, states):
    async with AsyncGcore(api_key=spec["api_key"], base_url=spec["base_url"]) as client:
        async def one(task_id):
            interval = spec["intervals"][spec["types"][task_id]]
            task = await client.cloud.tasks.poll(task_id, polling_interval_seconds=int(interval),
                                                 polling_timeout_seconds=int(spec["timeout"]))
            observed[task_id] = now()
            states[task_id] = task.state

        await asyncio.gather(*(one(task_id) for task_id in spec["ids"]))


def main():
    spec_path, spec = read_spec()
    started = now()
    observed, states = {}, {}
    asyncio.run(wait_all(spec, observed, states))
    write_result(spec_path, started, now(), observed, states)


if __name__ == "__main__":
    main()
