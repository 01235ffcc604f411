# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""When the pending tasks of a wait are likely to end, from typical durations and evidence.

The provider documents a typical duration range per operation (Gcore: create a VM in 15-30 s,
a Kubernetes cluster in 5-15 minutes). Each pending task's end is expected within that range of
its own creation time, stretched or shrunk by what this wait has seen: a task that finished
after ``d`` seconds, of a type typically taking ``lo``-``hi``, says the API currently runs at a
pace between ``d / hi`` and ``d / lo`` of the typical one (a busy region, a fast test
double). Taken over every finished task, those bounds narrow to the pace of this API now.

Within its window each end is taken as equally likely anywhere; the wait returns when the
*last* pending task ends, and the last of N such ends is very likely near the windows' upper
edge. ``last_end_zone`` gives the span in which the last end falls with high probability:
that is where dense polling pays; everywhere else the usual rhythm is enough.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import re

from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import FINISHED, parse_timestamp

# The zone starts where the last end has this probability of having happened already.
LAST_END_QUANTILE = 0.05
# Timestamps in whole seconds (Gcore: "2026-05-23T05:07:50") put a creation up to a second
# later than written, and a duration read from two of them a second either way. Durations are
# taken as read (the errors cancel out over many tasks, while widening every bound by a second
# would blur a window of a few seconds into nothing); instead a window ends that much later and
# is kept on past its end for as long as that error could have moved it (``end_window``).


def epoch_seconds(value):
    """An API timestamp as seconds since the epoch (UTC), or None."""
    moment = parse_timestamp(value)
    if moment is None:
        return None
    return calendar.timegm(moment.utctimetuple()) + moment.microsecond / 1e6


def resolution(value):
    """How far the moment an API timestamp names may lie after it: 1 s for whole seconds,
    else the unit of its last fractional digit."""
    text = str(value or "")
    match = re.search(r":\d\d\.(\d+)", text)
    return 10.0 ** -len(match.group(1)) if match else 1.0


class PaceEvidence(object):
    """Bounds on the API's current pace, relative to the typical durations (1.0: as documented)."""

    def __init__(self):
        self.lowest = None      # the largest d / hi seen: the pace is at least this
        self.highest = None     # the smallest d / lo seen: the pace is at most this
        self.durations = 0.0    # the sum of the durations seen ...
        self.typical = 0.0      # ... and of their types' typical (middle) durations
        self.samples = 0

    def add(self, duration, typical, slack=0.0):
        """One finished task: ``duration`` seconds (give or take ``slack``), of a type typically
        taking ``typical`` (lo, hi)."""
        low, high = typical
        if duration is None or duration < 0 or low <= 0 or high <= 0:
            return
        at_least, at_most = max(duration - slack, 0.0) / float(high), (duration + slack) / float(low)
        self.samples += 1
        self.lowest = at_least if self.lowest is None else max(self.lowest, at_least)
        self.highest = at_most if self.highest is None else min(self.highest, at_most)
        self.durations += duration
        self.typical += (low + high) / 2.0

    def pace(self):
        """(slowest-case factor for the window's start, factor for its end); (1, 1) without evidence.

        When finished tasks disagree (durations spread wider than the typical range allows, or
        whole-second timestamps blur short ones), the bounds cross; then the pace the finished
        tasks show on average (their durations over their typical ones, summed) is used for both.
        """
        if not self.samples:
            return 1.0, 1.0
        if self.lowest <= self.highest:
            return self.lowest, self.highest
        average = self.durations / self.typical
        return average, average

    def observe(self, record, typical):
        """Take a record's evidence if it finished normally with both timestamps, and took at
        least the timestamps' resolution (a shorter span reads as 0 or 1 s whatever it was)."""
        if record.get("status") != FINISHED or typical is None:
            return
        created, finished = epoch_seconds(record.get("created_at")), epoch_seconds(record.get("finished_at"))
        if created is None or finished is None:
            return
        duration = finished - created
        if duration >= max(resolution(record.get("created_at")), resolution(record.get("finished_at"))):
            self.add(duration, typical)


def end_window(created, typical, pace, now, slack=1.0):
    """(earliest, latest) wall time a task created at ``created`` should end.

    ``slack``: how much later than ``created`` the creation may have been (the timestamp's
    resolution).

    None when the window is over at ``now``, and over by more than whole-second timestamps could
    have misplaced its end (the task is late: nothing is known about when it ends). The window
    is not cut at ``now``: the zone planned from it stays the same from round to round, so its
    rounds keep their spacing instead of crowding towards its end.
    """
    earliest = created + typical[0] * pace[0]
    latest = created + slack + typical[1] * pace[1]
    if now > latest + slack * typical[1] / typical[0]:
        return None
    return earliest, latest


def _all_done_by(windows, moment):
    """The probability that every window's end has happened by ``moment`` (uniform within each)."""
    chance = 1.0
    for earliest, latest in windows:
        if moment <= earliest:
            return 0.0
        if moment < latest:
            chance *= (moment - earliest) / (latest - earliest)
    return chance


def last_end_zone(windows, quantile=LAST_END_QUANTILE):
    """(start, end) of the span where the last of ``windows``' ends most likely falls.

    ``windows`` are (earliest, latest) pairs with earliest < latest or equal; the end of the
    zone is the latest ``latest``; its start is where the chance that all have ended reaches
    ``quantile``. None without windows.
    """
    if not windows:
        return None
    end = max(latest for _earliest, latest in windows)
    low = max(earliest for earliest, _latest in windows)
    if low >= end:
        return end, end
    high = end
    for _step in range(40):  # bisection: the chance grows with the moment
        middle = (low + high) / 2.0
        if _all_done_by(windows, middle) >= quantile:
            high = middle
        else:
            low = middle
    return high, end
