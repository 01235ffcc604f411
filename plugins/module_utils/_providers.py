# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""build_adapter(): the validated connection options -> HttpClient -> provider adapter."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.module_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.module_utils._gcore import extract_task_ids as gcore_task_ids
from ansible_collections.asyncops.cloud.plugins.module_utils._gpcn import GpcnAdapter
from ansible_collections.asyncops.cloud.plugins.module_utils._gpcn import extract_task_ids as gpcn_job_ids
from ansible_collections.asyncops.cloud.plugins.module_utils._http import DEFAULT_MAX_RESPONSE_BYTES, HttpClient

DEFAULT_API_URL = {"gcore": "https://api.gcore.com", "gpcn": "https://api.gpcn.com/v1"}
DEFAULT_CONNECT_TIMEOUT = 10
DEFAULT_READ_TIMEOUT = 30


def auth_header(provider, api_key):
    """(header name, header value) for a provider's API key."""
    if provider == "gcore":
        # Accept a key pasted together with its scheme word, but never send it twice.
        if api_key.lower().startswith("apikey "):
            api_key = api_key[len("apikey "):].strip()
        return "Authorization", "APIKey %s" % api_key
    if provider == "gpcn":
        return "X-API-Key", api_key
    raise OptionError("provider", "must be gcore or gpcn")


def build_client(connection, sleep=time.sleep, max_retries=5, user_agent=None):
    """An HttpClient for a connection dict as _validate.resolve_connection returns it."""
    provider = connection.get("provider") or "gcore"
    api_key = connection.get("api_key")
    if not api_key:
        raise OptionError("api_key", "is required")
    name, value = auth_header(provider, api_key)
    read_timeout = connection.get("request_timeout") or DEFAULT_READ_TIMEOUT
    return HttpClient(
        connection.get("api_url") or DEFAULT_API_URL[provider],
        name, value,
        validate_certs=connection.get("validate_certs", True) is not False,
        ca_path=connection.get("ca_path") or None,
        # A connect should never take longer than the whole request may.
        connect_timeout=min(DEFAULT_CONNECT_TIMEOUT, read_timeout),
        read_timeout=read_timeout,
        max_retries=max_retries,
        sleep=sleep,
        user_agent=user_agent,
        max_response_bytes=connection.get("max_response_bytes") or DEFAULT_MAX_RESPONSE_BYTES,
    )


def start_deadline(client, timeout, clock=time.monotonic):
    """Bound everything ``client`` does from now on by ``timeout`` seconds (one overall deadline
    for a module call: connects, answers, bodies, retries and their sleeps)."""
    set_deadline = getattr(client, "set_deadline", None)
    if callable(set_deadline) and timeout:
        set_deadline(clock() + timeout, clock)


def build_adapter(connection, sleep=time.sleep, max_retries=5, user_agent=None):
    """The provider adapter (GcoreAdapter or GpcnAdapter) for a connection dict."""
    provider = connection.get("provider") or "gcore"
    if provider not in ("gcore", "gpcn"):
        raise OptionError("provider", "must be gcore or gpcn, got %r" % (provider,))
    client = build_client(connection, sleep=sleep, max_retries=max_retries, user_agent=user_agent)
    if provider == "gcore":
        return GcoreAdapter(client)
    return GpcnAdapter(client)


def extract_task_ids(provider, response):
    """Task/job IDs of a write response, for either provider."""
    if provider == "gcore":
        return gcore_task_ids(response)
    if provider == "gpcn":
        return gpcn_job_ids(response)
    raise OptionError("provider", "must be gcore or gpcn")
