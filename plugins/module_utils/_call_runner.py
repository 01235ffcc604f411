# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""api_call: validate one API request's options, send it with HttpClient, shape the result.

The roles used to send their writes with ansible.builtin.uri, whose raw arguments (the key
header included) ansible-core prints under ANSIBLE_DEBUG=1. This runner is the collection's
own request instead: same client as the waits (auth per provider, TLS, read retries, writes
never resent), run on the controller by the api_call action plugin. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

try:
    from urllib.parse import unquote
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for sanity's import test
    from urllib import unquote  # type: ignore

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import (
    ApiError,
    AsyncOpsError,
    OptionError,
    TransportError,
    WriteOutcomeUnknownError,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._providers import build_client, start_deadline
from ansible_collections.asyncops.cloud.plugins.module_utils._results import error_dict
from ansible_collections.asyncops.cloud.plugins.module_utils._specs import (
    API_CALL_DEFAULT_STATUSES,
    API_CALL_METHODS,
    CALL_TIMEOUT_DEFAULTS,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._validate import shown, validate_call_timeout

WHAT = "call the API"
MAX_PATH_LENGTH = 2048
READ_METHODS = ("GET",)
# Query values are sent as text; anything nested would have no defined encoding.
_SCALARS = (str, int, float, bool)


# --------------------------------------------------------------------------- validation

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


def validate_method(value, option="method"):
    method = "GET" if value is None else value
    if method not in API_CALL_METHODS:
        raise OptionError(option, "must be one of %s, got %s" % (", ".join(API_CALL_METHODS), shown(value)))
    return method


def validate_status_codes(value, option="status_code"):
    """A non-empty list of HTTP statuses (100-599), duplicates dropped, order kept."""
    if value is None:
        return list(API_CALL_DEFAULT_STATUSES)
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


def validate_call_options(params, provider=None):
    """api_call's own options, cleaned; OptionError (naming the option) before any request."""
    del provider  # the same rules for both APIs; the client adds the provider's base URL
    method = validate_method(params.get("method"))
    return {
        "method": method,
        "path": validate_path(params.get("path")),
        "query": validate_query(params.get("query")),
        "body": validate_body(params.get("body"), method),
        "status_code": validate_status_codes(params.get("status_code")),
        "timeout": validate_call_timeout(params, "api_call"),
    }


# --------------------------------------------------------------------------- running

def is_write(method):
    return method not in READ_METHODS


def call_result(options, sent, status=None, body=None, api_requests=0, changed=False, outcome_unknown=False):
    """The result keys api_call always returns, in one place."""
    return {
        "changed": bool(changed),
        "sent": bool(sent),
        "status": status,
        "json": body,
        "method": options["method"],
        "path": options["path"],
        "api_requests": int(api_requests),
        "outcome_unknown": bool(outcome_unknown),
    }


def _failed(result, msg, exc):
    result.update(failed=True, msg=msg, error=error_dict(exc))
    return result


def run_api_call(options, connection, check_mode=False, client=None, clock=time.monotonic):
    """Send the request (unless check mode holds back a write) and shape api_call's result."""
    method, path = options["method"], options["path"]
    if check_mode and is_write(method):
        # Reported as the change it would make; nothing leaves this machine.
        return call_result(options, sent=False, changed=True)
    try:
        if client is None:
            client = build_client(connection)
        # One deadline for the whole call: retries, Retry-After waits and the body read.
        start_deadline(client, options.get("timeout", CALL_TIMEOUT_DEFAULTS["api_call"]), clock)
        status, body = client.exchange(method, path, params=options["query"] or None,
                                       json=options["body"], accept=options["status_code"])
    except AsyncOpsError as exc:
        return _failure(options, exc, client)
    # A write answered 2xx did something; an accepted error status (a 404 lookup or a DELETE
    # of something already gone) changed nothing.
    changed = is_write(method) and 200 <= status < 300
    return call_result(options, sent=True, status=status, body=body,
                       api_requests=client.request_count, changed=changed)


def _failure(options, exc, client):
    method, path = options["method"], options["path"]
    used = client.request_count if client is not None else 0
    if isinstance(exc, WriteOutcomeUnknownError):
        result = call_result(options, sent=True, api_requests=used, outcome_unknown=True)
        return _failed(result, "Could not %s %s: the request may have been processed by the API (%s); it was NOT "
                               "resent. Check whether it took effect (list the resource, or asyncops.cloud.task_info) "
                               "before trying again." % (method, path, exc.cause), exc)
    if isinstance(exc, ApiError) and exc.status is not None:
        result = call_result(options, sent=True, status=exc.status, body=getattr(exc, "body", None),
                             api_requests=used)
        text = ("HTTP %s %s" % (exc.status, exc.api_message or "")).rstrip()
        return _failed(result, "Could not %s %s: %s" % (method, path, text), exc)
    # Transport errors say whether the request left; option errors (url_for) sent nothing.
    sent = bool(getattr(exc, "may_have_been_sent", False)) if isinstance(exc, TransportError) else used > 0
    result = call_result(options, sent=sent, api_requests=used)
    return _failed(result, "Could not %s %s: %s" % (method, path, exc), exc)
