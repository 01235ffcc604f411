# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gates on plugin documentation: antsibull-docs lint and `ansible-doc` for every plugin."""

import ast
import json
import os

import pytest
import yaml

from _collection_tree import REPO_ROOT, galaxy_metadata
from _tools import check, run, tool, tool_env

PLUGINS = os.path.join(REPO_ROOT, "plugins")
# plugins/<folder> -> ansible-doc plugin type. action plugins are documented by the module of
# the same name and doc_fragments through the modules that extend them, so neither is listed.
DOCUMENTED_TYPES = {
    "modules": "module",
    "lookup": "lookup",
    "filter": "filter",
    "test": "test",
    "inventory": "inventory",
    "callback": "callback",
    "connection": "connection",
}


def _fqcn(name):
    meta = galaxy_metadata()
    return "%s.%s.%s" % (meta["namespace"], meta["name"], name)


def documented_plugins():
    found = []
    for folder, plugin_type in sorted(DOCUMENTED_TYPES.items()):
        directory = os.path.join(PLUGINS, folder)
        if not os.path.isdir(directory):
            continue
        for filename in sorted(os.listdir(directory)):
            stem, extension = os.path.splitext(filename)
            if extension in (".py", ".yml", ".yaml") and not stem.startswith("_"):
                found.append((plugin_type, _fqcn(stem)))
    return found


def _assigned_string(body, attribute):
    for statement in body:
        if isinstance(statement, ast.Assign) and any(
                getattr(target, "id", None) == attribute for target in statement.targets):
            return ast.literal_eval(statement.value)
    return None


def string_constant(path, attribute, class_name=None):
    """Read a string constant (DOCUMENTATION of a module, or of a doc fragment class) without
    importing the plugin."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    if class_name is None:
        return _assigned_string(tree.body, attribute)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            return _assigned_string(node.body, attribute)
    return None


def modules_extending(fragment_name):
    """FQCNs of the modules whose DOCUMENTATION lists the fragment (ansible-doc drops that key)."""
    users = []
    for plugin_type, fqcn in documented_plugins():
        if plugin_type != "module":
            continue
        path = os.path.join(PLUGINS, "modules", fqcn.rsplit(".", 1)[1] + ".py")
        documentation = yaml.safe_load(string_constant(path, "DOCUMENTATION") or "{}") or {}
        if fragment_name in (documentation.get("extends_documentation_fragment") or []):
            users.append(fqcn)
    return users


def doc_fragments():
    directory = os.path.join(PLUGINS, "doc_fragments")
    if not os.path.isdir(directory):
        return []
    return sorted(os.path.splitext(name)[0] for name in os.listdir(directory)
                  if name.endswith(".py") and not name.startswith("_"))


def ansible_doc_json(collections_path, plugin_type, names):
    result = run([tool("ansible-doc"), "--json", "-t", plugin_type] + list(names),
                 env=tool_env(collections_path), timeout=300)
    check(result, "ansible-doc -t %s %s" % (plugin_type, " ".join(names)))
    # Warnings may precede the JSON document.
    return json.loads(result.stdout[result.stdout.index("{"):])


@pytest.mark.quality
def test_antsibull_docs_lint_collection_docs(collection_copy):
    result = run([tool("antsibull-docs"), "lint-collection-docs", "--plugin-docs", collection_copy],
                 env=tool_env(os.path.dirname(os.path.dirname(os.path.dirname(collection_copy)))),
                 timeout=600)

    check(result, "antsibull-docs lint-collection-docs --plugin-docs")


@pytest.mark.quality
@pytest.mark.parametrize("plugin_type,fqcn", documented_plugins())
def test_ansible_doc_renders_plugin(collection_symlink_tree, plugin_type, fqcn):
    docs = ansible_doc_json(collection_symlink_tree, plugin_type, [fqcn])

    assert fqcn in docs, "ansible-doc did not find %s" % fqcn
    documentation = docs[fqcn]["doc"]
    assert documentation.get("short_description"), "%s has no short_description" % fqcn
    assert documentation.get("description"), "%s has no description" % fqcn
    if plugin_type == "module":
        assert docs[fqcn].get("examples"), "%s has no EXAMPLES" % fqcn
        assert docs[fqcn].get("return") is not None, "%s has no RETURN" % fqcn


@pytest.mark.quality
@pytest.mark.parametrize("fragment", doc_fragments())
def test_doc_fragment_options_reach_the_modules_that_use_it(collection_symlink_tree, fragment):
    path = os.path.join(PLUGINS, "doc_fragments", fragment + ".py")
    fragment_doc = yaml.safe_load(string_constant(path, "DOCUMENTATION", "ModuleDocFragment") or "{}") or {}
    # A fragment documents options (common) or attributes (attributes); both must reach its users.
    documented = dict((section, set(fragment_doc.get(section) or {})) for section in ("options", "attributes"))
    assert any(documented.values()), "%s documents neither options nor attributes" % fragment

    users = modules_extending(_fqcn(fragment))
    assert users, "no module extends %s" % _fqcn(fragment)
    docs = ansible_doc_json(collection_symlink_tree, "module", users)
    for fqcn in users:
        for section, names in documented.items():
            missing = names - set(docs[fqcn]["doc"].get(section) or {})
            assert not missing, "%s lacks fragment %s %s" % (fqcn, section, sorted(missing))
