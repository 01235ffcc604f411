# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One run of every module at -vvvv with ANSIBLE_DEBUG, a log file and injected invocations:
no simulator key may appear in stdout, stderr, the log, or any registered result."""

import os

from ..playbook_runner import load_result
from ..simctl import ALL_KEYS, GCORE_KEY_A, GPCN_KEY_A

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(HERE, "playbooks", "secrets_all_modules.yml")
RESULTS = ("env_wait", "bad_wait", "gpcn_wait", "wrong_tenant", "listed", "acked", "ack_conflict",
           "url_with_key")


def _leaks(text):
    return [key[:8] + "..." for key in ALL_KEYS if key in text]


def _seed(sim):
    seed = dict(provider="gcore", api_key=GCORE_KEY_A, task_type="create_volume")
    ok_tasks = sim.seed_tasks(count=2, duration=[0.2, 0.4], outcome="finish", **seed)
    bad_tasks = sim.seed_tasks(count=1, duration=[0.2, 0.4], outcome="error", **seed)
    ok_jobs = sim.seed_tasks(provider="gpcn", api_key=GPCN_KEY_A, count=1, resource_type="volume",
                             duration=[0.2, 0.4])
    return {"ok_tasks": ok_tasks, "bad_tasks": bad_tasks, "ok_jobs": ok_jobs}


def test_api_keys_never_leak_at_full_verbosity(sim, run_playbook, tmp_path):
    ids = _seed(sim)
    ok_tasks = ids["ok_tasks"]
    log_path = str(tmp_path / "ansible.log")
    _rc, stdout, stderr, out_dir = run_playbook(
        PLAYBOOK, verbosity=4, expect_rc=0,
        extra_vars=ids,
        # The log file at the highest verbosity; ANSIBLE_DEBUG: see the next test.
        env={"ANSIBLE_LOG_VERBOSITY": "4", "ANSIBLE_LOG_PATH": log_path, "ANSIBLE_INJECT_INVOCATION": "true",
             "GCORE_API_KEY": GCORE_KEY_A})
    results = dict((name, load_result(out_dir, name)) for name in RESULTS)

    # The run really did what it claims: keys were used, errors happened, the log is verbose.
    assert results["env_wait"]["finished_tasks"] == ok_tasks
    assert results["bad_wait"]["failed"] is True
    assert results["url_with_key"]["failed"]
    with open(log_path, errors="replace") as handle:
        log = handle.read()
    assert len(log) > 5000 and "asyncops.cloud.task_wait" in log
    assert "invocation" in stdout  # injected invocations are in the -vvvv output

    places = {"stdout": stdout, "stderr": stderr, "ansible.log": log}
    places.update((name, repr(result)) for name, result in results.items())
    leaks = dict((where, _leaks(text)) for where, text in places.items() if _leaks(text))
    assert leaks == {}


def test_ansible_debug_shows_no_key_for_any_module(sim, run_playbook, tmp_path):
    """With ANSIBLE_DEBUG=1, ansible-core's ActionBase._execute_module prints "done with
    _execute_module (<module>, <args>)" with the raw arguments, no_log values included, for
    every module it ships to a target. All three modules run in action plugins on the
    controller, so their arguments never go through it and no key may appear anywhere."""
    debug_log = str(tmp_path / "debug.log")
    _rc, stdout, stderr, out_dir = run_playbook(
        PLAYBOOK, verbosity=4, expect_rc=0, extra_vars=_seed(sim),
        env={"ANSIBLE_DEBUG": "1", "ANSIBLE_LOG_PATH": debug_log, "ANSIBLE_LOG_VERBOSITY": "4",
             "ANSIBLE_INJECT_INVOCATION": "true", "GCORE_API_KEY": GCORE_KEY_A})
    results = dict((name, load_result(out_dir, name)) for name in RESULTS)

    # Debug output really was on (the copy module still goes through _execute_module) and every
    # module really ran with a key: the success and error paths did what they claim.
    assert "done with _execute_module (ansible.legacy.copy" in stdout + stderr
    for module in ("task_wait", "task_info", "task_ack"):
        assert "asyncops.cloud.%s" % module in stdout
    assert results["env_wait"]["finished_tasks"] and results["gpcn_wait"]["finished_tasks"]
    assert results["listed"]["count"] >= 1 and results["acked"]["acknowledged"]
    # The other tenant's key sees none of tenant a's tasks; a finished task is skipped with a warning.
    assert results["wrong_tenant"]["missing"] == results["env_wait"]["finished_tasks"]
    assert [task["state"] for task in results["ack_conflict"]["skipped_tasks"]] == ["FINISHED", "FINISHED"]
    assert results["ack_conflict"]["warnings"]
    with open(debug_log, errors="replace") as handle:
        log = handle.read()

    places = {"stdout": stdout, "stderr": stderr, "debug.log": log}
    places.update((name, repr(result)) for name, result in results.items())
    leaks = dict((where, _leaks(text)) for where, text in places.items() if _leaks(text))
    assert leaks == {}
