"""Candidate fix for GcoreAdapter._sweep's page budget, as measured before issue 6 shipped it.

The shipped sweep (plugins/module_utils/_gcore.py) now follows the same rule, so --sweep-fix
changes nothing any more; kept to reproduce the measurement.

The sweep then read at most ceil(wanted / 1000) + 1 pages. But the list window also holds
the tasks this wait already saw end (they stay in the list), so once part of a big wait has
finished, the pending tasks sit beyond the budget and each one costs its own GET (profile:
1,355 GETs for 10,000 IDs). This variant keeps paging while reading the rest of the window
costs fewer requests than GETting the wanted tasks not seen yet.
"""

from ansible_collections.asyncops.cloud.plugins.module_utils import _gcore


def _pages_left(count, offset):
    return -(-(count - offset) // _gcore.PAGE_LIMIT) if count is not None else 1


def sweep_with_window_budget(adapter, ids, hints):
    wanted = set(ids)
    params, lower_bound = adapter._sweep_filters(ids, hints)
    seen = {}
    offset = 0
    while True:
        params["offset"] = offset
        count, results = adapter.list_page(params)
        oldest = None
        for task in results:
            if not isinstance(task, dict):
                continue
            task_id = task.get("id")
            if task_id in wanted and task_id not in seen:
                seen[task_id] = adapter._remember(_gcore.gcore_record(task))
            oldest = task.get("created_on", oldest)
        offset += len(results)
        missing = len(wanted) - len(seen)
        if not missing or len(results) < _gcore.PAGE_LIMIT:
            break
        # A page is worth reading only while it is cheaper than one GET per missing task.
        if _pages_left(count, offset) > missing:
            break
        if params["order_by"] == "desc" and lower_bound is not None:
            oldest_at = _gcore.parse_timestamp(oldest)
            if oldest_at is not None and oldest_at < lower_bound:
                break
    return seen


def install(adapter):
    """Replace this adapter's sweep with the candidate (one instance only)."""
    adapter._sweep = lambda ids, hints: sweep_with_window_budget(adapter, ids, hints)
