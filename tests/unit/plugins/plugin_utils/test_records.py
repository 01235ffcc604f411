# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The normalised record helpers: merging created resources, the ISO timestamp parser."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import (
    merge_created_resources,
    parse_timestamp,
    resource_ids,
)


def test_parse_timestamp_variants():
    assert parse_timestamp("2026-05-23T05:07:31z") == parse_timestamp("2026-05-23T05:07:31")
    assert parse_timestamp("2026-05-23T05:07:31Z") == parse_timestamp("2026-05-23T07:07:31+02:00")
    assert parse_timestamp("2026-05-23T05:07:31.123456789") is not None
    assert parse_timestamp("yesterday") is None


def test_merge_keeps_order_drops_empty_and_duplicates():
    records = [
        {"created_resources": {"instances": ["a"], "volumes": ["v1"], "floatingips": []}},
        {"created_resources": None},
        {"created_resources": {"instances": ["b", "a"], "volumes": ["v1", "v2"]}},
    ]
    merged = merge_created_resources(records)
    assert merged == {"instances": ["a", "b"], "volumes": ["v1", "v2"]}
    assert resource_ids(merged) == ["a", "b", "v1", "v2"]
