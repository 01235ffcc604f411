# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The requests-against-lag picture, rendered from a small synthetic run (read back from the figure)."""

from benchmarks.frontier import plot_frontier

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _row(name, label, requests, return_lag_s):
    return {"name": name, "label": label, "requests": requests, "return_lag_s": return_lag_s}


RESULTS = {
    "profile": "synthetic", "started": "2026-01-01 00:00:00",
    "workloads": [
        {"name": "gcore_vms", "title": "4 Gcore create_vm tasks", "provider": "gcore", "time_scale": 0.25,
         "contenders": [_row("sdk_loop", "SDK loop", 40, 9.5), _row("sdk_gather", "SDK gathered", 120, 2.0),
                        _row("asyncops_core", "asyncops core", 3, 0.8),
                        _row("asyncops_task_wait", "asyncops task_wait", 3, 1.1)]},
        {"name": "gpcn_vms", "title": "4 GPCN VM jobs", "provider": "gpcn", "time_scale": 0.05,
         "contenders": [_row("gpcn_loop", "GPCN loop", 50, 20.0), _row("gpcn_parallel", "GPCN parallel", 150, 2.1),
                        # A lag of 0 cannot sit on a log axis: it is drawn at the floor, not dropped.
                        _row("asyncops_core", "asyncops core", 5, 0.0),
                        _row("busy_waiter", "a contender without a fixed style", 7, 3.0)]},
    ],
}


def test_the_plot_is_a_png_with_every_contender_in_the_legend_and_one_panel_per_workload(tmp_path):
    path = tmp_path / "frontier.png"
    figure = plot_frontier(RESULTS, str(path))

    assert path.read_bytes()[:8] == PNG_SIGNATURE
    legend_labels = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert sorted(legend_labels) == sorted(["SDK loop", "SDK gathered", "asyncops core", "asyncops task_wait",
                                            "GPCN loop", "GPCN parallel", "a contender without a fixed style"])
    panels = [axes for axes in figure.axes if axes.get_visible()]
    assert ["gcore_vms" in axes.get_title() for axes in panels] == [True, False]
    assert "gpcn_vms" in panels[1].get_title()
    for axes in panels:
        assert axes.get_xscale() == "log" and axes.get_yscale() == "log"
    # Each panel holds one point per contender of its workload, the zero lag included.
    assert [len(axes.collections) - 1 for axes in panels] == [4, 4]  # minus the shaded target box


def test_the_asyncops_points_carry_their_figures_and_stand_out(tmp_path):
    figure = plot_frontier(RESULTS, str(tmp_path / "frontier.png"))
    gcore = figure.axes[0]
    assert sorted(text.get_text() for text in gcore.texts if "req" in text.get_text()) == [
        "core: 3 req, 0.8 s", "task_wait: 3 req, 1.1 s"]
    sizes = dict((collection.get_label(), collection.get_sizes()[0]) for collection in gcore.collections
                 if collection.get_label() and not collection.get_label().startswith("_"))
    assert min(sizes["asyncops core"], sizes["asyncops task_wait"]) > max(sizes["SDK loop"], sizes["SDK gathered"])


def test_a_run_without_workloads_still_writes_a_picture(tmp_path):
    path = tmp_path / "frontier.png"
    plot_frontier({"profile": "synthetic", "started": "-", "workloads": []}, str(path))
    assert path.read_bytes()[:8] == PNG_SIGNATURE
