# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""All shared simulator state behind one lock: config, tasks/jobs, resources, RNG."""
import bisect
import copy
import random
import threading
import time
import uuid

from .lifecycle import Lifecycle

DEFAULT_CONFIG = {
    "time_scale": 1.0,
    "failure_rate": {},  # {operation or "*": probability}
    "rate_limit": None,  # {"requests_per_second": x, "burst": n}
    "gpcn_job_shape": "seed",  # "seed" | "terraform"
}


class Task(object):
    """A Gcore task or a GPCN job. `effect` is applied once, when it finishes successfully."""

    def __init__(self, provider, tenant, operation, lifecycle, data=None, project_id=None,
                 region_id=None, resource_type=None, created_resources=None, effect=None,
                 error_text=None, resource_id=None):
        self.id = str(uuid.uuid4())
        self.provider = provider
        self.tenant = tenant
        self.operation = operation  # Gcore task_type, or GPCN "create_vm"/"delete_volume"/...
        self.lifecycle = lifecycle
        self.data = data
        self.project_id = project_id
        self.region_id = region_id
        self.resource_type = resource_type  # GPCN resourceType
        self.resource_id = resource_id  # GPCN: shown once completed (create jobs only)
        self.created_resources = created_resources or {}
        self.effect = effect  # ("create", resource) | ("delete", kind, id) | None
        self.error_text = error_text
        self.request_id = "req-" + uuid.uuid4().hex
        self.acknowledged_at = None
        self.acknowledged_by = None

    @property
    def created(self):
        return self.lifecycle.created


class SimState(object):
    def __init__(self, tenants, time_scale=1.0, seed=None, clock=time.time):
        self.lock = threading.RLock()
        self.clock = clock
        self.tenants = tenants
        self.seed = seed
        self.startup_config = dict(copy.deepcopy(DEFAULT_CONFIG), time_scale=float(time_scale))
        self.config = copy.deepcopy(self.startup_config)
        self.reset_state()

    # -- lifecycle of the whole state -------------------------------------------------------
    def reset_state(self):
        with self.lock:
            self.rng = random.Random(self.seed)
            self.tasks = {}
            # Per tenant, tasks in creation order with a parallel list of creation times, so
            # time-window list queries bisect instead of scanning everything.
            self.tenant_tasks = {}
            self.tenant_times = {}
            self.resources = {}  # id -> resource dict (both providers), insertion ordered
            self.unsettled = []  # tasks whose effect waits for their end
            self.last_created = 0.0

    def reset_config(self):
        with self.lock:
            self.config = copy.deepcopy(self.startup_config)

    def now(self):
        return self.clock()

    # -- tasks ------------------------------------------------------------------------------
    def sample_duration(self, bounds):
        low, high = bounds
        return self.rng.uniform(low, high) * float(self.config["time_scale"])

    def decide_outcome(self, operation, name):
        """Names force an outcome; otherwise the configured failure rate rolls the dice."""
        name = name or ""
        if "sim-error" in name:
            return "error"
        if "sim-stuck" in name:
            return "stuck"
        rates = self.config.get("failure_rate") or {}
        rate = rates.get(operation, rates.get("*", 0))
        if rate and self.rng.random() < float(rate):
            return "error"
        return "finish"

    def new_lifecycle(self, duration, outcome="finish", error_after_progress=None):
        # Creation times never go backwards, which keeps the per-tenant lists sorted.
        created = max(self.now(), self.last_created)
        self.last_created = created
        return Lifecycle(created, duration, outcome, error_after_progress)

    def add_task(self, task):
        key = (task.provider, task.tenant.key)
        self.tasks[task.id] = task
        self.tenant_tasks.setdefault(key, []).append(task)
        self.tenant_times.setdefault(key, []).append(task.created)
        if task.effect is not None:
            self.unsettled.append(task)
        return task

    def visible_task(self, tenant, task_id):
        task = self.tasks.get(task_id)
        if task is None or task.tenant is not tenant:
            return None
        return task

    def tenant_window(self, tenant, start=None, end=None):
        """Tasks of a tenant created in [start, end] (epoch seconds), in creation order."""
        key = (tenant.provider, tenant.key)
        tasks = self.tenant_tasks.get(key, [])
        times = self.tenant_times.get(key, [])
        low = 0 if start is None else bisect.bisect_left(times, start)
        high = len(tasks) if end is None else bisect.bisect_right(times, end)
        return tasks[low:high]

    def remove_task(self, task):
        self.tasks.pop(task.id, None)
        key = (task.provider, task.tenant.key)
        tasks = self.tenant_tasks.get(key, [])
        for index, candidate in enumerate(tasks):
            if candidate is task:
                del tasks[index]
                del self.tenant_times[key][index]
                break
        if task in self.unsettled:
            self.unsettled.remove(task)

    def settle(self):
        """Apply the effects of tasks that have ended since the last look (lazy, O(pending))."""
        now = self.now()
        still = []
        for task in self.unsettled:
            phase = task.lifecycle.phase(now)
            if not phase.terminal:
                still.append(task)
                continue
            if phase.name == "finished":
                self.apply_effect(task, phase.ended_at)
        self.unsettled = still

    def apply_effect(self, task, when):
        effect = task.effect
        if effect[0] == "create":
            resource = effect[1]
            # An instance brings its volumes along: they become readable with it.
            for created in [resource] + resource.pop("_companions", []):
                created["_created"] = when
                self.resources[created["id"]] = created
        elif effect[0] == "delete":
            self.resources.pop(effect[2], None)

    # -- resources --------------------------------------------------------------------------
    def tenant_resources(self, tenant, kind):
        return [r for r in self.resources.values()
                if r["_tenant"] is tenant and r["_kind"] == kind]

    def find_resource(self, tenant, kind, resource_id):
        resource = self.resources.get(resource_id)
        if resource is None or resource["_tenant"] is not tenant or resource["_kind"] != kind:
            return None
        return resource
