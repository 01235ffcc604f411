# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gcore task endpoints: get, list (every filter of the spec), acknowledge."""
import math

from . import catalog
from ._time import iso, parse_iso
from .errors import HttpProblem
from .routing import Response

STATE_NAMES = {"new": "NEW", "running": "RUNNING", "finished": "FINISHED", "error": "ERROR"}
VALID_STATES = set(STATE_NAMES.values())


def detailed_state(task, phase):
    # Only cluster tasks report a detailed state; the enum has nothing for plain VMs/volumes.
    if "k8s" not in task.operation and "cluster" not in task.operation:
        return None
    if phase.name == "finished":
        return "FINISHED"
    if phase.name == "error":
        return "ERROR"
    if phase.name == "running":
        return "NETWORK" if phase.progress < 50 else "POST_DEPLOY_SETUP"
    return None


def serialize(task, now):
    """The spec's TaskSerializer with every field present."""
    phase = task.lifecycle.phase(now)
    state = STATE_NAMES[phase.name]
    if phase.name == "error":
        created_resources = None
    elif phase.name == "finished":
        created_resources = catalog.full_created_resources(task.created_resources)
    else:
        created_resources = catalog.full_created_resources({})
    tenant = task.tenant
    return {
        "id": task.id,
        "task_type": task.operation,
        "state": state,
        "detailed_state": detailed_state(task, phase),
        "error": task.error_text if phase.name == "error" else None,
        "created_on": iso(task.created),
        "updated_on": iso(phase.changed_at),
        "finished_on": iso(phase.ended_at),
        "created_resources": created_resources,
        "data": task.data,
        "project_id": task.project_id,
        "region_id": task.region_id,
        "request_id": task.request_id,
        "user_id": tenant.user_id,
        "client_id": tenant.client_id,
        "user_client_id": tenant.client_id,
        "acknowledged_at": iso(task.acknowledged_at),
        "acknowledged_by": task.acknowledged_by,
        "job_id": None,
        "lifecycle_policy_id": None,
        "schedule_id": None,
    }


def _task_or_404(state, request):
    task = state.visible_task(request.tenant, request.params["task_id"])
    if task is None or task.provider != "gcore":
        raise HttpProblem(404, "Task %s not found" % request.params["task_id"])
    return task


def get_task(state, request):
    task = _task_or_404(state, request)
    return Response(200, serialize(task, state.now()))


def _int_list(request, name):
    values = []
    for raw in request.query.get(name, []):
        try:
            values.append(int(raw))
        except ValueError:
            raise HttpProblem(422, "%s: %r is not a valid integer" % (name, raw))
    return values


