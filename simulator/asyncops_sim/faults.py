# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Queued injected faults, matched by "METHOD /route/{template}" or "*"."""
import itertools

KINDS = ("status", "reset", "slow", "hang", "malformed", "html", "empty",
         "drop_after_processing", "omit_job")
# Faults that change the answer without replacing it (the request is still handled).
MODIFIERS = ("slow", "drop_after_processing", "omit_job")


class FaultQueue(object):
    def __init__(self):
        self.faults = []
        self.fired = 0
        self._ids = itertools.count(1)

    def add(self, spec):
        if not isinstance(spec, dict):
            raise ValueError("a fault must be a JSON object")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise ValueError("kind must be one of %s" % ", ".join(KINDS))
        match = spec.get("match", spec.get("route", "*"))
        if not isinstance(match, str):
            raise ValueError("match must be a string like 'GET /cloud/v1/tasks/{task_id}' or '*'")
        if kind == "status" and not isinstance(spec.get("status"), int):
            raise ValueError("a status fault needs an integer 'status'")
        if kind == "omit_job" and not spec.get("job_id"):
            raise ValueError("an omit_job fault needs 'job_id'")
        fault = dict(spec)
        fault["id"] = next(self._ids)
        fault["match"] = match
        fault["remaining"] = int(spec.get("count", 1))
        fault["skip"] = int(spec.get("after", 0))
        fault["fired"] = 0
        self.faults.append(fault)
        return fault

    def clear(self):
        self.faults = []

    def reset_counter(self):
        self.fired = 0

    def listing(self):
        return [dict(f) for f in self.faults if f["remaining"] > 0]

    def take(self, route_name):
        """Faults firing for this request: at most one answer-replacing fault plus modifiers.

        Every matching fault first uses up its `after` skips; only then does it fire.
        """
        chosen = []
        replacing = False
        for fault in self.faults:
            if fault["remaining"] <= 0:
                continue
            if fault["match"] not in ("*", route_name):
                continue
            if fault["skip"] > 0:
                fault["skip"] -= 1
                continue
            is_modifier = fault["kind"] in MODIFIERS
            if not is_modifier and replacing:
                continue
            if fault["kind"] == "omit_job" and route_name != "POST /v1/resource/jobs":
                continue
            replacing = replacing or not is_modifier
            fault["remaining"] -= 1
            fault["fired"] += 1
            self.fired += 1
            chosen.append(dict(fault))
        return chosen
