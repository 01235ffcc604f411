# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The coordinator process: one PollHub per (run, key, endpoint), served on a Unix socket.

Started on demand by the first wait that needs it (``_coordinator_client.start``), it reads
its connection (API key included) from a pipe on stdin, so the key is never in a file, an
argument or the environment. It listens with ``multiprocessing.connection.Listener`` (a 0600
socket in the run's 0700 directory, HMAC challenge with an auth key derived from the API key),
serves each wait on its own thread, and ends when the ansible-playbook process it belongs to
is gone (normal end, failed play, SIGTERM/SIGINT, an AWX cancel), on SIGTERM/SIGINT/SIGHUP
itself, or after ``idle_timeout`` seconds without a wait; it then removes its socket and lock,
and the run directory when the run is over. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import fcntl
import glob
import json
import os
import select
import signal
import sys
import threading
import time
from multiprocessing.connection import Listener

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._poll_hub import PollHub
from ansible_collections.asyncops.cloud.plugins.plugin_utils._run_scope import (
    process_alive,
    remove_if_empty,
)

READY = "ready"
# A file to append one line per polling round to (IDs counts and request counts, never a key).
ENV_TRACE = "ASYNCOPS_COORDINATOR_TRACE"
IDLE_TIMEOUT = 300.0
BACKLOG = 128
WATCH_PERIOD = 0.5


def socket_path(run_dir, name):
    return os.path.join(run_dir, name + ".sock")


def lock_path(run_dir, name):
    return os.path.join(run_dir, name + ".lock")


class Coordinator(object):
    def __init__(self, run_dir, name, parent_pid, parent_start, connection, authkey,
                 idle_timeout=IDLE_TIMEOUT):
        self.run_dir = run_dir
        self.name = name
        self.parent_pid = parent_pid
        self.parent_start = parent_start
        self.idle_timeout = idle_timeout
        self.hub = PollHub(build_adapter(connection))
        trace_path = os.environ.get(ENV_TRACE)
        if trace_path:
            self.hub.trace = _Trace(trace_path)
        self.stop = threading.Event()
        self.connections = 0
        self._count_lock = threading.Lock()
        path = socket_path(run_dir, name)
        if os.path.exists(path):
            # A coordinator of this run that died without cleaning up: the starter holds the lock.
            os.unlink(path)
        old_umask = os.umask(0o177)
        try:
            # Forks start by the dozen: a backlog of 1 (the default) would refuse most of them.
            self.listener = Listener(path, family="AF_UNIX", backlog=BACKLOG, authkey=authkey)
        finally:
            os.umask(old_umask)
        self._socket_inode = os.stat(path).st_ino

    # -- serving -------------------------------------------------------------------------------

    def accept_loop(self):
        while not self.stop.is_set():
            try:
                connection = self.listener.accept()
            except Exception:  # pylint: disable=broad-except
                # Wrong auth key, a client gone during the handshake, or the listener closed.
                if self.stop.is_set():
                    return
                continue
            thread = threading.Thread(target=self.serve_connection, args=(connection,))
            thread.daemon = True
            thread.start()

    def serve_connection(self, connection):
        with self._count_lock:
            self.connections += 1
        waiters = set()
        try:
            while not self.stop.is_set():
                try:
                    operation, arguments = connection.recv()
                except (EOFError, OSError):
                    return
                if operation == "ask":
                    waiters.add(arguments["waiter"])
                    try:
                        reply = {"answer": self.hub.ask(**arguments)}
                    except Exception as exc:  # pylint: disable=broad-except
                        reply = {"refused": str(exc)}
                elif operation == "release":
                    waiters.discard(arguments["waiter"])
                    self.hub.release(arguments["waiter"])
                    reply = {"released": True}
                else:
                    reply = {"refused": "unknown operation"}
                try:
                    connection.send(reply)
                except (EOFError, OSError):
                    return
        finally:
            # A wait that vanished (its fork killed) must not hold rounds open.
            for waiter in waiters:
                self.hub.release(waiter)
            with self._count_lock:
                self.connections -= 1
            connection.close()

    # -- lifecycle -----------------------------------------------------------------------------

    def parent_gone(self):
        return not process_alive(self.parent_pid, self.parent_start)

    def idle(self):
        idle_since = self.hub.idle_since
        with self._count_lock:
            connections = self.connections
        return (connections == 0 and idle_since is not None
                and time.monotonic() - idle_since >= self.idle_timeout)

    def watch(self):
        """Block until the run is over, a signal came, or nobody needed us for idle_timeout."""
        pidfd = _pidfd(self.parent_pid)
        try:
            while not self.stop.is_set():
                if pidfd is not None:
                    readable, _w, _x = select.select([pidfd], [], [], WATCH_PERIOD)
                    if readable:
                        return "run ended"
                else:
                    self.stop.wait(WATCH_PERIOD)
                if self.parent_gone():
                    return "run ended"
                if self.idle() and self._stop_if_still_idle():
                    return "idle"
            return "signal"
        finally:
            if pidfd is not None:
                os.close(pidfd)

    def _stop_if_still_idle(self):
        # Starters connect while holding the lock: taking it here means nobody is half-way in.
        with open(lock_path(self.run_dir, self.name), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not self.idle():
                return False
            self.close_listener()
            _unlink(lock_path(self.run_dir, self.name))
            return True

    def close_listener(self):
        self.stop.set()
        path = socket_path(self.run_dir, self.name)
        try:
            ours = os.stat(path).st_ino == self._socket_inode
        except OSError:
            ours = False
        if not ours:
            # Listener.close() unlinks its path whatever is there now; a successor's socket stays.
            finalizer = getattr(getattr(self.listener, "_listener", None), "_unlink", None)
            if finalizer is not None:
                finalizer.cancel()
        try:
            self.listener.close()
        except OSError:
            pass
        if ours:
            # Only our own socket file: a successor started after us must keep its own.
            _unlink(path)

    def shutdown(self, reason):
        self.hub.close()
        self.close_listener()
        if reason != "idle":
            _unlink(lock_path(self.run_dir, self.name))
        if reason == "run ended":
            # Nobody of this run is left to use the rate-budget state either.
            for path in glob.glob(os.path.join(self.run_dir, "*.budget")):
                _unlink(path)
        remove_if_empty(self.run_dir)

    def serve(self, ready_stream=None):
        for target in (self.accept_loop, self.hub.run_rounds):
            thread = threading.Thread(target=target)
            thread.daemon = True
            thread.start()
        if ready_stream is not None:
            ready_stream.write(READY + "\n")
            ready_stream.flush()
        reason = "signal"
        try:
            reason = self.watch()
        finally:
            self.shutdown(reason)
        return reason


class _Trace(object):
    def __init__(self, path):
        self.path = path

    def __call__(self, text):
        with open(self.path, "a") as handle:
            handle.write("%d %s\n" % (os.getpid(), text))


def _pidfd(pid):
    opener = getattr(os, "pidfd_open", None)
    if opener is None:
        return None
    try:
        return opener(pid)
    except OSError:
        return None


def _unlink(path):
    try:
        os.unlink(path)
    except OSError:
        pass


def main(argv):
    """Entry point of the spawned process: ``run_dir name parent_pid parent_start idle_timeout``;
    stdin carries ``{"connection": {...}, "authkey": "<hex>"}``."""
    run_dir, name, parent_pid, parent_start, idle_timeout = argv[:5]
    setup = json.loads(sys.stdin.readline())
    sys.stdin.close()
    coordinator = Coordinator(run_dir, name, int(parent_pid), None if parent_start == "0" else parent_start,
                              setup["connection"], bytes.fromhex(setup["authkey"]), float(idle_timeout))
    del setup

    def _on_signal(_signum, _frame):
        coordinator.stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _on_signal)
    stdout = sys.stdout
    coordinator.serve(ready_stream=stdout)
    return 0
