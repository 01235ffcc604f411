# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_wait's ``task_ids`` and ``response``: one group of task IDs per provider to wait on.

What a user may pass as ``response``: one write body (a dict or a JSON string), a registered
``ansible.builtin.uri`` or ``api_call`` result (the body under ``json``), a registered
``resource`` result (its ``submitted`` batch), a batch ``{provider, task_ids | response, label,
project_id, region_id}``, a list of any of these, or a task registered over a ``loop``
(``{"results": [...]}``).  Both providers may be mixed: each body's provider is recognised from
its shape (Gcore ``{"tasks": [...]}``, GPCN ``{"data": ...}``) or given by its batch; a body of
neither shape is read as the task's provider, whose adapter then says what it expected.
Which IDs a body names is the provider's documented write-response shape, read by its adapter
(``task_ids_of``).  A no-op answer (Gcore ``{"tasks": []}``, GPCN ``data: []`` or
``data.jobs: []``) adds nothing to wait on.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError, shown
from ansible_collections.asyncops.cloud.plugins.plugin_utils._providers import ADAPTERS

PROVIDERS = tuple(sorted(ADAPTERS))
BATCH_KEYS = frozenset(["provider", "task_ids", "response", "label", "type", "project_id", "region_id"])

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


class WaitGroup(object):
    """The IDs of one provider, in first-seen order, each once (UUIDs compared without case)."""

    def __init__(self, provider):
        self.provider = provider
        self.ids = []
        self.labels = {}          # task ID -> the label of the batch that named it first
        self.types = {}           # task ID -> the resource type its batch names (resource's submitted)
        self.batch_labels = []    # every batch label, in order, each once
        self._scopes = {"project_id": set(), "region_id": set()}
        self._seen = set()

    def add(self, task_ids, label=None, scope=None, type_name=None):
        for task_id in task_ids:
            folded = task_id.lower()
            if folded not in self._seen:
                self._seen.add(folded)
                self.ids.append(task_id)
            if label and task_id not in self.labels:
                self.labels[task_id] = label
            if type_name and task_id not in self.types:
                self.types[task_id] = type_name
        if label and label not in self.batch_labels:
            self.batch_labels.append(label)
        for key, value in (scope or {}).items():
            self._scopes[key].add(value)

    @property
    def label(self):
        return ", ".join(self.batch_labels)

    def hints(self):
        """Gcore project/region hints, each kept only when every batch that named it agrees."""
        return dict((key, next(iter(values))) for key, values in self._scopes.items() if len(values) == 1)


def provider_of(body):
    """The provider whose write answer ``body`` is, from its shape; None when it is neither."""
    if not isinstance(body, dict):
        return None
    if "tasks" in body and "data" not in body:
        return "gcore"
    if "data" in body and "tasks" not in body:
        return "gpcn"
    return None


def is_no_op(provider, body):
    """An answer that started nothing: Gcore {"tasks": []}, GPCN data: [] or data.jobs: []."""
    if provider == "gcore":
        return body.get("tasks") == []
    data = body.get("data")
    return data == [] or (isinstance(data, dict) and data.get("jobs") == [] and not data.get("jobId")
                          and not data.get("id"))


def _is_batch(value):
    return ("provider" in value and set(value) <= BATCH_KEYS
            and ("task_ids" in value or "response" in value))


