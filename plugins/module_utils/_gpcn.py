# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GpcnAdapter: GPCN jobs, polled in batches of 50 with POST /resource/jobs.

Two job shapes exist in the wild: the documented one ({id, status, progress, ...}) and the one
terraform-provider-gpcn reads ({jobId, isCompleted, hasFailed, ...}); both are accepted.
A job absent from a batch answer is reported per job as "not visible to this API key":
treating it as done would turn a typo or a foreign job into a silent success.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import (
    JobNotVisibleError,
    MalformedResponseError,
    OptionError,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._records import (
    PollResult,
    gpcn_job_id,
    gpcn_record,
)

JOBS_PATH = "/resource/jobs"
BATCH_SIZE = 50  # the API takes 1 to 50 job IDs per request

# Start quick, then slow down for long jobs (GPCN guidance: 2-3 s, later 5-10 s).
FAST_INTERVAL = 2.0
FAST_POLLS = 3
MEDIUM_INTERVAL = 5.0
# About a minute in: 3 polls at 2 s plus 11 at 5 s.
SLOW_AFTER_POLLS = 14
SLOW_INTERVAL = 10.0

_TIMEOUTS = {"vm": 600.0, "gpu": 900.0, "volume": 300.0, "network": 300.0}
DEFAULT_TIMEOUT = 600.0


def _job_ids_of(jobs):
    ids = []
    for job in jobs:
        job_id = gpcn_job_id(job) if isinstance(job, dict) else None
        if job_id is None:
            raise OptionError("response", "a GPCN job object must carry an id or jobId")
        ids.append(job_id)
    return ids


def extract_task_ids(response):
    """Job IDs of a GPCN write response.

    Accepted: {"data": [job, ...]}, {"data": {"jobId": ...}} (or "id"), {"data": {"jobs": [...]}}.
    """
    data = response.get("data") if isinstance(response, dict) else None
    ids = None
    if isinstance(data, list):
        ids = _job_ids_of(data)
    elif isinstance(data, dict):
        if isinstance(data.get("jobs"), list):
            ids = _job_ids_of(data["jobs"])
        elif gpcn_job_id(data) is not None:
            ids = [gpcn_job_id(data)]
    if not ids:
        raise OptionError(
            "response", 'a GPCN write response must look like {"data": [job, ...]}, '
            '{"data": {"jobId": "..."}} or {"data": {"jobs": [...]}}')
    return list(dict.fromkeys(ids))


def _jobs_of(body):
    if not isinstance(body, dict):
        raise MalformedResponseError("POST", JOBS_PATH, 200, "expected a JSON object")
    if body.get("success") is False:
        raise MalformedResponseError("POST", JOBS_PATH, 200,
                                     "the API reported failure: %s" % (body.get("message") or body.get("error")))
    data = body.get("data")
    jobs = data.get("jobs") if isinstance(data, dict) else data
    if not isinstance(jobs, list):
        raise MalformedResponseError("POST", JOBS_PATH, 200, 'expected {"data": {"jobs": [...]}}')
    return jobs


class GpcnAdapter(object):
    provider = "gpcn"

    def __init__(self, client, batch_size=BATCH_SIZE):
        if not 1 <= batch_size <= BATCH_SIZE:
            raise OptionError("batch_size", "must be between 1 and %d" % BATCH_SIZE)
        self.client = client
        self.batch_size = batch_size

    def poll(self, ids, hints=None):
        """One round: POST the IDs in chunks; a job missing from its answer is a per-ID error."""
        ids = list(dict.fromkeys(str(i) for i in ids))
        result = PollResult()
        for start in range(0, len(ids), self.batch_size):
            chunk = ids[start:start + self.batch_size]
            wanted = set(chunk)
            body = self.client.post(JOBS_PATH, json={"jobIds": chunk}, idempotent=True)
            for job in _jobs_of(body):
                job_id = gpcn_job_id(job) if isinstance(job, dict) else None
                # Only jobs we asked about in this chunk count; anything else is ignored.
                if job_id in wanted:
                    result.records[job_id] = gpcn_record(job)
            for job_id in chunk:
                if job_id not in result.records:
                    result.errors[job_id] = JobNotVisibleError(job_id, "POST", JOBS_PATH)
        return result

    def get_tasks(self, ids, hints=None):
        return self.poll(ids, hints=hints)

    def default_interval(self, record, polls_done=0):
        # polls_done counts rounds already made: the gaps after the first three are short.
        if polls_done <= FAST_POLLS:
            return FAST_INTERVAL
        if polls_done <= SLOW_AFTER_POLLS:
            return MEDIUM_INTERVAL
        return SLOW_INTERVAL

    def default_timeout(self, record):
        kind = (record.get("type") or "").lower() if record else ""
        return _TIMEOUTS.get(kind, DEFAULT_TIMEOUT)

    def forget(self, ids):
        """Nothing is cached per job; present for interface symmetry with GcoreAdapter."""
        return None
