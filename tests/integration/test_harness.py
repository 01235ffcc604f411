# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The harness guards themselves: a leaked key must fail the run, keys never go on argv."""

import os

import pytest

from harness.collection_tree import ensure_collection_tree

from . import playbook_runner
from .playbook_runner import assert_no_key_leak
from .simctl import ALL_KEYS, GCORE_KEY_A


def test_leak_guard_fails_a_run_that_prints_a_key(run_playbook, monkeypatch):
    started = []
    real_run = playbook_runner.subprocess.run

    def recording_run(cmd, *args, **kwargs):
        started.append(list(cmd))
        # The runner passes check= explicitly; it arrives here inside kwargs.
        return real_run(cmd, *args, **kwargs)  # pylint: disable=subprocess-run-check

    monkeypatch.setattr(playbook_runner.subprocess, "run", recording_run)
    with pytest.raises(AssertionError, match="leaked into stdout"):
        run_playbook("leak_probe.yml")

    # The playbook had the key, yet it was never on the command line: it came from a file.
    assert len(started) == 1
    argv = started[0]
    assert not any(key in arg for arg in argv for key in ALL_KEYS)
    vars_file = argv[argv.index("-e") + 1]
    assert vars_file.startswith("@") and os.path.isfile(vars_file[1:])


def test_leak_guard_reads_dumped_files(tmp_path):
    (tmp_path / "result.json").write_text('{"msg": "%s"}' % GCORE_KEY_A)
    with pytest.raises(AssertionError, match="leaked into result.json"):
        assert_no_key_leak("", "", str(tmp_path))
    (tmp_path / "result.json").write_text('{"msg": "nothing secret"}')
    assert_no_key_leak("", "", str(tmp_path))


def test_collection_tree_is_a_link_to_the_working_tree(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    path = ensure_collection_tree(str(repo))
    link = os.path.join(path, "ansible_collections", "asyncops", "cloud")
    assert os.path.realpath(link) == os.path.realpath(str(repo))
    # Idempotent: a second worker calling it finds the link and keeps it.
    assert ensure_collection_tree(str(repo)) == path
    assert os.path.realpath(link) == os.path.realpath(str(repo))