def _int_param(request, name, default, low, high):
    raw = request.first(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HttpProblem(422, "%s: %r is not a valid integer" % (name, raw))
    if value < low or (high is not None and value > high):
        raise HttpProblem(422, "%s must be between %d and %s" % (name, low, high or "infinity"))
    return value


def _timestamp_param(request, name):
    raw = request.first(name)
    if raw is None:
        return None
    try:
        return parse_iso(raw)
    except (ValueError, OverflowError):
        raise HttpProblem(422, "%s: %r is not an ISO 8601 datetime" % (name, raw))


def _bool_param(request, name):
    raw = request.first(name)
    if raw is None:
        return None
    lowered = raw.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise HttpProblem(422, "%s: %r is not a boolean" % (name, raw))


def _order(request):
    # order_by wins over the deprecated `sorting`; both default to newest first.
    raw = request.first("order_by") or request.first("sorting") or "desc"
    if raw not in ("asc", "desc"):
        raise HttpProblem(422, "order_by must be 'asc' or 'desc'")
    return raw


def list_tasks(state, request):
    states = request.query.get("state", [])
    for value in states:
        if value not in VALID_STATES:
            raise HttpProblem(422, "state: %r is not one of %s" % (value, sorted(VALID_STATES)))
    projects = set(_int_list(request, "project_id"))
    regions = set(_int_list(request, "region_id"))
    task_type = request.first("task_type")
    acknowledged = _bool_param(request, "is_acknowledged")
    start = _timestamp_param(request, "from_timestamp")
    end = _timestamp_param(request, "to_timestamp")
    limit = _int_param(request, "limit", 10, 1, 1000)
    offset = _int_param(request, "offset", 0, 0, None)
    order = _order(request)
    # Filters compare against the second-precision created_on clients see, so a client that
    # passes back a task's created_on always finds that task (the filter is inclusive).
    window_start = None if start is None else float(math.ceil(start))
    window_end = None if end is None else int(end) + 0.999999
    now = state.now()
    wanted_states = set(states)
    candidates = state.tenant_window(request.tenant, window_start, window_end)
    if order == "desc":
        candidates = reversed(candidates)
    count = 0
    page = []
    for task in candidates:
        if task.provider != "gcore":
            continue
        if projects and task.project_id not in projects:
            continue
        if regions and task.region_id not in regions:
            continue
        if task_type and task.operation != task_type:
            continue
        if acknowledged is not None and (task.acknowledged_at is not None) != acknowledged:
            continue
        if wanted_states and STATE_NAMES[task.lifecycle.phase(now).name] not in wanted_states:
            continue
        if offset <= count < offset + limit:
            page.append(serialize(task, now))
        count += 1
    return Response(200, {"count": count, "results": page})


def _acknowledge(task, now):
    task.acknowledged_at = now
    task.acknowledged_by = task.tenant.user_id


def acknowledge_one(state, request):
    task = _task_or_404(state, request)
    now = state.now()
    phase = task.lifecycle.phase(now)
    if phase.name != "error":
        # The real API's answer here is undocumented. 409 Conflict: the request is valid but the
        # task's state forbids it (schemathesis also treats 409 as a legitimate answer to a
        # schema-valid request). Note: the gcore SDK retries 409 twice before raising.
        raise HttpProblem(409, "Task %s is in state %s; only tasks in state ERROR can be "
                               "acknowledged" % (task.id, STATE_NAMES[phase.name]))
    if task.acknowledged_at is None:
        _acknowledge(task, now)
    return Response(200, serialize(task, now))


def _scope_error_tasks(state, request, project_id, region_id, only_ids=None):
    now = state.now()
    for task in state.tenant_window(request.tenant):
        if task.provider != "gcore" or task.acknowledged_at is not None:
            continue
        if project_id is not None and task.project_id != project_id:
            continue
        if region_id is not None and task.region_id != region_id:
            continue
        if only_ids is not None and task.id not in only_ids:
            continue
        if task.lifecycle.phase(now).name == "error":
            _acknowledge(task, now)


def _optional_int(request, name):
    raw = request.first(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise HttpProblem(422, "%s: %r is not a valid integer" % (name, raw))


def acknowledge_all(state, request):
    _scope_error_tasks(state, request, _optional_int(request, "project_id"),
                       _optional_int(request, "region_id"))
    return Response(204)


def acknowledge_deprecated(state, request):
    """Deprecated POST /cloud/v1/tasks/acknowledge with an optional {"task_ids": [...]} body."""
    try:
        body = request.json() or {}
    except ValueError:
        raise HttpProblem(422, "body is not valid JSON")
    task_ids = body.get("task_ids") if isinstance(body, dict) else None
    if task_ids is not None and not isinstance(task_ids, list):
        raise HttpProblem(422, "task_ids must be a list of task IDs")
    _scope_error_tasks(state, request, _optional_int(request, "project_id"),
                       _optional_int(request, "region_id"),
                       None if task_ids is None else set(str(t) for t in task_ids))
    return Response(204)


def register(router):
    router.add("GET", "/cloud/v1/tasks", list_tasks, "gcore")
    router.add("POST", "/cloud/v1/tasks/acknowledge_all", acknowledge_all, "gcore")
    router.add("POST", "/cloud/v1/tasks/acknowledge", acknowledge_deprecated, "gcore")
    router.add("GET", "/cloud/v1/tasks/{task_id}", get_task, "gcore")
    router.add("POST", "/cloud/v1/tasks/{task_id}/acknowledge", acknowledge_one, "gcore")
