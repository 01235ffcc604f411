# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A simulator subprocess of a test's own: a fixed port (to restart on) or TLS options.

The shared per-worker simulator (conftest `sim`) cannot be killed or started with TLS
without disturbing the other tests of that worker, so these tests start their own.
"""

import os
import socket
import subprocess
import sys

from ..simctl import SimulatorControl

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StandaloneSim(object):
    def __init__(self, port, log_path, time_scale=0.02, extra_args=()):
        self.port = port
        self.log_path = log_path
        self.time_scale = time_scale
        self.extra_args = list(extra_args)
        self.proc = None
        self.base_url = None

    def start(self):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env["PYTHONPATH"] = os.path.join(REPO_ROOT, "simulator")
        cmd = [sys.executable, "-m", "asyncops_sim", "--host", "127.0.0.1", "--port", str(self.port),
               "--time-scale", str(self.time_scale)] + self.extra_args
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, env=env, text=True)
        # The first line is the URL; a simulator that cannot start closes stdout at once.
        line = self.proc.stdout.readline().strip()
        if not line:
            raise RuntimeError("simulator did not start; see %s" % self.log_path)
        self.base_url = line.rstrip("/")
        return self

    def control(self):
        return SimulatorControl(self.base_url)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()  # an abrupt death, like a crashed API node
            self.proc.wait(10)
        if self.proc is not None and self.proc.stdout:
            self.proc.stdout.close()
