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


def wait_on(run_playbook, provider, ids, **options):
    """Run faults/playbooks/wait.yml on these IDs; returns the registered task_wait result."""
    extra = {"wait_provider": provider, "wait_ids": list(ids)}
    extra.update(("wait_" + key, value) for key, value in options.items())
    _rc, _out, _err, out_dir = run_playbook(WAIT_PLAYBOOK, extra_vars=extra)
    return load_result(out_dir, "wait")


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


class CounterSampler(object):
    """Samples the simulator counters in the background: (monotonic time, counters) pairs.

    Used only to measure the *client's* spacing as the server saw it (a lower bound that
    load can only make larger), never the duration of a wait.
    """

    def __init__(self, sim, period=0.05):
        self.sim = sim
        self.period = period
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)

    def _run(self):
        while not self._stop.is_set():
            try:
                self.samples.append((time.monotonic(), self.sim.counters()))
            except Exception:  # a sample lost to load is fine; the next one comes
                pass
            self._stop.wait(self.period)

    def quiet_after_first(self, status):
        """Seconds from the first sample showing a `status` answer to the next sample in
        which the total grew (the retry), or None if no retry was seen."""
        start = None
        total_at_start = None
        for moment, counters in self.samples:
            seen = int(counters["status"].get(str(status), 0))
            if start is None:
                if seen:
                    start, total_at_start = moment, counters["total"]
                continue
            if counters["total"] > total_at_start:
                return moment - start
        return None
