# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Timestamps in the shapes the two APIs use (ISO 8601, UTC, trailing Z)."""
from datetime import datetime, timezone


def iso(ts):
    """Epoch seconds -> '2026-05-23T05:07:31Z' (seconds precision, like Gcore's examples)."""
    if ts is None:
        return None
    return datetime.fromtimestamp(int(ts), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text):
    """ISO 8601 -> epoch seconds; naive values are UTC. Raises ValueError on junk."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)  # Python < 3.11 lacks 'Z' support, handled above
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()
