# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""run_task_wait(): task_wait from validated options to its final result dict.

Failures come back as a result dict with ``failed``/``msg``; the action plugin returns it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import AsyncOpsError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import merge_created_resources, resource_ids
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_kinds import KINDS
from ansible_collections.asyncops.cloud.plugins.plugin_utils._responses import WaitGroup
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import (
    failure_result,
    wait_fact,
    wait_failure_message,
    wait_result,
)

WHAT = "wait for tasks"


def _empty_result(provider, ids, elapsed, api_requests):
    # Everything a resume needs even when the wait could not run at all: every ID still pending.
    return {
        "changed": False,
        "provider": provider,
        "tasks": [],
        "created_resources": {},
        "resource_ids": [],
        "resources": {},
        "finished_tasks": [],
        "failed_tasks": [],
        "pending": list(ids),
        "elapsed": round(elapsed, 3),
        "api_requests": api_requests,
        "timed_out": False,
    }


def _error_result(exc, provider, ids, adapter, elapsed):
    """A wait ended by an error (bad key, rejected request): what was learned, plus the cause."""
    partial_wait = getattr(exc, "wait_result", None)
    if partial_wait is not None:
        partial = wait_result(partial_wait, provider)
        # Unfinished tasks are pending because the wait stopped, not because time ran out.
        partial["timed_out"] = False
    else:
        used = adapter.request_count if adapter is not None else 0
        partial = _empty_result(provider, ids, elapsed, used)
    return failure_result(WHAT, exc, **partial)


def run_task_wait(options, connection, on_progress=None, adapter=None, clock=time.monotonic, connections=None,
                  adapters=None, **engine_kwargs):
    """Wait and return task_wait's result; ``failed``/``msg`` are set when it must fail.

    ``options`` come from _validate.validate_wait_options (``groups``: one per provider),
    ``connection`` from _connection.resolve_connection; ``connections`` maps each other provider
    to its own (_connection.other_connections).  The providers are waited on one after the other
    under one deadline; both clouds work all along, so the total is about the slowest task.
    ``adapter``/``adapters`` and ``engine_kwargs`` (clock, sleep) are for tests.
    """
    connections = dict(connections or {})
    connections.setdefault(connection["provider"], connection)
    adapters = dict(adapters or {})
    if adapter is not None:
        adapters.setdefault(connection["provider"], adapter)
    started = clock()
    timeout = options.get("timeout")
    results = []
    for group in _groups(options, connection["provider"]):
        if not group.ids:
            results.append(_labelled(nothing_to_wait_on(group.provider), group))
            continue
        remaining = None if timeout is None else max(timeout - (clock() - started), 0.001)
        results.append(_wait_group(options, group, connections[group.provider], adapters.get(group.provider),
                                   remaining, on_progress, clock, dict(engine_kwargs)))
    if not results:
        results.append(nothing_to_wait_on(connection["provider"]))
    if len(results) == 1:
        result = results[0]
        result["providers"] = {result["provider"]: _summary(result)}
    else:
        result = merge_results(results)
    if options.get("fact_name"):
        result["ansible_facts"] = {options["fact_name"]: wait_fact(result)}
    return result


def _groups(options, provider):
    """The planned groups; options naming only ``task_ids`` wait on them with the task's provider."""
    if options.get("groups") is not None:
        return options["groups"]
    group = WaitGroup(provider)
    group.add(options["task_ids"])
    return [group]


def _wait_group(options, group, connection, adapter, timeout, on_progress, clock, engine_kwargs):
    provider = group.provider
    started = clock()
    try:
        if adapter is None:
            adapter = build_adapter(connection)
        if provider == "gcore":
            hints = dict((key, options.get(key)) for key in ("project_id", "region_id") if options.get(key))
            hints = hints or group.hints()
            if hints:
                engine_kwargs["hints"] = hints
        wait = wait_for_tasks(adapter, group.ids, timeout=timeout, poll_interval=options.get("poll_interval"),
                              on_progress=labelled_progress(on_progress, group.labels), clock=clock, **engine_kwargs)
    except AsyncOpsError as exc:
        return _labelled(_error_result(exc, provider, group.ids, adapter, clock() - started), group)
    result = _labelled(wait_result(wait, provider), group)
    last_error = wait.last_error
    msg = wait_failure_message(result, fail_on_error=options["fail_on_error"], last_error=last_error)
    if msg:
        result.update(failed=True, msg=msg, error=wait_error(result, last_error))
    return result


