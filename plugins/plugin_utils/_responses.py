# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_wait's ``response`` option: the write bodies it holds, and the task IDs they name.

What a user may pass: one write body (a dict or a JSON string), a registered
``ansible.builtin.uri`` or ``api_call`` result (the body under ``json``), a list of any of
these, or a task registered over a ``loop`` (``{"results": [...]}``). Which IDs a body names is
the provider's documented write-response shape, read by its adapter (``task_ids_of``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError, shown
from ansible_collections.asyncops.cloud.plugins.plugin_utils._providers import ADAPTERS

OPTION = "response"


def _is_registered_result(value):
    return "json" in value and ("status" in value or "url" in value or "changed" in value)


def _is_registered_loop(value):
    """A task registered over a ``loop`` keeps one result per item under ``results``.

    Neither provider's write body has a top-level ``results`` next to no ``tasks``/``data``,
    so this cannot mistake a body for a loop.
    """
    has_write_ids = "tasks" in value or "data" in value
    return isinstance(value.get("results"), list) and not has_write_ids and not _is_registered_result(value)


def _parsed(value):
    try:
        return json.loads(value)
    except ValueError:
        raise OptionError(OPTION, "is a string but not JSON: %s" % shown(value))


def response_body(value):
    """One write body: a dict, a JSON string, or a registered result whose body is under ``json``."""
    if isinstance(value, str):
        value = _parsed(value)
    if not isinstance(value, dict):
        raise OptionError(OPTION, "must be the JSON body of a write call (a dict), got %s" % shown(value))
    if _is_registered_result(value):
        return response_body(value["json"])
    return value


def _collect_bodies(value, bodies):
    if isinstance(value, str):
        value = _parsed(value)
        if isinstance(value, str):
            raise OptionError(OPTION, "must be the JSON body of a write call, got the JSON string %s"
                              % shown(value))
    if isinstance(value, (list, tuple)):
        for item in value:
            _collect_bodies(item, bodies)
    elif isinstance(value, dict) and _is_registered_loop(value):
        for item in value["results"]:
            # An item the loop skipped (``when`` was false) sent no write: nothing to wait on.
            if isinstance(item, dict) and item.get("skipped") is True and "json" not in item:
                continue
            _collect_bodies(item, bodies)
    elif isinstance(value, dict):
        bodies.append(response_body(value))
    else:
        raise OptionError(OPTION, "must be the JSON body of a write call (a dict), a list of them or a "
                                  "registered uri result, got %s" % shown(value))


def response_bodies(value):
    """The ``response`` option as the list of write bodies it holds, in the order given."""
    bodies = []
    _collect_bodies(value, bodies)
    if not bodies:
        raise OptionError(OPTION, "holds no write response (an empty list, or a loop whose items were all "
                                  "skipped); give at least one")
    return bodies


def response_task_ids(provider, value):
    """Every task ID the write bodies in ``value`` name, in order, each once.

    The same task named by two writes (or a write registered twice) is one task to wait on,
    so repeats across bodies are dropped, compared without case as the APIs compare UUIDs.
    A body without IDs is refused, naming which one when there are several.
    """
    bodies = response_bodies(value)
    task_ids_of = ADAPTERS[provider].task_ids_of
    merged = []
    seen = set()
    for number, body in enumerate(bodies, 1):
        try:
            ids = task_ids_of(body)
        except ValueError as exc:
            where = "" if len(bodies) == 1 else "write response %d of %d: " % (number, len(bodies))
            raise OptionError(OPTION, where + str(exc))
        for task_id in ids:
            folded = task_id.lower()
            if folded not in seen:
                seen.add(folded)
                merged.append(task_id)
    return merged
