# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run one contender against a freshly seeded simulator and measure it."""

import json
import os
import resource
import subprocess
import sys
import time

from benchmarks.contenders.registry import CONTENDERS
from benchmarks.figures import contender_figures
from benchmarks.rss import TreeRssSampler
from benchmarks.simhost import API_KEYS, SeededSimulator
from benchmarks.workloads import intervals_for
from harness.playbook_env import playbook_env

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAYBOOKS = os.path.join(REPO_ROOT, "benchmarks", "playbooks")
# Generous: a contender that hangs must not hang the benchmark forever.
RUN_LIMIT = 1800
WAIT_TIMEOUT = 3600  # the waiters' own timeout (seconds); no workload comes near it
# Loopback only: anything else would go to a dead local port instead of leaving the machine.
DEAD_PROXY = "http://127.0.0.1:9"


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _python_command(contender, spec_path):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (REPO_ROOT, env.get("PYTHONPATH")) if p)
    env.update({"HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY, "NO_PROXY": "127.0.0.1,localhost"})
    return [sys.executable, "-m", "benchmarks.contenders." + contender.target, spec_path], env


def _playbook_command(contender, spec, spec_path, work_dir):
    api_url = spec["base_url"] + ("/v1" if spec["provider"] == "gpcn" else "")
    play_vars = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                 "base_url": spec["base_url"], "api_url": api_url, "provider": spec["provider"],
                 "api_key": spec["api_key"], "ids": spec["ids"], "timeout": spec["timeout"],
                 "result_path": spec_path + ".playbook.json",
                 # uri + until: one delay for the loop, the class of the workload's first type.
                 "delay": spec["intervals"][spec["types"][spec["ids"][0]]],
                 "retries": int(WAIT_TIMEOUT / spec["intervals"][spec["types"][spec["ids"][0]]])}
    if spec.get("interval"):
        play_vars["poll_interval"] = spec["interval"]
    vars_path = spec_path + ".vars.json"
    with open(vars_path, "w") as handle:
        json.dump(play_vars, handle)  # the key goes through a file, never through argv
    env = playbook_env(spec["collections_path"], work_dir)  # scrubbed, loopback-only, as in the tests
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
           "-e", "@" + vars_path, os.path.join(PLAYBOOKS, contender.target)]
    return cmd, env


def _playbook_result(spec_path, launched_at):
    with open(spec_path + ".playbook.json") as handle:
        dumped = json.load(handle)
    returned = dumped["returned_at"]
    states = dumped.get("states") or {}
    # Ansible hands every result to the next step at once: each task is "seen" at return.
    return {"started_at": launched_at, "returned_at": returned, "states": states,
            "observed": dict((task_id, returned) for task_id in states),
            "extra": {"module_api_requests": dumped.get("api_requests")}}


def run_contender(name, workload, profile, time_scale, work_dir, collections_path, interval=None, profile_path=None):
    """Seed a fresh simulator, run the contender, return its figures (dict)."""
    contender = CONTENDERS[name]
    os.makedirs(work_dir, exist_ok=True)
    spec_path = os.path.join(work_dir, "spec.json")
    with SeededSimulator(workload, time_scale) as sim:
        spec = {"provider": workload.provider, "base_url": sim.base_url, "api_key": API_KEYS[workload.provider],
                "ids": sim.ids, "types": sim.types, "intervals": intervals_for(workload, profile),
                "timeout": WAIT_TIMEOUT, "collections_path": collections_path}
        if contender.asyncops and (interval or profile.interval_override):
            spec["interval"] = interval or profile.interval_override
        if profile_path:
            spec["profile"] = profile_path
        with open(spec_path, "w") as handle:
            json.dump(spec, handle)
        if contender.kind == "playbook":
            cmd, env = _playbook_command(contender, spec, spec_path, work_dir)
        else:
            cmd, env = _python_command(contender, spec_path)
        log_path = os.path.join(work_dir, "output.log")
        cpu_before = _children_cpu()
        with open(log_path, "w") as log:
            launched_at = time.time()
            process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work_dir)
            with TreeRssSampler(process.pid) as sampler:
                rc = process.wait(timeout=RUN_LIMIT)
            exited_at = time.time()
        cpu = _children_cpu() - cpu_before
        if rc != 0:
            with open(log_path) as log:
                tail = log.read()[-3000:]
            raise RuntimeError("contender %s failed on %s (rc %s):\n%s" % (name, workload.name, rc, tail))
        if contender.kind == "playbook":
            result = _playbook_result(spec_path, launched_at)
        else:
            with open(spec_path + ".result.json") as handle:
                result = json.load(handle)
        counters = sim.counters()
        figures = contender_figures(sim.ends, result, launched_at, exited_at, counters["total"],
                                    sampler.peak_bytes, cpu)
    figures.update(name=name, label=contender.label, tasks=len(spec["ids"]), routes=counters["routes"],
                   peak_pss_mb=sampler.peak_pss_bytes / 1048576.0,
                   peak_single_rss_mb=sampler.peak_single_bytes / 1048576.0)
    return figures