def labelled_progress(on_progress, labels):
    """``on_progress`` seeing each record with the label (type and name) its batch gave, if any."""
    if on_progress is None or not labels:
        return on_progress

    def report(snapshot):
        tasks = [dict(record, label=labels[record.get("id")]) if record.get("id") in labels else record
                 for record in snapshot.get("tasks") or []]
        on_progress(dict(snapshot, tasks=tasks))
    return report


def _labelled(result, group):
    """The wait's label and hints, and on each record the label (type and name) its batch gave."""
    result["label"] = group.label or group.provider
    if group.provider == "gcore":
        result["hints"] = group.hints()
    for entry in list(result.get("tasks") or []) + list(result.get("failed_tasks") or []):
        label = group.labels.get(entry.get("id"))
        if label:
            entry["label"] = label
    result["resources"] = resources_by_label(group, result.get("tasks") or [])
    return result


def resources_by_label(group, records):
    """{label: ID} of what each labelled create made, read under its type's created_resources key.

    Only batches that name their resource type (the resource module's ``submitted``) are listed,
    with the one resource of that type their create made: for an instance, {"instance 'web-1'":
    its ID}, not its ports and volumes.
    """
    found = {}
    for record in records:
        label, type_name = group.labels.get(record.get("id")), group.types.get(record.get("id"))
        kind = KINDS.get(group.provider, {}).get(type_name)
        ids = (record.get("created_resources") or {}).get(kind.created_key) if kind else None
        if label and ids:
            found[label] = ids[0]
    return found


def nothing_to_wait_on(provider):
    """A wait with no task: a no-op answer ({"tasks": []}, GPCN data: []) or a check-mode write."""
    result = _empty_result(provider, [], 0.0, 0)
    result["nothing_to_wait_on"] = True
    return result


def _summary(result):
    keys = ("label", "hints", "finished_tasks", "failed_tasks", "pending", "created_resources", "resources",
            "elapsed", "api_requests", "timed_out")
    summary = dict((key, result.get(key)) for key in keys)
    if result.get("failed"):
        summary["msg"] = result.get("msg")
    return summary


def merge_results(results):
    """One result over several providers' waits; ``providers`` keeps each one's detail."""
    merged = {
        "changed": False,
        "provider": None,
        "providers": dict((result["provider"], _summary(result)) for result in results),
        "tasks": [], "finished_tasks": [], "failed_tasks": [], "pending": [],
        "elapsed": round(sum(result.get("elapsed") or 0.0 for result in results), 3),
        "api_requests": sum(result.get("api_requests") or 0 for result in results),
        "timed_out": any(result.get("timed_out") for result in results),
    }
    for result in results:
        for key in ("tasks", "finished_tasks", "failed_tasks", "pending"):
            merged[key].extend(result.get(key) or [])
    merged["created_resources"] = merge_created_resources(
        [{"created_resources": result.get("created_resources") or {}} for result in results])
    merged["resource_ids"] = resource_ids(merged["created_resources"])
    merged["resources"] = {}
    for result in results:
        merged["resources"].update(result.get("resources") or {})
    failures = [result for result in results if result.get("failed")]
    if failures:
        merged.update(failed=True, error=failures[0].get("error"),
                      msg="; ".join("%s: %s" % (_PROVIDER_NAMES[r["provider"]], r["msg"]) for r in failures))
    return merged


_PROVIDER_NAMES = {"gcore": "Gcore", "gpcn": "GPCN"}


def wait_error(result, last_error=None):
    """The ``error`` dict of a failed wait: no HTTP call failed for good, the tasks (or the clock) did.

    ``api_message`` is the first failed task's error, else the last transient API error the
    wait rode out (why a timeout happened, when the API rather than the tasks was slow).
    """
    failed = result["failed_tasks"]
    return {
        "type": "WaitTimeout" if result["timed_out"] and result["pending"] else "TaskFailed",
        "status": None,
        "method": None,
        "path": None,
        "api_message": (failed[0].get("error") if failed else last_error),
    }
