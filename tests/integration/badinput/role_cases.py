# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad inputs for every option of every role, read from roles/*/meta/argument_specs.yml.

Type and choice errors are generated from each option's spec; the values argument specs
cannot judge (IDs with '/', refused URLs, a missing key) are listed by hand.
"""

import collections
import os

import yaml

from .cases import GOOD_ID, HUGE

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
RoleCase = collections.namedtuple("RoleCase", "role option label changes names")

BASE = {
    "await_tasks": {"await_tasks_provider": "gcore", "await_tasks_ids": [GOOD_ID], "await_tasks_timeout": 1,
                    "await_tasks_poll_interval": 0.2, "await_tasks_gcore_api_key": "{{ gcore_key }}",
                    "await_tasks_gcore_api_url": "{{ gcore_url }}"},
    "gcore_resource": {"gcore_resource_type": "volume", "gcore_resource_state": "present",
                       "gcore_resource_name": "badinput-vol",
                       "gcore_resource_body": {"name": "badinput-vol", "size": 1, "source": "new-volume"},
                       "gcore_resource_project_id": "1", "gcore_resource_region_id": "76",
                       "gcore_resource_api_key": "{{ gcore_key }}", "gcore_resource_api_url": "{{ gcore_url }}",
                       "gcore_resource_wait_timeout": 1, "gcore_resource_poll_interval": 0.2},
    "gpcn_resource": {"gpcn_resource_type": "volume", "gpcn_resource_state": "present",
                      "gpcn_resource_name": "badinput-vol",
                      "gpcn_resource_body": {"name": "badinput-vol", "size": 1},
                      "gpcn_resource_api_key": "{{ gpcn_key }}", "gpcn_resource_api_url": "{{ gpcn_url }}",
                      "gpcn_resource_wait_timeout": 1, "gpcn_resource_poll_interval": 0.2},
}

# A value of the wrong type for each spec type (one Ansible cannot convert). Not for str/path:
# argument specs turn any scalar or even a dict into its text, so no value is "wrong" there.
WRONG_TYPE = {"int": "many", "float": "soon", "bool": "maybe", "list": {"a": 1}, "dict": "not a dict"}

# Inputs the roles accepted and sent to the API, found by this sweep; each is now refused by
# roles/*/tasks/validate.yml and asserted strictly in _by_hand below. Keep it empty: a gap listed
# here is a case the sweep does not run.
KNOWN_ROLE_GAPS = []

# What the resource roles must refuse before any request (besides the generated type/choice cases),
# as (label, value). A %s in a URL is the provider, so the URL carries that provider's real key.
BAD_ROLE_URLS = [
    ("credentials", "http://user:{{ %s_key }}@127.0.0.1:1"),
    ("remote http", "http://192.0.2.1"),
    ("query", "https://127.0.0.1/?token=1"),
    ("fragment", "https://127.0.0.1/#x"),
    ("not http", "ftp://127.0.0.1/"),
    ("no host", "https://"),
    ("spaces", "https://127.0.0.1 /cloud"),
    ("bad port", "http://127.0.0.1:99999"),
    ("10 kB host", "https://" + HUGE),
    ("newline", "http://127.0.0.1:1\n"),
]
BAD_ROLE_IDS = [
    ("slash", "../x"),
    ("dot dot", ".."),
    ("encoded slash", "%2F..%2Fx"),
    ("spaces", "0b8f7e0c 7d0a 4c39 9d4b 2f4a8d9e6b11"),
    ("blank", " "),
    ("control character", GOOD_ID + "\n"),
    ("uuid plus path", GOOD_ID + "/x"),
    ("10 kB", HUGE),
]
BAD_ROLE_NAMES = [
    ("10 kB", HUGE),
    ("newline", "badinput\nvol"),
    ("trailing newline", "badinput-vol\n"),
    ("tab", "bad\tinput"),
    ("256 characters", "n" * 256),
]


def role_specs():
    specs = {}
    for role in sorted(BASE):
        path = os.path.join(REPO, "roles", role, "meta", "argument_specs.yml")
        if os.path.exists(path):
            with open(path) as handle:
                specs[role] = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
    return specs


def _generated(role, options):
    cases = []
    for option, spec in sorted(options.items()):
        kind = spec.get("type", "str")
        wrong = WRONG_TYPE.get(kind)
        if wrong is not None:
            cases.append(RoleCase(role, option, "wrong type (%s)" % kind, {option: wrong}, [option]))
        if spec.get("choices"):
            cases.append(RoleCase(role, option, "not a choice", {option: "nonsense"}, [option]))
        if kind == "list" and spec.get("elements") == "dict":
            cases.append(RoleCase(role, option, "list of strings", {option: ["x"]}, [option]))
    return cases


def _by_hand(specs):
    cases = []
    if "await_tasks" in specs:
        for label, ids in (("slash", ["../acknowledge_all"]), ("encoded", ["%2F..%2F"]), ("spaces", ["a b"]),
                           ("10 kB", [HUGE]), ("dot dot", [".."])):
            cases.append(RoleCase("await_tasks", "await_tasks_ids", label, {"await_tasks_ids": ids},
                                  ["task_ids", "await_tasks_ids"]))
        cases += [
            RoleCase("await_tasks", "await_tasks_timeout", "zero", {"await_tasks_timeout": 0},
                     ["timeout"]),
            RoleCase("await_tasks", "await_tasks_poll_interval", "negative", {"await_tasks_poll_interval": -1},
                     ["poll_interval"]),
            RoleCase("await_tasks", "await_tasks_request_timeout", "zero", {"await_tasks_request_timeout": 0},
                     ["request_timeout"]),
            RoleCase("await_tasks", "await_tasks_gcore_api_url", "credentials",
                     {"await_tasks_gcore_api_url": "http://u:{{ gcore_key }}@127.0.0.1:1"}, ["api_url"]),
            RoleCase("await_tasks", "await_tasks_gcore_api_url", "remote http",
                     {"await_tasks_gcore_api_url": "http://192.0.2.1"}, ["api_url"]),
            RoleCase("await_tasks", "await_tasks_gcore_api_key", "missing", {"await_tasks_gcore_api_key": None},
                     ["api_key"]),
            RoleCase("await_tasks", "await_tasks_batches", "bad ids in a batch",
                     {"await_tasks_batches": [{"provider": "gcore", "task_ids": ["../x"]}]}, ["task_ids"]),
            RoleCase("await_tasks", "await_tasks_batches", "unknown provider in a batch",
                     {"await_tasks_batches": [{"provider": "aws", "task_ids": [GOOD_ID]}]}, ["provider"]),
        ]
    for role, provider in (("gcore_resource", "gcore"), ("gpcn_resource", "gpcn")):
        if role in specs:
            cases += _resource_role_cases(role, provider)
    if "gcore_resource" in specs:
        cases += [
            RoleCase("gcore_resource", "gcore_resource_project_id", "slash",
                     {"gcore_resource_project_id": "1/../2"}, ["gcore_resource_project_id"]),
            RoleCase("gcore_resource", "gcore_resource_region_id", "not a number",
                     {"gcore_resource_region_id": "abc"}, ["gcore_resource_region_id"]),
        ]
    return cases


def _resource_role_cases(role, provider):
    """The API URL, ID and name cases of gcore_resource / gpcn_resource: each names its variable."""
    url, ident, name, body = role + "_api_url", role + "_id", role + "_name", role + "_body"
    cases = [RoleCase(role, role + "_api_key", "empty", {role + "_api_key": ""}, [role + "_api_key"]),
             RoleCase(role, role + "_api_key", "newline", {role + "_api_key": "{{ %s_key }}\nX: 1" % provider},
                      [role + "_api_key"])]
    for label, value in BAD_ROLE_URLS:
        value = value % provider if "%s" in value else value
        cases.append(RoleCase(role, url, label, {url: value}, [url]))
    for label, value in BAD_ROLE_IDS:
        cases.append(RoleCase(role, ident, label + " (state absent)", {role + "_state": "absent", ident: value},
                              [ident]))
    for label, value in BAD_ROLE_NAMES:
        cases.append(RoleCase(role, name, label, {name: value}, [name]))
        # The body's name is what the create call sends: it is checked even when the lookup name is fine.
        cases.append(RoleCase(role, body, "name " + label,
                              {body: dict(BASE[role][body], name=value)}, [body + ".name", name]))
        cases.append(RoleCase(role, name, label + " (state absent)", {role + "_state": "absent", name: value},
                              [name]))
    return cases


def role_cases():
    specs = role_specs()
    cases = []
    for role, options in specs.items():
        cases += _generated(role, options)
    return cases + _by_hand(specs)


def role_vars(case):
    role_vars_ = dict(BASE[case.role])
    role_vars_.update(case.changes)
    return role_vars_
