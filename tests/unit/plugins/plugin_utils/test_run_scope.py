# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run directories and scope names: private, per run, never shared across keys or endpoints."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import stat
import subprocess
import sys
import tempfile

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _run_scope as scope

CONNECTION = {"provider": "gcore", "api_key": "k-one-secret", "api_url": "http://127.0.0.1:9",
              "validate_certs": True, "ca_path": None, "request_timeout": 30.0}
RUN = (4242, "777")


@pytest.fixture
def environ():
    """A short XDG_RUNTIME_DIR of this test's own (a long one would make the code use /tmp)."""
    path = tempfile.mkdtemp(prefix="ars-", dir="/tmp")
    yield {"XDG_RUNTIME_DIR": path}
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("change", [
    {"api_key": "k-two-secret"}, {"api_url": "http://127.0.0.1:10"}, {"provider": "gpcn"},
    {"validate_certs": False}, {"ca_path": "/etc/ca.pem"}])
def test_scope_names_differ_for_anything_that_must_not_share(change):
    other = dict(CONNECTION, **change)
    assert scope.scope_name(other, "coordinator", RUN) != scope.scope_name(CONNECTION, "coordinator", RUN)
    assert scope.auth_key(other, RUN) != scope.auth_key(CONNECTION, RUN)


def test_scope_names_are_stable_per_run_and_never_hold_the_key():
    name = scope.scope_name(CONNECTION, "coordinator", RUN)
    assert name == scope.scope_name(dict(CONNECTION), "coordinator", RUN)
    assert name != scope.scope_name(CONNECTION, "coordinator", (4243, "777"))
    assert "secret" not in name and len(name) == 24


def test_run_dir_is_private_and_refused_when_others_can_enter(environ):
    path = scope.ensure_run_dir(RUN[0], RUN[1], environ)
    assert path.startswith(environ["XDG_RUNTIME_DIR"] + os.sep)
    for directory in (path, os.path.dirname(path)):
        assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    os.chmod(path, 0o755)
    with pytest.raises(scope.ScopeError):
        scope.ensure_run_dir(RUN[0], RUN[1], environ)


def test_dead_runs_are_swept_and_live_ones_kept(environ):
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    dead = scope.ensure_run_dir(finished.pid, None, environ)
    live = scope.ensure_run_dir(os.getpid(), scope.process_start_time(os.getpid()), environ)
    scope.remove_dead_runs(os.path.dirname(live))
    assert not os.path.exists(dead) and os.path.isdir(live)


def test_a_reused_pid_is_not_the_same_run():
    me = os.getpid()
    assert scope.process_alive(me, scope.process_start_time(me))
    assert not scope.process_alive(me, "1")
