# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Option validation shared by the modules, the task_wait action plugin and roles.

Nothing here imports Ansible: the action plugin runs on the controller without an
AnsibleModule, and it must reach exactly the same verdicts as the modules.  Every
check raises OptionError *before* any request is built, because bad input must never
reach the API (an ID such as ``../acknowledge_all`` would otherwise become a path).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import ipaddress
import json
import keyword
import math
import os
import re

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import OptionError

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for sanity's import test
    from urlparse import urlsplit  # type: ignore

PROVIDERS = ("gcore", "gpcn")

# Where each provider's key and URL come from when the option is unset.  Kept per provider:
# a single env_fallback list would hand a Gcore key to GPCN (or the other way round).
API_KEY_ENV = {
    "gcore": ("GCORE_API_KEY", "CLOUD_API_KEY"),
    "gpcn": ("GPCN_API_KEY",),
}
# AWX file injectors: a variable naming a file that holds the key keeps the key itself out of
# the process environment (and so out of ansible-runner's ``command`` artifact).
API_KEY_FILE_ENV = {
    "gcore": "GCORE_API_KEY_FILE",
    "gpcn": "GPCN_API_KEY_FILE",
}
API_URL_ENV = {
    "gcore": ("GCORE_API_URL", "GCORE_BASE_URL"),
    "gpcn": ("GPCN_API_URL",),
}
DEFAULT_API_URL = {
    "gcore": "https://api.gcore.com",
    "gpcn": "https://api.gpcn.com/v1",
}

GCORE_TASK_STATES = ("NEW", "RUNNING", "FINISHED", "ERROR")
MAX_INFO_LIMIT = 100000
BAD_VALUE_SHOWN = 64

_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?"
)


def shown(value):
    """The bad value as it may appear in an error message: repr, cut to 64 characters."""
    text = repr(value)
    if len(text) > BAD_VALUE_SHOWN:
        text = text[:BAD_VALUE_SHOWN - 3] + "..."
    return text


def _is_blank(value):
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


def response_body(value, option="response"):
    """Turn the ``response`` option into the JSON body of the write call.

    Accepted: the body as a dict, the body as a JSON string, or a whole registered
    ``ansible.builtin.uri`` result (whose body sits under ``json``).
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise OptionError(option, "is a string but not JSON: %s" % shown(value))
    if not isinstance(value, dict):
        raise OptionError(option, "must be the JSON body of a write call (a dict), got %s"
                          % shown(value))
    # A registered uri result carries the body under "json" next to "status"/"url".
    if _is_registered_uri(value):
        return response_body(value["json"], option)
    return value


def _is_registered_uri(value):
    return "json" in value and ("status" in value or "url" in value or "changed" in value)


def _is_registered_loop(value):
    """A task registered over a ``loop`` keeps one result per item under ``results``.

    Neither provider's write body has a top-level ``results`` next to no ``tasks``/``data``,
    so this cannot mistake a body for a loop.
    """
    return (isinstance(value.get("results"), list) and "tasks" not in value and "data" not in value
            and not _is_registered_uri(value))


def _collect_bodies(value, option, bodies):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise OptionError(option, "is a string but not JSON: %s" % shown(value))
        if isinstance(value, str):
            raise OptionError(option, "must be the JSON body of a write call, got the JSON string %s"
                              % shown(value))
    if isinstance(value, (list, tuple)):
        for item in value:
            _collect_bodies(item, option, bodies)
    elif isinstance(value, dict) and _is_registered_loop(value):
        for item in value["results"]:
            # An item the loop skipped (``when`` was false) sent no write: nothing to wait on.
            if isinstance(item, dict) and item.get("skipped") is True and "json" not in item:
                continue
            _collect_bodies(item, option, bodies)
    elif isinstance(value, dict):
        bodies.append(response_body(value, option))
    else:
        raise OptionError(option, "must be the JSON body of a write call (a dict), a list of them or a "
                                  "registered uri result, got %s" % shown(value))


def response_bodies(value, option="response"):
    """The ``response`` option as the list of write bodies it holds, in the order given.

    Besides one body (see response_body), a list of them (each a dict, a JSON string or a
    registered uri result) and a uri task registered over a ``loop`` (``{"results": [...]}``)
    are accepted, so one wait can cover every write of a play.
    """
    bodies = []
    _collect_bodies(value, option, bodies)
    if not bodies:
        raise OptionError(option, "holds no write response (an empty list, or a loop whose items were all "
                                  "skipped); give at least one")
    return bodies


# --------------------------------------------------------------------------- numbers / names

def validate_positive_float(value, option):
    """None passes (automatic); otherwise a finite number strictly above zero."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OptionError(option, "must be a number of seconds, got %s" % shown(value))
    if math.isnan(number) or math.isinf(number) or number <= 0:
        raise OptionError(option, "must be greater than 0, got %s" % shown(value))
    return number


