# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A task's progress computed from the clock on demand.

No thread per task: each task only remembers when it started, how long it takes and how it
ends, so 10,000 tasks cost nothing until someone looks at them.
"""

NEW_FRACTION = 0.1  # the first ~10% of the duration is spent queued (NEW / pending)
STUCK_PROGRESS = 90  # a stuck job's progress creeps up to here and stays


class Phase(object):
    __slots__ = ("name", "progress", "started_at", "ended_at", "changed_at")

    def __init__(self, name, progress, started_at, ended_at, changed_at):
        self.name = name  # "new" | "running" | "finished" | "error"
        self.progress = progress  # 0..100
        self.started_at = started_at
        self.ended_at = ended_at
        self.changed_at = changed_at

    @property
    def terminal(self):
        return self.name in ("finished", "error")


class Lifecycle(object):
    """outcome: "finish" | "error" | "stuck". error_after_progress: where a failure stops."""

    __slots__ = ("created", "duration", "outcome", "error_after_progress", "forced_at")

    def __init__(self, created, duration, outcome="finish", error_after_progress=None):
        self.created = created
        self.duration = max(float(duration), 0.0)
        self.outcome = outcome
        self.error_after_progress = error_after_progress
        self.forced_at = None  # set by /_sim/tasks/{id}/finish

    def end_time(self):
        """When the task becomes terminal, or None if it never does."""
        if self.forced_at is not None:
            return self.forced_at
        if self.outcome == "stuck":
            return None
        if self.outcome == "error" and self.error_after_progress is not None:
            return self.created + self.duration * max(self.error_after_progress, 10) / 100.0
        return self.created + self.duration

    def phase(self, now):
        started = self.created + self.duration * NEW_FRACTION
        end = self.end_time()
        if end is not None and now >= end:
            if self.forced_at is not None:
                return Phase("finished", 100, min(started, end), end, end)
            if self.outcome == "error":
                stopped = self.error_after_progress
                if stopped is None:
                    stopped = 99
                return Phase("error", int(min(max(stopped, 10), 99)), started, end, end)
            return Phase("finished", 100, started, end, end)
        if now < started:
            return Phase("new", 0, None, None, self.created)
        fraction = (now - self.created) / self.duration if self.duration else 1.0
        cap = STUCK_PROGRESS if self.outcome == "stuck" else 99
        progress = int(min(max(fraction * 100, 1), cap))
        return Phase("running", progress, started, None, started)
