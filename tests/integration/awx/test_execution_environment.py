# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The execution environment, checked with ansible-builder's own code (no container engine):
its `create` step builds a context from awx/execution-environment.yml, and its introspection
finds the collection's dependencies in the collection as Galaxy installs it."""

import glob
import os
import subprocess
import sys

import pytest
import yaml

# The compat toolchain (ansible-core 2.19) does not install ansible-builder.
process = pytest.importorskip("ansible_builder._target_scripts.introspect").process

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BIN = os.path.dirname(sys.executable)


def read(path):
    with open(path) as handle:
        return handle.read()


def run(cmd, cwd):
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=180, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    return result


def test_ansible_builder_creates_a_context_for_the_definition(tmp_path):
    context = tmp_path / "context"
    run([os.path.join(BIN, "ansible-builder"), "create", "-f",
         os.path.join(REPO_ROOT, "awx", "execution-environment.yml"),
         "-c", str(context), "--output-filename", "Containerfile"], str(tmp_path))

    containerfile = read(str(context / "Containerfile"))
    galaxy = yaml.safe_load(read(str(context / "_build" / "requirements.yml")))
    # The collection comes from the tarball `ansible-galaxy collection build` makes of this
    # checkout, copied into the context beside the requirements.
    version = yaml.safe_load(read(os.path.join(REPO_ROOT, "galaxy.yml")))["version"]
    tarball = "asyncops-cloud-%s.tar.gz" % version
    assert galaxy["collections"] == [{"name": "collections/" + tarball, "type": "file"}]
    definition = yaml.safe_load(read(os.path.join(REPO_ROOT, "awx", "execution-environment.yml")))
    assert definition["additional_build_files"] == [{"src": tarball, "dest": "collections"}]
    # The build installs the collections, then introspects them for their dependencies.
    assert "requirements.yml" in containerfile and "introspect" in containerfile
    assert "ansible-core" in containerfile or "ansible_core" in containerfile.lower()


def test_builder_introspection_finds_the_installed_collections_dependencies(tmp_path):
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", REPO_ROOT,
         "--output-path", str(tmp_path)], str(tmp_path))
    tarball = glob.glob(str(tmp_path / "asyncops-cloud-*.tar.gz"))
    assert len(tarball) == 1
    installed = tmp_path / "collections"
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "--force", "-p", str(installed),
         tarball[0]], str(tmp_path))

    found = process(data_dir=str(installed))
    assert "requests" in " ".join(found["python"]["asyncops.cloud"])
    assert any(line.startswith("python3") for line in found["system"]["asyncops.cloud"])