class _Planner(object):

    def __init__(self, default_provider, validate_ids):
        self.default_provider = default_provider
        self.validate_ids = validate_ids  # _validate.validate_task_ids (this module sits below it)
        self.groups = {}
        self.order = []
        self.answers = 0

    def group(self, provider):
        if provider not in self.groups:
            self.groups[provider] = WaitGroup(provider)
            self.order.append(provider)
        return self.groups[provider]

    def add_ids(self, provider, ids, option, label=None, scope=None, type_name=None):
        ids = self.validate_ids(ids, option) if ids else []
        self.group(provider).add(ids, label, scope, type_name)
        return ids

    def add_responses(self, value, option):
        """The top level of ``response``: a list's items are numbered in error messages."""
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise OptionError(option, "is a string but not JSON: %s" % shown(value))
        if not isinstance(value, (list, tuple)) or len(value) < 2:
            self.add_response(value, option)
            return
        for number, item in enumerate(value, 1):
            try:
                self.add_response(item, option)
            except OptionError as exc:
                if exc.option != option:
                    raise
                raise OptionError(option, "write response %d of %d: %s" % (number, len(value), _without_option(exc)))

    def add_response(self, value, option, forced=None, label=None, scope=None):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise OptionError(option, "is a string but not JSON: %s" % shown(value))
        if isinstance(value, (list, tuple)):
            for item in value:
                self.add_response(item, option, forced, label, scope)
            return
        if not isinstance(value, dict):
            raise OptionError(option, "must be a write response (a dict), a list of them, a registered result or a "
                                      "batch {provider, task_ids | response}, got %s" % shown(value))
        if value.get("skipped") is True and "json" not in value and "submitted" not in value:
            return  # a loop item whose `when` was false sent nothing
        if _is_registered_loop(value):
            for item in value["results"]:
                self.add_response(item, option, forced, label, scope)
            return
        if isinstance(value.get("submitted"), dict) and "action" in value:
            self.add_response(value["submitted"], option, forced, label, scope)  # a registered resource result
            return
        if _is_batch(value):
            self.add_batch(value, option)
            return
        body = response_body(value)
        self.answers += 1
        # Recognised from its shape; an answer of neither shape is read as the task's provider,
        # whose parser then says what it expected.
        provider = provider_of(body) or forced or self.default_provider
        if forced and provider != forced:
            raise OptionError(option, "a %s answer was given as provider %s: %s"
                              % (_name(provider), forced, shown(body)))
        if is_no_op(provider, body):
            self.group(provider)
            return
        try:
            ids = ADAPTERS[provider].task_ids_of(body)
        except ValueError as exc:
            raise OptionError(option, str(exc))
        self.add_ids(provider, ids, option, label, scope)

    def add_batch(self, batch, option):
        provider = batch.get("provider") or self.default_provider
        if provider not in PROVIDERS:
            raise OptionError(option, "batch provider must be one of %s, got %s" % (", ".join(PROVIDERS), shown(provider)))
        scope = None
        if provider == "gcore":
            scope = dict((key, batch[key]) for key in ("project_id", "region_id") if batch.get(key))
        try:
            self.add_ids(provider, batch.get("task_ids") or [], "task_ids", batch.get("label"), scope,
                         batch.get("type"))
        except OptionError as exc:
            raise OptionError(option, "the batch %s has bad %s" % (shown(batch.get("label") or provider), exc))
        if batch.get("response") is not None:
            self.add_response(batch["response"], option, provider, batch.get("label"), scope)


def _without_option(exc):
    # OptionError's text is "<option>: <message>"; the message alone reads better nested.
    text = str(exc)
    prefix = exc.option + ": "
    return text[len(prefix):] if text.startswith(prefix) else text


def _name(provider):
    return "Gcore" if provider == "gcore" else "GPCN"


def plan_waits(task_ids, response, default_provider, validate_ids, check_mode=False):
    """[WaitGroup] in first-seen provider order; groups may be empty (nothing to wait on).

    Giving nothing at all is refused, except in check mode, where a write held back by
    check mode (api_call's ``json: null``, a resource's empty ``submitted``) leaves nothing.
    """
    planner = _Planner(default_provider, validate_ids)
    if task_ids is not None:
        # An empty task_ids list is refused like any bad list, except in check mode (a write held back).
        if task_ids or not check_mode:
            planner.group(default_provider).add(validate_ids(task_ids, "task_ids"))
    if response is not None:
        planner.add_responses(response, "response")
    if not planner.order and not check_mode:
        if response is not None:
            raise OptionError("response", "holds no write response (an empty list, or a loop whose items were all "
                                          "skipped); give at least one")
        if task_ids is None:
            raise OptionError("task_ids", "task_ids or response is required")
    return [planner.groups[provider] for provider in planner.order]
