# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX credential types: a secret key, and injectors that set exactly the environment
variables the collection reads."""

import glob
import os

import jinja2
import pytest
import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TYPES_DIR = os.path.join(REPO_ROOT, "awx", "credential_types")


def load(name):
    with open(os.path.join(TYPES_DIR, name)) as handle:
        return yaml.safe_load(handle)


def collection_sources():
    """Everything in the collection that could read an environment variable."""
    paths = glob.glob(os.path.join(REPO_ROOT, "plugins", "**", "*.py"), recursive=True)
    paths += glob.glob(os.path.join(REPO_ROOT, "roles", "**", "*.yml"), recursive=True)
    text = []
    for path in paths:
        with open(path) as handle:
            text.append(handle.read())
    return "\n".join(text)


def render_injectors(credential_type, inputs):
    """Render the injectors like AWX does: file templates first, then env with their paths."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    injectors = credential_type["injectors"]
    files = dict((name.split(".", 1)[1], env.from_string(template).render(**inputs))
                 for name, template in injectors.get("file", {}).items())
    context = dict(inputs, tower={"filename": dict((name, "/runner/env/" + name) for name in files)})
    variables = dict((name, env.from_string(template).render(**context))
                     for name, template in injectors["env"].items())
    return files, variables


@pytest.mark.parametrize("name, key_file_var, url_var", [
    ("gcore_cloud.yml", "GCORE_API_KEY_FILE", "GCORE_API_URL"),
    ("gpcn.yml", "GPCN_API_KEY_FILE", "GPCN_API_URL"),
])
def test_credential_type_injects_what_the_collection_reads(name, key_file_var, url_var):
    credential_type = load(name)
    fields = dict((field["id"], field) for field in credential_type["inputs"]["fields"])
    assert fields["api_key"]["secret"] is True
    assert not fields["api_url"].get("secret", False)
    assert {"api_key", "api_url"} <= set(credential_type["inputs"]["required"])
    assert set(credential_type["injectors"]) == {"env", "file"}  # no extra vars

    inputs = dict((field_id, "value-of-" + field_id) for field_id in fields)
    files, env = render_injectors(credential_type, inputs)
    # The key lives only in the injected file; the environment holds its path.
    assert files == {"api_key": "value-of-api_key"}
    assert env[key_file_var] == "/runner/env/api_key" and env[url_var] == "value-of-api_url"
    assert "value-of-api_key" not in env.values()
    sources = collection_sources()
    for variable in env:
        assert variable in sources, "%s is injected but nothing in the collection reads it" % variable
