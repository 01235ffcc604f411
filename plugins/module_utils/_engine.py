# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""wait_for_tasks(): poll any number of task IDs until each is terminal or one deadline passes.

The engine is provider-neutral: it asks an adapter for one round at a time (the adapter
decides how to batch or sweep), keeps the last record of every ID in a dict, and returns
everything it learned even when it runs out of time. Clock and sleep are injected so unit
tests never really wait.

Two rhythms. A round of an adapter whose cost does not depend on how many IDs it holds (Gcore's
list sweep: ``adapter.batch_size`` None), or any wait with a user-fixed ``poll_interval``, polls
every pending ID. A batching adapter (GPCN: 50 IDs a request) instead gets a due time per ID,
from ``adapter.predict_finish()`` when the task reports progress, and each round polls only the
due IDs, so tasks that end together share requests and nobody is asked about too early.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import (
    ApiUnreachableError,
    AsyncOpsError,
    AuthenticationError,
    CertificateError,
    InconsistentAnswerError,
    TRANSIENT_ERRORS,
    TransportError,
)
from ansible_collections.asyncops.cloud.plugins.module_utils._records import (
    FAILED,
    FINISHED,
    TERMINAL_STATUSES,
    merge_created_resources,
    new_record,
    resource_ids,
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
# A scheduled round waits up to this long after its first due ID for a full batch to become
# due: one full request instead of several part-filled ones, for at most this much extra lag.
BATCH_WAIT = 1.0
# A predicted finish is polled a little after it (progress is a whole percent, clocks jitter).
LATE_BY_SECONDS = 0.1
LATE_BY_FRACTION = 0.05


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

    def to_dict(self):
        return {
            "tasks": self.tasks,
            "finished_tasks": self.finished_tasks,
            "failed_tasks": self.failed_tasks,
            "pending": self.pending,
            "lost": self.lost,
            "created_resources": self.created_resources,
            "resource_ids": self.resource_ids,
            "elapsed": self.elapsed,
            "api_requests": self.api_requests,
            "timed_out": self.timed_out,
            "polls": self.polls,
            "transient_errors": self.transient_errors,
            "last_error": self.last_error,
        }


class _Wait(object):
    """State of one wait; split out of wait_for_tasks to keep each step small."""

    def __init__(self, adapter, ids, timeout, poll_interval, on_progress, clock, sleep,
                 max_backoff, hints):
        self.adapter = adapter
        self.ids = list(dict.fromkeys(str(i) for i in ids))
        self.poll_interval = poll_interval
        self.on_progress = on_progress
        self.clock = clock
        self.sleep = sleep
        self.max_backoff = max_backoff
        self.hints = hints
        self.start = clock()
        self.requests_before = adapter.client.request_count
        self._previous = {}
        self.records = dict((i, new_record(i, adapter.provider)) for i in self.ids)
        self.pending = dict.fromkeys(self.ids)  # insertion-ordered set of non-terminal IDs
        self.misses = {}
        self.lost = {}
        # Scheduling (batching adapters only): when each pending ID is next due, when it was
        # last seen and how many answers it had; all start due at once.
        self.batch_size = getattr(adapter, "batch_size", None) if not poll_interval else None
        self.due = dict.fromkeys(self.ids, self.start) if self.batch_size else {}
        self.seen_at = {}
        self.answers = {}
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
        if self.batch_size:
            self._schedule(ids, result)
        if self.timeout is None and self.successful_polls == 1:
            self._fix_deadline()
        return True

    def _absorb(self, exc, started):
        """Count a transient error, unless it must end the wait after all."""
        self.transient_streak += 1
        self.transient_errors += 1
        self.last_error = str(exc)
        unreached = isinstance(exc, TransportError) and not exc.may_have_been_sent
        if not unreached:
            self._reached()  # an answer (even a bad one) or a request that left proves the API is there
        if unreached and not self.reached:
            raise ApiUnreachableError(self._base_url(), exc.reason, self.clock() - self.start)
        self.inconsistent_streak = self.inconsistent_streak + 1 if isinstance(exc, InconsistentAnswerError) else 0
        if self.inconsistent_streak >= INCONSISTENT_ROUNDS:
            raise exc
        if self.trouble_since is None:
            self.trouble_since = started  # the failing round began then (the client retried inside it)
        self.trouble = ("API unreachable", exc.reason) if unreached else ("API failing", _short(exc))

    def _reached(self):
        if not self.reached:
            self.reached = True
            self.bound_client(self.deadline)  # the short bound for a never-reached API is lifted

    def _base_url(self):
        return getattr(self.adapter.client, "base_url", None) or "api_url"

    def _apply(self, result):
        self._previous = {}
        for task_id, record in result.records.items():
            if task_id not in self.pending:
                continue
            if self.batch_size and task_id in self.seen_at:
                # The observation before this one, for a progress rate (scheduling only).
                self._previous[task_id] = (self.records[task_id], self.seen_at[task_id])
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

    # -- scheduling (batching adapters) -----------------------------------------------------

    def _schedule(self, polled, result):
        """Give every ID this round asked about its next due time."""
        now = self.clock()
        for task_id in polled:
            record = result.records.get(task_id)
            if task_id not in self.pending:
                self.due.pop(task_id, None)
                self.seen_at.pop(task_id, None)
                continue
            answers = self.answers.get(task_id, 0)
            if record is None:
                # Not shown this round (per-ID error): ask again at the normal rhythm.
                self.due[task_id] = now + self.adapter.default_interval(self.records[task_id], answers)
                continue
            previous = self._previous.get(task_id)
            self.answers[task_id] = answers + 1
            self.due[task_id] = self._next_due(record, answers + 1, previous, now)
            self.seen_at[task_id] = now

    def _next_due(self, record, answers, previous, now):
        """Predicted finish (a little after), but not sooner than the shortest interval and
        not later than the grown one, so a wrong prediction costs no more than the usual rhythm."""
        normal = self.adapter.default_interval(record, answers)
        predict = getattr(self.adapter, "predict_finish", None)
        remaining = None
        if callable(predict):
            earlier, earlier_at = previous if previous else (None, None)
            remaining = predict(record, earlier, None if earlier_at is None else now - earlier_at)
        if remaining is None:
            return now + normal
        shortest = self.adapter.default_interval(record, 0)
        longest = max(normal, self._max_gap(record))
        late_by = LATE_BY_SECONDS + LATE_BY_FRACTION * remaining
        return now + min(max(remaining + late_by, shortest), longest)

    def _max_gap(self, record):
        max_gap = getattr(self.adapter, "max_poll_gap", None)
        if callable(max_gap):
            return max_gap(record, self.clock() - self.start)
        return self.adapter.default_interval(record, self.successful_polls)

    def _round_plan(self):
        """(when the next round is due, which IDs it polls) for a batching adapter.

        The round fires when a full batch is due (or every pending ID is), else BATCH_WAIT after
        its first due ID; the last request's spare places go to the IDs due next, since they ride
        along for free, but only to IDs not due within the shortest interval (polling those now
        would only push their well-timed poll later).
        """
        order = sorted(self.pending, key=self.due.__getitem__)
        first = self.due[order[0]]
        full = min(self.batch_size, len(order))
        fire = min(self.due[order[full - 1]], first + BATCH_WAIT)
        chosen = [task_id for task_id in order if self.due[task_id] <= fire]
        if len(chosen) > self.batch_size:
            # Whole batches only when the IDs of a part-filled last request would fill one by
            # waiting (within their BATCH_WAIT) for the next round.
            overdue = sum(1 for task_id in chosen if self.due[task_id] + BATCH_WAIT <= fire)
            keep = max(len(chosen) // self.batch_size, -(-overdue // self.batch_size)) * self.batch_size
            upcoming = sum(1 for task_id in order[len(chosen):] if self.due[task_id] <= fire + BATCH_WAIT)
            if len(chosen) - keep + upcoming >= self.batch_size:
                chosen = chosen[:keep]
        if len(chosen) % self.batch_size:
            # IDs due a little later (within BATCH_WAIT of the first) that fit into the
            # requests this round sends anyway are worth waiting for.
            later = [task_id for task_id in order[len(chosen):] if self.due[task_id] <= first + BATCH_WAIT]
            if later and len(later) <= -len(chosen) % self.batch_size:
                chosen.extend(later)
                fire = self.due[later[-1]]
        spare = -len(chosen) % self.batch_size
        if spare:
            soonest_useful = fire + self.adapter.default_interval(None, 0)
            taken = set(chosen)
            extra = [task_id for task_id in order
                     if task_id not in taken and self.due[task_id] >= soonest_useful]
            chosen.extend(extra[:spare])
        return fire, chosen

    def _fix_deadline(self):
        seen = [r for r in self.records.values() if r.get("state") is not None or r.get("type")]
        timeouts = set(self.adapter.default_timeout(r) for r in seen) or {self.adapter.default_timeout(None)}
        self.deadline = self.start + max(timeouts)
        if self.reached:
            self.bound_client(self.deadline)

    def bound_client(self, deadline):
        """Make the HTTP client's own retries stop at our deadline (None lifts the bound).

        Without it a 429 storm with long Retry-After values would keep one request retrying
        for minutes past ``timeout``. Clients without the hook (test fakes) are left alone.
        """
        set_deadline = getattr(self.adapter.client, "set_deadline", None)
        if callable(set_deadline):
            set_deadline(deadline, self.clock)

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
                          self.adapter.client.request_count - self.requests_before, self.polls,
                          self.transient_errors, self.last_error)

    def run(self):
        # Until the API answers once, its requests get UNREACHABLE_BOUND at most (see _absorb).
        self.bound_client(min(self.deadline, self.start + UNREACHABLE_BOUND))
        try:
            return self._rounds()
        finally:
            # The client may serve calls after the wait (task_ack, a second wait): unbounded again.
            self.bound_client(None)

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
            # Back off from the API while it struggles, but never beyond max_backoff; the IDs
            # that were due stay due.
            return now + self.next_delay(), (self._round_plan()[1] if self.batch_size else None)
        if not self.batch_size:
            return now + self.next_delay(), None
        return self._round_plan()


def _short(exc):
    text = str(exc)
    return text if len(text) <= 120 else text[:117] + "..."


def wait_for_tasks(adapter, ids, timeout=None, poll_interval=None, on_progress=None,
                   clock=time.monotonic, sleep=time.sleep, max_backoff=60, hints=None):
    """Wait on every ID until finished/failed or until the deadline; see WaitResult.

    Authentication errors and other non-transient API errors end the wait at once; the
    exception then carries the partial result as ``exc.wait_result``.
    """
    wait = _Wait(adapter, ids, timeout, poll_interval, on_progress, clock, sleep, max_backoff, hints)
    try:
        return wait.run()
    except AsyncOpsError as exc:
        exc.wait_result = wait.result()
        raise
