# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo through AWX's remote execution: ansible-runner transmit | worker | process.

AWX packs a job's private data directory (playbook, inventory, env/ with the credential
types' injected files and variables) with ``transmit``, an execution node runs it with
``worker`` (which unpacks it into its own private data directory), and the controller turns
the stream back into events and artifacts with ``process``. The credentials here are injected
exactly as the credential types inject them: key files under the private data dir's env/,
their paths (as the worker unpacks them) in env/envvars.
"""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

pytest.importorskip("ansible_runner")  # the compat toolchain (ansible-core 2.19) has no ansible-runner

from ..simctl import ALL_KEYS, GCORE_KEY_A, GCORE_PROJECT_A, GCORE_REGION_A, GPCN_KEY_A
from .test_awx_runner import REPO_ROOT, injected_env

PROGRESS_LINE = re.compile(r"task_wait: \d+/\d+ finished")
HEARTBEAT_LINE = re.compile(r"task_wait: still waiting: \d+/\d+ finished")
RUNNER = os.path.join(os.path.dirname(sys.executable), "ansible-runner")
# Simulated time runs 10x faster than real time: the demo's waits last seconds, long enough for
# heartbeats every half second.
TIME_SCALE = 0.1


def _private_data_dir(root, worker_dir, sim, collections_path):
    """The job's private data directory as AWX lays it out before transmitting it."""
    os.makedirs(os.path.join(root, "project"))
    os.makedirs(os.path.join(root, "inventory"))
    os.makedirs(os.path.join(root, "env"))
    shutil.copy(os.path.join(REPO_ROOT, "playbooks", "demo.yml"), os.path.join(root, "project", "demo.yml"))
    with open(os.path.join(root, "inventory", "hosts"), "w") as handle:
        handle.write("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    # File injectors write into env/ here; the worker sees them under its own env/.
    staging = os.path.join(root, "env")
    envvars = {}
    envvars.update(injected_env("gcore_cloud.yml", {
        "api_key": GCORE_KEY_A, "api_url": sim.gcore_url,
        "project_id": str(GCORE_PROJECT_A), "region_id": str(GCORE_REGION_A)}, staging))
    envvars.update(injected_env("gpcn.yml", {"api_key": GPCN_KEY_A, "api_url": sim.gpcn_url}, staging))
    for name, value in list(envvars.items()):
        if value.startswith(staging + os.sep):
            envvars[name] = os.path.join(worker_dir, "env", os.path.basename(value))
    assert not any(key in json.dumps(envvars) for key in ALL_KEYS)  # only paths are injected
    envvars.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_NOCOLOR": "1",
        "ASYNCOPS_HEARTBEAT_INTERVAL": "0.5",
        "ASYNCOPS_PUBLISH_STATS": "true",
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
    })
    with open(os.path.join(root, "env", "envvars"), "w") as handle:
        yaml.safe_dump(envvars, handle)
    with open(os.path.join(root, "env", "extravars"), "w") as handle:
        yaml.safe_dump({"demo_poll_interval": 0.5}, handle)


def _scan_for_keys(folder):
    """{path: [key prefixes]} of every file under ``folder`` holding an API key."""
    found = {}
    for current, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(current, name)
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
            hits = [key[:8] for key in ALL_KEYS if key in text]
            if hits:
                found[path] = hits
    return found


def test_demo_through_transmit_worker_process(sim, collections_path, tmp_path):
    sim.config(time_scale=TIME_SCALE)
    job_dir, worker_dir, process_dir = (str(tmp_path / name) for name in ("job", "worker", "process"))
    _private_data_dir(job_dir, worker_dir, sim, collections_path)
    os.makedirs(process_dir)
    env = dict((k, v) for k, v in os.environ.items()
               if not k.startswith(("GCORE_", "GPCN_", "ASYNCOPS_", "ANSIBLE_")) and k != "CLOUD_API_KEY")
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    transmit = subprocess.Popen([RUNNER, "transmit", job_dir, "-p", "demo.yml", "-v"],
                                stdout=subprocess.PIPE, env=env)
    worker = subprocess.Popen([RUNNER, "worker", "--private-data-dir", worker_dir], stdin=transmit.stdout,
                              stdout=subprocess.PIPE, env=env)
    transmit.stdout.close()
    process = subprocess.run([RUNNER, "process", process_dir], stdin=worker.stdout, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300, check=False)
    worker.stdout.close()
    assert transmit.wait(60) == 0 and worker.wait(60) == 0
    output = process.stdout.decode("utf-8", "replace")

    # ``process`` writes the job's artifacts straight into artifacts/ (no ident folder).
    artifacts = job = os.path.join(process_dir, "artifacts")
    assert os.path.isfile(os.path.join(job, "rc")), output[-3000:]
    with open(os.path.join(job, "rc")) as handle:
        assert handle.read().strip() == "0", output[-4000:]
    events = []
    for name in sorted(os.listdir(os.path.join(job, "job_events"))):
        with open(os.path.join(job, "job_events", name)) as handle:
            events.append(json.load(handle))
    stdout = "\n".join(event.get("stdout", "") for event in events)

    waits = [event["event_data"]["res"] for event in events
             if event["event"] == "runner_on_ok"
             and event["event_data"].get("task_action") == "asyncops.cloud.task_wait"]
    # Two task_wait steps (the creates, then the deletes), each over both providers.
    assert len(waits) == 2, [event["event"] for event in events][-20:]
    assert all(wait["pending"] == [] and wait["failed_tasks"] == [] for wait in waits)
    # -v progress lines and the default-verbosity heartbeat both reached the job's events.
    assert any(PROGRESS_LINE.search(line) for line in stdout.splitlines())
    assert any(HEARTBEAT_LINE.search(line) for line in stdout.splitlines())
    # The stats every wait published are the job's artifacts, handed to the next workflow node.
    stats = [event for event in events if event["event"] == "playbook_on_stats"]
    artifact_data = stats[0]["event_data"].get("artifact_data") or {}
    finished = artifact_data.get("asyncops_gcore_finished", []) + artifact_data.get("asyncops_gpcn_finished", [])
    assert len(finished) >= 4 and artifact_data.get("asyncops_gcore_pending") == []
    assert artifact_data.get("asyncops_gpcn_pending") == []

    # No key in any event, artifact or the `command` record, on either side of the stream.
    assert not any(key in json.dumps(events) for key in ALL_KEYS)
    assert os.path.isfile(os.path.join(job, "command"))
    assert _scan_for_keys(artifacts) == {}
    assert _scan_for_keys(os.path.join(worker_dir, "artifacts")) == {}
    assert not any(key in output for key in ALL_KEYS)
