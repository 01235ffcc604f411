# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Option rules beyond what each module's argspec (module_utils/_specs.py) already enforces.

The argspec checks types, choices, defaults and which options exclude each other; this module
checks values (IDs, numbers, paths, timestamps) and the rules an argspec cannot express, and
returns each module's cleaned options for its runner. Every check raises OptionError before any
request is built, because bad input must never reach the API (an ID such as
``../acknowledge_all`` would otherwise become a path). The connection options are checked in
_connection.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import keyword
import math
import re
from urllib.parse import unquote

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import CALL_TIMEOUT_DEFAULTS
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError, shown
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import parse_timestamp
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_kinds import VOLUME_POLICIES, kind_for
from ansible_collections.asyncops.cloud.plugins.plugin_utils._responses import plan_waits

MAX_INFO_LIMIT = 100000
MAX_PATH_LENGTH = 2048
READ_METHODS = ("GET",)
# Query values are sent as text; anything nested would have no defined encoding.
_SCALARS = (str, int, float, bool)

_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# The documented forms: a date, or a date-time to the minute or second (optional fraction), with
# an optional Z or offset. Which of them is a real moment is parse_timestamp's verdict.
_ISO_SHAPE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_TASK_TYPE_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------- task IDs

def is_task_id(value):
    """True for a canonical 8-4-4-4-12 hex UUID (any case) and nothing else."""
    return isinstance(value, str) and _UUID_RE.fullmatch(value) is not None


def validate_task_ids(value, option="task_ids"):
    """Return the IDs as a list, or raise OptionError naming the option and the bad value.

    A single string is accepted.  Empty lists, blanks, duplicates (compared without case,
    because the APIs treat UUIDs case-insensitively) and anything that is not a UUID are
    refused.
    """
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise OptionError(option, "must be a list of task IDs, got %s" % shown(value))
    if not value:
        raise OptionError(option, "must not be empty (give at least one task ID)")
    seen = set()
    ids = []
    for item in value:
        if not is_task_id(item):
            raise OptionError(option, "%s is not a task ID (a UUID such as "
                                      "d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999)" % shown(item))
        folded = item.lower()
        if folded in seen:
            raise OptionError(option, "%s is listed more than once" % shown(item))
        seen.add(folded)
        ids.append(item)
    return ids


# --------------------------------------------------------------------------- numbers / names

def validate_positive_float(value, option):
    """None passes (automatic); otherwise a finite number strictly above zero."""
    return _seconds(value, option, zero_allowed=False)


def validate_non_negative_float(value, option):
    """None passes (automatic); otherwise a finite number of seconds, 0 allowed (off)."""
    return _seconds(value, option, zero_allowed=True)


def _seconds(value, option, zero_allowed):
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OptionError(option, "must be a number of seconds, got %s" % shown(value))
    too_small = number < 0 if zero_allowed else number <= 0
    if math.isnan(number) or math.isinf(number) or too_small:
        least = "0 or more" if zero_allowed else "greater than 0"
        raise OptionError(option, "must be %s, got %s" % (least, shown(value)))
    return number


def validate_positive_int(value, option):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise OptionError(option, "must be a positive integer, got %s" % shown(value))
    return value


def validate_positive_ints(values, option):
    if values is None:
        return None
    return [validate_positive_int(value, option) for value in values]


def validate_fact_name(value, option="fact_name"):
    """Same rule as Ansible's variable names: an ASCII identifier that is not a keyword."""
    if value is None:
        return None
    identifier = isinstance(value, str) and value.isascii() and value.isidentifier()
    if not identifier or keyword.iskeyword(value) or value in ("True", "False", "None"):
        raise OptionError(option, "must be a valid variable name, got %s" % shown(value))
    return value


def validate_limit(value, option="limit"):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_INFO_LIMIT:
        raise OptionError(option, "must be between 1 and %d, got %s"
                          % (MAX_INFO_LIMIT, shown(value)))
    return value


def validate_timestamp(value, option):
    """An ISO 8601 date or date-time (optionally with Z or an offset), returned unchanged."""
    if value is None:
        return None
    if not isinstance(value, str) or _ISO_SHAPE.fullmatch(value) is None or parse_timestamp(value) is None:
        raise OptionError(option, "must be an ISO 8601 date-time such as 2026-05-23T05:07:31Z, got %s"
                          % shown(value))
    return value


# --------------------------------------------------------------------------- task_wait

