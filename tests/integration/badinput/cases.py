# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bad-input table: every option of every module, each bad in every way that applies.

A case is ``Case(module, option, label, changes, names)``: ``changes`` are applied to the
module's valid base arguments (a value of REMOVE deletes the option), and the failure
message must contain one of ``names`` (the option, or the alias the case used).
"""

import collections

GOOD_ID = "0b8f7e0c-7d0a-4c39-9d4b-2f4a8d9e6b11"
OTHER_ID = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
HUGE = "x" * 10240
REMOVE = object()

Case = collections.namedtuple("Case", "module option label changes names")

BASE = {
    "task_wait": {"provider": "gcore", "api_key": "{{ gcore_key }}", "api_url": "{{ gcore_url }}",
                  "task_ids": [GOOD_ID], "timeout": 1, "poll_interval": 0.2},
    "task_info": {"provider": "gcore", "api_key": "{{ gcore_key }}", "api_url": "{{ gcore_url }}",
                  "task_ids": [GOOD_ID]},
    "task_ack": {"provider": "gcore", "api_key": "{{ gcore_key }}", "api_url": "{{ gcore_url }}",
                 "task_ids": [GOOD_ID]},
    # A write, so a case that slipped through validation would show up in the counters.
    "api_call": {"provider": "gcore", "api_key": "{{ gcore_key }}", "api_url": "{{ gcore_url }}",
                 "method": "POST", "path": "/cloud/v1/volumes/1/76",
                 "body": {"name": "badinput", "source": "new-volume", "size": 1}},
}

# Task IDs that must never become a path: separators, traversal, encodings, blanks, sizes.
BAD_IDS = [
    ("empty list", []),
    ("empty string", [""]),
    ("not a uuid", ["not-a-task-id"]),
    ("slash", ["../acknowledge_all"]),
    ("dot dot", [".."]),
    ("encoded slash", ["%2F..%2Facknowledge_all"]),
    ("spaces", ["0b8f7e0c 7d0a 4c39 9d4b 2f4a8d9e6b11"]),
    ("uuid plus path", [GOOD_ID + "/acknowledge"]),
    ("query", [GOOD_ID + "?state=ERROR"]),
    ("10 kB", [HUGE]),
    ("number", [12345]),
    ("duplicate", [GOOD_ID, GOOD_ID.upper()]),
    ("a dict", {"id": GOOD_ID}),
]

BAD_URLS = [
    ("empty", ""),
    ("blank", "   "),
    ("credentials", "http://user:{{ gcore_key }}@127.0.0.1:1"),
    ("remote http", "http://192.0.2.1"),
    ("not http", "ftp://127.0.0.1/"),
    ("no host", "https://"),
    ("query", "https://api.gcore.com/?token=1"),
    ("spaces", "https://api.gcore.com /cloud"),
    ("10 kB", "https://" + HUGE),
    ("bad port", "http://127.0.0.1:99999"),
]

BAD_SECONDS = [("zero", 0), ("negative", -5), ("not a number", "soon"), ("nan", "nan"), ("infinite", "inf"),
               ("empty", ""), ("a list", [1])]
BAD_INTS = [("zero", 0), ("negative", -1), ("not a number", "abc"), ("fraction", 1.5), ("empty", ""),
            ("10 kB", HUGE)]
BAD_BOOLS = [("not a bool", "maybe"), ("a list", [True]), ("empty", "")]
BAD_TIMESTAMPS = [("words", "yesterday"), ("month 13", "2026-13-01T00:00:00Z"), ("empty", ""),
                  ("10 kB", HUGE), ("a number", 12)]


def _common(module):
    cases = [
        Case(module, "provider", "unknown", {"provider": "aws"}, ["provider"]),
        Case(module, "provider", "empty", {"provider": ""}, ["provider"]),
        Case(module, "provider", "a list", {"provider": ["gcore"]}, ["provider"]),
        Case(module, "api_key", "missing", {"api_key": REMOVE}, ["api_key"]),
        Case(module, "api_key", "empty", {"api_key": ""}, ["api_key"]),
        Case(module, "api_key", "newline", {"api_key": "{{ gcore_key }}\nX-Injected: 1"}, ["api_key"]),
        Case(module, "api_key", "missing for gpcn", {"provider": "gpcn", "api_key": REMOVE,
                                                     "api_url": "{{ gpcn_url }}"}, ["api_key", "provider"]),
        Case(module, "ca_path", "missing file", {"ca_path": "/nonexistent/ca.pem"}, ["ca_path"]),
        Case(module, "ca_path", "empty", {"ca_path": ""}, ["ca_path"]),
    ]
    cases += [Case(module, "api_url", label, {"api_url": value}, ["api_url"]) for label, value in BAD_URLS]
    cases += [Case(module, "validate_certs", label, {"validate_certs": value}, ["validate_certs"])
              for label, value in BAD_BOOLS]
    cases += [Case(module, "request_timeout", label, {"request_timeout": value}, ["request_timeout"])
              for label, value in BAD_SECONDS]
    aliases = {"task_wait": ("task_id", "job_ids"), "task_info": ("task_id", "job_ids"), "task_ack": ("task_id",)}
    if module not in aliases:
        return cases  # api_call takes no task IDs
    for label, value in BAD_IDS:
        cases.append(Case(module, "task_ids", label, {"task_ids": value}, ["task_ids"]))
    for alias in aliases[module]:
        cases.append(Case(module, alias, "slash via alias", {"task_ids": REMOVE, alias: ["../" + GOOD_ID]},
                          ["task_ids", alias]))
    return cases


def _wait_cases():
    m = "task_wait"
    cases = [
        Case(m, "response", "not json", {"task_ids": REMOVE, "response": "not json"}, ["response"]),
        Case(m, "response", "a number", {"task_ids": REMOVE, "response": 5}, ["response"]),
        Case(m, "response", "no ids", {"task_ids": REMOVE, "response": {"tasks": []}}, ["response"]),
        Case(m, "response", "crafted id", {"task_ids": REMOVE, "response": {"tasks": ["../acknowledge_all"]}},
             ["response"]),
        Case(m, "response", "with task_ids", {"response": {"tasks": [GOOD_ID]}}, ["task_ids", "response"]),
        Case(m, "task_ids", "neither ids nor response", {"task_ids": REMOVE}, ["task_ids", "response"]),
        Case(m, "fact_name", "not a name", {"fact_name": "1-bad-name"}, ["fact_name"]),
        Case(m, "fact_name", "keyword", {"fact_name": "for"}, ["fact_name"]),
        Case(m, "fact_name", "empty", {"fact_name": ""}, ["fact_name"]),
        Case(m, "fact_name", "10 kB", {"fact_name": HUGE + "-"}, ["fact_name"]),
    ]
    cases += [Case(m, "timeout", label, {"timeout": value}, ["timeout"]) for label, value in BAD_SECONDS]
    cases += [Case(m, "poll_interval", label, {"poll_interval": value}, ["poll_interval"])
              for label, value in BAD_SECONDS]
    cases += [Case(m, "fail_on_error", label, {"fail_on_error": value}, ["fail_on_error"]) for label, value in BAD_BOOLS]
    for option in ("project_id", "region_id"):
        cases += [Case(m, option, label, {option: value}, [option]) for label, value in BAD_INTS]
    return cases


def _info_cases():
    m = "task_info"
    listing = {"task_ids": REMOVE}
    cases = [
        Case(m, "state", "unknown", dict(listing, state=["DONE"]), ["state"]),
        Case(m, "state", "empty list", dict(listing, state=[]), ["state"]),
        Case(m, "state", "with task_ids", {"state": ["ERROR"]}, ["state", "task_ids"]),
        Case(m, "state", "gpcn", dict(listing, state=["ERROR"], provider="gpcn", api_key="{{ gpcn_key }}",
                                      api_url="{{ gpcn_url }}"), ["state"]),
        Case(m, "task_type", "slash", dict(listing, task_type="create_vm/../x"), ["task_type"]),
        Case(m, "task_type", "empty", dict(listing, task_type=""), ["task_type"]),
        Case(m, "task_type", "10 kB", dict(listing, task_type=HUGE), ["task_type"]),
        Case(m, "order_by", "unknown", dict(listing, order_by="up"), ["order_by"]),
        Case(m, "order_by", "empty", dict(listing, order_by=""), ["order_by"]),
        Case(m, "limit", "too big", dict(listing, limit=100001), ["limit"]),
    ]
    cases += [Case(m, "limit", label, dict(listing, limit=value), ["limit"]) for label, value in BAD_INTS]
    cases += [Case(m, "is_acknowledged", label, dict(listing, is_acknowledged=value), ["is_acknowledged"])
              for label, value in BAD_BOOLS]
    for option in ("from_timestamp", "to_timestamp"):
        cases += [Case(m, option, label, dict(listing, **{option: value}), [option]) for label, value in BAD_TIMESTAMPS]
    for option in ("project_id", "region_id"):
        cases += [Case(m, option, label, dict(listing, **{option: [value]}), [option]) for label, value in BAD_INTS]
        cases.append(Case(m, option, "not a list of ints", dict(listing, **{option: {"a": 1}}), [option]))
    return cases


def _ack_cases():
    m = "task_ack"
    cases = [
        Case(m, "all", "with task_ids", {"all": True}, ["all", "task_ids"]),
        Case(m, "all", "neither", {"task_ids": REMOVE}, ["all", "task_ids"]),
        Case(m, "provider", "gpcn", {"provider": "gpcn", "api_key": "{{ gpcn_key }}", "api_url": "{{ gpcn_url }}"},
             ["provider"]),
        Case(m, "project_id", "with task_ids", {"project_id": 1}, ["project_id"]),
        Case(m, "region_id", "with task_ids", {"region_id": 76}, ["region_id"]),
    ]
    cases += [Case(m, "all", label, {"task_ids": REMOVE, "all": value}, ["all"]) for label, value in BAD_BOOLS]
    for option in ("project_id", "region_id"):
        cases += [Case(m, option, label, {"task_ids": REMOVE, "all": True, option: value}, [option])
                  for label, value in BAD_INTS]
    return cases


# API paths that must never reach the API: traversal (plain or encoded), smuggled queries,
# blanks and control characters, sizes and types.
BAD_PATHS = [
    ("missing", REMOVE),
    ("empty", ""),
    ("no leading slash", "cloud/v1/volumes/1/76"),
    ("dot dot", "/cloud/v1/../v1/tasks/acknowledge_all"),
    ("dot", "/cloud/./v1/volumes/1/76"),
    ("encoded dot dot", "/cloud/v1/%2e%2e/tasks/acknowledge_all"),
    ("query", "/cloud/v1/volumes/1/76?name=x"),
    ("fragment", "/cloud/v1/volumes/1/76#x"),
    ("spaces", "/cloud/v1/volumes/1/76/a b"),
    ("newline", "/cloud/v1/volumes/1/76\nX-Injected: 1"),
    ("10 kB", "/" + HUGE),
    ("a list", ["/cloud/v1/volumes/1/76"]),
    ("a dict", {"path": "/cloud"}),
]


def _call_cases():
    m = "api_call"
    cases = [Case(m, "path", label, {"path": value}, ["path"]) for label, value in BAD_PATHS]
    cases += [Case(m, "method", label, {"method": value}, ["method"])
              for label, value in [("unknown", "HEAD"), ("lower case", "post"), ("empty", ""), ("a list", ["GET"])]]
    cases += [Case(m, "status_code", label, {"status_code": value}, ["status_code"])
              for label, value in [("empty list", []), ("below 100", [99]), ("above 599", [600]),
                                   ("not a number", ["ok"]), ("a dict", {"a": 1}), ("10 kB", [HUGE])]]
    cases += [Case(m, "query", label, {"query": value}, ["query"])
              for label, value in [("a list", [1]), ("nested", {"a": {"b": 1}}), ("a number", 5)]]
    cases += [
        Case(m, "body", "a string", {"body": "name=x"}, ["body"]),
        Case(m, "body", "a number", {"body": 5}, ["body"]),
        Case(m, "body", "with GET", {"method": "GET"}, ["body"]),
    ]
    return cases


def module_cases():
    cases = []
    for module in ("task_wait", "task_info", "task_ack", "api_call"):
        cases += _common(module)
    return cases + _wait_cases() + _info_cases() + _ack_cases() + _call_cases()


def task_args(case):
    args = dict(BASE[case.module])
    for option, value in case.changes.items():
        if value is REMOVE:
            args.pop(option, None)
        else:
            args[option] = value
    return args
