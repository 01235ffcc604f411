# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Live progress lines for task_wait, from the engine's on_progress snapshots.

Kept apart from the task_wait action plugin so the wording and the throttling are
unit-testable without a TaskExecutor.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

PREFIX = "asyncops.cloud.task_wait"
# A heartbeat even when nothing changes, so a long quiet wait does not look hung.
HEARTBEAT_SECONDS = 15.0
# How many still-running tasks a line describes; more would wrap in a terminal.
MAX_DETAILED = 3

_PROVIDER_LABEL = {"gcore": "Gcore", "gpcn": "GPCN"}
_TERMINAL = ("finished", "failed")


def _count(value):
    return int(value or 0)


def _short_id(task_id):
    return str(task_id or "?")[:8]


def describe_running(record):
    """``1a2b3c4d Gcore create_vm RUNNING/VM_BUILDING`` or ``5e6f7a8b GPCN vm in_progress 45%``."""
    parts = [_short_id(record.get("id")), _PROVIDER_LABEL.get(record.get("provider"), record.get("provider") or "")]
    if record.get("type"):
        parts.append(str(record["type"]))
    state = record.get("state") or record.get("status") or "unknown"
    if record.get("detailed_state"):
        state = "%s/%s" % (state, record["detailed_state"])
    parts.append(str(state))
    if record.get("progress") is not None:
        parts.append("%s%%" % record["progress"])
    return " ".join(part for part in parts if part)


def format_progress(snapshot):
    """One line summarising a polling round."""
    total = _count(snapshot.get("total"))
    finished = _count(snapshot.get("finished"))
    failed = _count(snapshot.get("failed"))
    running = _count(snapshot.get("running"))
    pending = _count(snapshot.get("pending"))
    line = "%s: %d/%d finished, %d failed, %d running" % (PREFIX, finished, total, failed, running)
    if pending:
        line += ", %d pending" % pending
    waiting = [record for record in snapshot.get("tasks") or [] if record.get("status") not in _TERMINAL]
    if waiting:
        details = [describe_running(record) for record in waiting[:MAX_DETAILED]]
        if len(waiting) > MAX_DETAILED:
            details.append("+%d more" % (len(waiting) - MAX_DETAILED))
        line += " (%s)" % "; ".join(details)
    line += " after %ds" % int(round(float(snapshot.get("elapsed") or 0)))
    return line


def _signature(snapshot):
    """What counts as "something changed": counts, and each waiting task's state/progress."""
    waiting = tuple(
        (record.get("id"), record.get("state"), record.get("detailed_state"), record.get("progress"))
        for record in snapshot.get("tasks") or [] if record.get("status") not in _TERMINAL)
    counts = tuple(_count(snapshot.get(key)) for key in ("finished", "failed", "running", "pending"))
    return counts, waiting


class ProgressPrinter(object):
    """on_progress callback: emits a line when something changed or every HEARTBEAT_SECONDS.

    ``emit`` receives the line (the action plugin passes display.v, which is silent at
    verbosity 0); ``clock`` is injectable so tests never sleep.
    """

    def __init__(self, emit, clock=time.monotonic, heartbeat=HEARTBEAT_SECONDS):
        self.emit = emit
        self.clock = clock
        self.heartbeat = heartbeat
        self._last_signature = None
        self._last_emitted_at = None

    def __call__(self, snapshot):
        now = self.clock()
        signature = _signature(snapshot)
        due = self._last_emitted_at is None or now - self._last_emitted_at >= self.heartbeat
        if signature == self._last_signature and not due:
            return
        self._last_signature = signature
        self._last_emitted_at = now
        self.emit(format_progress(snapshot))
