# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak resident memory of a process tree, sampled with psutil while it runs.

ansible-playbook forks workers, so the peak is taken over the SUM of the tree's RSS (the
figure the targets use). A forked worker shares its parent's pages, which that sum counts
twice, so the tree's PSS (shared pages split between their users: what the machine really
held) and the largest single process's RSS are kept too.
"""

import threading

import psutil

SAMPLE_EVERY = 0.05  # seconds


class TreeRssSampler(object):
    def __init__(self, pid):
        self.pid = pid
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self.peak_single_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)

    def _sample(self):
        try:
            root = psutil.Process(self.pid)
            processes = [root] + root.children(recursive=True)
        except psutil.Error:
            return
        total = pss = single = 0
        for process in processes:
            try:
                info = process.memory_full_info()
            except psutil.Error:
                continue  # it ended between listing and reading
            total += info.rss
            pss += getattr(info, "pss", info.rss)
            single = max(single, info.rss)
        self.peak_bytes = max(self.peak_bytes, total)
        self.peak_pss_bytes = max(self.peak_pss_bytes, pss)
        self.peak_single_bytes = max(self.peak_single_bytes, single)

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(SAMPLE_EVERY)
