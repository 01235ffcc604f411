"""Peak resident memory of a process tree, sampled with psutil while it runs.

ansible-playbook forks workers, so the peak is taken over the SUM of the tree (what the
machine really had to hold at that moment), not over its largest single process.
"""

import threading

import psutil

SAMPLE_EVERY = 0.05  # seconds


class TreeRssSampler(object):
    def __init__(self, pid):
        self.pid = pid
        self.peak_bytes = 0
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
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass  # it ended between listing and reading
        self.peak_bytes = max(self.peak_bytes, total)

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(SAMPLE_EVERY)
