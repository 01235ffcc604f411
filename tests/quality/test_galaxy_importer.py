# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gate: galaxy-importer, what Galaxy and Automation Hub run on upload, accepts the tarball as is.

Its ansible-doc, ansible-lint, flake8 and changelog checks are on (galaxy-importer.cfg beside this
file) and must report nothing: any WARNING or ERROR line fails the gate. Every proxy variable
points at a closed loopback port, so the import passes offline or not at all.
"""

import os
import re
import sys

import pytest

from _build import build_tarball
from _collection_tree import REPO_ROOT
from _tools import run, tail, tool_env

CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "galaxy-importer.cfg")
REPORTED = re.compile(r"^(WARNING|ERROR|CRITICAL)\b")
CLOSED_PORT = "http://127.0.0.1:9"  # discard: nothing listens there


@pytest.mark.quality
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_galaxy_importer_reports_nothing(tmp_path):
    pytest.importorskip("galaxy_importer", reason="galaxy-importer is not installed (requirements/test.txt)")
    tarball = build_tarball(REPO_ROOT, tmp_path / "dist")
    env = tool_env(
        GALAXY_IMPORTER_CONFIG=CONFIG,
        GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP=str(tmp_path / "ansible-tmp"),
        GALAXY_IMPORTER_TMP_ROOT_DIR=str(tmp_path),
        HOME=str(tmp_path / "home"),
        HTTP_PROXY=CLOSED_PORT, HTTPS_PROXY=CLOSED_PORT, http_proxy=CLOSED_PORT, https_proxy=CLOSED_PORT,
        NO_PROXY="", no_proxy="",
    )
    env.pop("ANSIBLE_COLLECTIONS_PATH")  # the importer installs the tarball for its checks itself
    os.makedirs(env["HOME"])

    result = run([sys.executable, "-m", "galaxy_importer.main", tarball], cwd=str(tmp_path), env=env,
                 timeout=800)

    reported = [line for line in result.stdout.splitlines() if REPORTED.match(line.strip())]
    assert result.returncode == 0, tail(result.stdout)
    assert reported == [], tail(result.stdout)
    assert "Importer processing completed successfully" in result.stdout, tail(result.stdout)
    # The checks really ran (a missing tool is only a warning to galaxy-importer).
    for step in ("Getting doc strings via ansible-doc", "via flake8", "ansible-lint run complete"):
        assert step in result.stdout, step
