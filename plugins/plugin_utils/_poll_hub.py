# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""PollHub: one adapter's polling rounds shared by every concurrent wait of a run.

Each wait keeps its own engine (its own deadline, rhythm, lost-task rule and result); only
``adapter.poll()`` is shared. A wait's poll is answered by the first round that (a) it has not
seen yet, (b) started no more than ``tolerance`` seconds before it asked, and (c) covered its
IDs. A round starts when every registered wait is asking (nobody left to wait for), else at
most ``gather`` seconds after the first unanswered ask (``gather_first`` when an ID was never
polled: forks start over a second or two, and a task seldom ends in its first second). A
Gcore round sweeps every ID any wait still wants (a sweep costs the same whatever it holds);
a batching adapter (GPCN, 50 a request) polls the asked IDs and fills its last request's spare
places with the others. So waits that start together, or drift apart by less than the
tolerance, share one request per round.

A round's requests are charged to the oldest ask it answered, so the ``api_requests`` of all
waits add up to what the server counted. Errors cross the process boundary as plain data
(``encode_error``/``decode_error``). No Ansible imports: the coordinator process runs this.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import PollResult

TERMINAL = ("finished", "failed")
GATHER_FIRST = 1.0
GATHER = 0.25
TOLERANCE = 0.75
RHYTHM_SHARE = 0.3
# However densely a wait polls, a round this young still answers it (forks wake a little apart).
MIN_TOLERANCE = 0.25
# A round is started this long before the earliest deadline among its asks, at the latest.
DEADLINE_MARGIN = 0.5


class CoordinationError(Exception):
    """The coordinator could not answer (gone, refused, unreadable): the wait polls on its own."""


def encode_error(exc):
    """A picklable description of an exception raised while polling."""
    state = {}
    for name, value in vars(exc).items():
        if value is None or isinstance(value, (str, int, float, bool)):
            state[name] = value
        else:
            state[name] = str(value)
    return {"name": type(exc).__name__, "message": str(exc), "state": state,
            "args": [str(arg) for arg in exc.args]}


def decode_error(data):
    """The exception ``encode_error`` described: the collection's own class when it is one,
    else CoordinationError (an unexpected failure is not the API's verdict)."""
    cls = getattr(_errors, data["name"], None)
    if not (isinstance(cls, type) and issubclass(cls, _errors.AsyncOpsError)):
        return CoordinationError("%s: %s" % (data["name"], data["message"]))
    exc = cls.__new__(cls)
    exc.args = tuple(data["args"])
    exc.__dict__.update(data["state"])
    return exc


class _Ask(object):
    __slots__ = ("waiter", "ids", "hints", "asked_at", "after_round", "tolerance", "start_by", "deadline",
                 "charged", "interval", "first_sight")

    def __init__(self, waiter, ids, hints, asked_at, after_round, tolerance, start_by, deadline, interval=None):
        self.interval = interval
        self.first_sight = False
        self.waiter = waiter
        self.ids = ids
        self.hints = hints
        self.asked_at = asked_at
        self.after_round = after_round
        self.tolerance = tolerance
        self.start_by = start_by
        self.deadline = deadline
        self.charged = 0


class _Seen(object):
    """What one round learned of one ID: a record, a per-ID error, or the round's failure."""
    __slots__ = ("round", "started", "record", "error", "failure")

    def __init__(self, round_no, started, record=None, error=None, failure=None):
        self.round = round_no
        self.started = started
        self.record = record
        self.error = error
        self.failure = failure