def validate_wait_options(params, provider, check_mode=False):
    """task_wait's options: the IDs to wait on, one group per provider (_responses.plan_waits), and the rest.

    ``task_ids`` and ``response`` may come together (their IDs are merged). Giving neither is
    refused, except in check mode, where a write held back by check mode leaves nothing to wait on.
    """
    groups = plan_waits(params.get("task_ids"), params.get("response"), provider, validate_task_ids, check_mode)
    return {
        "groups": groups,
        "task_ids": [task_id for group in groups for task_id in group.ids],
        "timeout": validate_positive_float(params.get("timeout"), "timeout"),
        "poll_interval": validate_positive_float(params.get("poll_interval"), "poll_interval"),
        "fail_on_error": params.get("fail_on_error", True),
        "fact_name": validate_fact_name(params.get("fact_name")),
        "project_id": validate_positive_int(params.get("project_id"), "project_id"),
        "region_id": validate_positive_int(params.get("region_id"), "region_id"),
        # None: the environment decides (plugin_utils._wait_settings).
        "coordinate": params.get("coordinate"),
        "heartbeat_interval": validate_non_negative_float(params.get("heartbeat_interval"), "heartbeat_interval"),
        "publish_stats": params.get("publish_stats"),
    }


# --------------------------------------------------------------------------- task_info

INFO_FILTERS = ("state", "task_type", "project_id", "region_id", "is_acknowledged",
                "from_timestamp", "to_timestamp")


def validate_call_timeout(params, module):
    """The overall deadline (seconds) of task_info, task_ack or api_call: the option, else its default."""
    value = params.get("timeout")
    return validate_positive_float(CALL_TIMEOUT_DEFAULTS[module] if value is None else value, "timeout")


def validate_info_options(params, provider):
    """task_info: IDs, or (Gcore only) list filters; returns ``{"task_ids", "filters", "timeout"}``."""
    used = [name for name in INFO_FILTERS if params.get(name) is not None]
    if provider == "gpcn" and used:
        raise OptionError(used[0], "the filter(s) %s are Gcore only; GPCN jobs can only be read by ID "
                                   "(task_ids)" % ", ".join(used))
    if params.get("task_ids") is not None:
        return {"task_ids": validate_task_ids(params["task_ids"]), "filters": None,
                "timeout": validate_call_timeout(params, "task_info")}
    if params.get("state") == []:
        raise OptionError("state", "must list at least one of NEW, RUNNING, FINISHED, ERROR")
    task_type = params.get("task_type")
    if task_type is not None and _TASK_TYPE_RE.fullmatch(task_type) is None:
        raise OptionError("task_type", "must be a task type such as create_vm, got %s" % shown(task_type))
    filters = {
        "state": params.get("state"),
        "task_type": task_type,
        "project_id": validate_positive_ints(params.get("project_id"), "project_id"),
        "region_id": validate_positive_ints(params.get("region_id"), "region_id"),
        "is_acknowledged": params.get("is_acknowledged"),
        "from_timestamp": validate_timestamp(params.get("from_timestamp"), "from_timestamp"),
        "to_timestamp": validate_timestamp(params.get("to_timestamp"), "to_timestamp"),
        "limit": validate_limit(params.get("limit", 1000)),
        "order_by": params.get("order_by"),
    }
    return {"task_ids": None, "filters": dict((k, v) for k, v in filters.items() if v is not None),
            "timeout": validate_call_timeout(params, "task_info")}


# --------------------------------------------------------------------------- task_ack

def validate_ack_options(params, provider):
    """task_ack: Gcore only; exactly one of task_ids or all=true (scope only with all)."""
    if provider != "gcore":
        raise OptionError("provider", "GPCN has no acknowledge operation; task_ack works with provider gcore only")
    task_ids = params.get("task_ids")
    ack_all = bool(params.get("all"))
    if (task_ids is None) == (not ack_all):
        raise OptionError("task_ids", "exactly one of task_ids or all=true is required")
    scope = {
        "project_id": validate_positive_int(params.get("project_id"), "project_id"),
        "region_id": validate_positive_int(params.get("region_id"), "region_id"),
    }
    if not ack_all:
        for name, value in scope.items():
            if value is not None:
                raise OptionError(name, "narrows all=true only; it cannot be used with task_ids")
    return {
        "task_ids": None if task_ids is None else validate_task_ids(task_ids),
        "all": ack_all,
        "project_id": scope["project_id"],
        "region_id": scope["region_id"],
        "timeout": validate_call_timeout(params, "task_ack"),
    }


# --------------------------------------------------------------------------- api_call

