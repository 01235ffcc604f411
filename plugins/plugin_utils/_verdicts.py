# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fields a verdict rests on, read strictly (used by each adapter's normaliser).

A wait declares a task finished or failed from a handful of fields. Reading them leniently
turned answers nobody should trust into verdicts: ``hasFailed: "true"`` (a string) read as
"not failed", a ``created_resources`` that is not an object became an empty success, and a
state nobody documented was waited on in silence. Here a field of the wrong type raises
RecordError (the adapters turn it into InconsistentAnswerError: a malformed answer), and a
state the provider's table does not know maps to UNKNOWN: not terminal, so the wait goes on,
but named in the progress line and the result.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import UNKNOWN

# What two copies of one task in one answer must agree on.
VERDICT_FIELDS = ("status", "state", "created_resources", "error")


class RecordError(ValueError):
    """A record whose verdict fields have the wrong type; ``detail`` says which and what."""

    def __init__(self, detail):
        super(RecordError, self).__init__(detail)
        self.detail = detail


def shown(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def status_of(state, table, fold=str.lower):
    """The normalised status of a provider's state word: ``table[fold(state)]``, or UNKNOWN
    for anything else (an undocumented word, a number). None stays None (not reported yet)."""
    if state is None:
        return None
    if isinstance(state, str) and fold(state) in table:
        return table[fold(state)]
    return UNKNOWN


def boolean(value, what):
    """A flag that must be true, false or absent."""
    if value is not None and not isinstance(value, bool):
        raise RecordError("%s is %s, not true or false" % (what, shown(value)))
    return value


def number(value, what):
    """A figure that must be a number (not a boolean) or absent."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise RecordError("%s is %s, not a number" % (what, shown(value)))
    return value


def object_of_lists(value, name, whose):
    """An object whose values are lists (or null), or absent/null (``name`` of ``whose``)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError("%s of %s is %s, not an object" % (name, whose, shown(value)))
    for key, item in value.items():
        if item is not None and not isinstance(item, list):
            raise RecordError("%s.%s of %s is %s, not a list" % (name, key, whose, shown(item)))
    return value


def contradiction(first, second):
    """The verdict field two records of one task disagree on, or None when they agree."""
    for field in VERDICT_FIELDS:
        if first.get(field) != second.get(field):
            return field
    return None


def describe_unknown(records):
    """``'succeeded' (1a2b3c4d), 3 (5e6f7a8b)``: the unknown states of these records, or ''."""
    parts = ["%s (%s)" % (shown(record.get("state")), str(record.get("id"))[:8])
             for record in records if record.get("status") == UNKNOWN]
    return ", ".join(parts)
