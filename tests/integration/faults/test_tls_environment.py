# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""REQUESTS_CA_BUNDLE in the environment must not override the module's own TLS options."""

import certifi

from ..playbook_runner import load_result
from ..tls.test_tls import run_tls_wait


def test_module_tls_options_win_over_requests_ca_bundle(collections_path, tmp_path, matrix):
    _task, out_dir = run_tls_wait(collections_path, tmp_path, env={"REQUESTS_CA_BUNDLE": certifi.where()})
    verdicts = dict((name, "failed" if load_result(out_dir, name).get("failed") else "success")
                    for name in ("by_default", "unverified", "with_ca"))
    expected = {"by_default": "failed", "unverified": "success", "with_ca": "success"}
    matrix.record("self-signed API, REQUESTS_CA_BUNDLE = public roots: default / validate_certs false / ca_path",
                  "failed / success / success", " / ".join(verdicts[name] for name in expected),
                  ok=verdicts == expected)
    assert verdicts == expected
    assert "REQUESTS_CA_BUNDLE" in load_result(out_dir, "by_default")["msg"]
