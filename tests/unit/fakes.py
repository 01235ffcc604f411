# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The unit tests' doubles, in one place.

FakeClock (a monotonic clock whose sleep only moves it), FakeClient (the one stand-in for
HttpClient), FakeAdapter (the one stand-in for an Adapter, built on the real base class),
FakeGcoreApi (an in-memory Gcore task list behind a FakeClient), ScriptedServer (real HTTP on
127.0.0.1, answering from a script) and make_action (an action plugin as the executor builds it).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

from ansible_collections.asyncops.cloud.plugins.plugin_utils._adapter import Adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import NotFoundError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import PollResult, new_record


class ScriptedServer(object):
    """Answers requests from a script, one step per request, and records what it received.

    A step is (status, headers, body) or the string "drop" (close without answering) or
    ("slow", seconds, status, body) to provoke a client read timeout.
    """

    def __init__(self):
        self.script = []
        self.default = (200, {}, {"ok": True})
        self.received = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.received.append({
                    "method": self.command, "path": self.path,
                    "headers": dict(self.headers.items()),
                    "body": json.loads(body) if body else None,
                })
                step = server.script.pop(0) if server.script else server.default
                if step == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if step[0] == "slow":
                    time.sleep(step[1])
                    step = (step[2], {}, step[3])
                status, headers, payload = step
                data = payload if isinstance(payload, bytes) else (
                    b"" if payload is None else json.dumps(payload).encode())
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def closed_port_url():
    """A loopback URL where nothing listens (connection refused: the request is never sent)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return "http://127.0.0.1:%d" % port


class FakeClock(object):
    """Monotonic clock whose sleep only moves time forward and records each delay."""

    def __init__(self, start=1000.0):
        self.now = start
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0, "negative sleep %r" % seconds
        self.sleeps.append(seconds)
        self.now += seconds


class FakeClient(object):
    """Stands in for HttpClient: every call goes to ``handler(call)`` and is counted and kept.

    ``call`` is ``{"method", "path", "params", "body", "idempotent"}``; for ``exchange`` the
    handler returns ``(status, body)``. A handler may raise to simulate a failed request.
    """

    def __init__(self, handler=None):
        self.handler = handler
        self.request_count = 0
        # Bytes of the answers as JSON, the way HttpClient counts the bodies it reads.
        self.bytes_received = 0
        self.calls = []
        self.deadlines = []

    def get(self, path, params=None):
        return self._call("GET", path, params=params)

    def post(self, path, json=None, params=None, idempotent=False):
        return self._call("POST", path, params=params, body=json, idempotent=idempotent)

    def exchange(self, method, path, params=None, json=None, accept=None):
        return self._call(method, path, params=params, body=json, accept=accept)

    def set_deadline(self, deadline, clock=None):
        self.deadlines.append(deadline)

    def _call(self, method, path, params=None, body=None, idempotent=True, accept=None):
        self.request_count += 1
        call = {"method": method, "path": path, "params": params, "body": body, "idempotent": idempotent,
                "accept": accept}
        self.calls.append(call)
        answer = self.handler(call)
        if isinstance(answer, (dict, list)):
            self.bytes_received += len(json.dumps(answer))
        return answer


def answering(status, body):
    """A FakeClient whose every exchange is answered ``(status, body)``."""
    return FakeClient(lambda call: (status, body))


EPOCH = datetime.datetime(2026, 5, 23, 5, 0, 0)


class FakeGcoreApi(object):
    """A tiny in-memory Gcore task API driven by a FakeClock (task i finishes at its time)."""

    def __init__(self, clock, padding=0):
        self.clock = clock
        self.origin = clock.now  # the fake moment EPOCH stands for
        # Characters of ``data`` in every task: 1100 makes a task about as big as the real API's.
        self.padding = padding
        self.tasks = {}
        self.list_calls = []
        self.get_calls = []

    def wall(self):
        """The wall clock of this API (seconds since 1970) at the fake clock's now."""
        return calendar.timegm(EPOCH.utctimetuple()) + (self.clock.now - self.origin)

    def _timestamp(self, moment):
        return (EPOCH + datetime.timedelta(seconds=moment - self.origin)).strftime("%Y-%m-%dT%H:%M:%S.%f")

    def add(self, task_id, finish_after, task_type="create_vm", project_id=1, region_id=76,
            created_offset=0, error=None, resources=None):
        self.tasks[task_id] = dict(
            id=task_id, task_type=task_type, project_id=project_id, region_id=region_id,
            created_on=(EPOCH + datetime.timedelta(seconds=created_offset)).strftime("%Y-%m-%dT%H:%M:%S"),
            _finish_at=self.clock.now + finish_after, _error=error,
            _resources=resources if resources is not None else {"instances": ["vm-" + task_id]})

    def view(self, task):
        done = self.clock.now >= task["_finish_at"]
        body = dict((k, v) for k, v in task.items() if not k.startswith("_"))
        if self.padding:
            body["data"] = "x" * self.padding
        if done and task["_error"]:
            body.update(state="ERROR", error=task["_error"], created_resources=None)
        elif done:
            body.update(state="FINISHED", created_resources=task["_resources"],
                        finished_on=self._timestamp(task["_finish_at"]))
        else:
            body.update(state="RUNNING", created_resources=None)
        return body

    def __call__(self, call):
        path, params = call["path"], dict(call["params"] or {})
        if call["method"] == "GET" and path == "/cloud/v1/tasks":
            self.list_calls.append(params)
            tasks = list(self.tasks.values())
            for key in ("project_id", "region_id"):
                if params.get(key):
                    allowed = set(params[key] if isinstance(params[key], list) else [params[key]])
                    tasks = [t for t in tasks if t[key] in allowed]
            if params.get("from_timestamp"):
                tasks = [t for t in tasks if t["created_on"] >= params["from_timestamp"]]
            if params.get("to_timestamp"):
                tasks = [t for t in tasks if t["created_on"] <= params["to_timestamp"]]
            tasks.sort(key=lambda t: t["created_on"], reverse=params.get("order_by", "desc") == "desc")
            offset, limit = params.get("offset", 0), params.get("limit", 10)
            return {"count": len(tasks), "results": [self.view(t) for t in tasks[offset:offset + limit]]}
        if call["method"] == "GET" and path.startswith("/cloud/v1/tasks/"):
            task_id = path.rsplit("/", 1)[1]
            self.get_calls.append(task_id)
            if task_id not in self.tasks:
                raise NotFoundError(404, "GET", path, "Task not found")
            return self.view(self.tasks[task_id])
        raise AssertionError("unexpected call %r" % (call,))


