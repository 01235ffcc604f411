# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Typed errors shared by the HTTP client, the adapters and the engine.

None of these classes ever receives request headers, so an API key cannot leak into
``str()``, ``repr()`` or ``to_dict()``; callers pass only the URL *path* (no query, no host).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class AsyncOpsError(Exception):
    """Base class of every error this collection raises on purpose."""

    status = None
    method = None
    path = None
    api_message = None

    def __init__(self, message):
        super(AsyncOpsError, self).__init__(message)
        self.message = message

    def __str__(self):
        return self.message

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.message)

    def to_dict(self):
        return {
            "type": type(self).__name__,
            "status": self.status,
            "method": self.method,
            "path": self.path,
            "api_message": self.api_message,
            "message": self.message,
        }


# Bad values are quoted into messages at most this long.
BAD_VALUE_SHOWN = 64


def shown(value):
    """The bad value as it may appear in an error message: repr, cut to 64 characters."""
    text = repr(value)
    if len(text) > BAD_VALUE_SHOWN:
        text = text[:BAD_VALUE_SHOWN - 3] + "..."
    return text


class OptionError(AsyncOpsError):
    """Bad user input, detected before any request is sent."""

    def __init__(self, option, message):
        self.option = option
        super(OptionError, self).__init__("%s: %s" % (option, message))

    def to_dict(self):
        result = super(OptionError, self).to_dict()
        result["option"] = self.option
        return result


class UnsafePathError(AsyncOpsError):
    """The HTTP client refused to build a URL: the path could leave the API's base path."""

    def __init__(self, path, reason):
        self.path = path
        super(UnsafePathError, self).__init__("refusing the API path %s: %s" % (shown(path), reason))


class ApiError(AsyncOpsError):
    """The API answered with an error status; carries what the API said."""

    kind = "API error"

    def __init__(self, status, method, path, api_message, request_id=None):
        self.status = status
        self.method = method
        self.path = path
        self.api_message = api_message
        self.request_id = request_id
        if status is None:
            text = "%s: %s %s" % (self.kind, method, path)
        else:
            text = "%s: %s %s answered HTTP %s" % (self.kind, method, path, status)
        if api_message:
            text += ": %s" % api_message
        if request_id:
            text += " (request id %s)" % request_id
        super(ApiError, self).__init__(text)

    def to_dict(self):
        result = super(ApiError, self).to_dict()
        result["request_id"] = self.request_id
        return result


class AuthenticationError(ApiError):
    """401/403: the key is wrong or may not see this resource; retrying will not help."""

    kind = "Authentication failed"


class NotFoundError(ApiError):
    """404, or a GPCN job missing from a batch answer (not visible to this key)."""

    kind = "Not found"


class JobNotVisibleError(NotFoundError):
    """A GPCN job missing from a batch answer: unknown, or owned by another tenant/key."""

    def __init__(self, job_id, method="POST", path="/resource/jobs"):
        self.job_id = job_id
        super(JobNotVisibleError, self).__init__(
            None, method, path,
            "job %s is not visible to this API key (missing from the batch answer)" % job_id)


class RequestValidationError(ApiError):
    """400/422: the API rejected what we sent."""

    kind = "Request rejected"


class RateLimitedError(ApiError):
    """429 after the retries were used up (or on a write, which is never resent)."""

    kind = "Rate limited"


class ServerError(ApiError):
    """5xx after the retries were used up (or on a write, which is never resent)."""

    kind = "Server error"


class UnexpectedStatusError(ApiError):
    """Any other status (3xx redirects included: we never follow them with a key attached)."""

    kind = "Unexpected status"


def _cause_text(cause):
    # Exception texts from requests/urllib3 can contain the full URL (with query string) but
    # never headers; we still keep only the class name and a short message.
    if cause is None:
        return "unknown cause"
    text = str(cause) or type(cause).__name__
    if len(text) > 300:
        text = text[:300] + "..."
    return "%s: %s" % (type(cause).__name__, text)


class TransportError(AsyncOpsError):
    """Connection errors, timeouts, TLS failures: no HTTP answer was received.

    ``cut_by_deadline``: the call's own deadline ended this request while the answer was
    still arriving; it says nothing new about the API, only that the time ran out.
    """

    def __init__(self, method, path, cause, may_have_been_sent, cut_by_deadline=False):
        self.method = method
        self.path = path
        self.cause = _cause_text(cause) if not isinstance(cause, str) else cause
        self.may_have_been_sent = bool(may_have_been_sent)
        self.cut_by_deadline = bool(cut_by_deadline)
        super(TransportError, self).__init__(
            "Transport error: %s %s failed (%s)%s" % (
                method, path, self.cause,
                "" if self.may_have_been_sent else "; the request was not sent"))

    @property
    def reason(self):
        """The cause in a few words ("connection refused"), for progress lines and summaries."""
        return short_reason(self.cause)

    def to_dict(self):
        result = super(TransportError, self).to_dict()
        result["cause"] = self.cause
        result["may_have_been_sent"] = self.may_have_been_sent
        return result


