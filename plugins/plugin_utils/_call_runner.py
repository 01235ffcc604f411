# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""run_api_call(): send one API request with the collection's client and shape api_call's result.

The roles used to send their writes with ansible.builtin.uri, whose raw arguments (the key
header included) ansible-core prints under ANSIBLE_DEBUG=1. This runner is the collection's
own request instead: same client as the waits (auth per provider, TLS, read retries, writes
never resent). Its options come from _validate.validate_call_options.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_client
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    ApiError,
    AsyncOpsError,
    TransportError,
    WriteOutcomeUnknownError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import error_dict
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import READ_METHODS

WHAT = "call the API"


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


def run_api_call(options, connection, check_mode=False, client=None):
    """Send the request (unless check mode holds back a write) and shape api_call's result."""
    method, path = options["method"], options["path"]
    if check_mode and is_write(method):
        # Reported as the change it would make; nothing leaves this machine.
        return call_result(options, sent=False, changed=True)
    try:
        if client is None:
            client = build_client(connection)
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
    # Transport errors say whether the request left; a refused path (url_for) sent nothing.
    sent = bool(getattr(exc, "may_have_been_sent", False)) if isinstance(exc, TransportError) else used > 0
    result = call_result(options, sent=sent, api_requests=used)
    return _failed(result, "Could not %s %s: %s" % (method, path, exc), exc)
