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

import datetime
import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._adapter import Adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    JobNotVisibleError,
    MalformedResponseError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import (
    FAILED,
    FINISHED,
    PENDING,
    RUNNING,
    TERMINAL_STATUSES,
    PollResult,
    as_int,
    new_record,
    parse_timestamp,
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

# The normal rhythm reaches SLOW_INTERVAL about this far into a wait.
SLOW_AFTER_SECONDS = FAST_POLLS * FAST_INTERVAL + (SLOW_AFTER_POLLS - FAST_POLLS) * MEDIUM_INTERVAL

_TIMEOUTS = {"vm": 600.0, "gpu": 900.0, "volume": 300.0, "network": 300.0}
DEFAULT_TIMEOUT = 600.0

GPCN_STATUS = {"pending": PENDING, "in_progress": RUNNING, "completed": FINISHED, "failed": FAILED}


def _gpcn_status(job):
    status = job.get("status")
    if isinstance(status, str) and status.lower() in GPCN_STATUS:
        return status, GPCN_STATUS[status.lower()]
    # The terraform-provider-gpcn shape: booleans instead of a status word.
    if job.get("hasFailed") is True:
        return status or "failed", FAILED
    if job.get("isCompleted") is True:
        return status or "completed", FINISHED
    if "isCompleted" in job or "hasFailed" in job:
        return status or "in_progress", RUNNING
    return status, PENDING


def gpcn_job_id(job):
    value = job.get("id") if job.get("id") is not None else job.get("jobId")
    return str(value) if value is not None else None


def gpcn_record(job):
    """Normalise one GPCN job, in the documented shape or the terraform-provider shape."""
    state, status = _gpcn_status(job)
    resource_type = job.get("resourceType")
    resource_id = job.get("resourceId")
    created = {}
    if resource_id not in (None, ""):
        created = {str(resource_type or "resource"): [resource_id]}
    progress = as_int(job.get("progress"))
    if progress is None and status == FINISHED:
        progress = 100
    error = job.get("error")
    if isinstance(error, dict):
        error = error.get("message") or str(error)
    if status == FAILED and not error:
        error = job.get("message") or "job failed"
    return new_record(
        gpcn_job_id(job), "gpcn",
        type=resource_type,
        state=state,
        status=status,
        progress=progress,
        created_resources=created,
        error=error,
        detailed_state=None,
        request_id=None,
        created_at=job.get("createdAt"),
        updated_at=job.get("updatedAt"),
        finished_at=job.get("completedAt"),
        raw=job,
    )


def _job_ids_of(jobs):
    ids = [gpcn_job_id(job) if isinstance(job, dict) else None for job in jobs]
    if None in ids:
        raise ValueError("a GPCN job object must carry an id or jobId")
    return ids


def _progress(record):
    """A usable progress figure (1..100) of a non-terminal job, else None: 0 says nothing of speed."""
    if not record:
        return None
    progress = record.get("progress")
    if isinstance(progress, bool) or not isinstance(progress, (int, float)) or progress <= 0:
        return None
    return min(float(progress), 100.0)


_EPOCH = datetime.datetime(1970, 1, 1)


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


class GpcnAdapter(Adapter):
    provider = "gpcn"

    def __init__(self, client, batch_size=BATCH_SIZE, wall_clock=time.time):
        if not 1 <= batch_size <= BATCH_SIZE:
            raise ValueError("batch_size must be between 1 and %d" % BATCH_SIZE)
        super(GpcnAdapter, self).__init__(client)
        # A round costs one request per this many IDs: the engine schedules IDs one by one
        # and sends only the due ones.
        self.batch_size = batch_size
        # createdAt is wall-clock time; injected so tests can fix "now".
        self.wall_clock = wall_clock

    @staticmethod
    def task_ids_of(response):
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
            raise ValueError('a GPCN write response must look like {"data": [job, ...]}, '
                             '{"data": {"jobId": "..."}} or {"data": {"jobs": [...]}}')
        return list(dict.fromkeys(ids))

    def poll(self, ids, hints=None):
        """One round: POST the IDs in chunks; a job missing from its answer is a per-ID error."""
        ids = list(dict.fromkeys(str(i) for i in ids))
        result = PollResult()
        for start in range(0, len(ids), self.batch_size):
            chunk = ids[start:start + self.batch_size]
            wanted = set(chunk)
            body = self._client.post(JOBS_PATH, json={"jobIds": chunk}, idempotent=True)
            for job in _jobs_of(body):
                job_id = gpcn_job_id(job) if isinstance(job, dict) else None
                # Only jobs we asked about in this chunk count; anything else is ignored.
                if job_id in wanted:
                    result.records[job_id] = gpcn_record(job)
            for job_id in chunk:
                if job_id not in result.records:
                    result.errors[job_id] = JobNotVisibleError(job_id, "POST", JOBS_PATH)
        return result

    def default_interval(self, record, polls_done=0):
        # polls_done counts rounds already made: the gaps after the first three are short.
        if polls_done <= FAST_POLLS:
            return FAST_INTERVAL
        if polls_done <= SLOW_AFTER_POLLS:
            return MEDIUM_INTERVAL
        return SLOW_INTERVAL

    def max_poll_gap(self, record, elapsed):
        """The longest gap between two polls of a job whose finish is predicted: the interval
        the normal rhythm grows to, so a wrong prediction costs no more than that rhythm."""
        return MEDIUM_INTERVAL if elapsed < SLOW_AFTER_SECONDS else SLOW_INTERVAL

    def predict_finish(self, record, earlier=None, seconds_since_earlier=None):
        """Seconds from when ``record`` was seen until the job should end, or None.

        Progress is extrapolated linearly: from two observations of a running job (the rate
        measured on our own clock), else from one observation and ``createdAt`` (the rate since
        creation; createdAt has whole seconds, so the estimate errs late for very young jobs, which
        costs lag bounded by the engine's longest gap, whereas an early guess costs a request).
        Never beyond the job type's timeout.
        """
        if record.get("status") in TERMINAL_STATUSES:
            return None
        if record.get("progress") == 0 and not isinstance(record.get("progress"), bool):
            # Not started: it cannot end before it starts, so it is given the longest wait,
            # which the engine caps at the grown interval (GPCN's guidance for long jobs).
            return self.default_timeout(record)
        progress = _progress(record)
        if progress is None:
            return None
        if progress >= 100:
            return 0.0
        remaining = None
        earlier_progress = _progress(earlier)
        if earlier_progress and seconds_since_earlier and progress > earlier_progress:
            rate = (progress - earlier_progress) / float(seconds_since_earlier)
            remaining = (100 - progress) / rate
        else:
            age = self._age(record)
            if age is not None:
                remaining = age * (100 - progress) / float(progress)
        if remaining is None:
            return None
        return min(max(remaining, 0.0), self.default_timeout(record))

    def _age(self, record):
        created = parse_timestamp(record.get("created_at"))
        if created is None:
            return None
        age = self.wall_clock() - (created - _EPOCH).total_seconds()
        return age if age > 0 else None

    def default_timeout(self, record):
        kind = (record.get("type") or "").lower() if record else ""
        return _TIMEOUTS.get(kind, DEFAULT_TIMEOUT)
