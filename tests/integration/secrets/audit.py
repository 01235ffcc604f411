# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The secrets audit mode: ``ASYNCOPS_SECRETS_AUDIT=1`` runs every playbook of the
integration suite at the loudest settings ansible-core has and scans everything it leaves.

What a run gets in audit mode (on top of what the test asked for; a test's own `env`
still wins, so a test that sets its own log path keeps it and that file is scanned instead):

* four more ``-v`` (``-vvvv`` echoes module arguments, tracebacks and command-line extra vars;
  the keys reach the playbook through a vars file, so they must never show);
* ``ANSIBLE_DEBUG=1`` (``display.debug`` of every internal step, ``_execute_module`` arguments);
* ``ANSIBLE_LOG_PATH=<run dir>/ansible.log`` with ``ANSIBLE_LOG_VERBOSITY=4`` (2.17+);
* ``ANSIBLE_INJECT_INVOCATION=true`` (2.21 stopped adding ``invocation`` to results by default).

The runner then scans stdout, stderr, the log file and every file the run wrote below its run
directory. Each worker keeps a ledger of its runs; the per-test part travels to the pytest
controller on the test's report, which prints one summary line at the end.

The audit is strict: a simulator key anywhere (any task's output, the log, any file) is a leak,
with no exception. It once set apart the output of ``ansible.builtin.uri`` tasks, which
ANSIBLE_DEBUG echoes raw (``ActionBase._execute_module`` prints module arguments and output,
no_log or not), while the roles and test playbooks sent keyed requests with it; they now use
``asyncops.cloud.api_call``, a controller-side action plugin like the collection's other modules.
"""

import os

AUDIT_ENV_VAR = "ASYNCOPS_SECRETS_AUDIT"
EXTRA_VERBOSITY = 4
# ansible-core distinguishes -v up to -vvvvvv; more is accepted but changes nothing.
MAX_VERBOSITY = 6
LOG_NAME = "ansible.log"
# The vars file the harness hands the keys through: the one file of a run that must hold them.
VARS_FILE_NAME = "harness_vars.json"
# The name a test report carries the audit ledger of that test under (user_properties).
REPORT_PROPERTY = "asyncops_secrets_audit"

# Tests whose assertions depend on a quiet run, so they cannot hold at -vvvv. Each one is
# skipped in audit mode with the reason given here (the normal suite still runs it).
VERBOSITY_BOUND_TESTS = {
    "test_progress.py::test_progress_lines_at_verbose_only":
        "asserts no progress lines at verbosity 0; the secrets audit runs every playbook at -vvvv",
}


def audit_enabled(environ=None):
    environ = os.environ if environ is None else environ
    return environ.get(AUDIT_ENV_VAR, "").strip().lower() in ("1", "true", "yes", "on")


def audit_verbosity(requested):
    return min((requested or 0) + EXTRA_VERBOSITY, MAX_VERBOSITY)


def audit_env(run_dir):
    """The environment an audited run adds (before the test's own overrides)."""
    return {
        "ANSIBLE_DEBUG": "1",
        "ANSIBLE_LOG_PATH": os.path.join(run_dir, LOG_NAME),
        "ANSIBLE_LOG_VERBOSITY": "4",
        "ANSIBLE_INJECT_INVOCATION": "true",
    }


def verbosity_skip_reason(nodeid):
    """The skip reason if this test cannot run at -vvvv, else None."""
    for suffix, reason in VERBOSITY_BOUND_TESTS.items():
        if nodeid.endswith(suffix):
            return reason
    return None


def written_files(run_dir, log_path=None):
    """Every file the run left below its run directory (the vars file it was given excepted)
    plus its log file, wherever that is: (label, path) pairs, sorted for a stable report."""
    found = []
    for folder, _dirs, names in os.walk(run_dir):
        for name in names:
            path = os.path.join(folder, name)
            if folder == run_dir and name == VARS_FILE_NAME:
                continue
            found.append((os.path.relpath(path, run_dir), path))
    found.sort()
    if log_path and os.path.isfile(log_path) and not any(path == log_path for _label, path in found):
        found.append((os.path.basename(log_path), log_path))
    return found


def count_occurrences(places, keys):
    """{where: {key: count}} for every place (name -> text) that holds any key."""
    hits = {}
    for where, text in places.items():
        counts = dict((key, text.count(key)) for key in keys if key in text)
        if counts:
            hits[where] = counts
    return hits


def discard_clean_log(run_dir, log_path, hits):
    """Delete the audit's own debug log once it was scanned clean: ANSIBLE_DEBUG writes
    megabytes per run and pytest keeps the temp dirs of the last sessions. A log with a
    hit, or one a test asked for itself, stays for the developer to read."""
    if hits or log_path != os.path.join(run_dir, LOG_NAME) or not os.path.isfile(log_path):
        return False
    os.remove(log_path)
    return True


def keep_evidence(run_dir, stdout, stderr, hits):
    """A run with a hit leaves its stdout and stderr beside its log, to find the leaking task."""
    if not hits:
        return
    for name, text in (("stdout.txt", stdout), ("stderr.txt", stderr)):
        with open(os.path.join(run_dir, name), "w") as handle:
            handle.write(text)


class AuditLedger(object):
    """This process's record of audited runs since the last `take()` (one test's worth)."""

    def __init__(self):
        self._runs = 0
        self._log_missing = 0
        self._leaks = []

    def record(self, playbook, log_present, hits):
        self._runs += 1
        if not log_present:
            self._log_missing += 1
        for where, counts in sorted(hits.items()):
            for key, count in sorted(counts.items()):
                # Never the key itself: the report travels through xdist and terminal output.
                self._leaks.append({"playbook": playbook, "where": where, "key": key[:8] + "...",
                                    "count": count})

    def take(self):
        """The ledger so far as a plain dict (it rides on a test report), and start afresh."""
        entry = {"runs": self._runs, "log_missing": self._log_missing, "leaks": self._leaks}
        self.__init__()
        return entry


LEDGER = AuditLedger()


class AuditSummary(object):
    """Controller side: adds up the ledgers on the test reports of every worker."""

    def __init__(self):
        self.runs = 0
        self.log_missing = 0
        self.leaks = []          # (nodeid, leak) in tests that failed: real leaks
        self.caught = []         # (nodeid, leak) in tests that passed: a guard self-test
        self._outcomes = {}

    def add_report(self, report):
        if report.when == "call":
            self._outcomes[report.nodeid] = report.outcome
        for name, entry in getattr(report, "user_properties", ()):
            if name != REPORT_PROPERTY:
                continue
            self.runs += entry["runs"]
            self.log_missing += entry["log_missing"]
            # A key found in a test that still passed was expected by that test (the leak
            # guard's own self-test catches the AssertionError): counted apart, not hidden.
            passed = self._outcomes.get(report.nodeid) == "passed"
            for leak in entry["leaks"]:
                (self.caught if passed else self.leaks).append((report.nodeid, leak))

    def occurrences(self):
        return sum(leak["count"] for _nodeid, leak in self.leaks)

    def lines(self):
        lines = ["secrets audit: %d playbook runs at -vvvv + ANSIBLE_DEBUG, %d key occurrences" % (
            self.runs, self.occurrences())]
        for nodeid, leak in self.leaks:
            lines.append("  LEAK %s: %s x%d in %s (%s)" % (
                nodeid, leak["key"], leak["count"], leak["where"], leak["playbook"]))
        if self.caught:
            lines.append("  (not counted: %d deliberate key occurrence(s) the leak guard caught in its self-test %s)" % (
                sum(leak["count"] for _nodeid, leak in self.caught),
                ", ".join(sorted(set(nodeid for nodeid, _leak in self.caught)))))
        if self.log_missing:
            lines.append("  WARNING: %d run(s) wrote no ansible.log to scan" % self.log_missing)
        return lines
