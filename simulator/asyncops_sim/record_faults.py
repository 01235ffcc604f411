# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`record` and `duplicate` faults: answers that are well-formed JSON but inconsistent.

`record` rewrites one task's (job's) record wherever an answer carries it: fields overwritten
with `set` (wrong types, unknown states), or the whole record replaced by another task's with
`answer_as` (a GET for A answered with B's body). `duplicate` adds a second copy of the record,
changed by `set`, before (`"position": "before"`, the stale copy first) or after the real one.
"""
from . import gcore_tasks, gpcn_api


def _records(body, provider):
    """The list holding the records of an answer, and whether the body is one bare record."""
    if not isinstance(body, dict):
        return None, False
    if provider == "gpcn":
        data = body.get("data")
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return (jobs, False) if isinstance(jobs, list) else (None, False)
    if isinstance(body.get("results"), list):
        return body["results"], False
    return None, "id" in body


def _id_of(record):
    if not isinstance(record, dict):
        return None
    value = record.get("id", record.get("jobId"))
    return str(value).lower() if value is not None else None


def _render(state, provider, task_id):
    task = state.find_task(task_id)
    if task is None:
        return None
    now = state.now()
    if provider == "gpcn":
        render = gpcn_api.terraform_job if state.config.get("gpcn_job_shape") == "terraform" else gpcn_api.seed_job
        return render(task, now)
    return gcore_tasks.serialize(task, now)


def _changed(record, fault, state, provider):
    if fault.get("answer_as"):
        other = _render(state, provider, fault["answer_as"])
        if other is not None:
            record = other
    record = dict(record)
    record.update(fault.get("set") or {})
    return record


def apply(response, faults, state, provider):
    """Rewrite `response.body` in place for every record/duplicate fault that fired."""
    wanted = [f for f in faults if f["kind"] in ("record", "duplicate")]
    if not wanted or response.status != 200:
        return response
    records, single = _records(response.body, provider)
    for fault in wanted:
        target = fault["task_id"].lower()
        if single:
            if _id_of(response.body) == target and fault["kind"] == "record":
                response.body = _changed(response.body, fault, state, provider)
            continue
        if records is None:
            continue
        for index, record in enumerate(list(records)):
            if _id_of(record) != target:
                continue
            changed = _changed(record, fault, state, provider)
            if fault["kind"] == "record":
                records[index] = changed
            elif fault.get("position") == "before":
                records.insert(index, changed)
            else:
                records.insert(index + 1, changed)
            break
    return response
