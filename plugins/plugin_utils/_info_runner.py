# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""run_task_info(): read tasks by ID (either provider) or list Gcore tasks with filters."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import AsyncOpsError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import failure_result, info_result

WHAT = "read tasks"


def run_task_info(options, connection, adapter=None):
    """task_info's result for options from _validate.validate_info_options."""
    try:
        if adapter is None:
            adapter = build_adapter(connection)
        ids = options["task_ids"]
        if ids is not None:
            # IDs the API does not show (404, another tenant's job) come back as per-ID errors:
            # they are reported as missing, which is information rather than a failure.
            polled = adapter.poll(ids)
            records = dict((task_id, dict(record)) for task_id, record in polled.records.items())
        else:
            filters = dict(options["filters"])
            limit = filters.pop("limit")
            records = [dict(record) for record in adapter.list_tasks(limit=limit, **filters)]
    except AsyncOpsError as exc:
        used = adapter.request_count if adapter is not None else 0
        return failure_result(WHAT, exc, tasks=[], count=0, missing=[], api_requests=used)
    return info_result(records, ids, adapter.request_count)
