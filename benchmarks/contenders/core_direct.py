# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""asyncops.cloud's polling core called directly: build_adapter() + wait_for_tasks().

Intervals are the engine's own per-type defaults unless the spec fixes one. With
``"profile": "<path>"`` in the spec the wait runs under pyinstrument and the profile is
written there as text (the 10,000-ID profiling run). With ``"per_id_only": true`` the Gcore
adapter never sweeps the list (the per-ID reference of the busy-project workload).
"""

import sys

from benchmarks.contenders._io import now, read_spec, write_result

TERMINAL = ("finished", "failed")


def load_core(collections_path):
    # The collection is importable only through an ansible_collections tree on sys.path.
    sys.path.insert(0, collections_path)
    from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
    from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import build_adapter
    return build_adapter, wait_for_tasks


def main():
    spec_path, spec = read_spec()
    build_adapter, wait_for_tasks = load_core(spec["collections_path"])
    api_url = spec["base_url"] + ("/v1" if spec["provider"] == "gpcn" else "")
    adapter = build_adapter({"provider": spec["provider"], "api_key": spec["api_key"], "api_url": api_url})
    if spec.get("per_id_only"):
        adapter.sweep_min_ids = len(spec["ids"]) + 1
    observed = {}

    def on_progress(snapshot):
        seen_at = now()
        for record in snapshot["tasks"]:
            if record["status"] in TERMINAL and record["id"] not in observed:
                observed[record["id"]] = seen_at

    profiler = None
    if spec.get("profile"):
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.001)
        profiler.start()
    started = now()
    wait = wait_for_tasks(adapter, spec["ids"], timeout=spec["timeout"], poll_interval=spec.get("interval"),
                          on_progress=on_progress)
    returned = now()
    if profiler is not None:
        profiler.stop()
        with open(spec["profile"], "w") as handle:
            handle.write(profiler.output_text(unicode=False, color=False, show_all=False))
    states = dict((record["id"], record["state"]) for record in wait.tasks)
    write_result(spec_path, started, returned, observed, states,
                 extra={"engine_api_requests": wait.api_requests, "polls": wait.polls,
                        "engine_elapsed": wait.elapsed, "pending": len(wait.pending),
                        "bytes_received": adapter.bytes_received})


if __name__ == "__main__":
    main()
