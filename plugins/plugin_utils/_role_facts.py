# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The host facts the roles export, computed from their module's registered result.

The roles are one module call plus one set_fact; the facts they have always documented
(gcore_resource_ids, await_tasks_pending...) are computed here, behind the
``asyncops.cloud.role_facts`` filter.  No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def resource_facts(prefix, result, earlier_submitted=None, waited=True):
    """gcore_resource_* / gpcn_resource_* facts of one resource module result.

    ``<prefix>_submitted`` is the list so far, with this call's batch appended when it did not wait.
    """
    resource = result.get("resource") or None
    facts = {
        "ids": list(result.get("ids") or []),
        "info": resource or {},
        "readback": [resource] if resource else [],
        "task_ids": list(result.get("task_ids") or []),
        "created_resources": dict(result.get("created_resources") or {}),
        "changed": bool(result.get("changed")),
        "action": result.get("action") or "none",
        "drift": dict(result.get("drift") or {}),
    }
    if result.get("provider") == "gpcn":
        facts["job_ids"] = facts["task_ids"]
    # Every call with wait=false appends its batch (empty when nothing was sent), for one later
    # await over all of them.
    facts["submitted"] = list(earlier_submitted or []) + ([] if waited else [result.get("submitted") or {}])
    return dict(("%s_%s" % (prefix, key), value) for key, value in facts.items())


def provider_results(result):
    """One entry per provider of a task_wait result: its detail, label and task records."""
    entries = []
    for provider, summary in (result.get("providers") or {}).items():
        entry = dict(summary)
        entry.update(provider=provider, label=summary.get("label") or provider,
                     tasks=[task for task in result.get("tasks") or [] if task.get("provider") in (None, provider)])
        entries.append(entry)
    return entries


def pending_batches(result, hints=None):
    """The batches still running at the end of a wait, ready to be waited on again.

    Each keeps its wait's label and the Gcore project/region hints its batches agreed on
    (``hints``, the task's own project_id/region_id, win).
    """
    batches = []
    for provider, summary in (result.get("providers") or {}).items():
        pending = list(summary.get("pending") or [])
        if not pending:
            continue
        batch = {"provider": provider, "task_ids": pending}
        if provider == "gcore":
            scope = dict(summary.get("hints") or {})
            scope.update(dict((key, value) for key, value in (hints or {}).items() if value))
            batch.update(scope)
        if summary.get("label") and summary["label"] != provider:
            batch["label"] = summary["label"]
        batches.append(batch)
    return batches


def wait_facts(prefix, result, hints=None):
    """await_tasks_* facts of one task_wait result (success or failure alike)."""
    facts = {
        "results": provider_results(result),
        "created_resources": dict(result.get("created_resources") or {}),
        "resource_ids": list(result.get("resource_ids") or []),
        "failed_tasks": list(result.get("failed_tasks") or []),
        "pending": pending_batches(result, hints),
    }
    return dict(("%s_%s" % (prefix, key), value) for key, value in facts.items())
