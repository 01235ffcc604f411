# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""/_sim/... test controls: no auth, JSON in and out, never counted."""
import uuid

from . import bodies, catalog
from .errors import HttpProblem
from .gcore_writes import public_view
from .routing import Response
from .store import Task

CONFIG_KEYS = ("time_scale", "failure_rate", "rate_limit", "gpcn_job_shape")
RESET_DEFAULTS = {"counters": True, "state": False, "faults": True, "config": False}


def _body(request):
    try:
        body = request.json()
    except ValueError:
        raise HttpProblem(400, "body is not valid JSON")
    return {} if body is None else body


def health(sim, request):
    with sim.state.lock:
        return Response(200, {"status": "ok", "tasks": len(sim.state.tasks),
                              "resources": len(sim.state.resources)})


def counters(sim, request):
    with sim.state.lock:
        return Response(200, sim.counters.snapshot(sim.faults.fired))


def answers(sim, request):
    with sim.state.lock:
        return Response(200, {"answers": sim.counters.answers()})


def reset(sim, request):
    body = _body(request)
    if not isinstance(body, dict):
        raise HttpProblem(400, "body must be a JSON object")
    choice = dict(RESET_DEFAULTS, **body)
    with sim.state.lock:
        if choice["counters"]:
            sim.counters.reset()
            sim.faults.reset_counter()
            sim.limiter.reset()
        if choice["faults"]:
            sim.faults.clear()
        if choice["state"]:
            sim.state.reset_state()
        if choice["config"]:
            sim.state.reset_config()
            sim.limiter.reset()
    return Response(200, {"reset": choice})


def get_config(sim, request):
    with sim.state.lock:
        return Response(200, dict(sim.state.config))


def set_config(sim, request):
    body = _body(request)
    if not isinstance(body, dict) or set(body) - set(CONFIG_KEYS):
        raise HttpProblem(400, "config accepts only %s" % ", ".join(CONFIG_KEYS))
    if "gpcn_job_shape" in body and body["gpcn_job_shape"] not in ("seed", "terraform"):
        raise HttpProblem(400, "gpcn_job_shape must be 'seed' or 'terraform'")
    if "time_scale" in body and not float(body["time_scale"]) > 0:
        raise HttpProblem(400, "time_scale must be > 0")
    with sim.state.lock:
        sim.state.config.update(body)
        if "rate_limit" in body:
            sim.limiter.reset()
        return Response(200, dict(sim.state.config))


def add_faults(sim, request):
    body = _body(request)
    specs = body.get("faults", [body]) if isinstance(body, dict) else body
    with sim.state.lock:
        try:
            added = [sim.faults.add(spec) for spec in specs]
        except (ValueError, TypeError) as exc:
            raise HttpProblem(400, str(exc))
    for fault in added:
        if fault["kind"] == "gzip_bomb":
            # Compressed now (seconds for hundreds of MB), so the faulty answer itself is quick.
            bodies.compressed_padding(max(64, int(fault.get("size", bodies.DEFAULT_BOMB))))
    return Response(200, {"faults": added})


def list_faults(sim, request):
    with sim.state.lock:
        return Response(200, {"faults": sim.faults.listing(), "fired": sim.faults.fired})


def clear_faults(sim, request):
    with sim.state.lock:
        sim.faults.clear()
    return Response(200, {"faults": []})


def _tenant(sim, provider, key):
    tenant = sim.state.tenants.get((provider, key))
    if tenant is None:
        raise HttpProblem(400, "no %s tenant has api_key %r" % (provider, key))
    return tenant


