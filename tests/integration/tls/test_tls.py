# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""TLS verification is on by default: a self-signed API is refused unless told otherwise."""

import os
import ssl
import urllib.request
import json

import pytest

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


def _public_bundle():
    """A CA bundle that does not sign the simulator's certificate (the public roots)."""
    import certifi
    return certifi.where()


# Corporate machines, CI images and execution environments often set one of these; the
# module's own validate_certs and ca_path must still decide.
TLS_ENVIRONMENTS = [None, "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"]


def run_tls_wait(collections_path, tmp_path, env=None):
    """playbooks/tls_wait.yml against a simulator with a fresh self-signed certificate:
    returns (the seeded task, the folder the three results were dumped into)."""
    cert, key = str(tmp_path / "sim.crt"), str(tmp_path / "sim.key")
    write_self_signed(cert, key)
    server = StandaloneSim(free_port(), str(tmp_path / "sim.log"),
                           extra_args=["--tls-cert", cert, "--tls-key", key]).start()
    try:
        assert server.base_url.startswith("https://127.0.0.1:")
        task = _seed_over_tls(server.base_url, cert)
        runner = PlaybookRunner(SimulatorControl(server.base_url), collections_path, str(tmp_path))
        _rc, _out, _err, out_dir = runner(os.path.join(HERE, "playbooks", "tls_wait.yml"),
                                          extra_vars={"tls_task": task, "ca_file": cert}, env=env)
    finally:
        server.stop()
    return task, out_dir


@pytest.mark.parametrize("bundle_variable", TLS_ENVIRONMENTS, ids=["no-env", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_self_signed_api_is_refused_unless_trusted(collections_path, tmp_path, bundle_variable):
    env = {bundle_variable: _public_bundle()} if bundle_variable else None
    task, out_dir = run_tls_wait(collections_path, tmp_path, env)
    by_default = load_result(out_dir, "by_default")
    assert by_default["failed"] is True
    assert "certificate" in by_default["msg"].lower() or "ssl" in by_default["msg"].lower()
    # A certificate problem is not retried until the deadline: it fails at once.
    assert by_default.get("timed_out") is not True
    if bundle_variable:
        # The message names the variable whose bundle was used, not only ca_path.
        assert bundle_variable in by_default["msg"], by_default["msg"]
    for name in ("unverified", "with_ca"):
        result = load_result(out_dir, name)
        assert result.get("failed", False) is False, result.get("msg")
        assert result["finished_tasks"] == [task]
