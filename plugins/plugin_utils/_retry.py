# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The urllib3 ``Retry`` customisation behind HttpClient.

urllib3 already does the hard part (capped exponential backoff, jitter, Retry-After); the
subclass adds three things: an injectable sleep, a bound by the wait's deadline, and an attempt
counter so ``api_requests`` equals what the server counted. urllib3 copies a Retry on every
attempt (``new()``), so the counter and the deadline are shared objects carried along.

One client may serve several threads (waits that share it): the counter is thread-local, so each
request counts its own attempts, and the policies themselves are never changed after creation.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

try:
    from urllib3.exceptions import ConnectTimeoutError, ProxyError, SSLError
    from urllib3.util.retry import Retry
    from urllib3.util.timeout import Timeout
    HAS_URLLIB3 = True
except ImportError:  # reported by HttpClient (requests and urllib3 are checked together)
    HAS_URLLIB3 = False
    Retry = Timeout = object

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    TRANSIENT_ERRORS,
    TransportError,
    WriteOutcomeUnknownError,
    _cause_text,
    error_for_status,
)

RETRY_STATUSES = frozenset([408, 429, 500, 502, 503, 504])
# A server may ask for a long pause; we never wait longer than this for one retry.
RETRY_AFTER_CAP = 60.0


def never_reached_server(error):
    """True for a connect failure (refused, DNS, connect timeout): nothing was sent.

    urllib3's NewConnectionError and NameResolutionError are ConnectTimeoutError subclasses.
    """
    if isinstance(error, ProxyError):
        error = error.original_error
    return isinstance(error, ConnectTimeoutError)


class AttemptCounter(threading.local):
    """What the attempts of the current thread's request did; ``reset()`` before each request."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.reached_server = 0
        self.last_counted_response = None
        # The status (int) or the exception of the attempt that asked for the latest retry.
        self.last_outcome = None


class DeadlineReached(Exception):
    """Raised from inside urllib3's retry loop: the next attempt would start after the deadline.

    Deliberately not a urllib3/requests exception, so it passes through both untouched and
    HttpClient turns it into the typed error of the last attempt (``deadline_error``).
    """


class Deadline(object):
    """A monotonic deadline and the clock it is measured with; ``set(None)`` lifts it."""

    def __init__(self, clock=time.monotonic):
        self._bound = (None, clock)
        self._default_clock = clock

    @property
    def at(self):
        return self._bound[0]

    def set(self, at, clock=None):
        # One tuple assignment, so a reader never sees a deadline paired with the wrong clock.
        self._bound = (at, clock or self._default_clock)

    def refuses(self, delay):
        """True when an attempt ``delay`` seconds from now would start at or after the deadline."""
        at, clock = self._bound
        return at is not None and clock() + max(0.0, delay) >= at

    def remaining(self):
        """Seconds left (may be <= 0), or None when unbounded."""
        at, clock = self._bound
        return None if at is None else at - clock()


class DeadlineTimeout(Timeout):
    """(connect, read) timeouts that never reach past the deadline, for every attempt.

    urllib3 clones the timeout object at the start of every attempt, retries included; each
    clone is cut to the time left (``total`` bounds connect plus the wait for the headers), and
    an attempt that would start at the deadline is not made. The body is bounded separately
    (_body.read_body), since a socket timeout only bounds one read.
    """

    def __init__(self, connect, read, deadline):
        super(DeadlineTimeout, self).__init__(connect=connect, read=read)
        self._limits = (connect, read)
        self._bound = deadline

    def clone(self):
        connect, read = self._limits
        left = self._bound.remaining()
        if left is None:
            return Timeout(connect=connect, read=read)
        if left <= 0:
            raise DeadlineReached()
        return Timeout(total=left, connect=min(connect, left), read=min(read, left))


class CountingRetry(Retry):
    """urllib3 Retry with an injectable sleep, a Retry-After cap, a deadline and an attempt counter."""

    def __init__(self, *args, **kwargs):
        self._sleep_fn = kwargs.pop("sleep_fn", time.sleep)
        self._counter = kwargs.pop("counter", None) or AttemptCounter()
        self._retry_after_cap = kwargs.pop("retry_after_cap", RETRY_AFTER_CAP)
        self._deadline = kwargs.pop("deadline", None) or Deadline()
        # gate(refuses) -> bool: asked before every retry attempt (HttpClient's rate budget).
        self._gate = kwargs.pop("gate", None)
        super(CountingRetry, self).__init__(*args, **kwargs)

    def new(self, **kw):
        # Retry.new() rebuilds the object from its known fields; carry ours along.
        kw.setdefault("sleep_fn", self._sleep_fn)
        kw.setdefault("counter", self._counter)
        kw.setdefault("retry_after_cap", self._retry_after_cap)
        kw.setdefault("deadline", self._deadline)
        kw.setdefault("gate", self._gate)
        return super(CountingRetry, self).new(**kw)

    def increment(self, method=None, url=None, response=None, error=None, **kwargs):
        # Every attempt that ends in a retry decision passes here exactly once. Connect errors
        # mean the request never reached the server, so the server did not count it either;
        # nor did a failed TLS handshake, which never got as far as an HTTP request.
        counter = self._counter
        if response is not None:
            counter.reached_server += 1
            counter.last_counted_response = response
            counter.last_outcome = response.status
        elif error is not None:
            counter.last_outcome = error
            if not never_reached_server(error) and not isinstance(error, SSLError):
                counter.reached_server += 1
        return super(CountingRetry, self).increment(
            method=method, url=url, response=response, error=error, **kwargs)

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
            raise DeadlineReached()
        if seconds > 0:
            self._sleep_fn(seconds)
        if self._gate is not None and not self._gate(self._deadline.refuses):
            # No slot for the retry before the deadline: as above, the last attempt's error stands.
            raise DeadlineReached()


def retry_policy(idempotent, retries, backoff_factor, backoff_max, sleep, counter, deadline, gate=None):
    """The Retry of every request of one kind: reads (``idempotent``) or writes.

    Writes are resent only after a connect error (nothing was sent); their answers, even
    429/5xx, are never retried, because resending a create is unsafe.
    """
    return CountingRetry(
        total=retries,
        # Connect errors happen before anything is sent: safe to retry for any method.
        connect=retries,
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
        backoff_factor=backoff_factor,
        backoff_max=backoff_max,
        backoff_jitter=min(1.0, float(backoff_factor or 0)),
        respect_retry_after_header=bool(idempotent),
        sleep_fn=sleep,
        counter=counter,
        deadline=deadline,
        gate=gate,
    )


def deadline_error(method, path, outcome, idempotent, masked=str):
    """The typed error of the last attempt of a request cut short by the deadline.

    Always one the engine treats as transient (its wait then ends timed out with the tasks
    pending), because the API may well recover; only the time to wait for it ran out.
    ``masked`` turns an exception's text into one without any spelling of the key.
    """
    note = "not retried, because the next attempt would start after the deadline (timeout)"
    if isinstance(outcome, int):
        exc = error_for_status(outcome, method, path, note)
        if isinstance(exc, TRANSIENT_ERRORS):
            return exc
        return TransportError(method, path, "HTTP %d; %s" % (outcome, note), may_have_been_sent=True)
    sent = outcome is not None and not never_reached_server(outcome)
    text = masked(_cause_text(outcome)) if outcome is not None else None
    if sent and not idempotent:
        return WriteOutcomeUnknownError(method, path, text)
    cause = "%s; %s" % (text, note) if text is not None else note
    return TransportError(method, path, cause, may_have_been_sent=sent)