def seed_tasks(sim, request):
    """Create tasks/jobs without a write call. `duration` is in real seconds (NOT scaled)."""
    body = _body(request)
    provider = body.get("provider")
    if provider not in ("gcore", "gpcn"):
        raise HttpProblem(400, "provider must be 'gcore' or 'gpcn'")
    outcome = body.get("outcome", "finish")
    if outcome not in ("finish", "error", "stuck"):
        raise HttpProblem(400, "outcome must be finish, error or stuck")
    count = int(body.get("count", 1))
    state = sim.state
    with state.lock:
        tenant = _tenant(sim, provider, body.get("api_key"))
        ids = []
        for _ in range(count):
            ids.append(_seed_one(state, tenant, provider, outcome, body).id)
    return Response(200, {"ids": ids})


def _seed_one(state, tenant, provider, outcome, body):
    duration = body.get("duration")
    if provider == "gcore":
        operation = body.get("task_type", "create_vm")
        bounds = catalog.gcore_duration_range(operation)
    else:
        resource_type = body.get("resource_type", "vm")
        operation = body.get("operation", "create_" + resource_type)
        bounds = catalog.gpcn_duration_range(operation)
    if duration is None:
        seconds = state.sample_duration(bounds)
    else:
        seconds = state.rng.uniform(float(duration[0]), float(duration[1]))
    error_after = body.get("error_after_progress") if outcome == "error" else None
    if provider == "gpcn" and outcome == "error" and error_after is None:
        error_after = 40
    lifecycle = state.new_lifecycle(seconds, outcome, error_after)
    if provider == "gcore":
        key = catalog.GCORE_CREATED_KEY.get(operation)
        created = {key: [str(uuid.uuid4())]} if key else {}
        task = Task("gcore", tenant, operation, lifecycle, data=body.get("data"),
                    project_id=body.get("project_id", tenant.project_id),
                    region_id=body.get("region_id", tenant.region_id), created_resources=created,
                    error_text=body.get("error") or catalog.gcore_error_text(operation))
    else:
        task = Task("gpcn", tenant, operation, lifecycle, data=body.get("data"),
                    resource_type=resource_type,
                    resource_id=str(uuid.uuid4()) if operation.startswith("create") else None,
                    error_text=body.get("error") or catalog.GPCN_ERRORS.get(resource_type,
                                                                            "Job failed"))
    return state.add_task(task)


def _task(sim, request):
    task = sim.state.find_task(request.params["task_id"])
    if task is None:
        raise HttpProblem(404, "no task or job %s" % request.params["task_id"])
    return task


def vanish(sim, request):
    with sim.state.lock:
        sim.state.remove_task(_task(sim, request))
    return Response(200, {"vanished": request.params["task_id"]})


def finish(sim, request):
    with sim.state.lock:
        task = _task(sim, request)
        if not task.lifecycle.phase(sim.state.now()).terminal:
            task.lifecycle.forced_at = sim.state.now()
        sim.state.settle()
    return Response(200, {"finished": task.id})


def resources(sim, request):
    provider = request.first("provider")
    with sim.state.lock:
        sim.state.settle()
        found = []
        for resource in sim.state.resources.values():
            if provider and resource["_provider"] != provider:
                continue
            view = public_view(resource)
            view.update({"provider": resource["_provider"], "kind": resource["_kind"],
                         "tenant": resource["_tenant"].name})
            found.append(view)
    return Response(200, {"resources": found})


def register(router):
    router.add("GET", "/_sim/health", health)
    router.add("GET", "/_sim/counters", counters)
    router.add("GET", "/_sim/answers", answers)
    router.add("POST", "/_sim/reset", reset)
    router.add("GET", "/_sim/config", get_config)
    router.add("POST", "/_sim/config", set_config)
    router.add("POST", "/_sim/faults", add_faults)
    router.add("GET", "/_sim/faults", list_faults)
    router.add("DELETE", "/_sim/faults", clear_faults)
    router.add("POST", "/_sim/tasks", seed_tasks)
    router.add("POST", "/_sim/tasks/{task_id}/vanish", vanish)
    router.add("POST", "/_sim/tasks/{task_id}/finish", finish)
    router.add("GET", "/_sim/resources", resources)
