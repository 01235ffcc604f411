# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures of the fault matrix and the hooks that print the matrix report."""

import os
import uuid

import pytest

from .matrix_report import (
    MatrixRecorder,
    claim_final_report,
    read_rows,
    run_dir,
    text_table,
    write_markdown,
)

TITLE = "asyncops.cloud fault matrix"


def _run_id(config):
    workerinput = getattr(config, "workerinput", None)
    if workerinput:
        return workerinput["testrunuid"]
    if not hasattr(config, "_fault_matrix_run_id"):
        config._fault_matrix_run_id = uuid.uuid4().hex
    return config._fault_matrix_run_id


def _worker_id(config):
    return getattr(config, "workerinput", {}).get("workerid", "main")


@pytest.fixture
def matrix(request):
    """`matrix.record(fault=..., expected=..., observed=...)` adds a row to the report."""
    config = request.config
    rows_path = os.path.join(run_dir(_run_id(config)), "rows-%s.jsonl" % _worker_id(config))
    config._fault_matrix_used = True
    return MatrixRecorder(rows_path, request.node.nodeid.split("::")[-1])


def pytest_sessionfinish(session):
    config = session.config
    workerinput = getattr(config, "workerinput", None)
    if not workerinput:
        return  # a plain run prints in pytest_terminal_summary
    directory = run_dir(_run_id(config))
    if not claim_final_report(directory, workerinput["workerid"], int(workerinput["workercount"])):
        return
    rows = read_rows(directory)
    if not rows:
        return
    write_markdown(rows)
    # A worker's stdout is xdist's channel, but its stderr is the controller's terminal.
    capman = config.pluginmanager.getplugin("capturemanager")
    text = "\n%s\n%s" % (TITLE, text_table(rows))
    with capman.global_and_fixture_disabled():
        os.write(2, text.encode("utf-8", "replace"))


def pytest_terminal_summary(terminalreporter, config):
    if getattr(config, "workerinput", None) or not getattr(config, "_fault_matrix_used", False):
        return
    rows = read_rows(run_dir(_run_id(config)))
    if rows:
        write_markdown(rows)
        terminalreporter.write_sep("=", TITLE)
        terminalreporter.write(text_table(rows))
