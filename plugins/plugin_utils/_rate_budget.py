# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A requests-per-second budget per API key, shared by every fork of a run.

The generic cell rate algorithm (GCRA, the token bucket written as one timestamp): the state
is the theoretical arrival time of the next request, kept in a small file in the run's 0700
directory and updated under ``flock``, so any number of processes draw from one budget. A
caller reserves its slot under the lock and sleeps outside it, so waiting callers queue in
order and the lock is held for microseconds. Times are ``time.monotonic()``, which on Linux is
one clock for every process of the machine. The file holds that one number, never a key.
No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import fcntl
import os
import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import RateLimitedError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._run_scope import (
    ensure_run_dir,
    run_identity,
    scope_name,
)

ENV_RATE_LIMIT = {"gcore": "GCORE_API_RATE_LIMIT", "gpcn": "GPCN_API_RATE_LIMIT"}


class BudgetExhausted(RateLimitedError):
    """The next slot of the budget comes after the wait's deadline: the request is not sent."""

    def __init__(self, seconds):
        super(BudgetExhausted, self).__init__(
            None, "GET", "(rate budget)",
            "the requests-per-second budget has no slot for %.1f s, after the wait's deadline" % seconds)


class RateBudget(object):
    """``acquire()`` before every HTTP attempt; ``rate`` requests per second, ``burst`` at once."""

    def __init__(self, path, rate, burst=None, clock=time.monotonic, sleep=time.sleep):
        self.path = path
        self.rate = float(rate)
        # No burst by default: requests go evenly spaced, so the jitter between booking a slot
        # and the request reaching the server (a busy controller) is absorbed by the server's
        # own burst allowance instead of overflowing it.
        self.burst = max(1.0, float(burst if burst is not None else 1.0))
        self.clock = clock
        self.sleep = sleep
        self.waited = 0.0

    def reserve(self, refuses=None):
        """Reserve the next slot; seconds until it (0: go now). Raises BudgetExhausted, booking
        nothing, when ``refuses(seconds)`` says an attempt that late would pass the deadline."""
        spacing = 1.0 / self.rate
        tolerance = (self.burst - 1.0) * spacing
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                stored = float(os.pread(fd, 64, 0).decode("ascii").strip() or "0")
            except ValueError:
                stored = 0.0
            now = self.clock()
            arrival = max(stored, now)
            wait = max(0.0, arrival - tolerance - now)
            if wait > 0 and refuses is not None and refuses(wait):
                raise BudgetExhausted(wait)
            data = ("%.6f" % (arrival + spacing)).encode("ascii")
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0)
        finally:
            os.close(fd)  # closing releases the lock
        return wait

    def acquire(self, refuses=None):
        """Take a slot, sleeping until it comes; the seconds slept."""
        wait = self.reserve(refuses)
        if wait > 0:
            self.waited += wait
            self.sleep(wait)
        return wait

    def __call__(self, refuses=None):
        """The HttpClient's ``gate``: True once the slot has come, False when it comes too late."""
        try:
            self.acquire(refuses)
        except BudgetExhausted:
            return False
        return True


def budget_path(connection, run=None, environ=None):
    """The file of the run's budget for this key and endpoint (in the run's 0700 directory)."""
    run = run or run_identity()
    return os.path.join(ensure_run_dir(run[0], run[1], environ), scope_name(connection, "budget", run) + ".budget")