# Phrases of socket/urllib3 errors -> the few words a person needs; first match wins.
_REASONS = (
    ("refused", "connection refused"),
    ("NameResolution", "DNS lookup failed"),
    ("Name or service not known", "DNS lookup failed"),
    ("nodename nor servname", "DNS lookup failed"),
    ("Temporary failure in name resolution", "DNS lookup failed"),
    ("ConnectTimeout", "connect timed out"),
    ("connect timeout", "connect timed out"),
    ("Read timed out", "read timed out"),
    ("deadline", "the deadline passed"),
    ("reset by peer", "connection reset"),
    ("RemoteDisconnected", "connection closed without an answer"),
    ("SSL", "TLS error"),
    ("unreachable", "network unreachable"),
)


def short_reason(cause):
    text = str(cause or "")
    for phrase, reason in _REASONS:
        if phrase.lower() in text.lower():
            return reason
    return text[:120] or "unknown cause"


class CertificateError(TransportError):
    """The API's TLS certificate could not be verified.

    Not transient: retrying until the deadline would only hide a configuration problem
    behind a timeout, so a wait fails at once and says what to change.
    """

    def __init__(self, method, path, cause, ca_source=None):
        super(CertificateError, self).__init__(method, path, cause, may_have_been_sent=False)
        self.ca_source = ca_source
        if ca_source:
            advice = ("the CA bundle used was %s; give ca_path a CA bundle that signs the API's "
                      "certificate (validate_certs: false only for test endpoints)" % ca_source)
        else:
            advice = ("give ca_path a CA bundle that signs the API's certificate (validate_certs: false "
                      "only for test endpoints)")
        self.message = "TLS certificate verification failed: %s %s (%s); %s" % (method, path, self.cause, advice)


class MalformedResponseError(AsyncOpsError):
    """The API answered 2xx but the body is not the JSON shape we expect."""

    def __init__(self, method, path, status, detail):
        self.method = method
        self.path = path
        self.status = status
        self.detail = detail
        super(MalformedResponseError, self).__init__(
            "Malformed response: %s %s (HTTP %s): %s" % (method, path, status, detail))

    def to_dict(self):
        result = super(MalformedResponseError, self).to_dict()
        result["detail"] = self.detail
        return result


class ResponseTooLargeError(MalformedResponseError):
    """An answer whose decoded body passed the cap (``max_response_mb``); it was not read further."""

    def __init__(self, method, path, status, limit_bytes):
        self.limit_bytes = limit_bytes
        super(ResponseTooLargeError, self).__init__(
            method, path, status,
            "the answer is larger than max_response_mb (%s of decoded data); it was not read further "
            "(raise max_response_mb only if this API really answers that much)" % _mib(limit_bytes))

    def to_dict(self):
        result = super(ResponseTooLargeError, self).to_dict()
        result["limit_bytes"] = self.limit_bytes
        return result


def _mib(size):
    mib = size / float(1024 * 1024)
    return ("%d MiB" % mib) if mib == int(mib) else ("%.1f MiB" % mib)


class InconsistentAnswerError(MalformedResponseError):
    """A well-formed answer that contradicts itself or the question: an answer about another
    task, one task twice with different states, a verdict field of the wrong type.

    Transient for one round (a replica may lag), but a wait gives up after a few in a row
    rather than wait until its deadline on answers it cannot trust.
    """


class ApiUnreachableError(TransportError):
    """The API was never reached (refused, DNS, connect timeout) before the first answer.

    Not retried until the deadline: before anything was ever answered, an endpoint that cannot
    be reached is a wrong URL or a network problem far more often than a short outage.
    """

    def __init__(self, base_url, cause, seconds):
        super(ApiUnreachableError, self).__init__(None, None, cause, may_have_been_sent=False)
        self.base_url = base_url
        self.seconds = seconds
        self.message = ("the API at %s could not be reached (%s) in %.0f s of attempts, before it ever answered; "
                        "check api_url, DNS, proxies and the network" % (base_url, self.cause, seconds))

    def to_dict(self):
        result = super(ApiUnreachableError, self).to_dict()
        result["api_url"] = self.base_url
        return result


class WriteOutcomeUnknownError(AsyncOpsError):
    """A write whose answer was lost after it may have reached the server.

    It is never resent automatically: resending could create the resource twice.
    """

    def __init__(self, method, path, cause):
        self.method = method
        self.path = path
        self.cause = _cause_text(cause) if not isinstance(cause, str) else cause
        super(WriteOutcomeUnknownError, self).__init__(
            "Write outcome unknown: %s %s may have reached the server but no answer arrived "
            "(%s); it was not resent, check the resource before retrying" % (method, path, self.cause))

    def to_dict(self):
        result = super(WriteOutcomeUnknownError, self).to_dict()
        result["cause"] = self.cause
        return result


# Errors that a wait should ride out until its deadline: the next round may succeed.
TRANSIENT_ERRORS = (TransportError, RateLimitedError, ServerError, MalformedResponseError)


def error_for_status(status, method, path, api_message, request_id=None):
    """The ApiError subclass that matches an HTTP status."""
    if status in (401, 403):
        cls = AuthenticationError
    elif status == 404:
        cls = NotFoundError
    elif status in (400, 422):
        cls = RequestValidationError
    elif status == 429:
        cls = RateLimitedError
    elif 500 <= status <= 599:
        cls = ServerError
    else:
        cls = UnexpectedStatusError
    return cls(status, method, path, api_message, request_id=request_id)
