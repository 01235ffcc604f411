# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GPCN all at once: every job polled on its own thread every 3 s, the way resources created
in parallel (terraform's parallelism, one goroutine per resource) each wait for their job."""

import threading

import requests

from benchmarks.contenders._gpcn_poll import poll_job
from benchmarks.contenders._io import now, read_spec, write_result


def main():
    spec_path, spec = read_spec()
    started = now()
    observed, states, problems = {}, {}, []
    jobs_url = spec["base_url"] + "/v1/resource/jobs"

    def wait_one(job_id):
        # One session per waiter, like independent resources each holding their own client.
        try:
            with requests.Session() as session:
                interval = spec["intervals"][spec["types"][job_id]]
                states[job_id] = poll_job(session, jobs_url, spec["api_key"], job_id, interval, spec["timeout"])
                observed[job_id] = now()
        except Exception as exc:  # reported, not hidden: the harness marks the run incomplete
            problems.append("%s: %s" % (job_id, exc))

    threads = [threading.Thread(target=wait_one, args=(job_id,), daemon=True) for job_id in spec["ids"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    write_result(spec_path, started, now(), observed, states, extra={"problems": problems[:5]})


if __name__ == "__main__":
    main()