def validate_path(value, option="path"):
    """The API path, refused before any request when it could mean more than one resource.

    Segments are sent as given (callers quote IDs); a '.'/'..' segment, even percent-encoded,
    could walk out of the API's base path, and '?'/'#' would smuggle a query past ``query``.
    """
    if not isinstance(value, str) or not value:
        raise OptionError(option, "must be an API path such as /cloud/v1/volumes/1/76, got %s" % shown(value))
    if len(value) > MAX_PATH_LENGTH:
        raise OptionError(option, "is %d characters long; at most %d are allowed" % (len(value), MAX_PATH_LENGTH))
    if not value.startswith("/"):
        raise OptionError(option, "must start with '/', got %s" % shown(value))
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise OptionError(option, "must not contain whitespace or control characters (quote them), got %s"
                          % shown(value))
    if "?" in value or "#" in value:
        raise OptionError(option, "must not contain '?' or '#'; give query parameters in the query option, got %s"
                          % shown(value))
    for segment in value.split("/"):
        if segment in (".", "..") or unquote(segment) in (".", ".."):
            raise OptionError(option, "must not contain '.' or '..' segments, got %s" % shown(value))
    return value


def validate_status_codes(value, option="status_code"):
    """A non-empty list of HTTP statuses (100-599), duplicates dropped, order kept."""
    if not isinstance(value, (list, tuple)) or not value:
        raise OptionError(option, "must be a non-empty list of HTTP statuses such as [200, 404], got %s"
                          % shown(value))
    statuses = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 100 <= item <= 599:
            raise OptionError(option, "must list HTTP statuses between 100 and 599, got %s" % shown(item))
        if item not in statuses:
            statuses.append(item)
    return statuses


def validate_query(value, option="query"):
    """Query parameters: text keys, scalar or list-of-scalar values; None values are dropped."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise OptionError(option, "must be a dictionary of query parameters, got %s" % shown(value))
    query = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key:
            raise OptionError(option, "parameter names must be non-empty strings, got %s" % shown(key))
        if item is None:
            continue
        items = item if isinstance(item, (list, tuple)) else [item]
        if not all(part is None or isinstance(part, _SCALARS) for part in items):
            raise OptionError(option, "%s must be a string, number, boolean or a list of them, got %s"
                              % (key, shown(item)))
        kept = [part for part in items if part is not None]
        query[key] = kept if isinstance(item, (list, tuple)) else kept[0]
    return query


def validate_body(value, method, option="body"):
    if value is None:
        return None
    if method in READ_METHODS:
        raise OptionError(option, "a GET sends no body; use query for its parameters")
    if not isinstance(value, (dict, list)):
        raise OptionError(option, "must be a dictionary or a list (sent as JSON), got %s" % shown(value))
    return value


def validate_call_options(params):
    """api_call's own options, cleaned; OptionError (naming the option) before any request.

    The same rules for both APIs: the client adds the provider's base URL.
    """
    method = params["method"]
    return {
        "method": method,
        "path": validate_path(params.get("path")),
        "query": validate_query(params.get("query")),
        "body": validate_body(params.get("body"), method),
        "status_code": validate_status_codes(params.get("status_code")),
        "timeout": validate_call_timeout(params, "api_call"),
    }


# --------------------------------------------------------------------------- resource

def validate_resource_options(params, provider, scope=None):
    """resource's options from the argspec-validated ``params``; OptionError before any request.

    ``scope`` is the Gcore project/region as _connection.resolve_scope found them (options or
    environment).
    """
    kind = kind_for(provider, params.get("type"))
    state = params.get("state") or "present"
    body = params.get("body") or {}
    if not isinstance(body, dict):
        raise OptionError("body", "must be a dictionary (the create body as the API takes it), got %s" % shown(body))
    name = params.get("name")
    if name is None:
        name = body.get("name")
    resource_id = params.get("id")
    if state == "absent" and resource_id:
        if kind.by_name:
            kind.check_name(resource_id, "id")
        elif not is_task_id(resource_id):
            raise OptionError("id", "%s is not a %s ID (a UUID such as 0b8f7e0c-7d0a-4c39-9d4b-2f4a8d9e6b11)"
                              % (shown(resource_id), kind.name))
    elif name is None:
        raise OptionError("name", "is required (or body.name)%s" % ("; to delete, id will do" if state == "absent" else ""))
    elif state == "present" and resource_id:
        raise OptionError("id", "is only used with state=absent; a resource to create is found by its name")
    if name is not None:
        kind.check_name(name, "name")
        if body.get("name") not in (None, name):
            raise OptionError("body", "body.name %s differs from name %s" % (shown(body.get("name")), shown(name)))
    policy = params.get("instance_volumes") or "keep"
    if policy not in VOLUME_POLICIES:
        raise OptionError("instance_volumes", "must be one of %s" % ", ".join(VOLUME_POLICIES))
    options = {
        "type": kind.name,
        "state": state,
        "name": name,
        "id": resource_id or None,
        "body": body,
        "wait": params.get("wait") is not False,
        "timeout": validate_positive_float(params.get("timeout"), "timeout"),
        "poll_interval": validate_positive_float(params.get("poll_interval"), "poll_interval"),
        "instance_volumes": policy,
        "project_id": None,
        "region_id": None,
    }
    if provider == "gcore":
        options.update(scope or {})
    return options
