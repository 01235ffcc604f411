# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The run's picture: API requests against return lag, one panel per workload.

Lower left is better on both axes (fewer requests, sooner back). Each panel shades the box its
targets allow (requests up to the ratio of the cheapest other contender, lag up to the limit of
the fastest other one), so a glance says which contender is inside it. Both axes are
logarithmic: requests span 3 to thousands, lags a tenth of a second to a minute.
"""

import math

import matplotlib

matplotlib.use("Agg")  # files only: never a window, also on a machine without a display

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402

from benchmarks.targets import ASYNCOPS, DEFAULT_TARGET, WORKLOAD_TARGETS  # noqa: E402

# One look per contender in every panel; asyncops.cloud in strong colours and larger.
STYLES = {
    "sdk_loop": {"marker": "o", "color": "#7f7f7f"},
    "sdk_gather": {"marker": "s", "color": "#1f77b4"},
    "uri_until": {"marker": "v", "color": "#8c564b"},
    "gpcn_loop": {"marker": "^", "color": "#9467bd"},
    "gpcn_parallel": {"marker": "P", "color": "#17becf"},
    "asyncops_core": {"marker": "*", "color": "#d62728"},
    "asyncops_task_wait": {"marker": "D", "color": "#ff7f0e"},
}
OTHER_MARKERS = "hpX<>8"
LAG_FLOOR_S = 0.05  # a log axis cannot show 0: lags below this are drawn at it
PANEL_COLUMNS = 2


def _style(name, unknown):
    if name in STYLES:
        style = dict(STYLES[name])
    else:
        index = unknown.setdefault(name, len(unknown))
        style = {"marker": OTHER_MARKERS[index % len(OTHER_MARKERS)], "color": "C%d" % (index % 10)}
    if name in ASYNCOPS:
        # The core's star on top: both asyncops points often coincide.
        style.update(s=220 if style["marker"] == "*" else 120, edgecolors="black", linewidths=1.2,
                     zorder=5 if style["marker"] == "*" else 4)
    else:
        style.update(s=60, alpha=0.85, edgecolors="none", zorder=3)
    return style


def _plain(value, _position):
    return "%g" % value


def _two_or_five(value, _position):
    leading = "%.0e" % value
    return "%g" % value if leading[0] in "25" else ""


def _target_box(axes, workload, rows):
    """Shade what the workload's targets allow, judged against the other contenders."""
    others = [r for r in rows if r["name"] not in ASYNCOPS]
    target = WORKLOAD_TARGETS.get(workload["name"], DEFAULT_TARGET)
    if not others:
        return
    fastest = min(r["return_lag_s"] for r in others)
    lag_limit = max(target.lag_factor * fastest + target.lag_slack_s, LAG_FLOOR_S)
    if target.request_ratio is None:
        request_limit = None
        axes.axhspan(LAG_FLOOR_S / 10, lag_limit, color="#2ca02c", alpha=0.12, zorder=1)
    else:
        request_limit = target.request_ratio * min(r["requests"] for r in others)
        axes.fill_between([0.1, request_limit], LAG_FLOOR_S / 10, lag_limit, color="#2ca02c", alpha=0.15, zorder=1)
    return request_limit, lag_limit


def _panel(axes, workload, unknown):
    rows = workload["contenders"]
    request_limit, lag_limit = _target_box(axes, workload, rows) or (None, None)
    for row in rows:
        lag = max(row["return_lag_s"], LAG_FLOOR_S)
        axes.scatter([max(row["requests"], 1)], [lag], label=row["label"], **_style(row["name"], unknown))
    # The asyncops points, labelled with their figures: the higher one's label above, the other's below.
    ours = sorted((r for r in rows if r["name"] in ASYNCOPS), key=lambda r: -r["return_lag_s"])
    for index, row in enumerate(ours):
        axes.annotate("%s: %d req, %.1f s" % (row["name"].replace("asyncops_", ""), row["requests"],
                                              row["return_lag_s"]),
                      (max(row["requests"], 1), max(row["return_lag_s"], LAG_FLOOR_S)), textcoords="offset points",
                      xytext=(10, 7 if index == 0 else -13), fontsize=7.5)
    requests = [max(r["requests"], 1) for r in rows] + ([request_limit] if request_limit else [])
    lags = [max(r["return_lag_s"], LAG_FLOOR_S) for r in rows] + ([lag_limit] if lag_limit else [])
    axes.set_xscale("log")
    axes.set_yscale("log")
    # Room around the points (a factor of 2.5 below, 4 above for the labels on the right).
    axes.set_xlim(min(requests) / 2.5, max(requests) * 4)
    axes.set_ylim(min(lags) / 2.5, max(lags) * 2.5)
    for axis, (low, high) in ((axes.xaxis, axes.get_xlim()), (axes.yaxis, axes.get_ylim())):
        # Plain numbers ("0.5", "20"), not powers of ten; when the axis spans less than two
        # decades the 2s and 5s between them are labelled too (more would crowd).
        axis.set_major_formatter(FuncFormatter(_plain))
        axis.set_minor_formatter(FuncFormatter(_two_or_five) if high / low < 100 else NullFormatter())
    axes.tick_params(which="both", labelsize=7)
    if lag_limit:
        axes.annotate("target", (request_limit or min(requests), lag_limit), textcoords="offset points",
                      xytext=(-4, -10), ha="right", fontsize=7, color="#2ca02c")
    axes.set_title("%s\n(`%s`, time scale %g)" % (workload["title"], workload["name"], workload["time_scale"]),
                   fontsize=9)
    axes.set_xlabel("API requests (log)", fontsize=8)
    axes.set_ylabel("return lag, s (log)", fontsize=8)
    axes.grid(True, which="major", alpha=0.3)


def render(results):
    """The figure (not yet saved) for one run's results dict, as written to latest.json."""
    workloads = [w for w in results.get("workloads") or [] if w.get("contenders")]
    columns = min(PANEL_COLUMNS, max(len(workloads), 1))
    rows = max(int(math.ceil(len(workloads) / float(columns))), 1)
    figure = Figure(figsize=(5.4 * columns, 4.2 * rows + 1.3), layout="constrained")
    FigureCanvasAgg(figure)
    axes_grid = figure.subplots(rows, columns, squeeze=False)
    unknown = {}
    handles = {}
    for index, workload in enumerate(workloads):
        axes = axes_grid[index // columns][index % columns]
        _panel(axes, workload, unknown)
        for handle, label in zip(*axes.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    for index in range(len(workloads), rows * columns):
        axes_grid[index // columns][index % columns].set_visible(False)
    if not workloads:
        axes_grid[0][0].set_visible(True)
        axes_grid[0][0].text(0.5, 0.5, "no workload in this run", ha="center", va="center")
        axes_grid[0][0].set_axis_off()
    figure.suptitle("Requests against return lag (lower left is better; green: the targets; run `%s`, %s)"
                    % (results.get("profile", "?"), results.get("started", "?")), fontsize=10)
    if handles:
        figure.legend(list(handles.values()), list(handles.keys()), loc="outside lower center",
                      ncol=2, fontsize=8, frameon=False)
    return figure


def plot_frontier(results, path):
    """Render and write the PNG; returns the figure (its legend and panels can be read back)."""
    figure = render(results)
    figure.savefig(path, format="png", dpi=110)
    return figure
