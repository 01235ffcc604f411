# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: one simulator per xdist worker, the collection tree, and `run_playbook`.

Nothing here mocks HTTP: the real modules run through real ansible-playbook against the
real simulator on 127.0.0.1.
"""

import os

import pytest

from harness.collection_tree import ensure_collection_tree

from .playbook_runner import PlaybookRunner
from .secrets import audit
from .simctl import SimulatorControl, SimulatorProcess

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Simulated seconds are 50x faster than real ones: a 10 s task takes 0.2 s.
TIME_SCALE = 0.02


def pytest_collection_modifyitems(items):
    # Every test in this folder runs ansible-playbook; the marker lets CI select or skip them.
    here = os.path.dirname(os.path.abspath(__file__))
    auditing = audit.audit_enabled()
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.integration)
            # The secrets audit runs every playbook at -vvvv: a test that needs a quiet run
            # cannot hold then (the normal suite still runs it).
            reason = audit.verbosity_skip_reason(item.nodeid) if auditing else None
            if reason:
                item.add_marker(pytest.mark.skip(reason="secrets audit: " + reason))


# The secrets audit's count (secrets/audit.py). Worker side: the runs and leaks of one test
# ride on its teardown report; controller side (or a plain run): they are added up and
# printed as one line at the end of the session.
@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item, call):
    if call.when == "teardown" and audit.audit_enabled():
        item.user_properties.append((audit.REPORT_PROPERTY, audit.LEDGER.take()))


_AUDIT_SUMMARY = []  # the controller's AuditSummary, when auditing (a list: no `global`)


def pytest_configure(config):
    if audit.audit_enabled() and not hasattr(config, "workerinput"):
        _AUDIT_SUMMARY.append(audit.AuditSummary())


def pytest_runtest_logreport(report):
    for summary in _AUDIT_SUMMARY:
        summary.add_report(report)


def pytest_terminal_summary(terminalreporter):
    if not _AUDIT_SUMMARY:
        return
    summary = _AUDIT_SUMMARY[0]
    terminalreporter.write_sep("=", "secrets audit")
    for line in summary.lines():
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def sim(tmp_path_factory):
    """The simulator of this worker (each xdist worker has its own session, so its own)."""
    log_path = str(tmp_path_factory.mktemp("simulator") / "simulator.log")
    process = SimulatorProcess(REPO_ROOT, log_path, time_scale=TIME_SCALE).start()
    control = SimulatorControl(process.base_url)
    control.process = process
    try:
        yield control
    finally:
        process.stop()


@pytest.fixture(autouse=True)
def fresh_sim(request):
    """Give every test that uses the simulator a clean one: no tasks, faults, counts or
    config changes (time scale back to the start-up value).

    Tests in one worker run one after the other, so a reset here cannot disturb another test.
    """
    if "sim" in request.fixturenames:
        request.getfixturevalue("sim").reset(state=True, counters=True, faults=True, config=True)
    yield


@pytest.fixture(scope="session")
def collections_path():
    return ensure_collection_tree(REPO_ROOT)


@pytest.fixture
def run_playbook(sim, collections_path, tmp_path):
    """`run_playbook(playbook, extra_vars=None, env=None, verbosity=0, check=False, expect_rc=0)`
    -> `(rc, stdout, stderr, out_dir)`; every run is checked for leaked API keys."""
    return PlaybookRunner(sim, collections_path, str(tmp_path))