def validate_non_negative_float(value, option):
    """None passes (automatic); otherwise a finite number of seconds, 0 allowed (off)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OptionError(option, "must be a number of seconds, got %s" % shown(value))
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise OptionError(option, "must be 0 or more, got %s" % shown(value))
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
    if (not isinstance(value, str) or not value.isascii() or not value.isidentifier()
            or keyword.iskeyword(value) or value in ("True", "False", "None")):
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
    match = _ISO_RE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise OptionError(option, "must be an ISO 8601 date-time such as 2026-05-23T05:07:31Z, got %s"
                          % shown(value))
    year, month, day, hour, minute, second = [int(part or 0) for part in match.groups()[:6]]
    try:
        # Regex checks the shape; datetime checks the ranges (month 13, hour 25, Feb 30...).
        datetime.datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise OptionError(option, "is not a valid date-time (%s): %s" % (exc, shown(value)))
    return value


# --------------------------------------------------------------------------- connection

def validate_provider(value):
    if value not in PROVIDERS:
        raise OptionError("provider", "must be one of %s, got %s" % (", ".join(PROVIDERS), shown(value)))
    return value


def _is_loopback(host):
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_api_url(url, option="api_url"):
    """An http(s) base URL with a host and nothing secret or ambiguous in it.

    Plain http is refused unless the host is a loopback address, because the key would
    travel in clear.  Credentials, query strings and fragments are refused: the base URL
    ends up in error messages and logs, and a query would be silently dropped.
    """
    if not isinstance(url, str) or not url.strip():
        raise OptionError(option, "must be a URL such as https://api.gcore.com")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise OptionError(option, "must not contain spaces or control characters")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise OptionError(option, "must start with https:// (got scheme %s)" % shown(parts.scheme))
    if "@" in parts.netloc:
        # Never echo this URL: the part before @ is a password.
        raise OptionError(option, "must not contain user:password@ credentials; use api_key")
    if "?" in url or "#" in url:
        raise OptionError(option, "must not contain a query string or fragment")
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise OptionError(option, "is not a valid URL (%s)" % exc)
    if not host:
        raise OptionError(option, "must name a host, got %s" % shown(url))
    # DNS limits: 253 characters, labels of at most 63. Past them the IDNA codec raises a bare
    # UnicodeError deep inside requests, which would surface as "label too long" with no option.
    if len(host) > 253 or any(len(label) > 63 for label in host.split(".")):
        raise OptionError(option, "the host name is too long (DNS allows 253 characters, 63 per label): %s"
                          % shown(host))
    if scheme == "http" and not _is_loopback(host):
        raise OptionError(option, "plain http:// to %s is refused, because the key would travel in clear "
                                  "(use https://; http is allowed only for loopback addresses)" % host)
    return url.rstrip("/")


def _first_env(environ, names):
    for name in names:
        value = environ.get(name)
        if not _is_blank(value):
            return name, value
    return None, None


def resolve_api_key(provider, api_key, environ):
    """Return ``(key, from_env)``; the option wins, else the provider's own env vars."""
    if not _is_blank(api_key):
        key, from_env = api_key, False
    else:
        name, key = _first_env(environ, API_KEY_ENV[provider])
        from_env = True
        if key is None:
            key = _key_from_file(environ, API_KEY_FILE_ENV[provider])
        if key is None:
            raise OptionError("api_key", "is required for provider %s: set the api_key option or the "
                                         "environment variable %s (or %s naming a file that holds it)"
                              % (provider, " or ".join(API_KEY_ENV[provider]), API_KEY_FILE_ENV[provider]))
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in key):
        # Never echo the key itself, not even truncated.
        raise OptionError("api_key", "contains control characters (a stray newline?)")
    return key.strip(), from_env


def _key_from_file(environ, variable):
    """The key stored in the file that ``variable`` names, or None when the variable is unset."""
    path = environ.get(variable)
    if _is_blank(path):
        return None
    try:
        with open(path, "r") as handle:
            key = handle.read().strip()
    except (IOError, OSError) as exc:
        raise OptionError("api_key", "could not read the key file named by %s: %s"
                          % (variable, getattr(exc, "strerror", None) or type(exc).__name__))
    if not key:
        raise OptionError("api_key", "the key file named by %s is empty" % variable)
    return key


def resolve_api_url(provider, api_url, environ):
    if api_url is not None and _is_blank(api_url):
        # An explicit empty URL is a mistake (an unset variable?), not a request for the default:
        # silently falling back would send the key to the public API instead of the intended one.
        raise OptionError("api_url", "must not be empty; leave it unset to use %s or the default %s"
                          % (" or ".join(API_URL_ENV[provider]), DEFAULT_API_URL[provider]))
    if not _is_blank(api_url):
        return validate_api_url(api_url)
    name, url = _first_env(environ, API_URL_ENV[provider])
    if url is None:
        return DEFAULT_API_URL[provider]
    return validate_api_url(url, option="api_url (from %s)" % name)


