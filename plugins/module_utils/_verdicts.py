# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fields a verdict rests on, read strictly.

A wait declares a task finished or failed from a handful of fields. Reading them leniently
turned answers nobody should trust into verdicts: ``hasFailed: "true"`` (a string) read as
"not failed", a ``created_resources`` that is not an object became an empty success, and a
state nobody documented was waited on in silence. Here a field of the wrong type makes the
answer malformed (RecordError, which the adapters turn into InconsistentAnswerError), and a
state of the right type that the collection does not know maps to UNKNOWN: not terminal, so
the wait goes on, but named in the progress line and the result.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

PENDING = "pending"
RUNNING = "running"
FINISHED = "finished"
FAILED = "failed"
UNKNOWN = "unknown"

GCORE_STATUS = {"NEW": PENDING, "RUNNING": RUNNING, "FINISHED": FINISHED, "ERROR": FAILED}
GPCN_STATUS = {"pending": PENDING, "in_progress": RUNNING, "completed": FINISHED, "failed": FAILED}
# What two copies of one task in one answer must agree on.
VERDICT_FIELDS = ("status", "state", "created_resources", "error")


class RecordError(ValueError):
    """A record whose verdict fields have the wrong type; ``detail`` says which and what."""

    def __init__(self, detail):
        super(RecordError, self).__init__(detail)
        self.detail = detail


def _shown(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def gcore_status(task):
    """(state as the API gave it, normalised status) of a Gcore task dict."""
    state = task.get("state")
    if state is None:
        return None, PENDING
    if isinstance(state, str) and state.upper() in GCORE_STATUS:
        return state, GCORE_STATUS[state.upper()]
    return state, UNKNOWN


def gcore_created_resources(task):
    """The task's ``created_resources``: an object of lists, or None (ERROR tasks say null)."""
    created = task.get("created_resources")
    if created is None:
        return None
    if not isinstance(created, dict):
        raise RecordError("created_resources of task %s is %s, not an object" % (task.get("id"), _shown(created)))
    for kind, ids in created.items():
        if ids is not None and not isinstance(ids, list):
            raise RecordError("created_resources.%s of task %s is %s, not a list" % (kind, task.get("id"), _shown(ids)))
    return created


def _gpcn_flag(job, name):
    value = job.get(name)
    if value is not None and not isinstance(value, bool):
        raise RecordError("%s of job %s is %s, not true or false" % (name, job.get("id", job.get("jobId")), _shown(value)))
    return value


def gpcn_status(job):
    """(state word, normalised status) of a GPCN job, in the documented or the terraform shape."""
    status = job.get("status")
    has_failed = _gpcn_flag(job, "hasFailed")
    is_completed = _gpcn_flag(job, "isCompleted")
    if status is not None:
        if isinstance(status, str) and status.lower() in GPCN_STATUS:
            return status, GPCN_STATUS[status.lower()]
        return status, UNKNOWN
    if has_failed:
        return "failed", FAILED
    if is_completed:
        return "completed", FINISHED
    if has_failed is not None or is_completed is not None:
        return "in_progress", RUNNING
    return None, PENDING


def gpcn_progress(job):
    progress = job.get("progress")
    if progress is None:
        return None
    if not _is_number(progress):
        raise RecordError("progress of job %s is %s, not a number" % (job.get("id", job.get("jobId")), _shown(progress)))
    return int(progress)


def contradiction(first, second):
    """The verdict field two records of one task disagree on, or None when they agree."""
    for field in VERDICT_FIELDS:
        if first.get(field) != second.get(field):
            return field
    return None


def describe_unknown(records):
    """``'succeeded' (1a2b3c4d), 3 (5e6f7a8b)``: the unknown states of these records, or ''."""
    parts = ["%s (%s)" % (_shown(record.get("state")), str(record.get("id"))[:8])
             for record in records if record.get("status") == UNKNOWN]
    return ", ".join(parts)
