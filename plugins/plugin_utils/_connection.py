# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the key and the URL come from, their rules, and the client and adapter built from them.

The connection options are shared by every module (api_key, api_url, provider, validate_certs,
ca_path, request_timeout). An unset key or URL comes from the provider's own environment
variables; a key may also come from a file (AWX credential types inject one). OptionError here
names the option, and never quotes a key.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import os
import time
from urllib.parse import urlsplit

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import COMMON_ARGSPEC
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError, shown
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from ansible_collections.asyncops.cloud.plugins.plugin_utils._keyfile import read_key_file
from ansible_collections.asyncops.cloud.plugins.plugin_utils._providers import ADAPTERS
from ansible_collections.asyncops.cloud.plugins.plugin_utils._rate_budget import (
    ENV_RATE_LIMIT as RATE_LIMIT_VARIABLES,
    RateBudget,
    budget_path,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._run_scope import ScopeError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._secrets import secret_forms
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import (
    is_blank,
    validate_positive_float,
    validate_positive_int,
)

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

DEFAULT_REQUEST_TIMEOUT = COMMON_ARGSPEC["request_timeout"]["default"]
DEFAULT_MAX_RESPONSE_MB = COMMON_ARGSPEC["max_response_mb"]["default"]
MIB = 1024 * 1024
# A connect should never take longer than the whole request may, nor longer than this.
MAX_CONNECT_TIMEOUT = 10


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
        if not is_blank(value):
            return name, value
    return None, None


def resolve_api_key(provider, api_key, environ):
    """Return ``(key, from_env)``; the option wins, else the provider's own env vars."""
    if not is_blank(api_key):
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
    if is_blank(path):
        return None
    return read_key_file(path, variable)


def resolve_api_url(provider, api_url, environ):
    if api_url is not None and is_blank(api_url):
        # An explicit empty URL is a mistake (an unset variable?), not a request for the default:
        # silently falling back would send the key to the public API instead of the intended one.
        raise OptionError("api_url", "must not be empty; leave it unset to use %s or the default %s"
                          % (" or ".join(API_URL_ENV[provider]), DEFAULT_API_URL[provider]))
    if not is_blank(api_url):
        return validate_api_url(api_url)
    for name in API_URL_ENV[provider]:
        if name in environ and is_blank(environ[name]):
            # Set but empty (an unset CI variable?): never the default instead, since the key
            # would then go to an endpoint the user did not choose.
            raise OptionError("api_url", "the environment variable %s is set but empty; give it a URL, or unset "
                                         "it to use the default %s" % (name, DEFAULT_API_URL[provider]))
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
    """Check the common options (after the argspec) and fill key/URL from the environment.

    Returns ``(connection, secrets)``: the connection dict handed to build_adapter/build_client,
    and the values that must be scrubbed from any output: every spelling of the key (bare, with
    its scheme word, URL-encoded, JSON-escaped), wherever it came from.
    """
    provider = params.get("provider") or "gcore"
    api_key, _from_env = resolve_api_key(provider, params.get("api_key"), environ)
    timeout = params.get("request_timeout")
    max_response_mb = params.get("max_response_mb")
    connection = {
        "provider": provider,
        "api_key": api_key,
        "api_url": resolve_api_url(provider, params.get("api_url"), environ),
        "validate_certs": params.get("validate_certs") is not False,
        "ca_path": validate_ca_path(params.get("ca_path")),
        "request_timeout": (DEFAULT_REQUEST_TIMEOUT if timeout is None
                            else validate_positive_float(timeout, "request_timeout")),
        "max_response_bytes": int(MIB * (DEFAULT_MAX_RESPONSE_MB if max_response_mb is None
                                         else validate_positive_float(max_response_mb, "max_response_mb"))),
    }
    rate, budget = resolve_rate_budget(connection, params.get("rate_limit"), environ)
    if rate is not None:
        connection.update(rate_limit=rate, rate_budget=budget)
    return connection, secret_forms(api_key)


#: Where a Gcore project and region come from when the options are unset (the SDK's variables).
SCOPE_ENV = {"project_id": "GCORE_CLOUD_PROJECT_ID", "region_id": "GCORE_CLOUD_REGION_ID"}


def resolve_scope(params, environ):
    """The Gcore ``{project_id, region_id}``: the options, else GCORE_CLOUD_PROJECT_ID / _REGION_ID."""
    scope = {}
    for option, variable in sorted(SCOPE_ENV.items()):
        value = params.get(option)
        if value is None:
            raw = (environ.get(variable) or "").strip()
            if not raw:
                raise OptionError(option, "is required for Gcore resources (or set %s)" % variable)
            if not raw.isdigit():
                raise OptionError(option, "%s must be a positive integer, got %s" % (variable, shown(raw)))
            value = int(raw)
        scope[option] = validate_positive_int(value, option)
    return scope


def other_connections(params, connection, groups, environ):
    """The connection of each provider other than the task's that ``groups`` wait on.

    ``api_key``/``api_url`` name the task's provider; another provider's key and URL come from its
    own variables (GPCN_API_KEY, GCORE_API_KEY_FILE...), exactly as for a call of that provider.
    Returns ``({provider: connection}, [secrets])``.
    """
    connections = {}
    secrets = []
    for group in groups:
        if group.provider == connection["provider"] or group.provider in connections or not group.ids:
            continue
        shared = dict((key, params.get(key)) for key in ("validate_certs", "ca_path", "request_timeout", "max_response_mb"))
        shared["provider"] = group.provider
        try:
            connections[group.provider], found = resolve_connection(shared, environ)
        except OptionError as exc:
            reason = str(exc)[len(exc.option) + 2:]  # OptionError reads "<option>: <reason>"
            names = (_PROVIDER_NAMES[group.provider], _PROVIDER_NAMES[connection["provider"]])
            raise OptionError(exc.option, "%s (for the %s answers in response; the api_key and api_url options "
                                          "are the %s ones)" % ((reason,) + names))
        secrets.extend(found)
    return connections, secrets


_PROVIDER_NAMES = {"gcore": "Gcore", "gpcn": "GPCN"}


def resolve_rate_budget(connection, rate_limit, environ):
    """``(requests per second or None, path of the run's shared budget file or None)``.

    The option wins, else the provider's variable (empty: none). The file lives in the run's
    private directory (plugin_utils._rate_budget), named by a keyed hash, never the key.
    """
    option = "rate_limit"
    if rate_limit is None:
        option = RATE_LIMIT_VARIABLES[connection["provider"]]
        rate_limit = (environ.get(option) or "").strip() or None
    rate = validate_positive_float(rate_limit, option)
    if rate is None:
        return None, None
    try:
        return rate, budget_path(connection, environ=environ)
    except (OSError, ScopeError) as exc:
        raise OptionError(option, "cannot keep the run's shared budget: %s" % exc)


# --------------------------------------------------------------------------- building

def auth_header(provider, api_key):
    """(header name, header value) for a provider's API key."""
    if provider == "gcore":
        # Accept a key pasted together with its scheme word, but never send it twice.
        if api_key.lower().startswith("apikey "):
            api_key = api_key[len("apikey "):].strip()
        return "Authorization", "APIKey %s" % api_key
    return "X-API-Key", api_key


def build_client(connection, sleep=time.sleep, max_retries=5, user_agent=None):
    """An HttpClient for a connection dict as resolve_connection returns it.

    ``provider``, ``api_key`` and ``api_url`` are required; the other keys default as the
    options do.
    """
    name, value = auth_header(connection["provider"], connection["api_key"])
    read_timeout = connection.get("request_timeout") or DEFAULT_REQUEST_TIMEOUT
    gate = None
    if connection.get("rate_budget"):
        gate = RateBudget(connection["rate_budget"], connection["rate_limit"])
    return HttpClient(
        connection["api_url"], name, value,
        gate=gate,
        validate_certs=connection.get("validate_certs", True),
        ca_path=connection.get("ca_path"),
        connect_timeout=min(MAX_CONNECT_TIMEOUT, read_timeout),
        read_timeout=read_timeout,
        max_retries=max_retries,
        sleep=sleep,
        user_agent=user_agent,
        max_response_bytes=connection.get("max_response_bytes") or int(MIB * DEFAULT_MAX_RESPONSE_MB),
    )


def start_deadline(bounded, timeout, clock=time.monotonic):
    """Bound everything ``bounded`` (an HttpClient or an Adapter) does from now on by ``timeout``
    seconds: one overall deadline for a module call (connects, answers, bodies, retries, sleeps)."""
    if timeout:
        bounded.set_deadline(clock() + timeout, clock)


def build_adapter(connection, sleep=time.sleep, max_retries=5, user_agent=None):
    """The provider's Adapter (GcoreAdapter or GpcnAdapter) for a connection dict."""
    client = build_client(connection, sleep=sleep, max_retries=max_retries, user_agent=user_agent)
    return ADAPTERS[connection["provider"]](client)
