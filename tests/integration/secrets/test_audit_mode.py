# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The secrets audit mode itself (secrets/audit.py): what it turns on, what it scans, how it
counts. The whole suite under ASYNCOPS_SECRETS_AUDIT=1 is the audit; these prove its parts."""

import os
from types import SimpleNamespace

import pytest

from . import audit
from ..playbook_runner import load_result
from ..simctl import ALL_KEYS, GCORE_KEY_A, GCORE_KEY_B

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "playbooks", "audit_probe.yml")


@pytest.fixture
def audited(monkeypatch):
    """Audit mode for this test only, with a ledger of its own (the session's count is
    then one probe short in a real audit, which is better than a test reading shared state)."""
    monkeypatch.setenv(audit.AUDIT_ENV_VAR, "1")
    ledger = audit.AuditLedger()
    monkeypatch.setattr(audit, "LEDGER", ledger)
    return ledger


def test_an_audited_run_is_loud_logged_and_clean(run_playbook, audited):
    _rc, stdout, _stderr, out_dir = run_playbook(PROBE, expect_rc=0)
    # ANSIBLE_DEBUG lines ("<pid> <time>: ...") and -vvvv output really were there...
    assert "done with _execute_module (ansible.legacy.copy" in stdout
    assert "task path: " in stdout and "ESTABLISH LOCAL CONNECTION" in stdout
    # ... the invocation of the module that ships (copy) was injected into its result ...
    assert '"invocation"' in stdout
    # ... the collection's module really ran with the key and asked the API ...
    result = load_result(out_dir, "probe_info")
    assert result["api_requests"] == 1 and result["missing"] == ["00000000-0000-4000-8000-000000000000"]
    # ... and the run was counted, its log existed, and nothing was found.
    entry = audited.take()
    assert entry == {"runs": 1, "log_missing": 0, "leaks": [], "known": []}
    # The clean debug log (megabytes) is removed once scanned.
    assert not os.path.exists(os.path.join(os.path.dirname(out_dir), audit.LOG_NAME))


def test_the_audit_scans_files_outside_out_dir(run_playbook, audited):
    with pytest.raises(AssertionError, match=r"leaked into leftover\.txt") as caught:
        run_playbook(PROBE, extra_vars={"write_stray_key": True})
    assert GCORE_KEY_A not in str(caught.value)  # the message names the key by its prefix only
    entry = audited.take()
    assert entry["runs"] == 1
    assert {"playbook": "audit_probe.yml", "where": "leftover.txt", "key": GCORE_KEY_A[:8] + "...",
            "count": 1} in entry["leaks"]


def test_without_audit_mode_the_runner_stays_quiet(run_playbook, monkeypatch):
    monkeypatch.delenv(audit.AUDIT_ENV_VAR, raising=False)
    _rc, stdout, _stderr, out_dir = run_playbook(PROBE, expect_rc=0)
    assert "done with _execute_module" not in stdout and "task path: " not in stdout
    assert not os.path.exists(os.path.join(os.path.dirname(out_dir), audit.LOG_NAME))


def test_audit_settings():
    assert audit.audit_enabled({audit.AUDIT_ENV_VAR: "1"}) and not audit.audit_enabled({})
    assert not audit.audit_enabled({audit.AUDIT_ENV_VAR: "0"})
    assert audit.audit_verbosity(0) == 4 and audit.audit_verbosity(1) == 5 and audit.audit_verbosity(4) == 6
    env = audit.audit_env("/run/dir")
    assert env["ANSIBLE_LOG_PATH"] == os.path.join("/run/dir", audit.LOG_NAME)
    assert env["ANSIBLE_DEBUG"] == "1" and env["ANSIBLE_INJECT_INVOCATION"] == "true"
    assert audit.verbosity_skip_reason("tests/integration/test_progress.py::test_progress_lines_at_verbose_only")
    assert audit.verbosity_skip_reason("tests/integration/test_task_info.py::test_x") is None


def test_written_files_skip_only_the_vars_file_the_run_was_given(tmp_path):
    (tmp_path / audit.VARS_FILE_NAME).write_text("keys live here by design")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "result.json").write_text("{}")
    (tmp_path / "ansible-tmp" / "deep").mkdir(parents=True)
    (tmp_path / "ansible-tmp" / "deep" / "left.py").write_text("")
    elsewhere = tmp_path.parent / ("%s-own.log" % tmp_path.name)
    elsewhere.write_text("")
    labels = [label for label, _path in audit.written_files(str(tmp_path), str(elsewhere))]
    assert labels == [os.path.join("ansible-tmp", "deep", "left.py"), os.path.join("out", "result.json"),
                      elsewhere.name]


def _output(*tasks):
    """Ansible -vvvv output of these (name, path, module or None, body) tasks."""
    text = ""
    for name, path, module, body in tasks:
        text += "TASK [%s] ****\ntask path: %s\n" % (name, path)
        if module:
            text += "Using module file /venv/ansible/modules/%s.py\n" % module
        text += body + "\n"
    return text + "PLAY RECAP ****\n"


def test_only_uri_tasks_are_set_apart_and_everything_else_counts():
    text = _output(
        ("Create", "/x/tests/integration/playbooks/create.yml:12", "uri", "headers APIKey %s" % GCORE_KEY_A),
        ("Wait", "/x/ansible_collections/asyncops/cloud/roles/r/tasks/main.yml:3", None, "msg %s" % GCORE_KEY_B),
        ("Copy", "/x/p.yml:9", "copy", "content %s" % GCORE_KEY_A))
    kept, known = audit.split_known_exposures(text, ALL_KEYS)
    assert known == [("/x/tests/integration/playbooks/create.yml:12", "uri", GCORE_KEY_A, 1)]
    # The action-plugin task and the copy task stay in the scanned text: they are leaks.
    assert audit.count_occurrences({"stdout": kept}, ALL_KEYS) == {"stdout": {GCORE_KEY_A: 1, GCORE_KEY_B: 1}}


def _report(nodeid, when, outcome="passed", entry=None):
    props = [(audit.REPORT_PROPERTY, entry)] if entry else []
    return SimpleNamespace(nodeid=nodeid, when=when, outcome=outcome, user_properties=props)


def test_summary_counts_leaks_of_failed_tests_and_sets_apart_the_rest():
    ledger = audit.AuditLedger()
    ledger.record("a.yml", True, {})
    ledger.record("b.yml", True, {"stdout": {GCORE_KEY_A: 3}, "ansible.log": {GCORE_KEY_A: 2}})
    leaky = ledger.take()
    ledger.record("leak_probe.yml", False, {"stdout": {GCORE_KEY_B: 1}})
    probe = ledger.take()
    uri_task = ("stdout", "/r/ansible_collections/asyncops/cloud/roles/g/t.yml:5", "uri", GCORE_KEY_A, 4)
    ledger.record("c.yml", True, {}, [uri_task])
    uri = ledger.take()

    summary = audit.AuditSummary()
    for report in (_report("t::leaky", "call", "failed"), _report("t::leaky", "teardown", entry=leaky),
                   _report("t::probe", "call", "passed"), _report("t::probe", "teardown", entry=probe),
                   _report("t::uri", "call", "passed"), _report("t::uri", "teardown", entry=uri)):
        summary.add_report(report)
    lines = summary.lines()
    assert lines[0] == ("secrets audit: 4 playbook runs at -vvvv + ANSIBLE_DEBUG, 5 key occurrences"
                        " (+4 set apart in ansible.builtin.uri tasks, listed below)")
    assert any("LEAK t::leaky" in line and "x3 in stdout" in line for line in lines)
    assert any("roles/g/t.yml:5: 4 in stdout" in line for line in lines)
    assert any("1 deliberate" in line and "t::probe" in line for line in lines)
    assert any("1 run(s) wrote no ansible.log" in line for line in lines)
    assert not any(key in "\n".join(lines) for key in ALL_KEYS)
