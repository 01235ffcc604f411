# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""run_resource(): the resource module from validated options to its result dict.

present: find by exact name, or a create still in flight (a Gcore create task of the type,
not ended, whose request names it; or a resource listed in a creating state), and wait on
that; else send the create once. Then wait for the tasks with the shared engine and read the
resource back until it is usable, all under one deadline.  absent: find by name or ID, delete
once, wait, confirm it is gone.  Check mode sends no write.  No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_client
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    AsyncOpsError,
    MalformedResponseError,
    WriteOutcomeUnknownError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._providers import ADAPTERS
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_api import ResourceApi
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_kinds import (
    CREATING,
    FAILED,
    READY,
    field,
    kind_for,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import error_dict
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_runner import labelled_progress

WHAT = "manage the resource"
READBACK_INTERVAL = 2.0  # seconds between read-backs of a resource not yet usable


class ResourceFailure(Exception):
    """Ends the run with ``msg`` (a complete "Could not ..." sentence) and extra result keys."""

    def __init__(self, msg, cause=None, **extra):
        super(ResourceFailure, self).__init__(msg)
        self.msg = msg
        self.cause = cause
        self.extra = extra


def created_resources_of(kind, resource):
    """The resource's own IDs in created_resources form; the same on every run that finds it."""
    if not resource:
        return {}
    created = {kind.created_key: [resource.get("id")]}
    volumes = [v.get("id") for v in resource.get("volumes") or [] if isinstance(v, dict) and v.get("id")]
    if kind.name == "instance" and volumes:
        created["volumes"] = volumes
    return created


def drift_of(kind, body, resource):
    """{body field: {"wanted", "actual"}} for every field the user gave that the resource shows differently."""
    drift = {}
    for wanted_key, resource_key in sorted(kind.drift_fields.items()):
        if wanted_key not in body:
            continue
        actual = field(resource, resource_key)
        wanted = body[wanted_key]
        if actual is None or isinstance(wanted, (dict, list)):
            continue  # the read-back does not show it (or not comparably): nothing to say
        if _comparable(actual) != _comparable(wanted):
            drift[wanted_key] = {"wanted": wanted, "actual": actual}
    return drift


def _comparable(value):
    # 10 and "10" are the same size to the API; booleans stay booleans.
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value) if value != int(value) else str(int(value))
    return str(value)


