# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo playbook run through ansible-runner (the engine AWX uses), with the credentials
injected only as the environment the AWX credential types inject."""

import json
import os
import re
import sys

import pytest

# The compat toolchain (ansible-core 2.19) does not install ansible-runner.
ansible_runner = pytest.importorskip("ansible_runner")

from ..simctl import ALL_KEYS, GCORE_KEY_A, GCORE_PROJECT_A, GCORE_REGION_A, GPCN_KEY_A
from .credential_injection import injected_env

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PROGRESS_LINE = re.compile(r"task_wait: \d+/\d+ finished")


def test_demo_through_ansible_runner_with_injected_credentials(sim, collections_path, tmp_path):
    credential_files = tmp_path / "credentials"
    credential_files.mkdir()
    envvars = {}
    envvars.update(injected_env("gcore_cloud.yml", {
        "api_key": GCORE_KEY_A, "api_url": sim.gcore_url,
        "project_id": str(GCORE_PROJECT_A), "region_id": str(GCORE_REGION_A)}, str(credential_files)))
    envvars.update(injected_env("gpcn.yml", {"api_key": GPCN_KEY_A, "api_url": sim.gpcn_url},
                                str(credential_files)))
    assert not any(key in json.dumps(envvars) for key in ALL_KEYS)  # only paths are injected
    envvars.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
    })
    private_dir = tmp_path / "runner"
    private_dir.mkdir()
    runner = ansible_runner.run(
        private_data_dir=str(private_dir), playbook=os.path.join(REPO_ROOT, "playbooks", "demo.yml"),
        inventory="localhost ansible_connection=local", envvars=envvars,
        extravars={"demo_poll_interval": 0.2}, verbosity=1, quiet=True, timeout=240)

    events = list(runner.events)
    stdout = "\n".join(event.get("stdout", "") for event in events)
    assert runner.status == "successful" and runner.rc == 0, stdout[-4000:]

    # Every task_wait (one per provider: 2 for the creates, then 2 for the deletes) ended with all tasks finished.
    waits = [e["event_data"]["res"] for e in events
             if e["event"] == "runner_item_on_ok" and e["event_data"].get("task_action") == "asyncops.cloud.task_wait"]
    assert len(waits) == 4, [e["event"] for e in events][-20:]
    assert all(w["timed_out"] is False and w["pending"] == [] and w["failed_tasks"] == [] for w in waits)
    assert {w["provider"] for w in waits} == {"gcore", "gpcn"}
    created = waits[:2]
    assert sorted(created[0]["created_resources"]) and any(w["created_resources"].get("vm") for w in created)
    # Live progress reached the job output.
    assert any(PROGRESS_LINE.search(line) for line in stdout.splitlines())

    # No key in any event, nor in any artifact (runner's `command` record of the environment
    # included: the credential types inject key files, so only their paths are there).
    assert not any(key in json.dumps(events) for key in ALL_KEYS)
    artifacts = 0
    for folder, _dirs, files in os.walk(str(private_dir / "artifacts")):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, errors="replace") as handle:
                text = handle.read()
            artifacts += 1
            for key in ALL_KEYS:
                assert key not in text, "API key %r leaked into %s" % (key[:8] + "...", path)
    assert artifacts > 0
