# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GcoreAdapter: Gcore Cloud tasks (/cloud/v1/tasks) normalised into task records.

Polling many tasks one GET each is what makes naive waiters expensive, and the API has no
filter by task ID. So a round for more than a couple of IDs *sweeps* the list endpoint
(narrowed by project, region and creation time learned from earlier answers) and only GETs
the IDs that the sweep did not show. How big its pages are, and whether a round sweeps at all
(in a busy project the list is mostly other tasks), is the SweepPlanner's call (_paging.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.asyncops.cloud.plugins.plugin_utils._adapter import Adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import (
    AuthenticationError,
    InconsistentAnswerError,
    MalformedResponseError,
    NotFoundError,
    RequestValidationError,
    ServerError,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import quote_segment
from ansible_collections.asyncops.cloud.plugins.plugin_utils._paging import PAGE_LIMIT, SweepPlanner
from ansible_collections.asyncops.cloud.plugins.plugin_utils._records import (
    FAILED,
    FINISHED,
    PENDING,
    RUNNING,
    PollResult,
    as_int,
    canonical_id,
    new_record,
    parse_timestamp,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._verdicts import (
    RecordError,
    contradiction,
    object_of_lists,
    status_of,
)

TASKS_PATH = "/cloud/v1/tasks"
SWEEP_MIN_IDS = 3               # with fewer pending IDs, per-ID GETs cost the same
CREATION_SKEW = datetime.timedelta(seconds=60)  # clock skew between task creation and us
GCORE_STATUS = {"NEW": PENDING, "RUNNING": RUNNING, "FINISHED": FINISHED, "ERROR": FAILED}
# Why a sweep's list request may be refused while single reads still work (the adapter then reads
# tasks one by one): a key without list permission (403), a gateway without the route (404/422),
# a list that keeps failing (5xx after the retries). A 401 means the key itself is wrong.
LIST_REFUSALS = (AuthenticationError, NotFoundError, RequestValidationError, ServerError)

# Poll intervals from Gcore's guidance, by kind of operation (seconds).
_INTERVALS = {"k8s": 30.0, "baremetal": 30.0, "loadbalancer": 10.0}
DEFAULT_INTERVAL = 5.0
# Typical durations (seconds) by task type, from Gcore's polling guidance table: where ends are
# expected (_likely_ends). A type not listed has no window and keeps the plain rhythm.
_TYPICAL_DURATIONS = {"create_vm": (15.0, 30.0), "create_volume": (5.0, 15.0), "create_network": (5.0, 10.0),
                      "create_subnet": (5.0, 10.0), "create_loadbalancer": (30.0, 90.0),
                      "delete_vm": (15.0, 70.0), "delete_bm": (60.0, 120.0)}
_K8S_CREATE_DURATION = (300.0, 900.0)
# Timeouts generous enough for the slowest normal run of each kind (seconds).
_TIMEOUTS = {"vm": 900.0, "volume": 600.0, "network": 600.0, "loadbalancer": 1800.0,
             "k8s": 3600.0, "baremetal": 1800.0}
DEFAULT_TIMEOUT = 1800.0


def task_kind(task_type):
    """Coarse kind of a Gcore task_type, used to pick interval and timeout defaults."""
    name = (task_type or "").lower()
    if not name:
        return None
    if "k8s" in name or "kubernetes" in name:
        return "k8s"
    if name.endswith("_bm") or "_bm_" in name or "baremetal" in name:
        return "baremetal"
    if "loadbalancer" in name or "_lb" in name:
        return "loadbalancer"
    if name.endswith("_vm") or "_vm_" in name or "instance" in name:
        return "vm"
    if "volume" in name or "snapshot" in name:
        return "volume"
    if "network" in name or "subnet" in name or "router" in name:
        return "network"
    return None


def compact_created_resources(created):
    """Only the resource types that hold something: Gcore lists ~33 types per task, nearly all [].

    Ten thousand records each carrying 33 empty lists made task_wait's result (and the memory
    Ansible spends on it) several times larger than its content; the full dict stays in raw.
    """
    if not isinstance(created, dict):
        return None
    return dict((kind, ids) for kind, ids in created.items() if ids not in (None, [], {}, ""))


def gcore_record(task):
    """Normalise one Gcore TaskSerializer dict; RecordError when a verdict field has the wrong type."""
    state = task.get("state")
    status = status_of(state, GCORE_STATUS, fold=str.upper) or PENDING
    created = object_of_lists(task.get("created_resources"), "created_resources", "task %s" % task.get("id"))
    return new_record(
        str(task.get("id")), "gcore",
        type=task.get("task_type"),
        state=state,
        status=status,
        progress=100 if status == FINISHED else None,
        created_resources=compact_created_resources(created),
        error=task.get("error") or (("task ended in state %s" % state) if status == FAILED else None),
        detailed_state=task.get("detailed_state"),
        request_id=task.get("request_id"),
        project_id=as_int(task.get("project_id")),
        region_id=as_int(task.get("region_id")),
        created_at=task.get("created_on"),
        updated_at=task.get("updated_on"),
        finished_at=task.get("finished_on"),
        acknowledged=(task.get("acknowledged_at") is not None) if "acknowledged_at" in task else None,
        raw=task,
    )


def format_timestamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


class GcoreAdapter(Adapter):
    provider = "gcore"

    def __init__(self, client, sweep_min_ids=SWEEP_MIN_IDS, planner=None):
        super(GcoreAdapter, self).__init__(client)
        self.sweep_min_ids = sweep_min_ids
        # Page sizes of the sweeps, and the rounds that GET tasks one by one instead.
        self.planner = planner or SweepPlanner()
        # Per task (canonical ID): (created datetime, project_id, region_id) learned from answers;
        # lets later sweeps be narrowed without fetching every task first.
        self._locators = {}
        # Why the list endpoint was refused (see LIST_REFUSALS), or None. Once refused, this
        # adapter (one module call) reads tasks one by one: asking again would only fail again.
        self.list_refused = None

    @staticmethod
    def task_ids_of(response):
        """Task IDs of a Gcore write response ``{"tasks": [...]}``."""
        tasks = response.get("tasks") if isinstance(response, dict) else None
        if not isinstance(tasks, list) or not tasks or not all(isinstance(t, str) and t for t in tasks):
            raise ValueError('a Gcore write response must look like {"tasks": ["<task id>", ...]}')
        return list(dict.fromkeys(tasks))

    # -- single calls -----------------------------------------------------------------------

    def _task_path(self, task_id, suffix=""):
        return "%s/%s%s" % (TASKS_PATH, quote_segment(task_id), suffix)

    def _record(self, body, method, path, asked):
        """The record of the task ``asked`` for, from an answer that must be about that task."""
        if not isinstance(body, dict) or not body.get("id"):
            raise MalformedResponseError(method, path, 200, "expected a task object with an id")
        if canonical_id(body["id"]) != canonical_id(asked):
            raise InconsistentAnswerError(method, path, 200, "asked for task %s, the answer is about task %s"
                                          % (asked, body["id"]))
        record = _normalised(body, method, path)
        record["id"] = asked  # the caller's spelling of the ID
        self._remember(record)
        return record

    def get_task(self, task_id):
        path = self._task_path(canonical_id(task_id))
        return self._record(self._client.get(path), "GET", path, task_id)

    def acknowledge(self, task_id):
        path = self._task_path(canonical_id(task_id), "/acknowledge")
        # Acknowledging twice has the same effect as once, so it may be retried like a read.
        return self._record(self._client.post(path, idempotent=True), "POST", path, task_id)

    def acknowledge_all(self, project_id=None, region_id=None):
        params = {"project_id": project_id, "region_id": region_id}
        self._client.post(TASKS_PATH + "/acknowledge_all", params=params, idempotent=True)

    # -- listing ----------------------------------------------------------------------------

    def list_page(self, params):
        """One page: (count, [task dicts]). params are already API parameters."""
        body = self._client.get(TASKS_PATH, params=params)
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list):
            raise MalformedResponseError("GET", TASKS_PATH, 200, 'expected {"count": N, "results": [...]}')
        count = body.get("count")
        return (count if isinstance(count, int) else None), results

    def list_tasks(self, limit=None, page_size=PAGE_LIMIT, **filters):
        """Records of the tasks matching every given filter, following pages.

        ``limit`` caps how many records are returned in total (None: all of them); pages are
        at most 1000 tasks (the API's maximum). Filters are the API's list parameters
        (state, project_id, region_id, task_type, is_acknowledged, from_timestamp, to_timestamp,
        order_by, offset), already validated; list values are sent repeated.
        """
        params = dict((k, v) for k, v in filters.items() if v is not None)
        offset = int(params.pop("offset", 0) or 0)
        records = []
        while limit is None or len(records) < limit:
            size = page_size if limit is None else min(page_size, limit - len(records))
            params.update(limit=size, offset=offset)
            count, results = self.list_page(params)
            for task in results:
                if isinstance(task, dict) and task.get("id"):
                    records.append(self._remember(_normalised(task, "GET", TASKS_PATH)))
            offset += len(results)
            if len(results) < size or (count is not None and offset >= count):
                break
        return records if limit is None else records[:limit]

    # -- polling ----------------------------------------------------------------------------

    def _remember(self, record):
        self._locators[canonical_id(record["id"])] = (
            parse_timestamp(record.get("created_at")), record.get("project_id"), record.get("region_id"))
        return record

    def poll(self, ids, hints=None):
        """One round: a record for every ID the API shows, a per-ID error for 404s.

        IDs are compared in canonical (lower) case; records carry the caller's spelling.
        """
        spelled = {}
        for task_id in ids:
            spelled.setdefault(canonical_id(task_id), str(task_id))
        result = PollResult()
        seen = {}
        if len(spelled) >= self.sweep_min_ids and self.list_refused is None:
            seen = self._sweep_or_refusal(list(spelled), hints or {})
        for canonical, record in seen.items():
            record["id"] = spelled[canonical]
            result.records[spelled[canonical]] = record
        unseen = [task_id for canonical, task_id in spelled.items() if canonical not in seen]
        for task_id in unseen:
            before = self.bytes_received
            try:
                result.records[task_id] = self.get_task(task_id)
            except NotFoundError as exc:
                result.errors[task_id] = exc
                continue
            self.planner.measured(self.bytes_received - before, 1)
        return result

    def _sweep_or_refusal(self, ids, hints):
        """The sweep's records, or {} (and list_refused set) when the list endpoint is refused."""
        try:
            return self._sweep(ids, hints)
        except LIST_REFUSALS as exc:
            if isinstance(exc, AuthenticationError) and exc.status != 403:
                raise  # 401: the key itself is wrong; single reads would be refused alike
            self.list_refused = exc
        return {}

    def _sweep_filters(self, ids, hints):
        """List parameters narrowing a sweep to where these tasks can be (no limit, no offset)."""
        locators = [self._locators.get(task_id) for task_id in ids]
        known = [loc for loc in locators if loc is not None]
        all_known = len(known) == len(ids) and all(loc[0] is not None for loc in known)
        params = {}
        # Learned scopes are exact only when every task is located; else trust the hints.
        if all_known and all(loc[1] is not None for loc in known):
            params["project_id"] = sorted(set(loc[1] for loc in known))
        else:
            params["project_id"] = hints.get("project_id")
        if all_known and all(loc[2] is not None for loc in known):
            params["region_id"] = sorted(set(loc[2] for loc in known))
        else:
            params["region_id"] = hints.get("region_id")
        if all_known:
            # Oldest first from the earliest pending task: ours keep their places as others are
            # created (those join at the end), which lets the planner fit the page to them.
            params["order_by"] = "asc"
            params["from_timestamp"] = format_timestamp(min(loc[0] for loc in known) - CREATION_SKEW)
            params["to_timestamp"] = format_timestamp(max(loc[0] for loc in known) + CREATION_SKEW)
        else:
            # First sight: the tasks were most likely created moments ago, newest first finds them.
            params["order_by"] = "desc"
        return params

    def _sweep(self, ids, hints):
        """The wanted tasks one sweep shows ({} when the planner prefers per-ID GETs)."""
        wanted = set(ids)
        params = self._sweep_filters(ids, hints)
        order = params["order_by"]
        window = (_scope(params["project_id"]), _scope(params["region_id"]), params.get("from_timestamp"),
                  params.get("to_timestamp"))
        limit = self.planner.plan(ids, order, window)
        seen = {}
        positions = {}
        offset = pages = spent = 0
        while limit:
            params.update(limit=limit, offset=offset)
            before = self.bytes_received
            count, results = self.list_page(params)
            page_bytes = self.bytes_received - before
            if page_bytes <= 0:  # a client that does not count bytes: the planner's estimate
                page_bytes = int(len(results) * self.planner.record_bytes)
            self.planner.measured(page_bytes, len(results))
            pages += 1
            spent += page_bytes
            found = 0
            for index, task in enumerate(results):
                if not isinstance(task, dict) or not isinstance(task.get("id"), str):
                    continue
                task_id = canonical_id(task["id"])
                if task_id in wanted:
                    if task_id not in seen:
                        found += 1
                        positions[task_id] = offset + index
                    self._keep(seen, task_id, _normalised(task, "GET", TASKS_PATH))
            offset += len(results)
            missing = len(wanted) - len(seen)
            if not missing or len(results) < limit or (count is not None and offset >= count):
                break
            limit = self.planner.next_page(limit, page_bytes, found, missing, count, offset)
        if pages:
            self.planner.observe(ids, order, window, pages, spent, positions)
        return seen

    def _keep(self, seen, task_id, record):
        """Add a swept record; a second copy of the task must say the same (pages can overlap)."""
        earlier = seen.get(task_id)
        if earlier is None:
            seen[task_id] = self._remember(record)
            return
        differs = contradiction(earlier, record)
        if differs:
            raise InconsistentAnswerError(
                "GET", TASKS_PATH, 200, "task %s is listed twice in one sweep with different %s (%r and %r)"
                % (record["id"], differs, earlier.get(differs), record.get(differs)))

    # -- defaults ---------------------------------------------------------------------------

    def default_interval(self, record, polls_done=0):
        kind = task_kind(record.get("type")) if record else None
        return _INTERVALS.get(kind, DEFAULT_INTERVAL)

    def typical_duration(self, record):
        task_type = (record.get("type") or "").lower() if record else ""
        if task_type in _TYPICAL_DURATIONS:
            return _TYPICAL_DURATIONS[task_type]
        if task_type.startswith("create_") and task_kind(task_type) == "k8s":
            return _K8S_CREATE_DURATION
        return None

    def default_timeout(self, record):
        kind = task_kind(record.get("type")) if record else None
        return _TIMEOUTS.get(kind, DEFAULT_TIMEOUT)


def _scope(values):
    """A project or region filter as a comparable value."""
    return tuple(values) if isinstance(values, list) else values


def _normalised(task, method, path):
    try:
        return gcore_record(task)
    except RecordError as exc:
        raise InconsistentAnswerError(method, path, 200, exc.detail)
