# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts every API request received and the body bytes sent back (control routes excluded)."""


class Counters(object):
    def __init__(self):
        self.reset()

    def reset(self):
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

    def answered(self, status, route_name=None, body_bytes=0):
        """One answer: its status (None: dropped) and the body bytes written for it (as sent:
        compressed when the answer was, without headers)."""
        key = str(status) if status is not None else "dropped"
        self.status[key] = self.status.get(key, 0) + 1
        if body_bytes:
            self.bytes += body_bytes
            if route_name is not None:
                self.bytes_by_route[route_name] = self.bytes_by_route.get(route_name, 0) + body_bytes

    def snapshot(self, faults_fired):
        return {"total": self.total, "routes": dict(self.routes), "by_key": dict(self.by_key),
                "status": dict(self.status), "faults_fired": faults_fired,
                "bytes": self.bytes, "bytes_by_route": dict(self.bytes_by_route)}
