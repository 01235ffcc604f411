# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a real `ansible-playbook` against the simulator and collect what it dumped."""

import json
import os
import subprocess
import sys

from harness.playbook_env import playbook_env

from .secrets import audit
from .simctl import ALL_KEYS, GCORE_KEY_A, GCORE_KEY_B, GPCN_KEY_A, GPCN_KEY_B

PLAYBOOK_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")
RUN_TIMEOUT = 240

class PlaybookRunner(object):
    """Callable bound to one test: `run(playbook, extra_vars=None, env=None, ...)`."""

    def __init__(self, sim, collections_path, work_dir):
        self.sim = sim
        self.collections_path = collections_path
        self.work_dir = work_dir
        self.runs = 0

    def __call__(self, playbook, extra_vars=None, env=None, verbosity=0, check=False, expect_rc=0):
        self.runs += 1
        run_dir = os.path.join(self.work_dir, "run%d" % self.runs)
        out_dir = os.path.join(run_dir, "out")
        os.makedirs(out_dir)

        # Keys and URLs reach the playbook through a vars file, never through argv, so they
        # cannot show up in a process listing.
        vars_path = os.path.join(run_dir, audit.VARS_FILE_NAME)
        all_vars = self._harness_vars(out_dir)
        all_vars.update(extra_vars or {})
        with open(vars_path, "w") as handle:
            json.dump(all_vars, handle)

        auditing = audit.audit_enabled()
        if auditing:
            # The secrets audit: every run at the loudest settings, see secrets/audit.py.
            verbosity = audit.audit_verbosity(verbosity)
        run_env = self._env(run_dir, env, audit.audit_env(run_dir) if auditing else None)

        playbook_path = playbook if os.path.isabs(playbook) else os.path.join(PLAYBOOK_DIR, playbook)
        cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
               "-i", "localhost,", "-e", "@" + vars_path, playbook_path]
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        if check:
            cmd.append("--check")

        completed = subprocess.run(cmd, cwd=run_dir, env=run_env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   timeout=RUN_TIMEOUT, check=False)
        rc, stdout, stderr = completed.returncode, completed.stdout, completed.stderr
        log_path = run_env.get("ANSIBLE_LOG_PATH")
        extra_files = audit.written_files(run_dir, log_path) if auditing else _log_file(log_path)
        hits = assert_no_key_leak(stdout, stderr, out_dir, extra_files=extra_files, raise_on_leak=False)
        if auditing:
            audit.LEDGER.record(os.path.basename(playbook_path), bool(log_path) and os.path.isfile(log_path), hits)
            audit.discard_clean_log(run_dir, log_path, hits)
            audit.keep_evidence(run_dir, stdout, stderr, hits)
        _raise_on_leak(hits, run_dir)
        if expect_rc is not None:
            assert rc == expect_rc, "ansible-playbook %s exited %s (expected %s)\n--- stdout ---\n%s\n--- stderr ---\n%s" % (
                os.path.basename(playbook_path), rc, expect_rc, stdout[-12000:], stderr[-4000:])
        return rc, stdout, stderr, out_dir

    def _harness_vars(self, out_dir):
        return {
            "ansible_connection": "local",
            "ansible_python_interpreter": sys.executable,
            "out_dir": out_dir,
            "sim_url": self.sim.base_url,
            "gcore_url": self.sim.gcore_url,
            "gpcn_url": self.sim.gpcn_url,
            "gcore_key": GCORE_KEY_A,
            "gcore_key_b": GCORE_KEY_B,
            "gpcn_key": GPCN_KEY_A,
            "gpcn_key_b": GPCN_KEY_B,
        }

    def _env(self, run_dir, overrides, audit_overrides=None):
        # The audit's settings first, so a test that sets its own (e.g. a log path) keeps it.
        return playbook_env(self.collections_path, run_dir, dict(audit_overrides or {}, **(overrides or {})))


def _log_file(log_path):
    """A log file a test asked for is scanned too, audit or not."""
    if log_path and os.path.isfile(log_path):
        return [(os.path.basename(log_path), log_path)]
    return []


def assert_no_key_leak(stdout, stderr, out_dir, extra_files=(), raise_on_leak=True):
    """No simulator API key may appear in the output, in anything the playbook dumped into
    `out_dir`, or in `extra_files` ((label, path) pairs: the log, the run's other files).

    Returns {where: {key: count}} of what was found (empty when clean); raises on any hit
    unless `raise_on_leak` is false (the runner records the count for the audit first).
    Every occurrence counts, whichever task or file it is in: there is no exception.
    """
    places = {"stdout": stdout, "stderr": stderr}
    seen_paths = set()
    files = [(name, os.path.join(out_dir, name)) for name in sorted(os.listdir(out_dir))]
    for label, path in files + list(extra_files):
        real = os.path.realpath(path)
        if real in seen_paths or not os.path.isfile(path):
            continue
        seen_paths.add(real)
        with open(path, errors="replace") as handle:
            places[label] = handle.read()
    hits = audit.count_occurrences(places, ALL_KEYS)
    if raise_on_leak:
        _raise_on_leak(hits)
    return hits


def _raise_on_leak(hits, run_dir=None):
    if not hits:
        return
    # stdout and stderr first (dict order), then the files; the key itself is never printed.
    found = ["API key %r leaked into %s (%dx)" % (key[:8] + "...", where, count)
             for where, counts in hits.items() for key, count in counts.items()]
    if run_dir:
        found.append("the run's files are in %s" % run_dir)
    raise AssertionError("; ".join(found))


def load_result(out_dir, name):
    """Read one `{{ out_dir }}/<name>.json` dumped by a playbook."""
    with open(os.path.join(out_dir, name + ".json")) as handle:
        return json.load(handle)
