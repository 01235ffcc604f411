# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's two ways of choosing when the next round runs and which IDs it polls.

SweepSchedule: every round polls every pending ID, one interval apart. Right for an adapter
whose round costs the same whatever IDs it holds (Gcore's list sweep), and for any wait with a
user-fixed ``poll_interval``.

DueTimeSchedule: for a batching adapter (GPCN: one request per 50 IDs) each pending ID has its
own due time, predicted from its progress where the adapter can, and a round polls only the due
IDs, so tasks that end together share requests and none is asked about too early.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# A scheduled round waits up to this long after its first due ID for a full batch to become
# due: one full request instead of several part-filled ones, for at most this much extra lag.
BATCH_WAIT = 1.0
# A predicted finish is polled a little after it (progress is a whole percent, clocks jitter).
LATE_BY_SECONDS = 0.1
LATE_BY_FRACTION = 0.05


def ceil_div(count, size):
    """How many groups of ``size`` hold ``count`` items."""
    return -(-count // size)


class SweepSchedule(object):
    """Every round polls every pending ID (``None`` as the round's IDs means all of them)."""

    def observed(self, polled, result, records, pending, now, elapsed):
        """Nothing to learn: the next round asks about everything anyway."""

    def next_round(self, now, delay, pending):
        return now + delay, None

    def retry_round(self, now, delay, pending):
        """After a failed round: the same, one backoff ``delay`` later."""
        return now + delay, None


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

    def next_round(self, now, delay, pending):
        return self._plan(pending)

    def retry_round(self, now, delay, pending):
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
