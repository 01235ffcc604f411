# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""task_wait prints live progress lines at -v and stays silent at verbosity 0."""

import re

from .playbook_runner import load_result

# e.g. "asyncops.cloud.task_wait: 0/1 finished, 0 failed, 1 running (GPCN 45%) after 1s"
PROGRESS_LINE = re.compile(r"task_wait: \d+/\d+ finished")


def progress_lines(text):
    return [line for line in text.splitlines() if PROGRESS_LINE.search(line)]


def test_progress_lines_at_verbose_only(run_playbook):
    _rc, out_v, err_v, dir_v = run_playbook("progress.yml", verbosity=1)
    waited = load_result(dir_v, "waited")
    # Precondition: the job was polled on several rounds, so there was progress to show.
    assert waited["api_requests"] >= 2
    lines = progress_lines(out_v + err_v)
    assert lines, out_v[-3000:]
    # The last line reports the job done; the job was seen running before that.
    assert "1/1 finished" in lines[-1]
    assert any("0/1 finished" in line for line in lines)

    _rc, out_q, err_q, dir_q = run_playbook("progress.yml", verbosity=0)
    assert load_result(dir_q, "waited")["finished_tasks"]
    assert progress_lines(out_q + err_q) == []
