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
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import (
    failure_result,
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


def run_task_wait(options, connection, on_progress=None, adapter=None, clock=time.monotonic, **engine_kwargs):
    """Wait and return task_wait's result; ``failed``/``msg`` are set when it must fail.

    ``options`` come from _validate.validate_wait_options, ``connection`` from
    _connection.resolve_connection.  ``adapter`` and ``engine_kwargs`` (clock, sleep) are for tests.
    """
    provider = connection["provider"]
    started = clock()
    ids = options["task_ids"]
    try:
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
    last_error = wait.last_error
    msg = wait_failure_message(result, fail_on_error=options["fail_on_error"], last_error=last_error)
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
