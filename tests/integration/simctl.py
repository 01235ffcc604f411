# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the API simulator as a subprocess and drive its /_sim/ control API.

Plain urllib only: the harness must not share any HTTP code with the collection it tests,
otherwise a bug in the collection's client could hide itself in the tests.
"""

import json
import os
import queue
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

# The default tenants the simulator ships with (docs/architecture.md). The harness checks
# after every playbook run that none of these ever appears in the output.
GCORE_KEY_A = "sim-gcore-key-a"
GCORE_KEY_B = "sim-gcore-key-b"
GPCN_KEY_A = "gpcn_sim_key_a"
GPCN_KEY_B = "gpcn_sim_key_b"
ALL_KEYS = (GCORE_KEY_A, GCORE_KEY_B, GPCN_KEY_A, GPCN_KEY_B)

# Route names as the simulator counts them ("METHOD template").
JOBS_POLL = "POST /v1/resource/jobs"

# Gcore tenant a lives in project 1, region 76.
GCORE_PROJECT_A = 1
GCORE_REGION_A = 76

STARTUP_TIMEOUT = 30.0
CONTROL_TIMEOUT = 30.0


class SimulatorError(RuntimeError):
    """The simulator could not be started or a control call failed."""


class SimulatorProcess(object):
    """One simulator subprocess; `base_url` is read from its first stdout line."""

    def __init__(self, repo_root, log_path, time_scale=0.02):
        self.repo_root = repo_root
        self.log_path = log_path
        self.time_scale = time_scale
        self.proc = None
        self.base_url = None
        self._log = None

    def start(self):
        env = dict(os.environ)
        sim_path = os.path.join(self.repo_root, "simulator")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (sim_path, env.get("PYTHONPATH")) if p)
        env["PYTHONUNBUFFERED"] = "1"
        cmd = [sys.executable, "-m", "asyncops_sim", "--host", "127.0.0.1", "--port", "0",
               "--time-scale", str(self.time_scale)]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._log, env=env,
                                     text=True, cwd=self.repo_root)
        first_line = self._read_first_line()
        # Keep draining stdout so a chatty simulator never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        url = first_line.strip()
        if not url.startswith("http://127.0.0.1:"):
            self.stop()
            raise SimulatorError("unexpected first simulator line %r (log: %s)" % (url, self.log_path))
        self.base_url = url.rstrip("/")
        return self

    def _read_first_line(self):
        # readline() can block forever on a hung child; read it in a thread with a deadline.
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.proc.stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=STARTUP_TIMEOUT)
        except queue.Empty:
            self.stop()
            raise SimulatorError("simulator printed no URL within %ss (log: %s)"
                                 % (STARTUP_TIMEOUT, self.log_path))
        if not line:
            code = self.proc.wait(timeout=5)
            self._log.flush()
            with open(self.log_path) as log:
                tail = log.read()[-2000:]
            raise SimulatorError("simulator exited with %s before printing its URL:\n%s" % (code, tail))
        return line

    def _drain(self):
        for _line in self.proc.stdout:
            pass

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


class SimulatorControl(object):
    """Thin client of the simulator's control API (no auth, under /_sim/)."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.gcore_url = self.base_url
        self.gpcn_url = self.base_url + "/v1"

    # -- plumbing -----------------------------------------------------------------------
    def _call(self, method, path, body=None, params=None):
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        # An explicit empty ProxyHandler: the harness sets HTTP(S)_PROXY for the playbook
        # runs as a safety net, and the control calls must always go straight to loopback.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=CONTROL_TIMEOUT) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise SimulatorError("%s %s -> %s: %s" % (method, path, exc.code, detail))
        if not raw:
            return None
        return json.loads(raw.decode("utf-8"))

    # -- control API ----------------------------------------------------------------------
    def health(self):
        return self._call("GET", "/_sim/health")

    def counters(self):
        """`{"total": int, "routes": {...}}`: every API request the simulator has served."""
        return self._call("GET", "/_sim/counters")

    def answers(self):
        """The latest API requests in the order they arrived: `{"received": seconds since the
        counters were reset (the simulator's clock), "status": "429", "route": ...}` each."""
        return self._call("GET", "/_sim/answers")["answers"]

    def reset(self, **kw):
        """Default: counters and faults only (the simulator's own default); `state=True`
        also drops every task and resource, `config=True` restores the start-up config."""
        return self._call("POST", "/_sim/reset", body=kw)

    def config(self, **kw):
        return self._call("POST", "/_sim/config", body=kw)

    def fault(self, **kw):
        return self._call("POST", "/_sim/faults", body=kw)

    def seed_tasks(self, **kw):
        """Seed tasks/jobs directly; returns the list of new IDs.

        `duration` is in REAL seconds (the time scale does not apply to seeded tasks).
        """
        answer = self._call("POST", "/_sim/tasks", body=kw)
        return answer["ids"]

    def finish(self, task_id):
        return self._call("POST", "/_sim/tasks/%s/finish" % urllib.parse.quote(task_id, safe=""), body={})

    def vanish(self, task_id):
        return self._call("POST", "/_sim/tasks/%s/vanish" % urllib.parse.quote(task_id, safe=""), body={})

    def resources(self, provider):
        return self._call("GET", "/_sim/resources", params={"provider": provider})

    # -- helpers built on the counters ----------------------------------------------------
    def api_requests(self, counters=None):
        """Requests to the cloud APIs; the simulator never counts its /_sim/ control calls."""
        counters = counters if counters is not None else self.counters()
        return int(counters["total"])

    def route(self, name, counters=None):
        """Requests served on one route, named as the simulator names it: "POST /v1/resource/jobs"."""
        counters = counters if counters is not None else self.counters()
        return _as_int((counters.get("routes") or {}).get(name, 0))


def _as_int(value):
    return int(value or 0)