class FakeAdapter(Adapter):
    """An Adapter answering from a script of rounds; records every call it gets.

    A round is ``{id: record}`` (an asked ID missing from it gets a per-ID 404; an exception as
    the record is that ID's own error), a function ``ids -> {id: record}``, or an exception to
    raise. The last round repeats. Every poll, listing and acknowledgement counts one request.
    """

    def __init__(self, rounds=None, listing=None, provider="gcore", interval=5.0, timeout=600.0,
                 batch_size=None):
        super(FakeAdapter, self).__init__(FakeClient())
        self.provider = provider
        self.batch_size = batch_size
        self.rounds = list(rounds or [{}])
        self.listing = list(listing or [])
        self.interval = interval
        self.timeout = timeout
        self.calls = []

    def calls_to(self, name):
        """The arguments of every call to ``name`` (poll, list_tasks, acknowledge, acknowledge_all)."""
        return [args for called, args in self.calls if called == name]

    @property
    def polled(self):
        return self.calls_to("poll")

    def _call(self, name, args):
        self.calls.append((name, args))
        self._client.request_count += 1

    def poll(self, ids, hints=None):
        self._call("poll", list(ids))
        step = self.rounds.pop(0) if len(self.rounds) > 1 else self.rounds[0]
        if isinstance(step, Exception):
            raise step  # pylint: disable=raising-bad-type
        records = step(ids) if callable(step) else step
        result = PollResult()
        for task_id in ids:
            if isinstance(records.get(task_id), Exception):
                result.errors[task_id] = records[task_id]
            elif task_id in records:
                result.records[task_id] = records[task_id]
            else:
                result.errors[task_id] = NotFoundError(404, "GET", "/cloud/v1/tasks/" + task_id, "not found")
        return result

    def list_tasks(self, limit=None, **filters):
        self._call("list_tasks", dict(filters, limit=limit))
        return self.listing[:limit]

    def acknowledge(self, task_id):
        self._call("acknowledge", task_id)

    def acknowledge_all(self, **scope):
        self._call("acknowledge_all", scope)

    def default_interval(self, record, polls_done=0):
        return self.interval

    def default_timeout(self, record):
        return self.timeout

    @staticmethod
    def task_ids_of(response):
        return GcoreAdapter.task_ids_of(response)


def make_action(module, args, check_mode=False, task_env=None):
    """``module.ActionModule`` for a task with ``args``; ``task_env`` is its ``environment:``."""
    task = mock.MagicMock()
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    task.action = "asyncops.cloud.%s" % module.__name__.rsplit(".", 1)[-1]
    connection = mock.MagicMock()
    connection._shell.tmpdir = None
    action = module.ActionModule(task, connection, mock.MagicMock(), loader=None, templar=mock.MagicMock(),
                                 shared_loader_obj=None)
    action._compute_environment_string = lambda out: out.update(task_env or {})
    return action


# Task IDs and records the tests share.
T1 = "11111111-1111-4111-8111-111111111111"
T2 = "22222222-2222-4222-8222-222222222222"
T3 = "33333333-3333-4333-8333-333333333333"
# A connection as resolve_connection returns it, for runners that get a FakeAdapter anyway.
CONNECTION = {"provider": "gcore", "api_key": "k", "api_url": "http://127.0.0.1:1"}


def record(task_id, status, **fields):
    """A Gcore task record in ``status`` (pending, running, finished, failed)."""
    state = {"pending": "NEW", "running": "RUNNING", "finished": "FINISHED", "failed": "ERROR"}[status]
    fields.setdefault("raw", {"id": task_id})
    return new_record(task_id, "gcore", state=state, status=status, **fields)
