# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turn one contender run into its figures: requests, wall time, detection lag, memory."""

import statistics

DONE_WORDS = ("FINISHED", "completed")


def lag_figures(ends, observed):
    """Per task: when the waiter first saw it terminal minus when it really ended."""
    lags = [observed[task_id] - end for task_id, end in ends.items() if task_id in observed]
    if not lags:
        return None, None
    return statistics.median(lags), max(lags)


def contender_figures(ends, result, launched_at, exited_at, requests, peak_rss_bytes, cpu_seconds):
    ids = list(ends)
    states = result.get("states") or {}
    lag_median, lag_max = lag_figures(ends, result.get("observed") or {})
    returned_at = result["returned_at"]
    return {
        "requests": requests,
        # From the launch of the waiter (the tasks were created just before) to its return.
        "wall_s": returned_at - launched_at,
        "process_wall_s": exited_at - launched_at,
        "lag_median_s": lag_median,
        "lag_max_s": lag_max,
        # From the last task's end to the moment the waiter gave control back.
        "return_lag_s": returned_at - max(ends.values()),
        "peak_rss_mb": peak_rss_bytes / 1048576.0,
        "cpu_s": cpu_seconds,
        "complete": len(ids) > 0 and all(states.get(task_id) in DONE_WORDS for task_id in ids),
        "extra": result.get("extra") or {},
    }
