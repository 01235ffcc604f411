# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""run_task_ack(): acknowledge failed Gcore tasks, reading them first so reruns are unchanged."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import AsyncOpsError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import failure_result

WHAT = "acknowledge tasks"
# acknowledge_all answers 204 without saying what it acknowledged, so we list first; this
# bounds that listing (it is only used to report IDs and to decide "changed").
ALL_LIST_LIMIT = 100000


def _partial(adapter, acknowledged, already, skipped):
    return {
        "changed": bool(acknowledged),
        "acknowledged": acknowledged,
        "already_acknowledged": already,
        # Not "skipped": ansible-core reads a result's "skipped" key as "this task was skipped".
        "skipped_tasks": skipped,
        "api_requests": adapter.request_count if adapter is not None else 0,
    }


def run_task_ack(options, connection, check_mode=False, warn=None, adapter=None):
    """task_ack's result for options from _validate.validate_ack_options.

    ``warn`` receives a message per task that is skipped because it is not in ERROR
    (skip and warn, not fail: acknowledging only applies to failed tasks, and a rerun
    after a retry succeeded should not break the play).
    """
    acknowledged, already, skipped = [], [], []
    try:
        if adapter is None:
            adapter = build_adapter(connection)
        if options["all"]:
            scope = dict((key, options[key]) for key in ("project_id", "region_id") if options[key] is not None)
            list_scope = dict((key, [value]) for key, value in scope.items())
            unacked = adapter.list_tasks(limit=ALL_LIST_LIMIT, state=["ERROR"], is_acknowledged=False, **list_scope)
            acknowledged = [record["id"] for record in unacked]
            if acknowledged and not check_mode:
                adapter.acknowledge_all(**scope)
            return _partial(adapter, acknowledged, already, skipped)

        polled = adapter.poll(options["task_ids"])
        for task_id in options["task_ids"]:
            record = polled.records.get(task_id)
            if record is None:
                # A poll holds every ID, in records or in errors (a 404 here).
                raise polled.errors[task_id]
            if record.get("state") != "ERROR":
                skipped.append({"id": task_id, "state": record.get("state")})
                if warn is not None:
                    warn("task %s is %s, not ERROR; only failed tasks can be acknowledged, skipped"
                         % (task_id, record.get("state")))
            elif record.get("acknowledged"):
                already.append(task_id)
            else:
                if not check_mode:
                    adapter.acknowledge(task_id)
                acknowledged.append(task_id)
    except AsyncOpsError as exc:
        # Tasks acknowledged before the error stay acknowledged: report them (changed=true).
        return failure_result(WHAT, exc, **_partial(adapter, acknowledged, already, skipped))
    return _partial(adapter, acknowledged, already, skipped)