class _Run(object):

    def __init__(self, options, connection, check_mode, client, on_progress, clock, sleep):
        self.options = options
        self.connection = connection
        self.check_mode = check_mode
        self.kind = kind_for(connection["provider"], options["type"])
        self.name = options.get("name")
        self.on_progress = on_progress
        self.clock = clock
        self.sleep = sleep
        self.started = clock()
        self.deadline = self.started + (options.get("timeout") or self.kind.timeout)
        # One client for the lookups, the write and the wait: one request count, one deadline.
        self.client = client
        self.adapter = None
        self.api = None
        self.warnings = []
        self.result = {
            "changed": False,
            "action": None,
            "provider": self.kind.provider,
            "type": self.kind.name,
            "name": self.name,
            "id": None,
            "ids": [],
            "resource": None,
            "task_ids": [],
            "created_resources": {},
            "drift": {},
            "submitted": None,
        }

    # -- plumbing ---------------------------------------------------------------------------

    def label(self, resource=None):
        name = self.name or (resource or {}).get("name")
        return self.kind.label(name, (resource or {}).get("id") or self.options.get("id"))

    def remaining(self):
        return max(self.deadline - self.clock(), 0.0)

    def finish(self, action, resource=None, changed=False, task_ids=None):
        result = self.result
        result.update(action=action, changed=changed)
        if task_ids is not None:
            result["task_ids"] = list(task_ids)
        if resource is not None:
            result["resource"] = resource
            result["id"] = resource.get("id")
            if not result["ids"]:
                result["ids"] = [resource.get("id")]
            result["created_resources"] = created_resources_of(self.kind, resource)
            if not self.name:
                result["name"] = resource.get("name")
        return result

    # -- waiting ----------------------------------------------------------------------------

    def wait_tasks(self, task_ids, doing):
        """Wait on the create/delete tasks under the one deadline; the finished WaitResult."""
        progress = labelled_progress(self.on_progress, dict((task_id, self.label()) for task_id in task_ids))
        wait = wait_for_tasks(self.adapter, task_ids, timeout=max(self.remaining(), 0.001),
                              poll_interval=self.options.get("poll_interval"), on_progress=progress,
                              clock=self.clock, sleep=self.sleep,
                              hints=self._hints())
        if wait.failed_tasks:
            record = wait.failed_tasks[0]
            raise ResourceFailure(
                "Could not %s %s: %s %s failed: %s" % (doing, self.label(), self._task_word(), record.get("id"),
                                                       record.get("error") or record.get("state")),
                failed_tasks=[{"id": r.get("id"), "error": r.get("error")} for r in wait.failed_tasks])
        if wait.pending:
            raise ResourceFailure(
                "Could not %s %s: not done after %s s (%s %s still running). Running the same task again "
                "waits on this %s; it does not send another."
                % (doing, self.label(), self._timeout_text(), self._task_word(), ", ".join(wait.pending),
                   "create" if doing == "create" else "delete"),
                pending=list(wait.pending), timed_out=True)
        return wait

    def _hints(self):
        if self.kind.provider != "gcore":
            return None
        return {"project_id": self.options.get("project_id"), "region_id": self.options.get("region_id")}

    def task_ids_of(self, answer, doing, resource=None):
        """The tasks a write answer started, through the provider's adapter."""
        try:
            return self.adapter.task_ids_of(answer)
        except ValueError as exc:
            raise ResourceFailure("Could not %s %s: the API answered the %s without a %s: %s"
                                  % (doing, self.label(resource), doing, self._task_word(), exc),
                                  cause=MalformedResponseError("POST" if doing == "create" else "DELETE",
                                                               self.api.collection_path(), None, str(exc)))

    def _task_word(self):
        return "task" if self.kind.provider == "gcore" else "job"

    def _timeout_text(self):
        return "%g" % (self.options.get("timeout") or self.kind.timeout)

    def read_until_ready(self, key, doing):
        """Read the resource back until the API says it is usable (a finished task is not always)."""
        while True:
            resource = self.api.get(key)
            if resource is None:
                raise ResourceFailure("Could not %s %s: its create ended but the API does not show it (404 for %s)"
                                      % (doing, self.label(), key))
            phase = self.kind.phase(resource)
            if phase == READY:
                return resource
            if phase == FAILED:
                raise ResourceFailure("Could not %s %s: the API reports it %s" % (
                    doing, self.label(resource), resource.get(self.kind.status_field)), resource=resource)
            if self.remaining() <= 0:
                raise ResourceFailure(
                    "Could not %s %s: not usable after %s s (%s %s). Running the same task again waits on it; "
                    "it does not send another create." % (doing, self.label(resource), self._timeout_text(),
                                                          self.kind.status_field or "task_id",
                                                          resource.get(self.kind.status_field or "task_id")),
                    resource=resource, timed_out=True)
            self.sleep(min(self.options.get("poll_interval") or READBACK_INTERVAL, self.remaining()))

    def read_until_gone(self, key):
        while True:
            if self.api.get(key) is None:
                return
            if self.remaining() <= 0:
                raise ResourceFailure("Could not delete %s: its delete ended but the API still shows it after %s s"
                                      % (self.label(), self._timeout_text()), timed_out=True)
            self.sleep(min(self.options.get("poll_interval") or READBACK_INTERVAL, self.remaining()))

    def key_from_wait(self, wait):
        """The new resource's path key from the finished create task."""
        if self.kind.by_name:
            return self.name
        ids = (wait.created_resources or {}).get(self.kind.created_key) or []
        if not ids:
            raise ResourceFailure("Could not create %s: its %s finished without naming a %s ID"
                                  % (self.label(), self._task_word(), self.kind.name))
        return ids[0]

    # -- present ----------------------------------------------------------------------------

    def present(self):
        found = self.api.find_by_name(self.name, self.options["body"])
        if len(found) > 1:
            self.result["ids"] = [r.get("id") for r in found]
            self.warnings.append("%d %ss are named '%s' (%s); reporting the first. Delete the extra ones by ID."
                                 % (len(found), self.kind.name, self.name, ", ".join(self.result["ids"])))
        if found:
            return self.existing(found[0])
        in_flight = self.api.in_flight_creates(self.name)
        if in_flight:
            return self.resume(in_flight, None)
        return self.create()

    def existing(self, resource):
        phase = self.kind.phase(resource)
        if phase == CREATING:
            task_ids = [resource["task_id"]] if self.kind.uses_task_id and resource.get("task_id") else []
            if not task_ids:
                task_ids = self.api.in_flight_creates(self.name)
            return self.resume(task_ids, resource)
        drift = drift_of(self.kind, self.options["body"], resource)
        result = self.finish("exists", resource)
        if drift:
            result["drift"] = drift
            self.warnings.append(
                "%s exists but differs from what was asked: %s. It was left as it is (this module does not "
                "update resources in place): change it with the API or delete and create it again."
                % (self.label(resource), "; ".join("%s is %r, asked %r" % (key, value["actual"], value["wanted"])
                                                   for key, value in sorted(drift.items()))))
            result["diff"] = {"before": dict((k, v["actual"]) for k, v in drift.items()),
                              "after": dict((k, v["wanted"]) for k, v in drift.items()),
                              "before_header": "%s (as it is)" % self.label(resource),
                              "after_header": "%s (as asked)" % self.label(resource)}
        return result

    def resume(self, task_ids, resource):
        """A create started earlier (a relaunch after a timed-out wait): wait on it, send nothing."""
        self.result["submitted"] = self.batch(task_ids)
        if not self.options["wait"]:
            return self.finish("resumed", resource, task_ids=task_ids)
        key = self.api.key_of(resource) if resource is not None else None
        if task_ids:
            wait = self.wait_tasks(task_ids, "create")
            key = key or self.key_from_wait(wait)
        return self.finish("resumed", self.read_until_ready(key, "create"), task_ids=task_ids)

    def create(self):
        body = dict(self.options["body"])
        body.setdefault("name", self.name)
        self.result["diff"] = {"before": {}, "after": body, "after_header": self.label()}
        if self.check_mode:
            self.result["submitted"] = self.batch([])
            return self.finish("created", changed=True)
        try:
            answer = self.api.create(body)
        except WriteOutcomeUnknownError as exc:
            raise ResourceFailure(
                "Could not create %s: the API may have received the create (%s); it was NOT resent. Running the "
                "same task again is safe: it finds the resource or its create %s by name and waits on it."
                % (self.label(), exc.cause, self._task_word()), cause=exc, outcome_unknown=True)
        task_ids = self.task_ids_of(answer, "create")
        self.result.update(changed=True, task_ids=task_ids, submitted=self.batch(task_ids))
        if not self.options["wait"]:
            return self.finish("submitted", changed=True)
        wait = self.wait_tasks(task_ids, "create")
        resource = self.read_until_ready(self.key_from_wait(wait), "create")
        return self.finish("created", resource, changed=True)

    def batch(self, task_ids):
        """What a later task_wait (or the await_tasks role) needs to wait on these tasks."""
        batch = {"provider": self.kind.provider, "task_ids": list(task_ids), "label": self.label(),
                 "type": self.kind.name}
        if self.kind.provider == "gcore":
            batch.update(project_id=self.options.get("project_id"), region_id=self.options.get("region_id"))
        return batch

    # -- absent -----------------------------------------------------------------------------

    def absent(self):
        if self.options.get("id"):
            resource = self.api.get(self.options["id"])
            found = [resource] if resource is not None else []
        else:
            found = self.api.find_by_name(self.name, self.options["body"])
            if not found and self.options["wait"] and not self.check_mode:
                in_flight = self.api.in_flight_creates(self.name)
                if in_flight:
                    # Deleting needs the resource: let its create end first.
                    self.wait_tasks(in_flight, "delete")
                    found = self.api.find_by_name(self.name, self.options["body"])
        if len(found) > 1:
            raise ResourceFailure(
                "Could not delete %s: %d %ss have that name (%s); set id to the one to delete."
                % (self.label(), len(found), self.kind.name, ", ".join(r.get("id") for r in found)),
                ids=[r.get("id") for r in found])
        if not found:
            self.result["submitted"] = self.batch([])
            return self.finish("absent")
        resource = found[0]
        if self.kind.phase(resource) == CREATING and not self.check_mode:
            resource = self.resume_before_delete(resource)
        self.result["diff"] = {"before": resource, "after": {}, "before_header": self.label(resource)}
        self.result.update(ids=[resource.get("id")], id=resource.get("id"))
        params, volumes = self.volume_policy(resource)
        if self.check_mode:
            self.result["submitted"] = self.batch([])
            return self.finish("deleted", changed=True)
        key = self.api.key_of(resource)
        try:
            answer = self.api.delete(key, params)
        except WriteOutcomeUnknownError as exc:
            raise ResourceFailure(
                "Could not delete %s: the API may have received the delete (%s); it was NOT resent. Running the "
                "same task again is safe: it finds the resource if it is still there." % (self.label(resource), exc.cause),
                cause=exc, outcome_unknown=True)
        task_ids = self.task_ids_of(answer, "delete", resource) if answer else []
        self.result.update(changed=True, task_ids=task_ids, submitted=self.batch(task_ids))
        if self.kind.name == "instance":
            self.result["deleted_volumes"] = volumes
        if not self.options["wait"]:
            return self.finish("submitted", changed=True)
        if task_ids:
            self.wait_tasks(task_ids, "delete")
        self.read_until_gone(key)
        return self.finish("deleted", changed=True)

    def resume_before_delete(self, resource):
        task_ids = [resource["task_id"]] if self.kind.uses_task_id and resource.get("task_id") else []
        if task_ids:
            self.wait_tasks(task_ids, "delete")
        return self.read_until_ready(self.api.key_of(resource), "delete")

    def volume_policy(self, resource):
        """The DELETE query and the volume IDs deleted with an instance (instance_volumes)."""
        if self.kind.name != "instance":
            return None, []
        volumes = [v.get("id") for v in resource.get("volumes") or [] if isinstance(v, dict) and v.get("id")]
        self.result["kept_volumes"] = volumes if self.options.get("instance_volumes") != "delete" else []
        if self.options.get("instance_volumes") == "delete" and volumes:
            return {"volumes": ",".join(volumes)}, volumes
        return None, []

    # -- the run ----------------------------------------------------------------------------

    def run(self):
        try:
            if self.client is None:
                self.client = build_client(self.connection)
            self.adapter = ADAPTERS[self.kind.provider](self.client)
            self.api = ResourceApi(self.client, self.kind, self.options.get("project_id"), self.options.get("region_id"))
            result = self.present() if self.options["state"] == "present" else self.absent()
        except ResourceFailure as exc:
            result = dict(self.result)
            result.update(exc.extra)
            result.update(failed=True, msg=exc.msg)
            result["error"] = error_dict(exc.cause) if exc.cause is not None else {
                "type": "TimedOut" if exc.extra.get("timed_out") else "ResourceFailed",
                "status": None, "method": None, "path": None, "api_message": None}
        except AsyncOpsError as exc:
            result = dict(self.result)
            doing = "create" if self.options["state"] == "present" else "delete"
            result.update(failed=True, msg="Could not %s %s: %s" % (doing, self.label(), exc), error=error_dict(exc))
        if self.warnings:
            result["warnings"] = self.warnings
        if result.get("submitted") is None:
            result["submitted"] = self.batch(result.get("task_ids") or [])
        result["elapsed"] = round(self.clock() - self.started, 3)
        result["api_requests"] = self.adapter.request_count if self.adapter is not None else 0
        return result


def run_resource(options, connection, check_mode=False, client=None, on_progress=None,
                 clock=time.monotonic, sleep=time.sleep):
    """The resource module's result; ``failed``/``msg`` set when it must fail.

    ``client`` (an HttpClient or a test double), ``clock`` and ``sleep`` are for tests.
    """
    return _Run(options, connection, check_mode, client, on_progress, clock, sleep).run()
