# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A heartbeat line at default verbosity while a wait runs, driven by time, not by rounds.

AWX and other job runners kill a job that prints nothing for a while, and a long wait polls
rarely (every 30 s for Kubernetes, or a user's long poll_interval; a coordinated poll may block
for a round). So a thread emits the latest progress snapshot every ``interval`` seconds,
whether or not a round happened; ``interval`` 0 turns it off. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

from ansible_collections.asyncops.cloud.plugins.plugin_utils._progress import PREFIX, format_progress

DEFAULT_INTERVAL = 60.0
ENV_INTERVAL = "ASYNCOPS_HEARTBEAT_INTERVAL"


class Heartbeat(object):
    """Context manager; feed it the engine's snapshots with ``update`` (an on_progress callback)."""

    def __init__(self, interval, emit, total=0, clock=time.monotonic):
        self.interval = float(interval or 0)
        self.emit = emit
        self.clock = clock
        self.started = clock()
        self._latest = {"total": total, "finished": 0, "failed": 0, "running": 0, "pending": total, "tasks": []}
        self._stop = threading.Event()
        self._thread = None
        self.beats = 0

    def update(self, snapshot):
        self._latest = snapshot

    def line(self):
        snapshot = dict(self._latest)
        snapshot["elapsed"] = self.clock() - self.started
        text = format_progress(snapshot)
        return text.replace(PREFIX + ": ", PREFIX + ": still waiting: ", 1)

    def _run(self):
        while not self._stop.wait(self.interval):
            self.beats += 1
            self.emit(self.line())

    def __enter__(self):
        if self.interval > 0:
            self._thread = threading.Thread(target=self._run)
            self._thread.daemon = True
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
