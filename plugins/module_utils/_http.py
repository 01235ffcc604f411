# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HttpClient: one requests.Session with auth, TLS, timeouts, safe retries and a request counter.

Retries are urllib3's ``Retry`` machinery (capped exponential backoff, jitter, Retry-After),
subclassed only to inject the sleep function and to count the attempts that reached the server.
Reads are retried on connection errors, read timeouts and 408/429/5xx; writes only when the
request surely never left this machine (connect errors), because resending a create is unsafe.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import posixpath
import time

try:
    from urllib.parse import quote, unquote, urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported, keep sanity import happy
    from urllib import quote, unquote  # type: ignore
    from urlparse import urlsplit  # type: ignore

try:
    import requests
    import requests.adapters
    import requests.auth
    import requests.exceptions
    from urllib3.util.retry import Retry
    from urllib3.util.timeout import Timeout
    from urllib3.exceptions import (
        ConnectTimeoutError,
        HTTPError as Urllib3HTTPError,
        NewConnectionError,
    )
    try:
        from urllib3.exceptions import NameResolutionError
    except ImportError:  # urllib3 < 2 reports DNS failures as NewConnectionError
        NameResolutionError = NewConnectionError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as import_error:  # modules report it with missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = import_error
    Retry = Timeout = object
    Urllib3HTTPError = Exception

