# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Small tools the fault tests share: run one wait, act on the simulator mid-wait, read buckets."""

import os
import threading
import time

from ..playbook_runner import load_result

HERE = os.path.dirname(os.path.abspath(__file__))
WAIT_PLAYBOOK = os.path.join(HERE, "playbooks", "wait.yml")
CALL_PLAYBOOK = os.path.join(HERE, "playbooks", "call.yml")


def wait_on(run_playbook, provider, ids, **options):
    """Run faults/playbooks/wait.yml on these IDs; returns the registered task_wait result."""
    return timed_wait_on(run_playbook, provider, ids, **options).result


class Run(object):
    """One playbook run: the registered result, its stdout, and how long the run took.

    `seconds` includes ansible-playbook's own start-up, so tests use it only as an upper
    bound that a fault makes meaningful (the run ended before the server let go of it),
    never as a measure of speed.
    """

    def __init__(self, result, stdout, seconds):
        self.result = result
        self.stdout = stdout
        self.seconds = seconds


def timed_wait_on(run_playbook, provider, ids, verbosity=0, env=None, **options):
    extra = {"wait_provider": provider, "wait_ids": list(ids)}
    extra.update(("wait_" + key, value) for key, value in options.items())
    started = time.monotonic()
    _rc, out, _err, out_dir = run_playbook(WAIT_PLAYBOOK, extra_vars=extra, verbosity=verbosity, env=env)
    return Run(load_result(out_dir, "wait"), out, time.monotonic() - started)


def call(run_playbook, module, verbosity=0, env=None, check=False, **options):
    """Run faults/playbooks/call.yml: one task_info, task_ack or api_call with these options."""
    extra = {"call_module": module}
    extra.update(("call_" + key, value) for key, value in options.items())
    started = time.monotonic()
    _rc, out, _err, out_dir = run_playbook(CALL_PLAYBOOK, extra_vars=extra, verbosity=verbosity, env=env,
                                           check=check)
    return Run(load_result(out_dir, "call"), out, time.monotonic() - started)


def verdict(result):
    return "failed" if result.get("failed") else "success"


def buckets(result):
    """A short text of where each task ended: for the matrix report's observed column."""
    lost = sum(1 for task in result.get("failed_tasks", []) if "not" in (task.get("error") or "").lower()
               and (task.get("state") in (None, "NEW", "RUNNING", "pending", "in_progress")))
    return "%s: %d finished, %d failed (%d lost), %d pending" % (
        verdict(result), len(result.get("finished_tasks", [])), len(result.get("failed_tasks", [])),
        lost, len(result.get("pending", [])))


def failed_ids(result):
    return [task["id"] for task in result["failed_tasks"]]


class MidWait(object):
    """Run `action()` in the background once `condition(counters)` holds (the wait is underway).

    The tests use it to change the world while ansible-playbook blocks: vanish a task, finish
    a stuck one, or restart the simulator. `join()` re-raises nothing but reports whether
    the action ran, so a test can assert that its premise really happened.
    """

    def __init__(self, sim, condition, action, poll=0.05, limit=60.0):
        self.sim = sim
        self.condition = condition
        self.action = action
        self.poll = poll
        self.limit = limit
        self.ran = False
        self.error = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        give_up = time.monotonic() + self.limit
        try:
            while time.monotonic() < give_up:
                if self.condition(self.sim.counters()):
                    self.action()
                    self.ran = True
                    return
                time.sleep(self.poll)
        except Exception as exc:  # reported by join(); a thread cannot fail the test itself
            self.error = exc

    def join(self):
        self._thread.join(self.limit + 5)
        assert self.error is None, "mid-wait action failed: %r" % (self.error,)
        return self.ran


def arrivals(sim, status):
    """When each API request answered with ``status`` arrived, in seconds on the simulator's
    own clock (so the spacing is the client's as the server saw it, whatever the load on the
    test runner)."""
    return [answer["received"] for answer in sim.answers() if answer["status"] == str(status)]


def quiet_after_first(sim, status):
    """Seconds from the arrival of the first request answered with ``status`` to the arrival
    of the next request (the retry), or None when no request followed it."""
    timeline = sim.answers()
    for index, answer in enumerate(timeline):
        if answer["status"] == str(status):
            later = timeline[index + 1:]
            return later[0]["received"] - answer["received"] if later else None
    return None
