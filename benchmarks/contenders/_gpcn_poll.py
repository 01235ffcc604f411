# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Poll ONE GPCN job until it ends, as the seed's examples and terraform-provider-gpcn do:
``POST /resource/jobs {"jobIds": [id]}`` every few seconds."""

import time

TERMINAL = ("completed", "failed")


def job_status(session, jobs_url, api_key, job_id):
    answer = session.post(jobs_url, json={"jobIds": [job_id]}, headers={"X-API-Key": api_key}, timeout=30)
    answer.raise_for_status()
    jobs = answer.json()["data"]["jobs"]
    return jobs[0]["status"] if jobs else None


def poll_job(session, jobs_url, api_key, job_id, interval, timeout):
    deadline = time.monotonic() + timeout
    while True:
        status = job_status(session, jobs_url, api_key, job_id)
        if status in TERMINAL:
            return status
        if time.monotonic() + interval > deadline:
            raise TimeoutError("job %s still %s" % (job_id, status))
        time.sleep(interval)
