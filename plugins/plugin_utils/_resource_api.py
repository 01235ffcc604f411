# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ResourceApi: the few calls the resource module makes for one resource type.

Reads go through HttpClient.get (retried on transient answers); the create and the delete
through HttpClient.exchange as writes (sent once, never resent).  No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import MalformedResponseError, NotFoundError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import TASKS_PATH
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import quote_segment

LIST_LIMIT = 1000  # the Gcore API's largest page
IN_FLIGHT_STATES = ["NEW", "RUNNING"]


class ResourceApi(object):

    def __init__(self, client, kind, project_id=None, region_id=None):
        self.client = client
        self.kind = kind
        self.scope = "/%s/%s" % (project_id, region_id) if kind.provider == "gcore" else ""
        self.project_id = project_id
        self.region_id = region_id

    # -- paths ------------------------------------------------------------------------------

    def collection_path(self):
        return self.kind.collection + self.scope

    def item_path(self, key):
        return "%s/%s" % (self.collection_path(), quote_segment(str(key)))

    def key_of(self, resource):
        """What addresses a resource in its path: the ID, or a cluster's name."""
        return resource.get("name") if self.kind.by_name else resource.get("id")

    # -- reads ------------------------------------------------------------------------------

    def _results(self, body, path):
        if self.kind.provider == "gpcn":
            data = body.get("data") if isinstance(body, dict) else None
        else:
            data = body.get("results") if isinstance(body, dict) else None
        if not isinstance(data, list):
            raise MalformedResponseError("GET", path, 200, "expected a list of resources")
        return [item for item in data if isinstance(item, dict)]

    def find_by_name(self, name, body=None):
        """Every resource whose name is exactly ``name`` (the API's filters match parts)."""
        if self.kind.by_name:
            found = self.get(name)
            return [found] if found is not None else []
        path = self.collection_path()
        params = None
        if self.kind.provider == "gcore":
            params = {"limit": LIST_LIMIT}
            if self.kind.name_filter:
                params[self.kind.name_filter] = name
            elif self.kind.name == "subnet" and isinstance(body, dict) and body.get("network_id"):
                params["network_id"] = body["network_id"]
        return [r for r in self._results(self.client.get(path, params=params), path) if r.get("name") == name]

    def get(self, key):
        """The resource read back, or None when the API answers 404."""
        path = self.item_path(key)
        try:
            body = self.client.get(path)
        except NotFoundError:
            return None
        if self.kind.provider == "gpcn":
            body = body.get("data") if isinstance(body, dict) else None
        if not isinstance(body, dict):
            raise MalformedResponseError("GET", path, 200, "expected a resource object")
        return body

    def in_flight_creates(self, name):
        """Gcore create tasks of this type not ended whose request (``data``) names ``name``."""
        if self.kind.provider != "gcore" or not self.kind.create_type:
            return []
        params = {"state": IN_FLIGHT_STATES, "task_type": self.kind.create_type, "limit": LIST_LIMIT,
                  "project_id": [self.project_id], "region_id": [self.region_id]}
        body = self.client.get(TASKS_PATH, params=params)
        tasks = body.get("results") if isinstance(body, dict) else None
        if not isinstance(tasks, list):
            raise MalformedResponseError("GET", TASKS_PATH, 200, 'expected {"count": N, "results": [...]}')
        return [task["id"] for task in tasks
                if isinstance(task, dict) and task.get("id") and isinstance(task.get("data"), dict)
                and task["data"].get("name") == name]

    # -- writes (sent once) -----------------------------------------------------------------

    def create(self, body):
        _status, answer = self.client.exchange("POST", self.kind.create_collection + self.scope, json=body)
        return answer

    def delete(self, key, params=None):
        _status, answer = self.client.exchange("DELETE", self.item_path(key), params=params)
        return answer
