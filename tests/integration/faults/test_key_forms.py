# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every spelling of the key is masked everywhere: bare, with its scheme, URL-encoded, JSON-escaped.

The simulator runs with a Gcore tenant whose key holds the characters real keys hold and that
each encoding changes (`$`, `+`, `/`, `"`, `&`, `=`). The key is given as `APIKey <key>` (how
Gcore's docs print it); an error body echoes it in every form; a query carrying it meets a
connection reset. No form may appear in anything the run printed or wrote, at default verbosity,
at -vvv, or under --check --diff.
"""

import json
import os

import pytest

from urllib.parse import quote, quote_plus

from ..playbook_runner import PlaybookRunner
from .helpers import call
from .standalone_sim import StandaloneSim, free_port

KEY = 'sim$gcore+key/"x&y=z'
FORMS = {
    "bare": KEY,
    "with scheme": "APIKey " + KEY,
    "url-encoded": quote(KEY, safe=""),
    "form-encoded": quote_plus(KEY),
    "json-escaped": json.dumps(KEY)[1:-1],
}
VOLUMES = "GET /cloud/v1/volumes/{project_id}/{region_id}"


@pytest.fixture
def keyed_sim(tmp_path):
    server = StandaloneSim(free_port(), str(tmp_path / "sim.log"),
                           extra_args=["--tenant", "gcore:%s:k:1:76" % KEY]).start()
    try:
        yield server
    finally:
        server.stop()


def _found(run_dir, stdout):
    places = {"stdout": stdout}
    for root, _dirs, files in os.walk(run_dir):
        for name in files:
            if name.endswith(".json") and "vars" in name:
                continue  # the harness's own vars file holds the key on purpose
            with open(os.path.join(root, name), errors="replace") as handle:
                places[os.path.relpath(os.path.join(root, name), run_dir)] = handle.read()
    return sorted("%s in %s" % (form, where) for where, text in places.items()
                  for form, value in FORMS.items() if value in text)


@pytest.mark.parametrize("verbosity, check", [(0, False), (3, False), (0, True)],
                         ids=["default", "-vvv", "check-diff"])
def test_no_form_of_the_key_anywhere(keyed_sim, collections_path, tmp_path, matrix, verbosity, check):
    control = keyed_sim.control()
    echo = {"message": "token %s refused" % FORMS["with scheme"],
            "detail": {form: value for form, value in FORMS.items()}}
    control.fault(faults=[{"kind": "status", "status": 400, "body": echo, "match": VOLUMES},
                          {"kind": "reset", "match": "GET /cloud/v1/networks/{project_id}/{region_id}", "count": 10}])
    runner = PlaybookRunner(control, collections_path, str(tmp_path))
    env = {"ANSIBLE_DIFF_ALWAYS": "1"} if check else None
    echoed = call(runner, "api_call", api_key=FORMS["with scheme"], path="/cloud/v1/volumes/1/76",
                  verbosity=verbosity, check=check, env=env)
    queried = call(runner, "api_call", api_key=FORMS["with scheme"], path="/cloud/v1/networks/1/76",
                   query={"token": KEY}, request_timeout=2, timeout=5, verbosity=verbosity, check=check, env=env)
    leaks = _found(str(tmp_path), echoed.stdout + queried.stdout)
    matrix.record("key 'APIKey <key with $+/\"&=>' echoed by the API in every form, and in a query "
                  "meeting a reset (%s)" % ("-v" * verbosity if verbosity else ("--check --diff" if check else "default")),
                  "both calls fail, no form of the key anywhere", "leaks: %s" % (leaks or "none"),
                  ok=not leaks and echoed.result.get("failed") is True and queried.result.get("failed") is True)
    assert echoed.result["failed"] is True and queried.result["failed"] is True
    # The API's echo is still shown, masked: the user sees what the API said.
    assert "refused" in echoed.result["msg"]
    assert not leaks, leaks
