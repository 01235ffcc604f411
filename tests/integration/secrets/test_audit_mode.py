# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The secrets audit mode itself (secrets/audit.py): what it turns on, what it scans, how it
counts. The whole suite under ASYNCOPS_SECRETS_AUDIT=1 is the audit; these prove its parts."""

import os
from types import SimpleNamespace

import pytest

from . import audit
from ..playbook_runner import assert_no_key_leak, load_result
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
    assert entry == {"runs": 1, "log_missing": 0, "leaks": []}
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


def test_a_key_in_a_uri_task_is_a_leak_like_any_other(run_playbook, audited):
    """ANSIBLE_DEBUG prints the raw arguments of a module shipped to the target, no_log or not:
    once excepted for uri, now counted like a key anywhere else."""
    with pytest.raises(AssertionError, match=r"leaked into stdout") as caught:
        run_playbook(PROBE, extra_vars={"send_key_with_uri": True})
    assert GCORE_KEY_A not in str(caught.value)
    entry = audited.take()
    assert sorted(entry) == ["leaks", "log_missing", "runs"]  # nothing is set apart any more
    leaked = dict((leak["where"], leak["count"]) for leak in entry["leaks"] if leak["key"] == GCORE_KEY_A[:8] + "...")
    assert leaked.get("stdout", 0) >= 1  # ANSIBLE_DEBUG lines go to stdout, not to the log
    # The uri task's block in stdout really is what held it (not some other task).
    with open(os.path.join(_evidence_dir(str(caught.value)), "stdout.txt")) as handle:
        stdout = handle.read()
    uri_block = stdout.split("Send the key in a header with ansible.builtin.uri", 1)[1]
    assert "uri.py" in uri_block and GCORE_KEY_A in uri_block


def _evidence_dir(message):
    """The run directory a leak failure names ("the run's files are in <dir>")."""
    return message.rsplit("the run's files are in ", 1)[1].strip()


def _uri_task_output(key):
    """What -vvvv + ANSIBLE_DEBUG print for a uri task that sends `key` in a header."""
    return ("TASK [Create] ****\ntask path: /x/tests/integration/playbooks/create.yml:12\n"
            "Using module file /venv/ansible/modules/uri.py\n"
            "done with _execute_module (ansible.legacy.uri, {'headers': {'Authorization': 'APIKey %s'}})\n"
            "PLAY RECAP ****\n" % key)


def test_the_leak_guard_counts_a_key_in_uri_task_output(tmp_path):
    (tmp_path / "out").mkdir()
    log = tmp_path / "ansible.log"
    log.write_text(_uri_task_output(GCORE_KEY_B))
    hits = assert_no_key_leak(_uri_task_output(GCORE_KEY_A), "", str(tmp_path / "out"),
                              extra_files=[("ansible.log", str(log))], raise_on_leak=False)
    assert hits == {"stdout": {GCORE_KEY_A: 1}, "ansible.log": {GCORE_KEY_B: 1}}
    with pytest.raises(AssertionError, match=r"leaked into stdout"):
        assert_no_key_leak(_uri_task_output(GCORE_KEY_A), "", str(tmp_path / "out"))


def _report(nodeid, when, outcome="passed", entry=None):
    props = [(audit.REPORT_PROPERTY, entry)] if entry else []
    return SimpleNamespace(nodeid=nodeid, when=when, outcome=outcome, user_properties=props)


def test_summary_counts_leaks_of_failed_tests_and_notes_the_guard_self_test():
    ledger = audit.AuditLedger()
    ledger.record("a.yml", True, {})
    ledger.record("b.yml", True, {"stdout": {GCORE_KEY_A: 3}, "ansible.log": {GCORE_KEY_A: 2}})
    leaky = ledger.take()
    ledger.record("leak_probe.yml", False, {"stdout": {GCORE_KEY_B: 1}})
    probe = ledger.take()

    summary = audit.AuditSummary()
    for report in (_report("t::leaky", "call", "failed"), _report("t::leaky", "teardown", entry=leaky),
                   _report("t::probe", "call", "passed"), _report("t::probe", "teardown", entry=probe)):
        summary.add_report(report)
    lines = summary.lines()
    assert lines[0] == "secrets audit: 3 playbook runs at -vvvv + ANSIBLE_DEBUG, 5 key occurrences"
    assert any("LEAK t::leaky" in line and "x3 in stdout" in line for line in lines)
    assert any("LEAK t::leaky" in line and "x2 in ansible.log" in line for line in lines)
    assert any("1 deliberate" in line and "t::probe" in line for line in lines)
    assert any("1 run(s) wrote no ansible.log" in line for line in lines)
    assert not any("set apart" in line or "known" in line for line in lines)
    assert not any(key in "\n".join(lines) for key in ALL_KEYS)
