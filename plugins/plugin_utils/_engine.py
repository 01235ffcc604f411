# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""wait_for_tasks(): poll any number of task IDs until each is terminal or one deadline passes.

The engine is provider-neutral: it asks an adapter for one round at a time (the adapter
decides how to batch or sweep), keeps the last record of every ID in a dict, and returns
everything it learned even when it runs out of time. Clock and sleep are injected so unit
tests never really wait.

Which IDs a round polls, and when, is a schedule's choice (_scheduling.py): every pending ID
each round for an adapter whose round costs the same whatever it holds (``batch_size`` None) or
a user-fixed ``poll_interval``; per-ID due times for a batching adapter.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    ApiUnreachableError,
    AsyncOpsError,
    AuthenticationError,
    CertificateError,
    InconsistentAnswerError,
    TRANSIENT_ERRORS,
    TransportError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import (
    FAILED,
    FINISHED,
    TERMINAL_STATUSES,
    merge_created_resources,
    new_record,
    resource_ids,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._scheduling import (
    DueTimeSchedule,
    LikelyEndSchedule,
    SweepSchedule,
)

# Answers that contradict themselves (InconsistentAnswerError) are retried this many rounds in
# a row, then the wait fails with that error: waiting on until the deadline would only hide it.
INCONSISTENT_ROUNDS = 3
# Until the API has answered once, an endpoint that cannot be reached (refused, DNS, connect
# timeout) is tried for at most this long, then the wait fails naming the cause: before any
# answer that is a wrong URL or network far more often than an outage. Documented in task_wait.
UNREACHABLE_BOUND = 30.0

# A per-ID error (404, not visible) must repeat on this many consecutive rounds before the
# ID is given up: a task can be briefly invisible right after it was created.
LOST_AFTER_ROUNDS = 2
# The last poll before the deadline is sent this long before it (at most), so the request
# itself has time to finish; less time than this left after a round ends the wait.
FINAL_POLL_MARGIN = 0.5


class WaitResult(object):
    """Everything a wait learned, complete or not."""

    def __init__(self, tasks, lost, elapsed, api_requests, polls, transient_errors=0,
                 last_error=None):
        self.tasks = tasks
        self.finished_tasks = [r for r in tasks if r["status"] == FINISHED]
        self.failed_tasks = [r for r in tasks if r["status"] == FAILED]
        self.pending = [r["id"] for r in tasks if r["status"] not in TERMINAL_STATUSES]
        self.lost = lost
        self.created_resources = merge_created_resources(self.finished_tasks)
        self.resource_ids = resource_ids(self.created_resources)
        self.elapsed = elapsed
        self.api_requests = api_requests
        self.timed_out = bool(self.pending)
        self.polls = polls
        self.transient_errors = transient_errors
        self.last_error = last_error


class _Wait(object):
    """State of one wait; split out of wait_for_tasks to keep each step small."""

    def __init__(self, adapter, ids, timeout, poll_interval, on_progress, clock, sleep,
                 max_backoff, hints, wall_clock=time.time):
        self.adapter = adapter
        self.ids = list(dict.fromkeys(str(i) for i in ids))
        self.poll_interval = poll_interval
        self.on_progress = on_progress
        self.clock = clock
        self.sleep = sleep
        self.max_backoff = max_backoff
        self.hints = hints
        self.start = clock()
        self.requests_before = adapter.request_count
        self.records = dict((i, new_record(i, adapter.provider)) for i in self.ids)
        self.pending = dict.fromkeys(self.ids)  # insertion-ordered set of non-terminal IDs
        self.misses = {}
        self.lost = {}
        if poll_interval:
            self.schedule = SweepSchedule()  # the user's rhythm, as given
        elif adapter.batch_size:
            self.schedule = DueTimeSchedule(adapter, self.ids, self.start)
        else:
            self.schedule = LikelyEndSchedule(adapter, self.start, wall_clock)
        self.polls = 0
        self.successful_polls = 0
        self.transient_streak = 0
        self.transient_errors = 0
        self.last_error = None
        self.inconsistent_streak = 0
        # Whether the API has answered anything yet, and since when (and why) it has been failing.
        self.reached = False
        self.trouble_since = None
        self.trouble = None
        self.timeout = timeout
        # Without a timeout, the deadline is fixed after the first answer from the types seen;
        # until then a provisional one keeps an unreachable API from hanging the wait forever.
        base = timeout if timeout is not None else adapter.default_timeout(None)
        self.deadline = self.start + base

    # -- one round --------------------------------------------------------------------------

    def poll_once(self, ids=None):
        """One round on ``ids`` (default: every pending ID); False when it failed transiently."""
        self.polls += 1
        ids = list(self.pending) if ids is None else ids
        started = self.clock()
        try:
            result = self.adapter.poll(ids, hints=self.hints)
        except (AuthenticationError, CertificateError):
            # Neither a wrong key nor an untrusted certificate fixes itself before the deadline.
            raise
        except TRANSIENT_ERRORS as exc:
            self._absorb(exc, started)
            return False
        self.transient_streak = 0
        self.inconsistent_streak = 0
        self.trouble_since = self.trouble = None
        self._reached()
        self.successful_polls += 1
        self._apply(result)
        now = self.clock()
        self.schedule.observed(ids, result, self.records, self.pending, now, now - self.start)
        if self.timeout is None and self.successful_polls == 1:
            self._fix_deadline()
        return True

    def _absorb(self, exc, started):
        """Count a transient error, unless it must end the wait after all."""
        self.transient_streak += 1
        self.transient_errors += 1
        cut_short = isinstance(exc, TransportError) and exc.cut_by_deadline
        if not (cut_short and self.last_error):
            # A request the deadline cut short is the timeout, not news about the API: the
            # answer of an earlier round (say, one over the size cap) says more.
            self.last_error = str(exc)
        unreached = isinstance(exc, TransportError) and not exc.may_have_been_sent
        if not unreached:
            self._reached()  # an answer (even a bad one) or a request that left proves the API is there
        elif not self.reached:
            raise ApiUnreachableError(self.adapter.api_url or "api_url", exc.reason, self.clock() - self.start)
        self.inconsistent_streak = self.inconsistent_streak + 1 if isinstance(exc, InconsistentAnswerError) else 0
        if self.inconsistent_streak >= INCONSISTENT_ROUNDS:
            raise exc
        if self.trouble_since is None:
            self.trouble_since = started  # the failing round began then (the client retried inside it)
        self.trouble = ("API unreachable", exc.reason) if unreached else ("API failing", _short(exc))

    def _reached(self):
        if not self.reached:
            self.reached = True
            self.bound_requests(self.deadline)  # the short bound for a never-reached API is lifted

    def _apply(self, result):
        for task_id, record in result.records.items():
            if task_id not in self.pending:
                continue
            self.records[task_id] = record
            self.misses.pop(task_id, None)
            if record["status"] in TERMINAL_STATUSES:
                del self.pending[task_id]
        for task_id, error in result.errors.items():
            if task_id not in self.pending or task_id in result.records:
                continue
            self.misses[task_id] = self.misses.get(task_id, 0) + 1
            if self.misses[task_id] >= LOST_AFTER_ROUNDS:
                self._give_up(task_id, error)

    def _give_up(self, task_id, error):
        text = str(error)
        self.lost[task_id] = text
        record = dict(self.records[task_id])
        record.update(status=FAILED, error=text)
        self.records[task_id] = record
        del self.pending[task_id]
        self.misses.pop(task_id, None)

    def _fix_deadline(self):
        seen = [r for r in self.records.values() if r.get("state") is not None or r.get("type")]
        timeouts = set(self.adapter.default_timeout(r) for r in seen) or {self.adapter.default_timeout(None)}
        self.deadline = self.start + max(timeouts)
        if self.reached:
            self.bound_requests(self.deadline)

    def bound_requests(self, deadline):
        """Make the adapter's own HTTP retries stop at our deadline (None lifts the bound).

        Without it a 429 storm with long Retry-After values would keep one request retrying
        for minutes past ``timeout``.
        """
        self.adapter.set_deadline(deadline, self.clock)

    # -- between rounds ---------------------------------------------------------------------

    def interval(self):
        if self.poll_interval:
            return float(self.poll_interval)
        done = self.successful_polls
        return min(self.adapter.default_interval(self.records[i], done) for i in self.pending)

    def next_delay(self):
        base = self.interval()
        if self.transient_streak:
            # Back off from the API while it struggles, but never beyond max_backoff.
            return min(float(self.max_backoff), base * (2 ** self.transient_streak))
        return base

    def report(self):
        if self.on_progress is None:
            return
        counts = {"finished": 0, "failed": 0, "running": 0, "pending": 0, "unknown": 0}
        tasks = []
        for task_id in self.ids:
            record = self.records[task_id]
            counts[record["status"]] = counts.get(record["status"], 0) + 1
            tasks.append(record)
        snapshot = {"round": self.polls, "elapsed": self.clock() - self.start, "total": len(self.ids),
                    "tasks": tasks, "api_trouble": None}
        if self.trouble_since is not None:
            # "API unreachable for 40 s: connection refused" in the progress line.
            snapshot["api_trouble"] = {"what": self.trouble[0], "cause": self.trouble[1],
                                       "seconds": self.clock() - self.trouble_since}
        snapshot.update(counts)
        self.on_progress(snapshot)

    def result(self):
        tasks = [self.records[i] for i in self.ids]
        return WaitResult(tasks, dict(self.lost), self.clock() - self.start,
                          self.adapter.request_count - self.requests_before, self.polls,
                          self.transient_errors, self.last_error)

    def run(self):
        # Until the API answers once, its requests get UNREACHABLE_BOUND at most (see _absorb).
        self.bound_requests(min(self.deadline, self.start + UNREACHABLE_BOUND))
        try:
            return self._rounds()
        finally:
            # The adapter may serve calls after the wait (task_ack, a second wait): unbounded again.
            self.bound_requests(None)

    def _rounds(self):
        final = False
        ids = None
        while self.pending:
            self.poll_once(ids)
            self.report()
            if not self.pending or final:
                break
            wake, ids = self._next_round()
            remaining = self.deadline - self.clock()
            delay = wake - self.clock()
            margin = min(FINAL_POLL_MARGIN, 0.1 * max(delay, 0.0))
            if remaining <= margin:
                break
            if delay >= remaining - margin:
                # Sleep up to just before the deadline for one last look at everything, never past it.
                delay = remaining - margin
                ids = None
                final = True
            if delay > 0:
                self.sleep(delay)
        return self.result()

    def _next_round(self):
        """(monotonic time of the next round, IDs it polls or None for every pending ID)."""
        now = self.clock()
        if self.transient_streak:
            # Back off from the API while it struggles, but never beyond max_backoff.
            return self.schedule.retry_round(now, self.next_delay(), self.pending, self.records)
        return self.schedule.next_round(now, self.next_delay(), self.pending, self.records)


def _short(exc):
    text = str(exc)
    return text if len(text) <= 120 else text[:117] + "..."


def wait_for_tasks(adapter, ids, timeout=None, poll_interval=None, on_progress=None,
                   clock=time.monotonic, sleep=time.sleep, max_backoff=60, hints=None, wall_clock=time.time):
    """Wait on every ID until finished/failed or until the deadline; see WaitResult.

    Authentication errors and other non-transient API errors end the wait at once; the
    exception then carries the partial result as ``exc.wait_result``.
    """
    wait = _Wait(adapter, ids, timeout, poll_interval, on_progress, clock, sleep, max_backoff, hints, wall_clock)
    try:
        return wait.run()
    except AsyncOpsError as exc:
        exc.wait_result = wait.result()
        raise