class PollHub(object):
    """Thread-safe; ``ask()`` is called from one thread per connected wait."""

    def __init__(self, adapter, clock=time.monotonic, gather_first=GATHER_FIRST, gather=GATHER,
                 tolerance=TOLERANCE):
        self.adapter = adapter
        self.clock = clock
        self.gather_first = gather_first
        self.gather = gather
        self.tolerance = tolerance
        self.batch_size = adapter.batch_size
        self._cond = threading.Condition()
        self._wanted = {}      # waiter -> ordered dict of IDs it still waits on
        self._seen = {}        # ID -> _Seen of the latest round that covered it
        self._asks = []        # asks no round has taken yet
        self._rounds = 0
        self._last_started = None
        self.requests = 0      # every request the adapter sent for this hub
        self.trace = None      # optional callable(text): one line per round (diagnostics)
        self._closed = False
        self.idle_since = clock()

    # -- a wait's side -----------------------------------------------------------------------

    def ask(self, waiter, ids, hints=None, after_round=0, deadline=None, interval=None, gap=None):
        """One poll of ``ids`` for ``waiter``; returns the answer dict (see ``_answer``).

        ``interval`` is the wait's own poll_interval when the user fixed one: tolerance and
        gathering then stay within half of it, so the wait keeps its rhythm. ``gap`` is how long
        the wait slept since its previous poll: a wait polling densely (where its tasks' last
        end is likely) is answered only by a round at most half that gap old, else the shared
        rounds would thin out exactly where the wait wanted them dense.
        """
        tolerance = gather = None if not interval else float(interval) / 2.0
        dense = max(float(gap) / 2.0, MIN_TOLERANCE) if gap else None
        ids = list(dict.fromkeys(str(i) for i in ids))
        with self._cond:
            self.idle_since = None
            wanted = self._wanted.setdefault(waiter, {})
            if self.batch_size is None or not wanted:
                # A sweeping adapter's wait asks for all its pending IDs every time.
                self._wanted[waiter] = wanted = dict.fromkeys(ids)
            now = self.clock()
            ask = _Ask(waiter, ids, dict(hints or {}), now, after_round, None, None, deadline, interval)
            ask.tolerance = self._tolerance(ask) if tolerance is None else min(self.tolerance, tolerance)
            if dense is not None:
                ask.tolerance = min(ask.tolerance, dense)
            while True:
                answer = self._answer(ask)
                if answer is not None:
                    if ask in self._asks:
                        # Answered by a round that started before it was taken: no round owes it.
                        self._asks.remove(ask)
                    return answer
                if self._closed:
                    raise CoordinationError("the coordinator is shutting down")
                if ask.start_by is None:
                    ask.start_by = self._start_by(ask, now, gather)
                    self._asks.append(ask)
                    self._cond.notify_all()
                remaining = None if deadline is None else deadline - self.clock()
                if remaining is not None and remaining <= 0:
                    if ask in self._asks:
                        self._asks.remove(ask)
                    failure = _errors.TransportError("POLL", "(shared round)", "no shared polling round answered "
                                                     "before the wait's deadline", may_have_been_sent=True)
                    return {"failure": encode_error(failure), "records": {}, "errors": {}, "round": after_round,
                            "charged": ask.charged}
                self._cond.wait(1.0 if remaining is None else min(remaining, 1.0))

    def release(self, waiter):
        """The wait ended: its IDs no longer keep rounds going."""
        with self._cond:
            self._wanted.pop(waiter, None)
            self._asks = [ask for ask in self._asks if ask.waiter != waiter]
            still = set()
            for ids in self._wanted.values():
                still.update(ids)
            # Final records stay (a later wait on the same task needs no request); the rest go.
            self._seen = dict((task_id, seen) for task_id, seen in self._seen.items()
                              if task_id in still or self._terminal(task_id))
            if not self._wanted:
                self.idle_since = self.clock()
            self._cond.notify_all()

    def waiters(self):
        with self._cond:
            return len(self._wanted)

    def _start_by(self, ask, now, gather):
        """When the round answering ``ask`` must start at the latest.

        An ask about IDs never polled joins the rhythm of the waits already polling: their next
        round (the last one plus one poll interval) answers it, so a fork that starts late shares
        every round with the others instead of opening its own rhythm. With nobody else polling,
        it waits ``gather_first`` for the forks starting with it; the very first wait does not
        wait. Other asks wait ``gather``, or nothing when every wait is asking.
        """
        ask.first_sight = any(task_id not in self._seen for task_id in ask.ids)
        if ask.first_sight:
            rhythm = self._rhythm(ask, everyone=True)
            start_by = now + min(self.gather_first, rhythm)
            others = [ids for waiter, ids in self._wanted.items() if waiter != ask.waiter]
            if not others:
                start_by = now  # the first wait of the run: nobody to wait for yet
            elif any(self._open_ids(ids) for ids in others) and self._last_started is not None \
                    and self._last_started + rhythm > now:
                start_by = self._last_started + rhythm
        else:
            start_by = now + (self.gather if gather is None else min(self.gather, gather))
        if ask.deadline is not None:
            start_by = min(start_by, ask.deadline - DEADLINE_MARGIN)
        return start_by

    def _tolerance(self, ask):
        """How old a round may be and still answer ``ask``: TOLERANCE, or 30 % of the poll
        interval of its tasks when that is more. Many forks on a busy controller wake up over a
        second or more after a shared answer; a round that old is, for a 5 s rhythm, just a poll
        made a little early, whereas refusing it costs a request."""
        return max(self.tolerance, RHYTHM_SHARE * self._rhythm(ask))

    def _rhythm(self, ask, everyone=False):
        """A poll interval: the ask's own, else the adapter's for the ask's tasks (``everyone``:
        for the tasks of every wait here, which is the rhythm a newcomer joins)."""
        if ask.interval:
            return float(ask.interval)
        ids = set(i for w in self._wanted.values() for i in w) if everyone else ask.ids
        records = [self._seen[i].record for i in self._open_ids(ids) if i in self._seen and self._seen[i].record]
        return min([self.adapter.default_interval(record, 0) for record in records]
                   or [self.adapter.default_interval(None, 0)])

    def _answer(self, ask):
        """The answer for ``ask`` when rounds cover every ID of it, else None."""
        seen = []
        for task_id in ask.ids:
            entry = self._seen.get(task_id)
            if entry is None or entry.round <= ask.after_round:
                return None
            final = entry.record is not None and entry.record.get("status") in TERMINAL
            if not final and entry.started < ask.asked_at - ask.tolerance:
                return None
            seen.append((task_id, entry))
        answer = {"records": {}, "errors": {}, "failure": None, "round": max(e.round for _i, e in seen),
                  "charged": ask.charged}
        for task_id, entry in seen:
            if entry.failure is not None:
                answer["failure"] = entry.failure
            elif entry.record is not None:
                answer["records"][task_id] = entry.record
            elif entry.error is not None:
                answer["errors"][task_id] = entry.error
        if answer["failure"] is not None:
            answer["records"], answer["errors"] = {}, {}
        return answer

    # -- the round thread ------------------------------------------------------------------

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def run_rounds(self):
        """Loop until close(): start each round when it is due, and publish what it learned."""
        while True:
            with self._cond:
                plan = self._next_round()
                if plan is None:
                    if self._closed:
                        return
                    continue
            self._run_round(*plan)

    def _everyone_asking(self):
        asking = set(ask.waiter for ask in self._asks)
        return all(waiter in asking for waiter, ids in self._wanted.items() if self._open_ids(ids))

    def _open_ids(self, ids):
        return [task_id for task_id in ids if not self._terminal(task_id)]

    def _terminal(self, task_id):
        entry = self._seen.get(task_id)
        return entry is not None and entry.record is not None and entry.record.get("status") in TERMINAL

    def _next_round(self):
        """Under the lock: (round number, started, IDs, hints, deadline, asks) when a round is
        due now, else None after waiting a little."""
        if self._closed:
            return None
        # Asks a finished round already answers are their threads' to return, not a new round's.
        self._asks = [ask for ask in self._asks if self._answer(ask) is None]
        if not self._asks:
            self._cond.wait(1.0)
            return None
        now = self.clock()
        fire_at = min(ask.start_by for ask in self._asks)
        if self._everyone_asking() and not any(ask.first_sight for ask in self._asks):
            fire_at = now
        if fire_at > now:
            self._cond.wait(fire_at - now)
            return None
        asks = sorted(self._asks, key=lambda ask: ask.asked_at)
        self._asks = []
        self._rounds += 1
        self._last_started = now
        deadlines = [ask.deadline for ask in asks if ask.deadline is not None]
        deadline = max(deadlines) if len(deadlines) == len(asks) else None
        return self._rounds, now, self._round_ids(asks), self._common_hints(asks), deadline, asks

    def _round_ids(self, asks):
        asked = list(dict.fromkeys(task_id for ask in asks for task_id in ask.ids))
        taken = set(asked)
        others = []
        for ids in self._wanted.values():
            for task_id in self._open_ids(ids):
                if task_id not in taken:
                    taken.add(task_id)
                    others.append(task_id)
        if self.batch_size is None:
            return asked + others
        # Spare places of the last request go to the IDs last seen longest ago (with a record:
        # IDs that only ever answered with an error are not worth a place).
        others = [task_id for task_id in others if task_id not in self._seen or self._seen[task_id].record]
        others.sort(key=lambda task_id: self._seen[task_id].started if task_id in self._seen else float("-inf"))
        spare = -len(asked) % self.batch_size
        return asked + others[:spare]

    @staticmethod
    def _common_hints(asks):
        first = asks[0].hints
        return first if all(ask.hints == first for ask in asks) else {}

    def _run_round(self, round_no, started, ids, hints, deadline, asks):
        before = self.adapter.request_count
        self.adapter.set_deadline(deadline, self.clock)
        result, failure = None, None
        try:
            result = self.adapter.poll(ids, hints=hints)
        except Exception as exc:  # pylint: disable=broad-except
            # Whatever it is, every wait in this round gets it and decides (transient or fatal).
            failure = encode_error(exc)
        finally:
            self.adapter.set_deadline(None, self.clock)
        spent = self.adapter.request_count - before
        if self.trace is not None:
            self.trace("round %d at %.2f: %d IDs, %d asks, %d requests%s" % (
                round_no, started, len(ids), len(asks), spent, "" if failure is None else ", " + failure["name"]))
        with self._cond:
            self.requests += spent
            asks[0].charged += spent
            for task_id in ids:
                if failure is not None:
                    self._seen[task_id] = _Seen(round_no, started, failure=failure)
                elif task_id in result.records:
                    self._seen[task_id] = _Seen(round_no, started, record=result.records[task_id])
                elif task_id in result.errors:
                    self._seen[task_id] = _Seen(round_no, started, error=encode_error(result.errors[task_id]))
                else:
                    # Neither shown nor refused: the wait learns nothing of it, as on its own.
                    self._seen[task_id] = _Seen(round_no, started)
            self._cond.notify_all()


def poll_result(answer):
    """A wait's side: the PollResult of an answer, or raise the round's failure."""
    if answer.get("failure") is not None:
        raise decode_error(answer["failure"])
    result = PollResult()
    result.records.update(answer["records"])
    for task_id, error in answer["errors"].items():
        result.errors[task_id] = decode_error(error)
    return result
