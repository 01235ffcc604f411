# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The coordinator process: one per scope, refused to other keys, gone when idle or orphaned."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import shutil
import tempfile
import time

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _coordinator_client as client
from ansible_collections.asyncops.cloud.plugins.plugin_utils._run_scope import process_start_time

CONNECTION = {"provider": "gcore", "api_key": "k-unit-secret", "api_url": "http://127.0.0.1:9",
              "validate_certs": True, "ca_path": None, "request_timeout": 5.0}


def _until(condition, limit=30.0):
    give_up = time.monotonic() + limit
    while time.monotonic() < give_up and not condition():
        time.sleep(0.1)
    return condition()


@pytest.fixture
def runtime():
    path = tempfile.mkdtemp(prefix="aft-", dir="/tmp")
    yield {"XDG_RUNTIME_DIR": path}
    shutil.rmtree(path, ignore_errors=True)


def _files(environ):
    return glob.glob(os.path.join(environ["XDG_RUNTIME_DIR"], "asyncops-*", "run-*", "*"))


def test_one_coordinator_per_scope_and_gone_after_its_idle_timeout(runtime):
    run = (os.getpid(), process_start_time(os.getpid()))
    first = client.open_channel(CONNECTION, run=run, environ=runtime, idle_timeout=0.5)
    second = client.open_channel(CONNECTION, run=run, environ=runtime, idle_timeout=0.5)
    sockets = [path for path in _files(runtime) if path.endswith(".sock")]
    assert len(sockets) == 1  # the second found the first one's coordinator
    first.close()
    second.close()
    assert _until(lambda: not _files(runtime))
    assert not os.listdir(runtime["XDG_RUNTIME_DIR"])


def test_a_different_key_gets_its_own_coordinator(runtime):
    run = (os.getpid(), process_start_time(os.getpid()))
    channels = [client.open_channel(CONNECTION, run=run, environ=runtime, idle_timeout=0.5),
                client.open_channel(dict(CONNECTION, api_key="k-other-secret"), run=run, environ=runtime,
                                    idle_timeout=0.5)]
    assert len([path for path in _files(runtime) if path.endswith(".sock")]) == 2
    for channel in channels:
        channel.close()
    assert _until(lambda: not _files(runtime))


def test_a_wait_polls_alone_when_coordination_cannot_start(runtime):
    reasons = []
    # A runtime directory other users may enter is refused: the wait falls back to polling alone.
    os.mkdir(os.path.join(runtime["XDG_RUNTIME_DIR"], "asyncops-%d" % os.getuid()), 0o700)
    os.chmod(os.path.join(runtime["XDG_RUNTIME_DIR"], "asyncops-%d" % os.getuid()), 0o777)
    adapter = client.shared_adapter(CONNECTION, on_fallback=reasons.append, environ=runtime,
                                    run=(os.getpid(), None))
    with pytest.raises(Exception) as caught:
        adapter.poll(["00000000-0000-4000-8000-000000000000"])  # alone, to a port nobody listens on
    assert "127.0.0.1" not in reasons[0] and "open to other users" in reasons[0]
    assert adapter.channel is None and adapter.polls_alone
    assert "Transport error" in str(caught.value)
    os.rmdir(os.path.join(runtime["XDG_RUNTIME_DIR"], "asyncops-%d" % os.getuid()))
