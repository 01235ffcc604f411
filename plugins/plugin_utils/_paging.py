# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SweepPlanner: how big the pages of a Gcore list sweep are, and when not to sweep at all.

A sweep reads the task list to learn many tasks' states in few requests, but every listed
task costs its bytes whether it is one of ours or not: in a busy project a page of 1000 tasks
(about 1.3 MB) can hold none of the five a wait is after. The planner weighs, round by round
and from what the earlier rounds measured, a sweep against one GET per pending task.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

PAGE_LIMIT = 1000               # the API's maximum page size
# What one request costs beyond the bytes of its answer, as bytes of answer: a round trip of
# tens of milliseconds over the internet (about 64 KiB at 10 Mbit/s), headers, TLS records, and
# one slot of the API's rate limit. Sweeping pays when it saves more requests than it reads
# extra bytes at this rate.
REQUEST_COST_BYTES = 64 * 1024
DEFAULT_RECORD_BYTES = 1300     # one task as the Gcore API serialises it, until measured
FIRST_PAUSE = 2                 # rounds of per-ID GETs after a sweep that did not pay
LONGEST_PAUSE = 16              # the pause doubles after each probe that does not pay, up to this


def probe_page(pending):
    """A page for tasks whose place in the list is unknown: the pending tasks plus a quarter."""
    return min(PAGE_LIMIT, pending + pending // 4 + 2)


def known_page(depth):
    """A page for tasks known to sit within the first ``depth`` places of the list."""
    return min(PAGE_LIMIT, depth + depth // 16 + 1)


def _pages(records):
    return (records + PAGE_LIMIT - 1) // PAGE_LIMIT


class SweepPlanner(object):
    """Page size of the next sweep, or None for per-ID GETs; fitted to what earlier sweeps found.

    Costs are in bytes: a request costs ``request_cost`` plus its answer's bytes, so N per-ID
    GETs cost ``N * (request_cost + record_bytes)`` (``record_bytes``: the mean size of a task
    as measured in the answers so far). The rule, each round for the ``pending`` tasks:

    * Known depth: when the last sweep listed every pending task in oldest-first order over a
      window that still holds them at the same or earlier places (same project and region, a
      ``from_timestamp`` no earlier), the pending tasks lie within its first ``depth`` places
      (new tasks only join at the end). Sweep one page of ``depth`` plus 1/16 (pages of 1000
      beyond that) when reading ``depth`` tasks costs no more than the GETs; else per-ID GETs.
    * Unknown depth: probe with a page of the pending count plus a quarter; page on while a
      page pays for itself (its cost at most the GETs of the wanted tasks it held), the page
      size doubling each time up to 1000 (and only as far as a page holding every task still
      missing would pay, at least a probe page for them), or while the answer's ``count``
      shows the rest of the window costs no more than GETs for the tasks still missing.
    * A sweep that cost more than GETs for the tasks it found pauses probing: per-ID GETs for
      2 rounds, doubling after each probe that does not pay, up to 16. The pause ends early
      when the pending set doubles, or when the order or the project/region scope changes: a
      first-sight newest-first probe failing says nothing of the oldest-first window narrowed
      to our tasks' creation times (which gets its own count of pauses).
    """

    def __init__(self, request_cost=REQUEST_COST_BYTES, record_bytes=DEFAULT_RECORD_BYTES):
        self.request_cost = request_cost
        self._default_record_bytes = record_bytes
        self._measured = [0, 0]         # bytes, records
        self._positions = {}            # task -> place in the last oldest-first sweep
        self._window = None             # that sweep's (project, region, from_timestamp, to_timestamp)
        self._paused = 0                # rounds of per-ID GETs left
        self._next_pause = FIRST_PAUSE
        self._paused_in = None          # (order, scope) of the sweep that did not pay
        self._paused_pending = 0
        #: What the last round decided: "sweep", "known" (a sweep of known depth), "gets", "paused".
        self.last_choice = None

    # -- measurements ---------------------------------------------------------------------

    @property
    def record_bytes(self):
        size, records = self._measured
        return size / float(records) if records else self._default_record_bytes

    def measured(self, size, records):
        """Bytes an answer of ``records`` tasks had (list page or single GET)."""
        if records > 0 and size > 0:
            self._measured[0] += size
            self._measured[1] += records

    def gets_cost(self, tasks):
        return tasks * (self.request_cost + self.record_bytes)

    def sweep_cost(self, requests, size):
        return requests * self.request_cost + size

    # -- the rule -------------------------------------------------------------------------

    def plan(self, ids, order, window):
        """Page size for sweeping ``ids`` (canonical) in ``order`` over ``window``, or None.

        ``window``: the sweep's (project_id, region_id, from_timestamp, to_timestamp) filters.
        """
        pending = len(ids)
        depth = self._depth(ids, order, window)
        if depth is not None:
            page = known_page(depth)
            pages = (depth + page - 1) // page
            if self.sweep_cost(pages, pages * page * self.record_bytes) <= self.gets_cost(pending):
                self.last_choice = "known"
                return page
            self.last_choice = "gets"
            return None
        if self._paused > 0 and (order, window[:2]) == self._paused_in and pending < 2 * self._paused_pending:
            self._paused -= 1
            self.last_choice = "paused"
            return None
        self._paused = 0
        self.last_choice = "sweep"
        return probe_page(pending)

    def next_page(self, limit, page_bytes, found, missing, count, offset):
        """Size of the next page of this sweep, or None to stop (GETs for what is missing)."""
        if self.sweep_cost(1, page_bytes) <= self.gets_cost(found):
            # The page paid: double it, as far as a page holding every missing task would
            # still pay, and only if it is big enough to hold them with some to spare.
            affordable = int((self.gets_cost(missing) - self.request_cost) / self.record_bytes)
            grown = min(PAGE_LIMIT, 2 * limit, affordable)
            if grown >= probe_page(missing):
                return grown
        if count is not None:
            rest = max(0, count - offset)
            if self.sweep_cost(_pages(rest), rest * self.record_bytes) <= self.gets_cost(missing):
                return PAGE_LIMIT
        return None

    def observe(self, ids, order, window, pages, size, positions):
        """What one sweep for ``ids`` cost (``pages`` requests, ``size`` bytes) and where it
        listed the wanted tasks it found (``positions``: task -> place)."""
        if order == "asc":
            self._positions, self._window = dict(positions), window
        else:
            self._positions, self._window = {}, None
        if self.sweep_cost(pages, size) <= self.gets_cost(len(positions)):
            self._next_pause = FIRST_PAUSE
            self._paused = 0
        else:
            if (order, window[:2]) != self._paused_in:
                self._next_pause = FIRST_PAUSE  # another kind of window: its own count
            self._paused = self._next_pause
            self._next_pause = min(LONGEST_PAUSE, 2 * self._next_pause)
            self._paused_in = (order, window[:2])
            self._paused_pending = len(ids)

    def _depth(self, ids, order, window):
        """How far into the list the pending tasks lie, if the last sweep showed it."""
        if order != "asc" or self._window is None or not ids:
            return None
        project, region, start = window[:3]
        last_project, last_region, last_start = self._window[:3]
        if (project, region) != (last_project, last_region) or (start or "") < (last_start or ""):
            return None
        places = [self._positions.get(task_id) for task_id in ids]
        if any(place is None for place in places):
            return None
        return max(places) + 1
