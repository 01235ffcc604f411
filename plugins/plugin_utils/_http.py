# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HttpClient: requests sessions with auth, TLS, timeouts, safe retries and a request counter.

Retries are urllib3's ``Retry`` machinery, customised in _retry.py. Reads are retried on
connection errors, read timeouts and 408/429/5xx; writes only when the request surely never
left this machine (connect errors), because resending a create is unsafe. Reads and writes go
through two sessions, each mounted once with its own fixed retry policy, so no request changes
what another one (in another thread) uses.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import posixpath
import threading
import time
from urllib.parse import quote, unquote, urlsplit

try:
    import requests
    import requests.adapters
    import requests.auth
    import requests.exceptions
    from urllib3.exceptions import HTTPError as Urllib3HTTPError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as import_error:  # the action plugins report it with missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = import_error
    Urllib3HTTPError = Exception

from ansible_collections.asyncops.cloud.plugins.plugin_utils._body import (
    ACCEPTED_ENCODINGS,
    MIB,
    BodyDeadline,
    BodyTooLarge,
    read_body,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    CertificateError,
    MalformedResponseError,
    RateLimitedError,
    ResponseTooLargeError,
    TransportError,
    UnsafePathError,
    WriteOutcomeUnknownError,
    _cause_text,
    error_for_status,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._retry import (
    RETRY_AFTER_CAP,
    RETRY_STATUSES,
    AttemptCounter,
    Deadline,
    DeadlineReached,
    DeadlineTimeout,
    deadline_error,
    never_reached_server,
    retry_policy,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._secrets import mask, secret_forms
from ansible_collections.asyncops.cloud.plugins.plugin_utils._version import (
    COLLECTION_NAME,
    COLLECTION_VERSION,
)

__all__ = ["HAS_REQUESTS", "REQUESTS_IMPORT_ERROR", "RETRY_AFTER_CAP", "RETRY_STATUSES", "HttpClient",
           "quote_segment"]

# Bodies quoted into error messages are cut to this length.
API_MESSAGE_MAX = 500
# The most decoded bytes one answer may have (max_response_mb): a page of 1000 Gcore tasks is
# a few MiB, so this leaves room while a runaway answer cannot take the controller's memory.
DEFAULT_MAX_RESPONSE_BYTES = 16 * MIB
# The environment variables requests reads a CA bundle from when the module names none.
CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")

DEFAULT_USER_AGENT = "%s/%s (Ansible collection)" % (COLLECTION_NAME, COLLECTION_VERSION)


def quote_segment(value):
    """Quote one path segment (a task ID) so that '/', '?', '#' and '%' cannot change the URL."""
    return quote(str(value), safe="")


def _api_message(response, secrets):
    """The API's own error text: Gcore ``message``/``detail``, GPCN ``message``/``error``."""
    text = None
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        parts = []
        for key in ("message", "detail", "error", "errors"):
            value = body.get(key)
            if value in (None, "", [], {}):
                continue
            if isinstance(value, list):
                value = "; ".join(
                    item.get("msg") or json.dumps(item, sort_keys=True) if isinstance(item, dict) else str(item)
                    for item in value)
            elif isinstance(value, dict):
                value = json.dumps(value, sort_keys=True)
            value = str(value)
            if value not in parts:
                parts.append(value)
        text = "; ".join(parts) if parts else None
    if text is None:
        raw = (response.text or "").strip()
        text = raw or None
    # Defence in depth: never repeat the key even if a server echoes it back, in any spelling.
    text = mask(text, secrets)
    if text and len(text) > API_MESSAGE_MAX:
        text = text[:API_MESSAGE_MAX] + "..."
    return text


def _request_id(response):
    for name in ("X-Request-ID", "X-Request-Id", "Request-Id", "X-Correlation-ID"):
        value = response.headers.get(name)
        if value:
            return value[:200]
    return None


def _is_certificate_failure(exc):
    """True when a requests exception is a failed certificate verification (not a flaky link)."""
    if not isinstance(exc, requests.exceptions.SSLError):
        return False
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text.lower()


def _surely_not_sent(exc):
    """True when a requests exception proves the request never reached the server."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError,
                        requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return True
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)  # MaxRetryError wraps the last error
    return never_reached_server(reason)


class HttpClient(object):
    """A small JSON client for one API base URL with one credential header."""

    def __init__(self, base_url, auth_header_name, auth_header_value, validate_certs=True,
                 ca_path=None, connect_timeout=10, read_timeout=30, max_retries=5,
                 backoff_factor=0.5, backoff_max=30, sleep=time.sleep, user_agent=None,
                 clock=time.monotonic, max_response_bytes=DEFAULT_MAX_RESPONSE_BYTES, gate=None):
        """``base_url`` is a validated http(s) URL (_connection.validate_api_url)."""
        if not HAS_REQUESTS:
            raise ImportError("the requests and urllib3 Python libraries are required: %s"
                              % REQUESTS_IMPORT_ERROR)
        self.base_url = base_url.rstrip("/")
        self.base_path = urlsplit(base_url).path.rstrip("/")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        # None: no cap (only for callers that bound memory otherwise).
        self.max_response_bytes = max_response_bytes
        self.request_count = 0
        # Bytes of every answer body read (decoded), error answers included: what a sweep's
        # planner weighs against per-ID GETs.
        self.bytes_received = 0
        self._count_lock = threading.Lock()
        self._clock = clock
        # A wait bounds its requests' retries by its own deadline (set_deadline); None: unbounded.
        self._deadline = Deadline(clock)
        self._counter = AttemptCounter()
        # Every spelling of the key (bare, with its scheme, URL-encoded, JSON-escaped) is masked
        # in whatever this client puts into an error.
        self._secrets = secret_forms(auth_header_value)
        headers = {
            "Accept": "application/json",
            # Only codings that can be decoded piece by piece under the size cap.
            "Accept-Encoding": ACCEPTED_ENCODINGS,
            "User-Agent": user_agent or DEFAULT_USER_AGENT,
            auth_header_name: auth_header_value,
        }
        self.ca_path = ca_path if (ca_path and validate_certs) else None
        # Passed with every request: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a
        # session's verify, but never an explicit per-request ca_path or False. With
        # validate_certs on and no ca_path, a bundle from those variables is used (documented).
        self.verify = self.ca_path or bool(validate_certs)
        retries = max(0, int(max_retries))
        # ``gate(refuses)`` is called before every attempt (a shared rate budget): it may sleep
        # until the attempt's slot, and returns False when that slot would come too late for the
        # deadline (``refuses(seconds)``): the attempt is then not made.
        self._gate = gate
        self._sessions = dict(
            (idempotent, _session(headers, self.verify, retry_policy(
                idempotent, retries, backoff_factor, backoff_max, sleep, self._counter, self._deadline, gate)))
            for idempotent in (True, False))

    def __repr__(self):
        # Never show headers (the key lives there).
        return "HttpClient(%r, requests=%d)" % (self.base_url, self.request_count)

    # -- deadline ---------------------------------------------------------------------------

    @property
    def deadline(self):
        """The monotonic time after which no retry attempt starts, or None."""
        return self._deadline.at

    def set_deadline(self, deadline, clock=None):
        """Bound every later request's retries by ``deadline`` (None lifts the bound).

        ``clock`` is the clock the deadline was computed with (the engine's); the client's
        own monotonic clock otherwise. A retry whose sleep would end at or after the deadline
        is not made: the request raises the error of its last attempt instead (RateLimitedError,
        ServerError or TransportError, all transient for a wait).
        """
        self._deadline.set(deadline, clock)

    # -- URL handling -----------------------------------------------------------------------

    def url_for(self, path):
        """Join base URL and path, refusing any path that escapes the base path.

        Callers validate paths (api_call's ``path`` option) or build them from quoted IDs;
        this is the last guard, because the key travels with every request.
        """
        if not isinstance(path, str) or not path.startswith("/"):
            raise UnsafePathError(path, "it must start with '/'")
        if "?" in path or "#" in path:
            raise UnsafePathError(path, "it must not carry a query or fragment")
        full_path = self.base_path + path
        segments = [unquote(seg) for seg in full_path.split("/")]
        normalised = posixpath.normpath(full_path)
        if any(seg in (".", "..") for seg in segments) or not (
                normalised == self.base_path or normalised.startswith(self.base_path + "/")):
            raise UnsafePathError(path, "it escapes the API base path")
        return self.base_url + path

    # -- public verbs -----------------------------------------------------------------------

    def get(self, path, params=None):
        return self._request("GET", path, params=params, idempotent=True)

    def post(self, path, json=None, params=None, idempotent=False):
        return self._request("POST", path, params=params, body=json, idempotent=idempotent)

    def delete(self, path):
        return self._request("DELETE", path, idempotent=False)

    def exchange(self, method, path, params=None, json=None, accept=None):
        """Any method, for callers that decide which statuses count as success (api_call).

        Returns ``(status, parsed JSON or None)`` when the status is in ``accept`` (default:
        any 2xx). Other statuses raise the ApiError of that status with the parsed body as
        ``exc.body``, so the caller can still show what the API answered. GET is a read
        (retried like ``get``); every other method is a write, never resent once it may have
        reached the server.
        """
        method = str(method).upper()
        idempotent = method == "GET"
        response = self._send(method, path, params=params, body=json, idempotent=idempotent)
        status = response.status_code
        accepted = (200 <= status < 300) if accept is None else status in accept
        if not accepted:
            exc = error_for_status(status, method, path, _api_message(response, self._secrets),
                                   request_id=_request_id(response))
            exc.body = _json_or_none(response)
            raise exc
        if status == 204 or not response.content:
            return status, None
        try:
            return status, response.json()
        except ValueError:
            if 200 <= status < 300:
                raise MalformedResponseError(method, path, status, "the body is not JSON")
            # An accepted error status (a lookup's 404) may come as a plain-text page.
            return status, None

    # -- internals --------------------------------------------------------------------------

    def _request(self, method, path, params=None, body=None, idempotent=False):
        response = self._send(method, path, params=params, body=body, idempotent=idempotent)
        return self._decode(method, path, response)

    def _send(self, method, path, params=None, body=None, idempotent=False):
        """One request with its retry policy; the final response, whatever its status."""
        url = self.url_for(path)
        counter = self._counter
        counter.reset()
        if self._gate is not None and not self._gate(self._deadline.refuses):
            raise RateLimitedError(None, method, path, "not sent: the requests-per-second budget (rate_limit) "
                                                       "has no slot for it before the deadline")
        try:
            response = self._sessions[bool(idempotent)].request(
                method, url, params=_encode_params(params), json=body,
                timeout=DeadlineTimeout(self.connect_timeout, self.read_timeout, self._deadline),
                allow_redirects=False, stream=True, verify=self.verify)
        except DeadlineReached:
            self._count(counter.reached_server)
            raise deadline_error(method, path, counter.last_outcome, idempotent, self._masked)
        except requests.exceptions.RequestException as exc:
            self._count(counter.reached_server)
            if _is_certificate_failure(exc):
                raise CertificateError(method, path, self._masked(exc), ca_source=self._ca_source())
            sent = not _surely_not_sent(exc)
            if sent and not idempotent:
                raise WriteOutcomeUnknownError(method, path, self._masked(exc))
            raise TransportError(method, path, self._masked(exc), may_have_been_sent=sent)
        reached = counter.reached_server
        if response.raw is not counter.last_counted_response:
            reached += 1  # the final attempt, which no retry decision saw
        # Counted as soon as the headers arrived: a body that then fails was still a request
        # the server saw.
        self._count(reached)
        self._read_body(method, path, response, idempotent)
        return response

    def _read_body(self, method, path, response, idempotent):
        """The whole body, under the size cap and the deadline; typed errors otherwise."""
        try:
            content = read_body(response, self.max_response_bytes, self._deadline.remaining)
            with self._count_lock:
                self.bytes_received += len(content)
            return
        except BodyTooLarge as exc:
            raise ResponseTooLargeError(method, path, response.status_code, exc.limit)
        except BodyDeadline:
            cause = "the deadline passed while the answer was still arriving"
            cut = True
        except (Urllib3HTTPError, requests.exceptions.RequestException, OSError) as exc:
            response.close()
            left = self._deadline.remaining()
            cause = self._masked(exc)
            cut = left is not None and left <= 0
            if cut:
                cause = "the deadline passed while the answer was still arriving (%s)" % cause
        if not idempotent:
            raise WriteOutcomeUnknownError(method, path, cause)
        raise TransportError(method, path, cause, may_have_been_sent=True, cut_by_deadline=cut)

    def _masked(self, cause):
        """The text of an exception with every spelling of the key masked."""
        return mask(cause if isinstance(cause, str) else _cause_text(cause), self._secrets)

    def _ca_source(self):
        """Where the CA bundle of a failed verification came from, for the error message."""
        if self.ca_path:
            return "ca_path %s" % self.ca_path
        for name in CA_BUNDLE_VARIABLES:
            if os.environ.get(name):
                return "%s=%s from the environment (used because ca_path is not set)" % (name, os.environ[name])
        return None

    def _count(self, attempts):
        with self._count_lock:
            self.request_count += attempts

    def _decode(self, method, path, response):
        status = response.status_code
        if status < 200 or status >= 300:
            raise error_for_status(status, method, path, _api_message(response, self._secrets),
                                   request_id=_request_id(response))
        if status == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise MalformedResponseError(method, path, status, "the body is not JSON")


def _json_or_none(response):
    """The parsed body of an answer, or None when it is empty or not JSON."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _encode_params(params):
    """Drop None values; lists become repeated parameters (state=NEW&state=RUNNING)."""
    if not params:
        return None
    encoded = []
    for key, value in params.items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, bool):
                item = "true" if item else "false"
            encoded.append((key, item))
    return encoded


class _Session(requests.Session if HAS_REQUESTS else object):
    """A Session that never looks for a redirect target.

    Redirects are never followed (the key would travel along), and requests would otherwise
    read a 3xx body whole, with no cap, just to find the next URL it is not going to use.
    """

    def get_redirect_target(self, resp):
        return None


class _NoNetrc(requests.auth.AuthBase if HAS_REQUESTS else object):
    """Session auth that adds nothing: the key travels in the session's own header, and with an
    auth set, requests does not look up ~/.netrc (whose credentials would replace that header)."""

    def __call__(self, request):
        return request


def _session(headers, verify, retry):
    """A requests.Session whose every request follows ``retry`` (never changed afterwards)."""
    session = _Session()
    # Proxies (HTTPS_PROXY, NO_PROXY...) from the environment still apply; ~/.netrc does not, and
    # TLS is decided by the client's options (passed as ``verify`` with every request).
    session.trust_env = True
    session.auth = _NoNetrc()
    adapter = requests.adapters.HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(headers)
    session.verify = verify
    return session