from ansible_collections.asyncops.cloud.plugins.module_utils._body import (
    ACCEPTED_ENCODINGS,
    MIB,
    BodyDeadline,
    BodyTooLarge,
    read_body,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._errors import (
    CertificateError,
    MalformedResponseError,
    OptionError,
    ResponseTooLargeError,
    TRANSIENT_ERRORS,
    TransportError,
    WriteOutcomeUnknownError,
    _cause_text,
    error_for_status,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._secrets import mask, secret_forms
from ansible_collections.asyncops.cloud.plugins.module_utils._version import (
    COLLECTION_NAME,
    COLLECTION_VERSION,
)

RETRY_STATUSES = frozenset([408, 429, 500, 502, 503, 504])
# A server may ask for a long pause; we never wait longer than this for one retry.
RETRY_AFTER_CAP = 60.0
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


class _AttemptCounter(object):
    """Shared by every Retry object of one request (urllib3 copies Retry on each attempt)."""

    def __init__(self):
        self.reached_server = 0
        self.last_counted_response = None
        # The status (int) or the exception of the attempt that asked for the latest retry.
        self.last_outcome = None


class _DeadlineReached(Exception):
    """Raised from inside urllib3's retry loop: the next attempt would start after the deadline.

    Deliberately not a urllib3/requests exception, so it passes through both untouched and
    HttpClient turns it into the typed error of the last attempt.
    """


class _Deadline(object):
    """A monotonic deadline and the clock it is measured with (None: unbounded)."""

    def __init__(self, at=None, clock=time.monotonic):
        self.at = at
        self.clock = clock

    def refuses(self, delay):
        """True when an attempt ``delay`` seconds from now would start at or after the deadline."""
        return self.at is not None and self.clock() + max(0.0, delay) >= self.at

    def remaining(self):
        """Seconds left (may be <= 0), or None when unbounded."""
        return None if self.at is None else self.at - self.clock()


class _DeadlineTimeout(Timeout):
    """(connect, read) timeouts that never reach past the deadline, for every attempt.

    urllib3 clones the timeout object at the start of every attempt, retries included; each
    clone is cut to the time left (``total`` bounds connect plus the wait for the headers), and
    an attempt that would start at the deadline is not made. The body is bounded separately
    (_body.read_body), since a socket timeout only bounds one read.
    """

    def __init__(self, connect, read, deadline):
        super(_DeadlineTimeout, self).__init__(connect=connect, read=read)
        self._limits = (connect, read)
        self._bound = deadline

    def clone(self):
        connect, read = self._limits
        left = self._bound.remaining()
        if left is None:
            return Timeout(connect=connect, read=read)
        if left <= 0:
            raise _DeadlineReached()
        return Timeout(total=left, connect=min(connect, left), read=min(read, left))


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


class _CountingRetry(Retry):
    """urllib3 Retry with an injectable sleep, a Retry-After cap and an attempt counter."""

    def __init__(self, *args, **kwargs):
        self._sleep_fn = kwargs.pop("sleep_fn", time.sleep)
        self._counter = kwargs.pop("counter", None) or _AttemptCounter()
        self._retry_after_cap = kwargs.pop("retry_after_cap", RETRY_AFTER_CAP)
        self._deadline = kwargs.pop("deadline", None) or _Deadline()
        super(_CountingRetry, self).__init__(*args, **kwargs)

    def new(self, **kw):
        # Retry.new() rebuilds the object from its known fields; carry ours along.
        kw.setdefault("sleep_fn", self._sleep_fn)
        kw.setdefault("counter", self._counter)
        kw.setdefault("retry_after_cap", self._retry_after_cap)
        kw.setdefault("deadline", self._deadline)
        return super(_CountingRetry, self).new(**kw)

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        # Every attempt that ends in a retry decision passes here exactly once. Connect errors
        # mean the request never reached the server, so the server did not count it either.
        if response is not None:
            self._counter.reached_server += 1
            self._counter.last_counted_response = response
            self._counter.last_outcome = response.status
        elif error is not None:
            self._counter.last_outcome = error
            if not self._is_connection_error(error) and not _is_tls_error(error):
                # A failed TLS handshake never got as far as an HTTP request the server could count.
                self._counter.reached_server += 1
        return super(_CountingRetry, self).increment(
            method=method, url=url, response=response, error=error, _pool=_pool, _stacktrace=_stacktrace)

    def _retry_after_seconds(self, response):
        header = response.headers.get("Retry-After") if response is not None else None
        if not header:
            return None
        try:
            seconds = self.parse_retry_after(header)
        except Exception:  # an unparsable header falls back to our own backoff
            return None
        if seconds <= 0:
            # A date already past (clock skew, a cached answer) asks for nothing: retrying at
            # once would only make a burst, so the normal backoff applies.
            return None
        return min(float(seconds), self._retry_after_cap)

    def sleep(self, response=None):
        seconds = None
        if self.respect_retry_after_header and response is not None:
            seconds = self._retry_after_seconds(response)
        if seconds is None:
            seconds = self.get_backoff_time()
        if self._deadline.refuses(seconds):
            # Sleeping up to the deadline would only delay the verdict: no attempt may follow.
            raise _DeadlineReached()
        if seconds > 0:
            self._sleep_fn(seconds)


def _is_tls_error(error):
    try:
        from urllib3.exceptions import SSLError as Urllib3SSLError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(error, Urllib3SSLError)


def _supported_retry_kwargs(kwargs):
    """Drop Retry arguments that an older urllib3 on the managed host does not know."""
    try:
        import inspect
        accepted = inspect.signature(Retry.__init__).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return kwargs
    return dict((key, value) for key, value in kwargs.items() if key in accepted)


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
    # Defence in depth: never repeat the key even if a server echoes it back, in any form.
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
    return isinstance(reason, (NewConnectionError, NameResolutionError, ConnectTimeoutError))


class HttpClient(object):
    """A small JSON client for one API base URL with one credential header."""

    def __init__(self, base_url, auth_header_name, auth_header_value, validate_certs=True,
                 ca_path=None, connect_timeout=10, read_timeout=30, max_retries=5,
                 backoff_factor=0.5, backoff_max=30, sleep=time.sleep, user_agent=None,
                 clock=time.monotonic, max_response_bytes=DEFAULT_MAX_RESPONSE_BYTES):
        if not HAS_REQUESTS:
            raise ImportError("the requests and urllib3 Python libraries are required: %s"
                              % REQUESTS_IMPORT_ERROR)
        parts = urlsplit(base_url or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise OptionError("api_url", "must be an http:// or https:// URL, got %r" % (base_url,))
        if parts.query or parts.fragment:
            raise OptionError("api_url", "must not contain a query string or fragment")
        self.base_url = base_url.rstrip("/")
        self.base_path = parts.path.rstrip("/")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_retries = max(0, int(max_retries))
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        # None: no cap (only for callers that bound memory otherwise).
        self.max_response_bytes = max_response_bytes
        self.request_count = 0
        self._sleep = sleep
        self._clock = clock
        # A wait bounds its requests' retries by its own deadline (set_deadline); None: unbounded.
        self._deadline = _Deadline(None, clock)
        # Every spelling of the key (bare, with its scheme, URL-encoded, JSON-escaped) is masked
        # in whatever this client puts into an error.
        self._secrets = secret_forms(auth_header_value)
        self._adapter = requests.adapters.HTTPAdapter(max_retries=self._retry_policy(True, None))
        self.session = _Session()
        # Proxies (HTTPS_PROXY, NO_PROXY...) from the environment still apply; ~/.netrc does not
        # (see _NoNetrc), and TLS is decided by this client's options (self.verify, below).
        self.session.trust_env = True
        self.session.auth = _NoNetrc()
        self.session.mount("http://", self._adapter)
        self.session.mount("https://", self._adapter)
        self.session.headers.update({
            "Accept": "application/json",
            # Only codings that can be decoded piece by piece under the size cap.
            "Accept-Encoding": ACCEPTED_ENCODINGS,
            "User-Agent": user_agent or DEFAULT_USER_AGENT,
            auth_header_name: auth_header_value,
        })
        self.ca_path = ca_path if (ca_path and validate_certs) else None
        # Passed with every request: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a
        # session's verify, but never an explicit per-request ca_path or False. With
        # validate_certs on and no ca_path, a bundle from those variables is used (documented).
        self.verify = self.ca_path or bool(validate_certs)
        self.session.verify = self.verify

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
        self._deadline = _Deadline(deadline, clock or self._clock)

    # -- URL handling -----------------------------------------------------------------------

    def url_for(self, path):
        """Join base URL and path, refusing any path that escapes the base path."""
        if not isinstance(path, str) or not path.startswith("/"):
            raise OptionError("path", "an API path must start with '/'")
        if "?" in path or "#" in path:
            raise OptionError("path", "an API path must not carry a query or fragment")
        full_path = self.base_path + path
        segments = [unquote(seg) for seg in full_path.split("/")]
        normalised = posixpath.normpath(full_path)
        if any(seg in (".", "..") for seg in segments) or not (
                normalised == self.base_path or normalised.startswith(self.base_path + "/")):
            raise OptionError("path", "refusing a URL path that escapes the API base path")
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

    def _retry_policy(self, idempotent, counter):
        retries = self.max_retries
        kwargs = dict(
            total=retries,
            # Connect errors happen before anything is sent: safe to retry for any method.
            connect=retries,
            # Reads and status retries only for idempotent calls (allowed_methods below).
            read=retries if idempotent else 0,
            status=retries if idempotent else 0,
            other=0,        # TLS/protocol surprises are not worth repeating
            redirect=0,     # we never follow redirects with a key attached
            raise_on_redirect=False,
            raise_on_status=False,
            # An empty set would mean "every method" to urllib3, so writes get a set that can
            # never match a POST or DELETE: their answers are never retried.
            allowed_methods=frozenset(["GET", "POST", "DELETE"]) if idempotent else frozenset(["GET"]),
            status_forcelist=RETRY_STATUSES if idempotent else frozenset(),
            backoff_factor=self.backoff_factor,
            backoff_max=self.backoff_max,
            backoff_jitter=min(1.0, float(self.backoff_factor or 0)),
            respect_retry_after_header=bool(idempotent),
        )
        kwargs = _supported_retry_kwargs(kwargs)
        return _CountingRetry(sleep_fn=self._sleep, counter=counter, deadline=self._deadline, **kwargs)

    def _request(self, method, path, params=None, body=None, idempotent=False):
        response = self._send(method, path, params=params, body=body, idempotent=idempotent)
        return self._decode(method, path, response)

    def _send(self, method, path, params=None, body=None, idempotent=False):
        """One request with its retry policy; the final response, whatever its status."""
        url = self.url_for(path)
        counter = _AttemptCounter()
        # One client is used by one thread at a time (a module run); the policy is per call.
        self._adapter.max_retries = self._retry_policy(idempotent, counter)
        try:
            response = self.session.request(
                method, url, params=_encode_params(params), json=body,
                timeout=_DeadlineTimeout(self.connect_timeout, self.read_timeout, self._deadline),
                allow_redirects=False, stream=True, verify=self.verify)
        except _DeadlineReached:
            self.request_count += counter.reached_server
            raise _deadline_error(method, path, self._masked(counter.last_outcome), idempotent,
                                  _is_unreached(counter.last_outcome))
        except requests.exceptions.RequestException as exc:
            self.request_count += counter.reached_server
            if _is_certificate_failure(exc):
                raise CertificateError(method, path, self._masked(exc), ca_source=self._ca_source())
            sent = not _surely_not_sent(exc)
            if sent and not idempotent:
                raise WriteOutcomeUnknownError(method, path, self._masked(exc))
            raise TransportError(method, path, self._masked(exc), may_have_been_sent=sent)
        finally:
            self._adapter.max_retries = self._retry_policy(True, None)
        # Counted as soon as the headers arrived: a body that fails to arrive was still a
        # request the server saw.
        if response.raw is not counter.last_counted_response:
            counter.reached_server += 1
        self.request_count += counter.reached_server
        self._read_body(method, path, response, idempotent)
        return response

    def _read_body(self, method, path, response, idempotent):
        """The whole body, under the size cap and the deadline; typed errors otherwise."""
        try:
            read_body(response, self.max_response_bytes, self._deadline.remaining)
            return
        except BodyTooLarge as exc:
            raise ResponseTooLargeError(method, path, response.status_code, exc.limit)
        except BodyDeadline:
            cause = "the deadline passed while the answer was still arriving"
        except (Urllib3HTTPError, requests.exceptions.RequestException, OSError) as exc:
            response.close()
            left = self._deadline.remaining()
            cause = self._masked(exc)
            if left is not None and left <= 0:
                cause = "the deadline passed while the answer was still arriving (%s)" % cause
        if not idempotent:
            raise WriteOutcomeUnknownError(method, path, cause)
        raise TransportError(method, path, cause, may_have_been_sent=True)

    def _masked(self, cause):
        """The text of an exception (or None) with every form of the key masked."""
        if cause is None or isinstance(cause, int):
            return cause
        return mask(cause if isinstance(cause, str) else _cause_text(cause), self._secrets)

    def _ca_source(self):
        """Where the CA bundle of a failed verification came from, for the error message."""
        if self.ca_path:
            return "ca_path %s" % self.ca_path
        if self.session.trust_env:
            for name in CA_BUNDLE_VARIABLES:
                if os.environ.get(name):
                    return "%s=%s from the environment (used because ca_path is not set)" % (name, os.environ[name])
        return None

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


def _is_unreached(outcome):
    return isinstance(outcome, (NewConnectionError, NameResolutionError, ConnectTimeoutError))


def _json_or_none(response):
    """The parsed body of an answer, or None when it is empty or not JSON."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _deadline_error(method, path, outcome, idempotent, unreached=False):
    """The typed error of the last attempt of a request cut short by the wait's deadline.

    Always one the engine treats as transient (its wait then ends timed out with the tasks
    pending), because the API may well recover; only the time to wait for it ran out.
    """
    note = "not retried, because the next attempt would start after the deadline (timeout)"
    if isinstance(outcome, int):
        exc = error_for_status(outcome, method, path, note)
        if isinstance(exc, TRANSIENT_ERRORS):
            return exc
        return TransportError(method, path, "HTTP %d; %s" % (outcome, note), may_have_been_sent=True)
    sent = outcome is not None and not unreached
    if sent and not idempotent:
        return WriteOutcomeUnknownError(method, path, outcome)
    cause = "%s; %s" % (outcome, note) if outcome is not None else note
    return TransportError(method, path, cause, may_have_been_sent=sent)


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
