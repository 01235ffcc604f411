# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's ways of choosing when the next round runs and which IDs it polls.

SweepSchedule: every round polls every pending ID, one interval apart: a wait with a
user-fixed ``poll_interval`` (which then means exactly what it says).

LikelyEndSchedule: every round polls every pending ID too (an adapter whose round costs the
same whatever IDs it holds: Gcore's list sweep), but the rounds go where the last end is
likely: at the advised interval until then, densely in the span where the last pending task
most likely ends (_likely_ends), within a request budget no larger than what polling each
task on its own at the advised interval would spend.

DueTimeSchedule: for a batching adapter (GPCN: one request per 50 IDs) each pending ID has its
own due time, predicted from its progress where the adapter can, and a round polls only the due
IDs, so tasks that end together share requests and none is asked about too early.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._likely_ends import (
    PaceEvidence,
    end_window,
    epoch_seconds,
    last_end_zone,
    resolution,
)

# A scheduled round waits up to this long after its first due ID for a full batch to become
# due: one full request instead of several part-filled ones, for at most this much extra lag.
BATCH_WAIT = 1.0
# A predicted finish is polled a little after it (progress is a whole percent, clocks jitter).
LATE_BY_SECONDS = 0.1
LATE_BY_FRACTION = 0.05
# Rounds spent across the zone where the last end is likely, and the shortest gap between two.
ZONE_ROUNDS = 5
DENSE_GAP = 0.5


def ceil_div(count, size):
    """How many groups of ``size`` hold ``count`` items."""
    return -(-count // size)


class SweepSchedule(object):
    """Every round polls every pending ID (``None`` as the round's IDs means all of them)."""

    def observed(self, polled, result, records, pending, now, elapsed):
        """Nothing to learn: the next round asks about everything anyway."""

    def next_round(self, now, delay, pending, records=None):
        return now + delay, None

    def retry_round(self, now, delay, pending, records=None):
        """After a failed round: the same, one backoff ``delay`` later."""
        return now + delay, None


class LikelyEndSchedule(object):
    """Every pending ID each round; rounds at the advised rhythm, dense where the last end is likely.

    The rule, each time a round is planned (``delay`` is the advised interval of the pending
    tasks, the longest gap ever left between rounds):

    * every pending task with a known typical duration and creation time gets an end window:
      its typical range from its creation, scaled by the pace this wait has seen (see
      _likely_ends.PaceEvidence; the documented durations until a task has finished);
    * when every pending task has a window, the zone where the last of them most likely ends is
      computed; before the zone the next round is one ``delay`` later or the zone's start,
      whichever comes first; inside it rounds are ``(zone length) / ZONE_ROUNDS`` apart, never
      closer than DENSE_GAP, nor wider than ``delay`` or than earlier in the zone;
    * a task without a window (unknown type, no timestamps, already later than its window
      allows): nothing is known about when it ends, so the advised rhythm, reached from a zone
      by doubling the gap round by round;
    * the budget: the requests sent never exceed one plus what polling each pending task on
      its own at its advised interval would have sent by then; a round the budget cannot pay
      for yet waits until it can (at most ``delay``).

    Clocks: windows are in wall-clock time (the API's timestamps, UTC); planning converts them
    to the engine's monotonic clock at each round. A controller clock off by seconds only moves
    the dense rounds that much; the advised rhythm still bounds every gap.
    """

    def __init__(self, adapter, start, wall_clock=time.time):
        self.adapter = adapter
        self.wall_clock = wall_clock
        self.evidence = PaceEvidence()
        self.credit = 1.0                   # the first round is always affordable
        self.accrued_at = start
        self.rate = 0.0                     # requests per second the pending tasks' advice allows
        self.requests_seen = adapter.request_count
        self.zone = None                    # (start, end) on the monotonic clock, last planned
        self.gap = None                     # the gap between rounds since the zone began

    # -- after a round ----------------------------------------------------------------------

    def observed(self, polled, result, records, pending, now, elapsed):
        """Learn the pace from tasks that finished; charge the round's requests to the budget."""
        for record in result.records.values():
            self.evidence.observe(record, self.adapter.typical_duration(record))
        self._accrue(now)
        spent = self.adapter.request_count - self.requests_seen
        self.requests_seen = self.adapter.request_count
        self.credit -= spent
        self.rate = sum(1.0 / max(self.adapter.default_interval(records[task_id], 0) or 1.0, 0.001)
                        for task_id in pending)

    def _accrue(self, now):
        if now > self.accrued_at:
            self.credit += self.rate * (now - self.accrued_at)
            self.accrued_at = now

    # -- choosing the next round ------------------------------------------------------------

    def next_round(self, now, delay, pending, records=None):
        wake = now + delay
        zone = self.zone = self._zone(now, pending, records or {})
        if zone is not None:
            start, end = zone
            if now < start:
                wake = min(wake, start)
            else:
                # The gap never widens inside the zone: fewer tasks pending make the zone
                # longer (one task's last end may fall anywhere in its window), not less likely.
                gap = min(max((end - start) / ZONE_ROUNDS, DENSE_GAP), delay)
                self.gap = gap if self.gap is None else min(self.gap, gap)
                wake = now + self.gap
        elif self.gap is not None:
            # Past the zone with tasks still running (their end was misjudged): widen the gap
            # step by step back to the advised interval instead of jumping to it.
            self.gap = min(self.gap * 2.0, delay)
            wake = now + self.gap
        wake = max(wake, now + min(DENSE_GAP, delay))  # never two rounds closer than that
        return self._affordable(now, wake, now + delay), None

    def retry_round(self, now, delay, pending, records=None):
        """After a failed round: one backoff ``delay`` later (errors are not the time to be dense)."""
        return now + delay, None

    def _affordable(self, now, wake, latest):
        """``wake``, or later when the budget has not yet saved up one request by then."""
        self._accrue(now)
        short = 1.0 - (self.credit + self.rate * (wake - now))
        if short > 0 and self.rate > 0:
            wake = wake + short / self.rate
        return max(min(wake, latest), now)

    def _zone(self, now, pending, records):
        """The zone of the last end on the monotonic clock, or None when any pending task has no window."""
        wall_now = self.wall_clock()
        pace = self.evidence.pace()
        windows = []
        for task_id in pending:
            record = records.get(task_id)
            typical = self.adapter.typical_duration(record) if record else None
            created = epoch_seconds(record.get("created_at")) if record else None
            if typical is None or created is None:
                return None
            window = end_window(created, typical, pace, wall_now, resolution(record.get("created_at")))
            if window is None:
                return None
            windows.append(window)
        zone = last_end_zone(windows)
        if zone is None:
            return None
        return now + (zone[0] - wall_now), now + (zone[1] - wall_now)


class DueTimeSchedule(object):
    """A due time per ID; rounds poll the due IDs in whole batches where waiting pays."""

    def __init__(self, adapter, ids, start):
        self.adapter = adapter
        self.batch_size = adapter.batch_size
        # All IDs start due at once; then each ID's last answer and when it came.
        self.due = dict.fromkeys(ids, start)
        self.last_seen = {}
        self.answers = {}

    # -- after a round ----------------------------------------------------------------------

    def observed(self, polled, result, records, pending, now, elapsed):
        """Give every ID the round asked about its next due time."""
        for task_id in polled:
            if task_id not in pending:
                self.due.pop(task_id, None)
                self.last_seen.pop(task_id, None)
                continue
            record = result.records.get(task_id)
            answers = self.answers.get(task_id, 0)
            if record is None:
                # Not shown this round (per-ID error): ask again at the normal rhythm.
                self.due[task_id] = now + self.adapter.default_interval(records[task_id], answers)
                continue
            self.answers[task_id] = answers + 1
            self.due[task_id] = self._next_due(record, answers + 1, self.last_seen.get(task_id), now, elapsed)
            self.last_seen[task_id] = (record, now)

    def _next_due(self, record, answers, earlier, now, elapsed):
        """Predicted finish (a little after), but not sooner than the shortest interval and
        not later than the grown one, so a wrong prediction costs no more than the usual rhythm."""
        normal = self.adapter.default_interval(record, answers)
        earlier_record, earlier_at = earlier if earlier else (None, None)
        remaining = self.adapter.predict_finish(
            record, earlier_record, None if earlier_at is None else now - earlier_at)
        if remaining is None:
            return now + normal
        shortest = self.adapter.default_interval(record, 0)
        longest = max(normal, self.adapter.max_poll_gap(record, elapsed))
        late_by = LATE_BY_SECONDS + LATE_BY_FRACTION * remaining
        return now + min(max(remaining + late_by, shortest), longest)

    # -- choosing the next round ------------------------------------------------------------

    def next_round(self, now, delay, pending, records=None):
        return self._plan(pending)

    def retry_round(self, now, delay, pending, records=None):
        """After a failed round: one backoff ``delay`` later; the IDs that were due stay due."""
        return now + delay, self._plan(pending)[1]

    def _plan(self, pending):
        """(when the next round is due, which IDs it polls).

        The round fires when a full batch is due (or every pending ID is), else BATCH_WAIT after
        its first due ID; the last request's spare places go to the IDs due next, since they ride
        along for free, but only to IDs not due within the shortest interval (polling those now
        would only push their well-timed poll later).
        """
        size = self.batch_size
        due = self.due
        order = sorted(pending, key=due.__getitem__)
        first = due[order[0]]
        fire = min(due[order[min(size, len(order)) - 1]], first + BATCH_WAIT)
        chosen = [task_id for task_id in order if due[task_id] <= fire]
        if len(chosen) > size:
            chosen = self._whole_batches(chosen, order, fire)
        if len(chosen) % size:
            # IDs due a little later (within BATCH_WAIT of the first) that fit into the
            # requests this round sends anyway are worth waiting for.
            later = [task_id for task_id in order[len(chosen):] if due[task_id] <= first + BATCH_WAIT]
            if later and len(later) <= self._spare(chosen):
                chosen.extend(later)
                fire = due[later[-1]]
        spare = self._spare(chosen)
        if spare:
            soonest_useful = fire + self.adapter.default_interval(None, 0)
            taken = set(chosen)
            extra = [task_id for task_id in order if task_id not in taken and due[task_id] >= soonest_useful]
            chosen.extend(extra[:spare])
        return fire, chosen

    def _whole_batches(self, chosen, order, fire):
        """Whole batches only, when the IDs of a part-filled last request would fill one by
        waiting (within their BATCH_WAIT) for the next round; never leaving overdue IDs behind."""
        size = self.batch_size
        due = self.due
        overdue = sum(1 for task_id in chosen if due[task_id] + BATCH_WAIT <= fire)
        keep = max(len(chosen) // size, ceil_div(overdue, size)) * size
        upcoming = sum(1 for task_id in order[len(chosen):] if due[task_id] <= fire + BATCH_WAIT)
        if len(chosen) - keep + upcoming >= size:
            return chosen[:keep]
        return chosen

    def _spare(self, chosen):
        """Free places in the last request of a round that polls ``chosen``."""
        return -len(chosen) % self.batch_size
