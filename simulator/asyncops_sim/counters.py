# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts every API request received and the body bytes sent back (control routes excluded),
and keeps when each of the latest requests arrived and how it was answered."""

import collections
import time

# The answer timeline keeps this many of the latest requests (a benchmark may send many more).
TIMELINE_LENGTH = 10000


class Counters(object):
    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.reset()

    def reset(self):
        self.started = self.clock()
        self.timeline = collections.deque(maxlen=TIMELINE_LENGTH)
        self.total = 0
        self.routes = {}
        self.by_key = {}
        self.status = {}
        self.bytes = 0
        self.bytes_by_route = {}

    def record(self, route_name, who):
        self.total += 1
        self.routes[route_name] = self.routes.get(route_name, 0) + 1
        self.by_key[who] = self.by_key.get(who, 0) + 1

    def answered(self, status, route_name=None, body_bytes=0, received_at=None):
        """One answer: its status (None: dropped), the body bytes written for it (as sent:
        compressed when the answer was, without headers) and the clock reading when its request
        arrived (None: not on the timeline)."""
        key = str(status) if status is not None else "dropped"
        self.status[key] = self.status.get(key, 0) + 1
        if received_at is not None:
            self.timeline.append({"received": round(received_at - self.started, 6), "status": key,
                                  "route": route_name})
        if body_bytes:
            self.bytes += body_bytes
            if route_name is not None:
                self.bytes_by_route[route_name] = self.bytes_by_route.get(route_name, 0) + body_bytes

    def snapshot(self, faults_fired):
        return {"total": self.total, "routes": dict(self.routes), "by_key": dict(self.by_key),
                "status": dict(self.status), "faults_fired": faults_fired,
                "bytes": self.bytes, "bytes_by_route": dict(self.bytes_by_route)}

    def answers(self):
        """The timeline: the latest requests in the order they arrived, each with the seconds
        since the counters were reset, its route and the status it was answered with."""
        return sorted(self.timeline, key=lambda answer: answer["received"])
