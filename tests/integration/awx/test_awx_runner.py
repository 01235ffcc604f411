# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo playbook run through ansible-runner (the engine AWX uses), with the credentials
injected only as the environment the AWX credential types inject."""

import json
import os
import re
import sys

import ansible_runner
import jinja2
import yaml

from ..simctl import ALL_KEYS, GCORE_KEY_A, GCORE_PROJECT_A, GCORE_REGION_A, GPCN_KEY_A

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PROGRESS_LINE = re.compile(r"task_wait: \d+/\d+ finished")


def injected_env(name, inputs):
    """The environment an AWX credential of this type injects (its env injectors rendered)."""
    with open(os.path.join(REPO_ROOT, "awx", "credential_types", name)) as handle:
        credential_type = yaml.safe_load(handle)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return dict((var, env.from_string(template).render(**inputs))
                for var, template in credential_type["injectors"]["env"].items())


def test_demo_through_ansible_runner_with_injected_credentials(sim, collections_path, tmp_path):
    envvars = {}
    envvars.update(injected_env("gcore_cloud.yml", {
        "api_key": GCORE_KEY_A, "api_url": sim.gcore_url,
        "project_id": str(GCORE_PROJECT_A), "region_id": str(GCORE_REGION_A)}))
    envvars.update(injected_env("gpcn.yml", {"api_key": GPCN_KEY_A, "api_url": sim.gpcn_url}))
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

    # Every task_wait (one per batch: 4 creates, then 4 deletes) ended with all tasks finished.
    waits = [e["event_data"]["res"] for e in events
             if e["event"] == "runner_item_on_ok" and e["event_data"].get("task_action") == "asyncops.cloud.task_wait"]
    assert len(waits) == 8, [e["event"] for e in events][-20:]
    assert all(w["timed_out"] is False and w["pending"] == [] and w["failed_tasks"] == [] for w in waits)
    assert {w["provider"] for w in waits} == {"gcore", "gpcn"}
    created = [w for w in waits[:4]]
    assert sorted(created[0]["created_resources"]) and any(w["created_resources"].get("vm") for w in created)
    # Live progress reached the job output.
    assert any(PROGRESS_LINE.search(line) for line in stdout.splitlines())

    # No key in any event, nor in any artifact; runner's `command` file is its record of the
    # environment it was started with (AWX keeps a redacted copy instead): the keys may only
    # be there, as the injected variables' values.
    assert not any(key in json.dumps(events) for key in ALL_KEYS)
    for folder, _dirs, files in os.walk(str(private_dir / "artifacts")):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, errors="replace") as handle:
                text = handle.read()
            if name == "command":
                record = json.loads(text)
                record["env"] = dict((k, v) for k, v in record["env"].items()
                                     if not (k in envvars and v == envvars[k]))
                text = json.dumps(record)
            for key in ALL_KEYS:
                assert key not in text, "API key %r leaked into %s" % (key[:8] + "...", path)
