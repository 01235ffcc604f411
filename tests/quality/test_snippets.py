# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every YAML snippet a user may copy parses, and none puts a key into uri headers."""

import os

import pytest
import yaml

from snippets import examples_of, markdown_files, markdown_snippets, plugin_files

SNIPPETS = [("%s #%d" % (os.path.relpath(path), n), text)
            for path in markdown_files() for n, text in enumerate(markdown_snippets(path), 1)]
EXAMPLES = [(os.path.relpath(path), examples_of(path)) for path in plugin_files() if examples_of(path)]


@pytest.mark.quality
def test_there_are_snippets_to_check():
    assert len(SNIPPETS) >= 5 and len(EXAMPLES) >= 6


@pytest.mark.quality
@pytest.mark.parametrize("where,text", SNIPPETS + EXAMPLES, ids=[w for w, _ in SNIPPETS + EXAMPLES])
def test_snippet_parses_as_a_list_of_tasks_or_plays_without_a_keyed_uri(where, text):
    parsed = yaml.safe_load(text)
    assert isinstance(parsed, list) and parsed, where
    assert all(isinstance(item, dict) and item.get("name") for item in parsed), where
    for item in _tasks(parsed):
        uri = item.get("ansible.builtin.uri") or item.get("uri")
        if isinstance(uri, dict):
            headers = " ".join(str(k) + str(v) for k, v in (uri.get("headers") or {}).items()).lower()
            assert "key" not in headers and "authorization" not in headers, where


def _tasks(items):
    for item in items:
        yield item
        for key in ("tasks", "block", "rescue", "always", "pre_tasks", "post_tasks"):
            if isinstance(item.get(key), list):
                for inner in _tasks(item[key]):
                    yield inner
