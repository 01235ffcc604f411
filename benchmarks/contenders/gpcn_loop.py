# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GPCN job after job: one loop, each job polled on its own every 3 s until it ends."""

import requests

from benchmarks.contenders._gpcn_poll import poll_job
from benchmarks.contenders._io import now, read_spec, write_result


def main():
    spec_path, spec = read_spec()
    started = now()
    observed, states = {}, {}
    jobs_url = spec["base_url"] + "/v1/resource/jobs"
    with requests.Session() as session:
        for job_id in spec["ids"]:
            interval = spec["intervals"][spec["types"][job_id]]
            states[job_id] = poll_job(session, jobs_url, spec["api_key"], job_id, interval, spec["timeout"])
            observed[job_id] = now()
    write_result(spec_path, started, now(), observed, states)


if __name__ == "__main__":
    main()
