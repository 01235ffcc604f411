# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one normalised task record both providers map into, and created_resources merging."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.module_utils._verdicts import (  # noqa: F401 (re-exported)
    FAILED,
    FINISHED,
    GCORE_STATUS,
    GPCN_STATUS,
    PENDING,
    RUNNING,
    UNKNOWN,
    gcore_created_resources,
    gcore_status,
    gpcn_progress,
    gpcn_status,
)

TERMINAL_STATUSES = frozenset([FINISHED, FAILED])

RECORD_FIELDS = (
    "id", "provider", "type", "state", "status", "progress", "created_resources", "error",
    "detailed_state", "request_id", "project_id", "region_id", "created_at", "updated_at",
    "finished_at", "acknowledged", "raw",
)


def new_record(task_id, provider, **fields):
    """A record with every contract field present (None when unknown)."""
    record = dict.fromkeys(RECORD_FIELDS)
    record["id"] = task_id
    record["provider"] = provider
    record["status"] = PENDING
    record["raw"] = {}
    record.update(fields)
    return record


def is_terminal(record):
    return record is not None and record.get("status") in TERMINAL_STATUSES


def _as_int(value):
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def compact_created_resources(created):
    """Only the resource types that hold something: Gcore lists ~33 types per task, nearly all [].

    Ten thousand records each carrying 33 empty lists made task_wait's result (and the memory
    Ansible spends on it) several times larger than its content; the full dict stays in raw.
    """
    if not isinstance(created, dict):
        return None
    return dict((kind, ids) for kind, ids in created.items() if ids not in (None, [], {}, ""))


def canonical_id(task_id):
    """The form IDs are compared in: UUIDs are case-insensitive, the APIs answer lower case."""
    return str(task_id).strip().lower()


def gcore_record(task):
    """Normalise one Gcore TaskSerializer dict; RecordError when a verdict field has the wrong type."""
    state, status = gcore_status(task)
    created = gcore_created_resources(task)
    return new_record(
        str(task.get("id")), "gcore",
        type=task.get("task_type"),
        state=state,
        status=status,
        progress=100 if status == FINISHED else None,
        created_resources=compact_created_resources(created),
        error=task.get("error") or (("task ended in state %s" % state) if status == FAILED else None),
        detailed_state=task.get("detailed_state"),
        request_id=task.get("request_id"),
        project_id=_as_int(task.get("project_id")),
        region_id=_as_int(task.get("region_id")),
        created_at=task.get("created_on"),
        updated_at=task.get("updated_on"),
        finished_at=task.get("finished_on"),
        acknowledged=(task.get("acknowledged_at") is not None) if "acknowledged_at" in task else None,
        raw=task,
    )


def gpcn_job_id(job):
    value = job.get("id") if job.get("id") is not None else job.get("jobId")
    return str(value) if value is not None else None


def gpcn_record(job):
    """Normalise one GPCN job, in the seed shape or the terraform-provider shape (whose booleans
    replace the status word); RecordError when a verdict field has the wrong type."""
    state, status = gpcn_status(job)
    resource_type = job.get("resourceType")
    resource_id = job.get("resourceId")
    created = {}
    if resource_id not in (None, ""):
        created = {str(resource_type or "resource"): [resource_id]}
    progress = gpcn_progress(job)
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


class PollResult(object):
    """What one polling round learned: records by id, and per-id problems (404, not visible)."""

    __slots__ = ("records", "errors")

    def __init__(self, records=None, errors=None):
        self.records = records if records is not None else {}
        self.errors = errors if errors is not None else {}

    def __repr__(self):
        return "PollResult(records=%d, errors=%d)" % (len(self.records), len(self.errors))


def merge_created_resources(records):
    """{type: [ids...]} over records: only non-empty lists, first-seen order, no duplicates."""
    merged = {}
    seen = {}
    for record in records:
        created = record.get("created_resources") if record else None
        if not isinstance(created, dict):
            continue
        for kind, ids in created.items():
            if not isinstance(ids, list):
                continue
            for resource_id in ids:
                marker = seen.setdefault(kind, set())
                key = repr(resource_id)
                if key in marker:
                    continue
                marker.add(key)
                merged.setdefault(kind, []).append(resource_id)
    return merged


def resource_ids(merged):
    """Every resource id of a merged created_resources dict, in order."""
    flat = []
    for ids in merged.values():
        flat.extend(ids)
    return flat


def public_record(record):
    """The record as modules return it (shallow copy; raw kept as the API sent it)."""
    return dict(record)
