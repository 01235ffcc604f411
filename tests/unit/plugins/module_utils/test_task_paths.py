# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Below the option validation: whatever a task ID holds, the Gcore adapter's URL names one
task (one quoted path segment under /cloud/v1/tasks/), or HttpClient.url_for refuses it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import unquote, urlsplit

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import UnsafePathError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient


CRAFTED = ["../acknowledge_all", "..", ".", "%2F..%2Facknowledge_all", "%2e%2e", "x/acknowledge",
           "x?state=ERROR", "x#frag", "x y", "//evil.example/x", "x;y", "a/../../v1/volumes", "x" * 10240]


@pytest.mark.parametrize("task_id", CRAFTED, ids=lambda value: value[:24])
@pytest.mark.parametrize("suffix", ["", "/acknowledge"])
def test_crafted_id_is_one_segment_of_the_task_route_or_refused(task_id, suffix):
    client = HttpClient("https://api.example.test", "Authorization", "APIKey k")
    path = GcoreAdapter(client)._task_path(task_id, suffix)
    try:
        url = client.url_for(path)
    except UnsafePathError:
        return  # refused before any request: the dot segments
    parts = urlsplit(url)
    assert parts.netloc == "api.example.test" and not parts.query and not parts.fragment
    assert parts.path.startswith("/cloud/v1/tasks/") and parts.path.endswith(suffix)
    segment = parts.path[len("/cloud/v1/tasks/"):len(parts.path) - len(suffix)]
    assert "/" not in segment and unquote(segment) == task_id


def test_dot_segments_are_the_ones_refused():
    client = HttpClient("https://api.example.test/base", "Authorization", "APIKey k")
    adapter = GcoreAdapter(client)
    for task_id in ("..", "."):
        with pytest.raises(UnsafePathError):
            client.url_for(adapter._task_path(task_id))
