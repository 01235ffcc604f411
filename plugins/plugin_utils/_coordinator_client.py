# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A wait's side of coordinated polling: find or start the run's coordinator, then poll through it.

``shared_adapter(connection)`` returns a SharedPollAdapter, which the engine uses like any
adapter: its ``poll()`` asks the coordinator (one round answers every wait of the run on the
same key and endpoint), everything else (intervals, timeouts, predictions) is the local
adapter's. When anything about coordination fails (no runtime directory, the coordinator
cannot start, dies or answers garbage) the wait carries on polling on its own with the local
adapter, which is exactly the uncoordinated behaviour. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import errno
import fcntl
import json
import os
import select
import subprocess
import sys
import time
import uuid
from multiprocessing import AuthenticationError as ChannelAuthenticationError
from multiprocessing.connection import Client

from ansible_collections.asyncops.cloud.plugins.plugin_utils._adapter import Adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._coordinator import (
    IDLE_TIMEOUT,
    READY,
    lock_path,
    socket_path,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._poll_hub import (
    CoordinationError,
    poll_result,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._run_scope import (
    auth_key,
    ensure_run_dir,
    run_identity,
    scope_name,
)

# The environment variable that turns coordination off (read by _wait_settings).
ENV_COORDINATE = "ASYNCOPS_COORDINATE"
START_TIMEOUT = 15.0
CONNECT_PATIENCE = 3.0
LOCK_TIMEOUT = 30.0
# Seconds an answer may come after the wait's own deadline before the wait stops trusting the
# coordinator (the coordinator answers by the deadline itself; this is the safety margin).
ANSWER_GRACE = 5.0
_KEY_VARIABLES = ("GCORE_API_KEY", "CLOUD_API_KEY", "GPCN_API_KEY")
_BOOTSTRAP = ("import sys; sys.path.insert(0, sys.argv[1]); "
              "from ansible_collections.asyncops.cloud.plugins.plugin_utils._coordinator import main; "
              "sys.exit(main(sys.argv[2:]))")


def collections_root():
    """The directory holding ``ansible_collections`` this collection was loaded from."""
    package = sys.modules.get("ansible_collections.asyncops.cloud")
    paths = list(getattr(package, "__path__", None) or [])
    here = paths[0] if paths else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.dirname(os.path.dirname(os.path.dirname(here)))


class _Lock(object):
    """An exclusive flock on the scope's lock file, robust against the file being replaced."""

    def __init__(self, path, timeout=LOCK_TIMEOUT):
        self.path = path
        self.timeout = timeout
        self.handle = None

    def __enter__(self):
        give_up = time.monotonic() + self.timeout
        while True:
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            try:
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except OSError as exc:
                        if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > give_up:
                            raise
                        time.sleep(0.02)
                try:
                    same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
                except OSError:
                    same = False
            except BaseException:
                os.close(fd)
                raise
            if same:
                self.handle = fd
                return self
            # A coordinator removed the lock file while we waited for it: take the new one.
            os.close(fd)

    def __exit__(self, *exc):
        os.close(self.handle)


def _connect(path, authkey, patience=CONNECT_PATIENCE):
    """A channel to the coordinator listening on ``path``, or None when none listens there.

    A busy coordinator may refuse a connection for a moment (its backlog full while forks
    start by the dozen): while its socket exists, try again for up to ``patience`` seconds
    rather than start a second coordinator."""
    give_up = time.monotonic() + patience
    while True:
        try:
            return Client(path, family="AF_UNIX", authkey=authkey)
        except ChannelAuthenticationError:
            # Names are keyed by the API key, so this is not our coordinator: never replace it.
            raise CoordinationError("the coordinator socket refused this wait's credentials")
        except (OSError, EOFError):
            if not os.path.exists(path) or time.monotonic() >= give_up:
                return None
            time.sleep(0.05)


def _spawn(run_dir, name, run, connection, authkey, idle_timeout):
    """Start the coordinator and wait until it listens; the key goes through a pipe."""
    pid, start_time = run
    env = dict((k, v) for k, v in os.environ.items() if k not in _KEY_VARIABLES)
    argv = [sys.executable, "-c", _BOOTSTRAP, collections_root(), run_dir, name, str(pid),
            start_time or "0", str(idle_timeout)]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               close_fds=True, start_new_session=True, cwd="/", env=env)
    setup = json.dumps({"connection": connection, "authkey": authkey.hex()})
    try:
        process.stdin.write((setup + "\n").encode("utf-8"))
        process.stdin.close()
        ready, _w, _x = select.select([process.stdout], [], [], START_TIMEOUT)
        line = process.stdout.readline().decode("utf-8", "replace").strip() if ready else ""
    except (OSError, ValueError) as exc:
        line = "error: %s" % exc
    finally:
        process.stdout.close()
    if line != READY:
        if process.poll() is None:
            process.kill()
        process.wait()
        raise CoordinationError("the coordinator did not start (%s)" % (line or "no answer"))
    return process


def open_channel(connection, run=None, environ=None, idle_timeout=IDLE_TIMEOUT):
    """A connection to the coordinator of this run and scope, started if need be."""
    run = run or run_identity()
    run_dir = ensure_run_dir(run[0], run[1], environ)
    name = scope_name(connection, "coordinator", run)
    authkey = auth_key(connection, run)
    path = socket_path(run_dir, name)
    with _Lock(lock_path(run_dir, name)):
        channel = _connect(path, authkey)
        if channel is None:
            _spawn(run_dir, name, run, connection, authkey, idle_timeout)
            channel = _connect(path, authkey)
        if channel is None:
            raise CoordinationError("the coordinator does not accept connections")
        return channel


class _SharedClient(object):
    """What the engine reads through the adapter: requests charged to this wait, the deadline."""

    def __init__(self, owner):
        self._owner = owner
        self.deadline = None
        self.deadline_clock = time.monotonic
        self.charged = 0

    @property
    def request_count(self):
        solo = self._owner.local if self._owner.polls_alone else None
        return self.charged + (solo.request_count if solo is not None else 0)

    def set_deadline(self, deadline, clock=None):
        self.deadline = deadline
        self.deadline_clock = clock or time.monotonic
        if self._owner.polls_alone:
            self._owner.local.set_deadline(deadline, clock)


class SharedPollAdapter(Adapter):
    """The engine's adapter for a coordinated wait (see the module docstring): the local
    adapter's rules, the coordinator's rounds."""

    def __init__(self, local_adapter, opener, poll_interval=None, on_fallback=None):
        super(SharedPollAdapter, self).__init__(_SharedClient(self))
        self.local = local_adapter
        self.provider = local_adapter.provider
        self.batch_size = local_adapter.batch_size
        # The channel is opened by the first poll, so a wait refused before it polls starts nothing.
        self._opener = opener
        self.channel = None
        self.waiter = uuid.uuid4().hex
        self.polls_alone = False
        self.on_fallback = on_fallback
        self.fallback_reason = None
        self.shared_rounds = 0
        self._last_round = 0
        self._interval = poll_interval

    # -- the adapter interface ------------------------------------------------------------------

    def default_interval(self, record, polls_done=0):
        return self.local.default_interval(record, polls_done)

    def default_timeout(self, record):
        return self.local.default_timeout(record)

    def predict_finish(self, record, earlier=None, seconds_since_earlier=None):
        return self.local.predict_finish(record, earlier, seconds_since_earlier)

    def max_poll_gap(self, record, elapsed):
        return self.local.max_poll_gap(record, elapsed)

    def typical_duration(self, record):
        return self.local.typical_duration(record)

    def poll(self, ids, hints=None):
        if self._opener is not None:
            opener, self._opener = self._opener, None
            try:
                self.channel = opener()
            except Exception as exc:  # pylint: disable=broad-except
                # Whatever stops coordination (no usable runtime directory, no process, refused
                # socket), the wait itself must go on: it polls on its own.
                self._fall_back(str(exc))
        if self.channel is not None:
            try:
                return self._shared_poll(ids, hints)
            except CoordinationError as exc:
                self._fall_back(str(exc))
        return self.local.poll(ids, hints=hints)

    # -- coordination -------------------------------------------------------------------------

    def _shared_poll(self, ids, hints):
        clock = self._client.deadline_clock
        deadline = self._client.deadline
        if deadline is not None and clock is not time.monotonic:
            # Only the system-wide monotonic clock means the same to the coordinator.
            deadline = time.monotonic() + (deadline - clock())
        arguments = {"waiter": self.waiter, "ids": list(ids), "hints": dict(hints or {}),
                     "after_round": self._last_round, "deadline": deadline, "interval": self._interval}
        reply = self._call("ask", arguments, deadline)
        answer = reply.get("answer")
        if not isinstance(answer, dict):
            raise CoordinationError(reply.get("refused") or "an answer the wait cannot read")
        self._last_round = max(self._last_round, int(answer.get("round") or 0))
        self._client.charged += int(answer.get("charged") or 0)
        self.shared_rounds += 1
        return poll_result(answer)

    def _call(self, operation, arguments, deadline=None):
        try:
            self.channel.send((operation, arguments))
            limit = None if deadline is None else max(0.0, deadline - time.monotonic()) + ANSWER_GRACE
            if limit is not None and not self.channel.poll(limit):
                raise CoordinationError("the coordinator did not answer in time")
            return self.channel.recv()
        except (EOFError, OSError, ValueError, TypeError) as exc:
            raise CoordinationError("the coordinator connection failed: %s" % exc)

    def _fall_back(self, reason):
        self.fallback_reason = reason
        self.close()
        self.polls_alone = True
        if self._client.deadline is not None:
            self.local.set_deadline(self._client.deadline, self._client.deadline_clock)
        if self.on_fallback is not None:
            self.on_fallback(reason)

    def close(self):
        """Tell the coordinator this wait is over (its IDs stop keeping rounds going)."""
        channel, self.channel = self.channel, None
        if channel is None:
            return
        try:
            channel.send(("release", {"waiter": self.waiter}))
            if channel.poll(2.0):
                channel.recv()
        except (EOFError, OSError, ValueError):
            pass
        finally:
            channel.close()


def shared_adapter(connection, poll_interval=None, on_fallback=None, run=None, environ=None):
    """The adapter for one wait: coordinated when possible, else polling alone with the local adapter.

    ``on_fallback(reason)`` hears why coordination was not used (or stopped mid-wait).
    """
    return SharedPollAdapter(build_adapter(connection), lambda: open_channel(connection, run=run, environ=environ),
                             poll_interval=poll_interval, on_fallback=on_fallback)
