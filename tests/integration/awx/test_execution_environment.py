# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""meta/execution-environment.yml is valid for ansible-builder v3: its own `create` step
builds the context (no container engine needed) with the collection's dependencies in it."""

import os
import subprocess
import sys

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUILDER = os.path.join(os.path.dirname(sys.executable), "ansible-builder")


def read(path):
    with open(path) as handle:
        return handle.read()


def test_ansible_builder_creates_a_context_with_the_collection_dependencies(tmp_path):
    context = tmp_path / "context"
    result = subprocess.run(
        [BUILDER, "create", "-f", os.path.join(REPO_ROOT, "meta", "execution-environment.yml"),
         "-c", str(context), "--output-filename", "Containerfile"],
        cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]

    build = context / "_build"
    containerfile = read(str(context / "Containerfile"))
    # The Python requirement of the modules, the system packages and the collection itself.
    assert "requests" in read(str(build / "requirements.txt"))
    assert read(str(build / "requirements.txt")) == read(os.path.join(REPO_ROOT, "requirements.txt"))
    assert read(str(build / "bindep.txt")) == read(os.path.join(REPO_ROOT, "bindep.txt"))
    galaxy = yaml.safe_load(read(str(build / "requirements.yml")))
    assert [c["name"] for c in galaxy["collections"]] == ["asyncops.cloud"]
    # The Containerfile installs what the context carries.
    assert "requirements.txt" in containerfile and "bindep.txt" in containerfile
    assert "ansible-core" in containerfile or "ansible_core" in containerfile.lower()
