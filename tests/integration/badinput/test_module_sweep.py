# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every option of every module, bad in every applicable way, fails naming the option and
before any request: the simulator counts nothing during the whole sweep."""

from ..playbook_runner import load_result
from ..simctl import ALL_KEYS
from .cases import module_cases, task_args
from .sweep_playbook import option_named, write_playbook


def test_every_bad_module_option_fails_by_name_before_any_request(sim, run_playbook, tmp_path):
    cases = module_cases()
    tasks = [("case%d" % n, {"name": "%s %s: %s" % (case.module, case.option, case.label),
                             "asyncops.cloud.%s" % case.module: task_args(case)})
             for n, case in enumerate(cases)]
    playbook = write_playbook(str(tmp_path / "module_sweep.yml"), tasks)
    before = sim.counters()["total"]
    _rc, _out, _err, out_dir = run_playbook(playbook, expect_rc=0)
    counters = sim.counters()
    results = load_result(out_dir, "results")

    problems = []
    for n, case in enumerate(cases):
        result = results["case%d" % n]
        where = "%s %s (%s)" % (case.module, case.option, case.label)
        if result.get("failed") is not True:
            problems.append("%s: did not fail: %.200r" % (where, result))
        elif not option_named(result, case.names):
            problems.append("%s: msg does not name %s: %.300r" % (where, case.names, result.get("msg")))
        elif (result.get("error") or {}).get("status") or result.get("api_requests"):
            problems.append("%s: reached the API: %.200r" % (where, result))
        if any(key in str(result.get("msg", "")) for key in ALL_KEYS):
            problems.append("%s: msg shows a key" % where)
        if len(str(result.get("msg", ""))) > 2000:
            problems.append("%s: msg is %d characters long" % (where, len(result["msg"])))
    assert problems == [], "\n".join(problems)
    # Every option of every module was tried at least once.
    tried = set((case.module, case.option) for case in cases)
    assert len(cases) >= 150 and len(tried) >= 40
    # Nothing reached the simulator: not one request for the whole sweep.
    assert counters["total"] == before, counters["routes"]
