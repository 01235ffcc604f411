# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Result shaping and failure messages of the runners ("Could not <what>: <why>" plus ``error``)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# How many tasks a failure message names one by one; the rest are counted, since the full
# lists are in failed_tasks / pending anyway and a 1000-line msg helps nobody.
MAX_NAMED_IN_MESSAGE = 50

FAILED_TASK_KEYS = ("id", "type", "state", "error", "request_id", "detailed_state")


def error_dict(exc):
    """``{type, status, method, path, api_message}`` for any exception."""
    to_dict = getattr(exc, "to_dict", None)
    if callable(to_dict):
        data = dict(to_dict())
    else:
        data = {"type": type(exc).__name__, "api_message": str(exc)}
    for key in ("type", "status", "method", "path", "api_message"):
        data.setdefault(key, None)
    return data


def failure_result(what, exc, **partial):
    """The result of a module that failed while trying to ``what`` (e.g. "wait for tasks")."""
    result = dict(partial)
    result.update(failed=True, msg="Could not %s: %s" % (what, exc), error=error_dict(exc))
    result.setdefault("changed", False)
    return result


def _failed_entry(record, lost_error=None):
    entry = dict((key, record.get(key)) for key in FAILED_TASK_KEYS)
    if lost_error is not None and not entry.get("error"):
        entry["error"] = lost_error
    return entry


def _without_raw(record):
    # "raw" is the API body as received; task_info keeps it, task_wait drops it to keep
    # results (and -v output) readable for waits on hundreds of tasks.
    return dict((key, value) for key, value in record.items() if key != "raw")


def wait_result(wait, provider, fact_name=None):
    """Shape the engine's WaitResult into task_wait's result."""
    # An ID the API stopped showing (404 / not visible to this key) is failed with that error.
    failed = [_failed_entry(record, wait.lost.get(record["id"])) for record in wait.failed_tasks]
    result = {
        "changed": False,
        "provider": provider,
        "tasks": [_without_raw(record) for record in wait.tasks],
        "created_resources": wait.created_resources,
        "resource_ids": list(wait.resource_ids),
        "finished_tasks": [record["id"] for record in wait.finished_tasks],
        "failed_tasks": failed,
        "pending": list(wait.pending),
        "elapsed": round(float(wait.elapsed), 3),
        "api_requests": int(wait.api_requests),
        "timed_out": bool(wait.timed_out),
    }
    if fact_name:
        result["ansible_facts"] = {fact_name: wait_fact(result)}
    return result


def wait_fact(result):
    """The host fact published under fact_name: resources plus each task's status."""
    return {
        "created_resources": result["created_resources"],
        "resource_ids": result["resource_ids"],
        "tasks": dict((record.get("id"), record.get("status")) for record in result["tasks"]),
    }


def _describe(entry, record):
    kind = entry.get("type") or record.get("type") or "unknown type"
    text = "%s (%s" % (entry.get("id"), kind)
    state = record.get("state") or entry.get("state")
    if state:
        text += ", %s" % state
    detailed = record.get("detailed_state") or entry.get("detailed_state")
    if detailed:
        text += "/%s" % detailed
    if record.get("progress") is not None and record.get("status") != "failed":
        text += ", %s%%" % record.get("progress")
    text += ")"
    if entry.get("error"):
        text += ": %s" % entry["error"]
    return text


def _named(entries, records_by_id):
    names = [_describe(entry, records_by_id.get(entry.get("id"), {})) for entry in entries[:MAX_NAMED_IN_MESSAGE]]
    if len(entries) > MAX_NAMED_IN_MESSAGE:
        names.append("and %d more" % (len(entries) - MAX_NAMED_IN_MESSAGE))
    return "; ".join(names)


def wait_failure_message(result, fail_on_error=True, last_error=None):
    """The msg task_wait fails with, or None when the wait counts as a success.

    A deadline always fails (the caller cannot use resources that do not exist yet);
    failed tasks fail only with fail_on_error.  ``last_error`` is the text of the last
    transient error the wait absorbed: a timeout names it, because "still pending" alone
    hides that the API, not the tasks, was the problem.
    """
    records_by_id = dict((record.get("id"), record) for record in result["tasks"])
    total = len(result["tasks"])
    causes = []
    if result["failed_tasks"] and fail_on_error:
        causes.append("%d of %d task(s) failed: %s" % (
            len(result["failed_tasks"]), total, _named(result["failed_tasks"], records_by_id)))
    if result["timed_out"] and result["pending"]:
        pending = [{"id": task_id} for task_id in result["pending"]]
        failing = " (the API was failing: %s)" % last_error if last_error else ""
        causes.append("timed out after %ss with %d of %d task(s) still pending%s (wait on the pending "
                      "list to resume): %s"
                      % (_seconds(result["elapsed"]), len(pending), total, failing, _named(pending, records_by_id)))
    if not causes:
        return None
    return "Could not wait for tasks: " + "; and ".join(causes)


def _seconds(value):
    return ("%.1f" % value).rstrip("0").rstrip(".")


def info_result(records, ids, api_requests):
    """task_info's result: records in the order asked for, unknown IDs under ``missing``."""
    if ids is None:
        tasks = list(records.values()) if isinstance(records, dict) else list(records)
        missing = []
    else:
        records = records or {}
        folded = dict((str(key).lower(), value) for key, value in records.items())
        tasks = [folded[task_id.lower()] for task_id in ids if task_id.lower() in folded]
        missing = [task_id for task_id in ids if task_id.lower() not in folded]
    return {
        "changed": False,
        "tasks": tasks,
        "count": len(tasks),
        "missing": missing,
        "api_requests": int(api_requests),
    }
