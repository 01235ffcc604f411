# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one normalised task record both providers map into, and created_resources merging.

Each adapter normalises its provider's answers into this record (_gcore.gcore_record,
_gpcn.gpcn_record); the engine, the runners and the results read only this shape.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

PENDING = "pending"
RUNNING = "running"
FINISHED = "finished"
FAILED = "failed"
TERMINAL_STATUSES = frozenset([FINISHED, FAILED])


RECORD_FIELDS = (
    "id", "provider", "type", "state", "status", "progress", "created_resources", "error",
    "detailed_state", "request_id", "project_id", "region_id", "created_at", "updated_at",
    "finished_at", "acknowledged", "raw",
)


def new_record(task_id, provider, **fields):
    """A record with every contract field present (None when unknown)."""
    record = dict.fromkeys(RECORD_FIELDS)
    record["id"] = task_id
    record["provider"] = provider
    record["status"] = PENDING
    record["raw"] = {}
    record.update(fields)
    return record


def as_int(value):
    """An API's integer field (sometimes sent as text), or None."""
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def parse_timestamp(value):
    """An ISO 8601 timestamp (``Z``, an offset, or none meaning UTC) as a naive UTC datetime, else None.

    The one parser for the APIs' timestamps and the user's from/to filters.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith("z"):
        text = text[:-1] + "Z"
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return parsed


class PollResult(object):
    """What one polling round learned: records by id, and per-id problems (404, not visible)."""

    __slots__ = ("records", "errors")

    def __init__(self, records=None, errors=None):
        self.records = records if records is not None else {}
        self.errors = errors if errors is not None else {}

    def __repr__(self):
        return "PollResult(records=%d, errors=%d)" % (len(self.records), len(self.errors))


def merge_created_resources(records):
    """{type: [ids...]} over records: only non-empty lists, first-seen order, no duplicates."""
    merged = {}
    seen = {}
    for record in records:
        created = record.get("created_resources") if record else None
        if not isinstance(created, dict):
            continue
        for kind, ids in created.items():
            if not isinstance(ids, list):
                continue
            for resource_id in ids:
                marker = seen.setdefault(kind, set())
                key = repr(resource_id)
                if key in marker:
                    continue
                marker.add(key)
                merged.setdefault(kind, []).append(resource_id)
    return merged


def resource_ids(merged):
    """Every resource id of a merged created_resources dict, in order."""
    flat = []
    for ids in merged.values():
        flat.extend(ids)
    return flat
