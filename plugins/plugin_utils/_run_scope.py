# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where the forks of one ansible-playbook run meet: a private directory and names in it.

Every fork of a run is a child of the same ansible-playbook process, so that process (its
PID plus its start time, which PID reuse cannot fake) names the run. The run's directory lives
in a per-user 0700 directory under ``$XDG_RUNTIME_DIR`` (else the temp directory) and holds
only sockets, lock files and rate-budget state: never a key. Names in it are keyed hashes
(HMAC with the API key as the HMAC key) of the provider, endpoint and TLS settings, so waiters
with different keys, URLs or tenants never meet, and the name tells nothing about the key.
No Ansible imports: the coordinator process imports this too.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import errno
import hashlib
import hmac
import json
import os
import shutil
import stat
import tempfile

# AF_UNIX socket paths are limited to 107 bytes on Linux; a run directory deeper than this
# leaves too little room, and the temp directory is tried instead.
_MAX_DIR_LENGTH = 70
RUN_PREFIX = "run-"


class ScopeError(Exception):
    """The run directory cannot be used safely (wrong owner, mode, symlink, path too long)."""


def process_start_time(pid):
    """The kernel's start time of ``pid`` (clock ticks since boot) as a string, or None.

    Linux only (``/proc``); elsewhere the PID alone names the run.
    """
    try:
        with open("/proc/%d/stat" % pid) as handle:
            text = handle.read()
    except (IOError, OSError):
        return None
    # The command name (field 2) may hold spaces and parentheses: fields follow the last ')'.
    fields = text[text.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else None


def run_identity(pid=None):
    """``(pid, start time or None)`` of the ansible-playbook process this fork belongs to."""
    pid = os.getppid() if pid is None else pid
    return pid, process_start_time(pid)


def process_alive(pid, start_time):
    """Whether ``pid`` still runs and is the same process (same start time, when known)."""
    try:
        os.kill(pid, 0)
    except OSError as exc:
        if exc.errno != errno.EPERM:
            return False
    return start_time is None or process_start_time(pid) == start_time


def run_dir_name(pid, start_time):
    return "%s%d-%s" % (RUN_PREFIX, pid, start_time or "0")


def _private_dir(path):
    """Create ``path`` 0700 if needed; refuse it unless it is a real directory of ours, 0700."""
    try:
        os.mkdir(path, 0o700)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise ScopeError("%s is not a directory owned by this user" % path)
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise ScopeError("%s is open to other users (mode %o)" % (path, stat.S_IMODE(info.st_mode)))
    return path


def base_dir(environ=None):
    """The per-user directory holding every run's directory."""
    environ = os.environ if environ is None else environ
    candidates = [environ.get("XDG_RUNTIME_DIR"), tempfile.gettempdir(), "/tmp"]
    for parent in candidates:
        if not parent or not os.path.isdir(parent) or len(parent) > _MAX_DIR_LENGTH - 30:
            continue
        return os.path.join(parent, "asyncops-%d" % os.getuid())
    raise ScopeError("no runtime or temp directory with a short enough path")


def ensure_run_dir(pid, start_time, environ=None):
    """The run's 0700 directory (created on demand); old runs' leftovers are removed first."""
    base = _private_dir(base_dir(environ))
    path = os.path.join(base, run_dir_name(pid, start_time))
    if not os.path.isdir(path):
        remove_dead_runs(base)
    return _private_dir(path)


def remove_dead_runs(base):
    """Delete the directories of runs whose ansible-playbook is gone (a crash's leftovers)."""
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        if not name.startswith(RUN_PREFIX):
            continue
        pid_text, _sep, start = name[len(RUN_PREFIX):].partition("-")
        try:
            pid = int(pid_text)
        except ValueError:
            continue
        if not process_alive(pid, None if start in ("", "0") else start):
            shutil.rmtree(os.path.join(base, name), ignore_errors=True)


def remove_if_empty(path):
    """rmdir ``path`` and then its parent if they are empty; anything else is left alone."""
    for directory in (path, os.path.dirname(path)):
        try:
            os.rmdir(directory)
        except OSError:
            return


def scope_name(connection, purpose, run):
    """A keyed hash naming what may be shared: same key, provider, URL and TLS settings, same run.

    ``connection`` is the dict from connection resolution (``api_key`` included); the key is
    only the HMAC key, never part of the output.
    """
    material = json.dumps([purpose, connection.get("provider"), (connection.get("api_url") or "").rstrip("/"),
                           connection.get("validate_certs", True) is not False, connection.get("ca_path") or "",
                           connection.get("request_timeout"), list(run)], sort_keys=True)
    digest = hmac.new(connection["api_key"].encode("utf-8"), material.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:24]


def auth_key(connection, run):
    """The secret a coordinator and its waiters prove to each other; derived from the API key,
    so only a process holding the same key can connect."""
    material = json.dumps(["authkey", scope_name(connection, "coordinator", run)])
    return hmac.new(connection["api_key"].encode("utf-8"), material.encode("utf-8"), hashlib.sha256).digest()
