# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""run_task_wait(): task_wait from validated options to its final result dict.

Shared by the module (on a target) and the action plugin (on the controller), so the two
cannot drift apart.  No Ansible imports: failures come back as a result dict with
``failed``/``msg`` and the caller decides how to return it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.module_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.module_utils._errors import AsyncOpsError, OptionError
from ansible_collections.asyncops.cloud.plugins.module_utils._providers import build_adapter, extract_task_ids
from ansible_collections.asyncops.cloud.plugins.module_utils._results import (
    failure_result,
    wait_failure_message,
    wait_result,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._validate import validate_task_ids

WHAT = "wait for tasks"


def wanted_ids(options, provider):
    """The IDs to wait on: task_ids, or those found in the write response(s) (validated alike)."""
    if options.get("task_ids") is not None:
        return list(options["task_ids"])
    response = options["response"]
    bodies = response if isinstance(response, list) else [response]
    return validate_task_ids(_merged_response_ids(provider, bodies), option="response")


def _merged_response_ids(provider, bodies):
    """Every body's IDs in order, each once.

    The same task named by two writes (or a write registered twice) is one task to wait on,
    so repeats across bodies are dropped, compared without case as the APIs compare UUIDs.
    A body without IDs is refused, naming which one when there are several.
    """
    merged = []
    seen = set()
    for number, body in enumerate(bodies, 1):
        try:
            ids = extract_task_ids(provider, body)
        except OptionError as exc:
            if len(bodies) == 1 or exc.option != "response":
                raise
            raise OptionError("response", "write response %d of %d: %s"
                              % (number, len(bodies), _without_option(exc)))
        for task_id in ids:
            folded = task_id.lower() if isinstance(task_id, str) else task_id
            if folded not in seen:
                seen.add(folded)
                merged.append(task_id)
    return merged


def _without_option(exc):
    # OptionError's text is "<option>: <message>"; the message alone reads better nested.
    text = str(exc)
    prefix = exc.option + ": "
    return text[len(prefix):] if text.startswith(prefix) else text


def _empty_result(provider, ids, elapsed, api_requests):
    # Everything a resume needs even when the wait could not run at all: every ID still pending.
    return {
        "changed": False,
        "provider": provider,
        "tasks": [],
        "created_resources": {},
        "resource_ids": [],
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
        used = adapter.client.request_count if adapter is not None else 0
        partial = _empty_result(provider, ids, elapsed, used)
    return failure_result(WHAT, exc, **partial)


def run_task_wait(options, connection, on_progress=None, adapter=None, clock=time.monotonic, **engine_kwargs):
    """Wait and return task_wait's result; ``failed``/``msg`` are set when it must fail.

    ``options`` come from _validate.validate_wait_options, ``connection`` from
    _validate.resolve_connection.  ``adapter`` and ``engine_kwargs`` (clock, sleep) are for tests.
    """
    provider = connection["provider"]
    started = clock()
    ids = []
    try:
        ids = wanted_ids(options, provider)
        if adapter is None:
            adapter = build_adapter(connection)
        hints = dict((key, options.get(key)) for key in ("project_id", "region_id") if options.get(key))
        if hints:
            engine_kwargs["hints"] = hints
        wait = wait_for_tasks(adapter, ids, timeout=options.get("timeout"), poll_interval=options.get("poll_interval"),
                              on_progress=on_progress, clock=clock, **engine_kwargs)
    except AsyncOpsError as exc:
        return _error_result(exc, provider, ids, adapter, clock() - started)

    result = wait_result(wait, provider, fact_name=options.get("fact_name"))
    last_error = getattr(wait, "last_error", None)
    msg = wait_failure_message(result, fail_on_error=options.get("fail_on_error", True), last_error=last_error)
    if msg:
        result.update(failed=True, msg=msg, error=wait_error(result, last_error))
    return result


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
