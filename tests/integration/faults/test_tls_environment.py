# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""REQUESTS_CA_BUNDLE in the environment must not override the module's own TLS options."""

import certifi

from ..playbook_runner import PlaybookRunner, load_result
from ..simctl import SimulatorControl
from ..tls.certs import write_self_signed
from ..tls.test_tls import HERE as TLS_HERE, _seed_over_tls
from .standalone_sim import StandaloneSim, free_port


def test_module_tls_options_win_over_requests_ca_bundle(collections_path, tmp_path, matrix):
    cert, key = str(tmp_path / "sim.crt"), str(tmp_path / "sim.key")
    write_self_signed(cert, key)
    server = StandaloneSim(free_port(), str(tmp_path / "sim.log"),
                           extra_args=["--tls-cert", cert, "--tls-key", key]).start()
    try:
        task = _seed_over_tls(server.base_url, cert)
        runner = PlaybookRunner(SimulatorControl(server.base_url), collections_path, str(tmp_path))
        _rc, _out, _err, out_dir = runner(TLS_HERE + "/playbooks/tls_wait.yml",
                                          extra_vars={"tls_task": task, "ca_file": cert},
                                          env={"REQUESTS_CA_BUNDLE": certifi.where()})
    finally:
        server.stop()
    verdicts = dict((name, "failed" if load_result(out_dir, name).get("failed") else "success")
                    for name in ("by_default", "unverified", "with_ca"))
    expected = {"by_default": "failed", "unverified": "success", "with_ca": "success"}
    matrix.record("self-signed API, REQUESTS_CA_BUNDLE = public roots: default / validate_certs false / ca_path",
                  "failed / success / success", " / ".join(verdicts[name] for name in expected),
                  ok=verdicts == expected)
    assert verdicts == expected
    assert "REQUESTS_CA_BUNDLE" in load_result(out_dir, "by_default")["msg"]
