# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a wait hands to the next job of an AWX workflow: set_stats-style ``ansible_stats``.

ansible-core adds ``ansible_stats`` of any task result to the run's custom stats; AWX stores
the run-wide ones (``per_host: false``) as the job's artifacts and passes them to the next
workflow node as extra vars. With ``aggregate: true`` the lists of every host and every wait
of the run are concatenated, so the next node sees every ID this run waited on and how it
ended here. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

OUTCOMES = ("pending", "finished", "failed")


def stats_key(provider, outcome):
    return "asyncops_%s_%s" % (provider, outcome)


def wait_stats(result, provider):
    """The ``ansible_stats`` of a task_wait result (IDs only: no records, no key).

    A wait over both providers publishes each provider's IDs under its own keys (from the
    result's per-provider ``providers`` detail), so the next node resumes each with its own key.
    """
    per_provider = result.get("providers") or {provider: result}
    data = {}
    for name, detail in sorted(per_provider.items()):
        data[stats_key(name, "pending")] = list(detail.get("pending") or [])
        data[stats_key(name, "finished")] = [_task_id(task) for task in detail.get("finished_tasks") or []]
        data[stats_key(name, "failed")] = [_task_id(task) for task in detail.get("failed_tasks") or []]
    return {"data": data, "per_host": False, "aggregate": True}


def _task_id(entry):
    # finished_tasks holds IDs, failed_tasks dicts with an id.
    return entry.get("id") if isinstance(entry, dict) else entry