def validate_ca_path(value, option="ca_path"):
    """None passes; otherwise an existing file or directory (requests would raise a bare OSError)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise OptionError(option, "must be the path of a PEM CA bundle, got %s" % shown(value))
    if not os.path.exists(value):
        raise OptionError(option, "%s does not exist" % shown(value))
    return value


def resolve_connection(params, environ):
    """Validate the common options and fill key/URL from the environment.

    Returns ``(connection, secrets)``: the connection dict handed to build_adapter, and the
    values that must be scrubbed from any output (the key, wherever it came from).
    """
    provider = validate_provider(params.get("provider") or "gcore")
    api_key, _from_env = resolve_api_key(provider, params.get("api_key"), environ)
    api_url = resolve_api_url(provider, params.get("api_url"), environ)
    request_timeout = validate_positive_float(
        30 if params.get("request_timeout") is None else params.get("request_timeout"), "request_timeout")
    validate_certs = params.get("validate_certs")
    connection = {
        "provider": provider,
        "api_key": api_key,
        "api_url": api_url,
        "validate_certs": True if validate_certs is None else bool(validate_certs),
        "ca_path": validate_ca_path(params.get("ca_path")),
        "request_timeout": request_timeout,
    }
    return connection, [api_key]


# --------------------------------------------------------------------------- per-module rules

def _one_or_many(bodies):
    # One body stays a dict, as the option has always returned; several stay a list.
    return bodies[0] if len(bodies) == 1 else bodies


def validate_wait_options(params):
    """task_wait's own options; returns the cleaned values (IDs from response are resolved later)."""
    if (params.get("task_ids") is None) == (params.get("response") is None):
        raise OptionError("task_ids", "exactly one of task_ids or response is required")
    return {
        "task_ids": None if params.get("task_ids") is None else validate_task_ids(params["task_ids"]),
        "response": None if params.get("response") is None else _one_or_many(response_bodies(params["response"])),
        "timeout": validate_positive_float(params.get("timeout"), "timeout"),
        "poll_interval": validate_positive_float(params.get("poll_interval"), "poll_interval"),
        "fail_on_error": params.get("fail_on_error") is not False,
        "fact_name": validate_fact_name(params.get("fact_name")),
        "project_id": validate_positive_int(params.get("project_id"), "project_id"),
        "region_id": validate_positive_int(params.get("region_id"), "region_id"),
        "coordinate": params.get("coordinate"),
        "heartbeat_interval": validate_non_negative_float(params.get("heartbeat_interval"), "heartbeat_interval"),
        "publish_stats": params.get("publish_stats"),
    }


INFO_FILTERS = ("state", "task_type", "project_id", "region_id", "is_acknowledged",
                "from_timestamp", "to_timestamp")


def validate_info_options(params, provider):
    """task_info: IDs, or (Gcore only) list filters; returns ``{"task_ids", "filters"}``."""
    used = [name for name in INFO_FILTERS if params.get(name) is not None]
    task_ids = params.get("task_ids")
    if task_ids is not None and used:
        raise OptionError(used[0], "task_ids cannot be combined with the filter(s) %s" % ", ".join(used))
    if provider == "gpcn" and used:
        raise OptionError(used[0], "the filter(s) %s are Gcore only; GPCN jobs can only be read by ID "
                                   "(task_ids)" % ", ".join(used))
    if task_ids is not None:
        return {"task_ids": validate_task_ids(task_ids), "filters": None}
    states = params.get("state")
    if states is not None:
        bad = [s for s in states if s not in GCORE_TASK_STATES]
        if bad or not states:
            raise OptionError("state", "must be a list of %s, got %s"
                              % ("/".join(GCORE_TASK_STATES), shown(states)))
    order_by = params.get("order_by") or "desc"
    if order_by not in ("asc", "desc"):
        raise OptionError("order_by", "must be asc or desc, got %s" % shown(order_by))
    task_type = params.get("task_type")
    if task_type is not None and (not isinstance(task_type, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", task_type)):
        raise OptionError("task_type", "must be a task type such as create_vm, got %s" % shown(task_type))
    filters = {
        "state": states,
        "task_type": task_type,
        "project_id": validate_positive_ints(params.get("project_id"), "project_id"),
        "region_id": validate_positive_ints(params.get("region_id"), "region_id"),
        "is_acknowledged": params.get("is_acknowledged"),
        "from_timestamp": validate_timestamp(params.get("from_timestamp"), "from_timestamp"),
        "to_timestamp": validate_timestamp(params.get("to_timestamp"), "to_timestamp"),
        "limit": validate_limit(1000 if params.get("limit") is None else params.get("limit")),
        "order_by": order_by,
    }
    return {"task_ids": None, "filters": dict((k, v) for k, v in filters.items() if v is not None)}


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
    }
