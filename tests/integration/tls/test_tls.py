# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""TLS verification is on by default: a self-signed API is refused unless told otherwise."""

import os
import ssl
import urllib.request
import json

from ..faults.standalone_sim import StandaloneSim, free_port
from ..playbook_runner import PlaybookRunner, load_result
from ..simctl import GCORE_KEY_A, SimulatorControl
from .certs import write_self_signed

HERE = os.path.dirname(os.path.abspath(__file__))


def _seed_over_tls(base_url, ca_file):
    # The harness's control client speaks plain urllib without a CA; seed with our own context.
    context = ssl.create_default_context(cafile=ca_file)
    body = json.dumps({"provider": "gcore", "api_key": GCORE_KEY_A, "count": 1,
                       "task_type": "create_volume", "duration": [0.2, 0.4]}).encode()
    request = urllib.request.Request(base_url + "/_sim/tasks", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                         urllib.request.HTTPSHandler(context=context))
    with opener.open(request, timeout=30) as answer:
        return json.loads(answer.read())["ids"][0]


def test_self_signed_api_is_refused_unless_trusted(collections_path, tmp_path):
    cert, key = str(tmp_path / "sim.crt"), str(tmp_path / "sim.key")
    write_self_signed(cert, key)
    server = StandaloneSim(free_port(), str(tmp_path / "sim.log"),
                           extra_args=["--tls-cert", cert, "--tls-key", key]).start()
    try:
        assert server.base_url.startswith("https://127.0.0.1:")
        task = _seed_over_tls(server.base_url, cert)
        runner = PlaybookRunner(SimulatorControl(server.base_url), collections_path, str(tmp_path))
        _rc, _out, _err, out_dir = runner(os.path.join(HERE, "playbooks", "tls_wait.yml"),
                                          extra_vars={"tls_task": task, "ca_file": cert})
    finally:
        server.stop()
    by_default = load_result(out_dir, "by_default")
    assert by_default["failed"] is True
    assert "certificate" in by_default["msg"].lower() or "ssl" in by_default["msg"].lower()
    # A certificate problem is not retried until the deadline: it fails at once.
    assert by_default.get("timed_out") is not True
    for name in ("unverified", "with_ca"):
        result = load_result(out_dir, name)
        assert result.get("failed", False) is False, result.get("msg")
        assert result["finished_tasks"] == [task]
