# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GPCN (the GPCN asynchronous-operations document): writes answering 202 with a job, batch job polling, resource readbacks."""
import uuid

from . import catalog
from ._time import iso
from .errors import HttpProblem
from .routing import Response
from .store import Task

MAX_JOB_IDS = 50
STATUS_NAMES = {"new": "pending", "running": "in_progress", "finished": "completed",
                "error": "failed"}
# URL collection -> (resourceType, kind stored in the state)
COLLECTIONS = {"virtual-machines": "vm", "volumes": "volume", "networks": "network"}


def seed_job(task, now):
    phase = task.lifecycle.phase(now)
    completed = phase.name == "finished"
    return {
        "id": task.id,
        "status": STATUS_NAMES[phase.name],
        "progress": phase.progress,
        "resourceType": task.resource_type,
        # Delete jobs end without a resourceId: the resource no longer exists (the GPCN document).
        "resourceId": task.resource_id if completed else None,
        "error": task.error_text if phase.name == "error" else None,
        "createdAt": iso(task.created),
        "updatedAt": iso(phase.changed_at),
        "completedAt": iso(phase.ended_at),
    }


def terraform_job(task, now):
    """The shape terraform-provider-gpcn reads."""
    phase = task.lifecycle.phase(now)
    completed = phase.name == "finished"
    return {
        "jobId": task.id,
        "isCompleted": phase.terminal,
        "hasFailed": phase.name == "error",
        "resourceId": task.resource_id if completed else None,
        "resourceName": (task.data or {}).get("name"),
        "resourceType": task.resource_type,
    }


def _terraform(state):
    return state.config.get("gpcn_job_shape") == "terraform"


def poll_jobs(state, request):
    try:
        body = request.json()
    except ValueError:
        raise HttpProblem(400, "Request body is not valid JSON")
    ids = body.get("jobIds") if isinstance(body, dict) else None
    if not isinstance(ids, list) or not 1 <= len(ids) <= MAX_JOB_IDS:
        raise HttpProblem(400, "jobIds must be an array of 1 to %d job IDs" % MAX_JOB_IDS)
    if not all(isinstance(job_id, str) for job_id in ids):
        raise HttpProblem(400, "jobIds must contain strings")
    omitted = set(f.get("job_id") for f in request.faults if f.get("kind") == "omit_job")
    now = state.now()
    render = terraform_job if _terraform(state) else seed_job
    jobs = []
    for job_id in ids:
        task = state.visible_task(request.tenant, job_id)
        # Unknown IDs and other tenants' jobs are simply absent (the GPCN document's troubleshooting).
        if task is None or task.provider != "gpcn" or job_id in omitted:
            continue
        jobs.append(render(task, now))
    body = {"success": True, "data": {"jobs": jobs}}
    if _terraform(state):
        body["message"] = "Jobs retrieved successfully"
    return Response(200, body)


def _accepted(state, task):
    now = state.now()
    if _terraform(state):
        job = terraform_job(task, now)
        return Response(202, {"success": True, "message": "Job accepted",
                              "data": {"jobId": task.id, "jobs": [job]}})
    return Response(202, {"success": True, "data": [seed_job(task, now)]})


def _create(collection):
    resource_type = COLLECTIONS[collection]

    def handler(state, request):
        try:
            body = request.json()
        except ValueError:
            raise HttpProblem(400, "Request body is not valid JSON")
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not body["name"]:
            raise HttpProblem(400, "name is required")
        operation = "create_" + resource_type
        outcome = state.decide_outcome(operation, body["name"])
        error_after = None
        if outcome == "error":
            error_after = state.rng.randint(20, 80)  # a failing job stops partway
        duration = state.sample_duration(catalog.gpcn_duration_range(operation))
        resource_id = str(uuid.uuid4())
        task = Task("gpcn", request.tenant, operation,
                    state.new_lifecycle(duration, outcome, error_after), data=body,
                    resource_type=resource_type, resource_id=resource_id,
                    error_text=catalog.GPCN_ERRORS.get(resource_type))
        resource = {"id": resource_id, "name": body["name"], "status": "active",
                    "_tenant": request.tenant, "_kind": resource_type, "_provider": "gpcn"}
        for key, value in body.items():
            resource.setdefault(key, value)
        task.effect = ("create", resource)
        state.add_task(task)
        return _accepted(state, task)
    return handler


def _find_or_404(state, request, resource_type):
    """The caller's resource named in the path, or a 404 (another tenant's is absent too)."""
    resource = state.find_resource(request.tenant, resource_type, request.params["resource_id"])
    if resource is None:
        raise HttpProblem(404, "%s %s not found" % (resource_type, request.params["resource_id"]))
    return resource


def _delete(collection):
    resource_type = COLLECTIONS[collection]

    def handler(state, request):
        resource = _find_or_404(state, request, resource_type)
        operation = "delete_" + resource_type
        duration = state.sample_duration(catalog.gpcn_duration_range(operation))
        task = Task("gpcn", request.tenant, operation, state.new_lifecycle(duration),
                    data={"id": resource["id"], "name": resource.get("name")},
                    resource_type=resource_type, effect=("delete", resource_type, resource["id"]))
        resource["status"] = "deleting"
        state.add_task(task)
        return _accepted(state, task)
    return handler


def _view(resource):
    view = {k: v for k, v in resource.items() if not k.startswith("_")}
    view["createdAt"] = iso(resource.get("_created"))
    return view


def _get(collection):
    resource_type = COLLECTIONS[collection]

    def handler(state, request):
        resource = _find_or_404(state, request, resource_type)
        return Response(200, {"success": True, "data": _view(resource)})
    return handler


def _list(collection):
    resource_type = COLLECTIONS[collection]

    def handler(state, request):
        resources = state.tenant_resources(request.tenant, resource_type)
        return Response(200, {"success": True, "data": [_view(r) for r in resources]})
    return handler


def register(router):
    router.add("POST", "/v1/resource/jobs", poll_jobs, "gpcn")
    for collection in COLLECTIONS:
        base = "/v1/resource/" + collection
        router.add("POST", base, _create(collection), "gpcn")
        router.add("GET", base, _list(collection), "gpcn")
        router.add("GET", base + "/{resource_id}", _get(collection), "gpcn")
        router.add("DELETE", base + "/{resource_id}", _delete(collection), "gpcn")
