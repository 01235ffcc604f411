# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The official gcore SDK (independent client) against the simulator."""
import time

import pytest
from gcore import Gcore

from .helpers import GCORE_KEY_A, GCORE_KEY_B, seed

VM_BODY = {"name": "sdk-vm", "flavor": "g1-standard-1-2",
           "interfaces": [{"type": "external"}, {"type": "subnet", "network_id": "n", "subnet_id": "s",
                                                 "floating_ip": {"source": "new"}}],
           "volumes": [{"source": "image", "image_id": "img", "size": 10}]}


@pytest.fixture
def client(sim_url):
    sdk = Gcore(api_key=GCORE_KEY_A, base_url=sim_url, max_retries=0)
    yield sdk
    sdk.close()


def _wait_terminal(client, task_id, limit=5.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        task = client.cloud.tasks.get(task_id)
        if task.state in ("FINISHED", "ERROR"):
            return task
        time.sleep(0.05)
    raise AssertionError("task %s did not end" % task_id)


def test_finished_create_vm_has_created_resources(client):
    created = client.post("/cloud/v2/instances/1/76", body=VM_BODY, cast_to=object)
    task = _wait_terminal(client, created["tasks"][0])
    assert task.state == "FINISHED"
    assert task.task_type == "create_vm"
    resources = task.created_resources
    assert len(resources.instances) == 1
    assert len(resources.volumes) == 1
    assert len(resources.ports) == 2
    assert len(resources.floatingips) == 1
    assert resources.loadbalancers == []
    assert task.finished_on.endswith("Z") and task.created_on <= task.finished_on
    assert task.project_id == 1 and task.region_id == 76
    assert task.data["name"] == "sdk-vm"
    # the created instance is readable once the task is finished
    instance = client.get("/cloud/v1/instances/1/76/" + resources.instances[0], cast_to=object)
    assert instance["name"] == "sdk-vm" and instance["status"] == "ACTIVE"


def test_poll_returns_finished_task(client, sim_url):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, task_type="create_volume",
               duration=[0.1, 0.2])
    task = client.cloud.tasks.poll(ids[0], polling_interval_seconds=1, polling_timeout_seconds=10)
    assert task.state == "FINISHED"
    assert len(task.created_resources.volumes) == 1


def test_poll_raises_on_error_task(client, sim_url):
    ids = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, task_type="create_volume",
               duration=[0.05, 0.05], outcome="error")
    with pytest.raises(ValueError, match="Quota limit for volume_size exceeded by 20"):
        client.cloud.tasks.poll(ids[0], polling_interval_seconds=1, polling_timeout_seconds=10)


def test_list_filters_by_state_and_pages(client, sim_url):
    finished = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, count=7, duration=[0, 0])
    stuck = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, count=5, outcome="stuck",
                 duration=[0.01, 0.01])
    seed(sim_url, provider="gcore", api_key=GCORE_KEY_B, count=4, duration=[0, 0])
    time.sleep(0.05)
    page = client.cloud.tasks.list(state=["FINISHED"], limit=3)
    assert page.count == 7
    assert len(page.results) == 3
    seen = [task.id for task in client.cloud.tasks.list(state=["FINISHED"], limit=3)]  # auto-pages
    assert seen == list(reversed(finished))  # default order: newest first
    running = [t.id for t in client.cloud.tasks.list(state=["RUNNING", "NEW"], order_by="asc",
                                                     limit=2)]
    assert running == stuck
    assert client.cloud.tasks.list(limit=1000).count == 12  # tenant b's tasks are invisible


def test_acknowledge_one_and_all(client, sim_url):
    errors = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, count=3, outcome="error",
                  duration=[0, 0])
    ok = seed(sim_url, provider="gcore", api_key=GCORE_KEY_A, duration=[0, 0])
    other = seed(sim_url, provider="gcore", api_key=GCORE_KEY_B, outcome="error", duration=[0, 0])
    time.sleep(0.02)
    task = client.cloud.tasks.acknowledge_one(errors[0])
    assert task.acknowledged_at is not None and task.acknowledged_by is not None
    assert client.cloud.tasks.list(is_acknowledged=False, state=["ERROR"]).count == 2
    client.cloud.tasks.acknowledge_all(project_id=1, region_id=76)
    assert client.cloud.tasks.list(is_acknowledged=False, state=["ERROR"]).count == 0
    assert client.cloud.tasks.get(ok[0]).acknowledged_at is None  # only ERROR tasks
    with Gcore(api_key=GCORE_KEY_B, base_url=sim_url, max_retries=0) as other_client:
        assert other_client.cloud.tasks.get(other[0]).acknowledged_at is None
