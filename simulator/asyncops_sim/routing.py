# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Route templates ("GET /cloud/v1/tasks/{task_id}") matched to handlers."""
import json
import re


class Response(object):
    def __init__(self, status, body=None, headers=None, raw=None, content_type="application/json"):
        self.status = status
        self.body = body  # JSON-able object, or None
        self.raw = raw  # bytes sent as-is instead of body
        self.headers = dict(headers or {})
        self.content_type = content_type

    def payload(self):
        if self.raw is not None:
            return self.raw
        if self.body is None:
            return b""
        return json.dumps(self.body).encode("utf-8")


class Request(object):
    def __init__(self, method, path, query, headers, body_bytes):
        self.method = method
        self.path = path
        self.query = query  # {name: [values]}
        self.headers = headers
        self.body_bytes = body_bytes
        self.params = {}
        self.tenant = None
        self.faults = []  # faults that modify the answer rather than replace it

    def first(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default

    def json(self):
        """Parsed body; raises ValueError for invalid JSON."""
        if not self.body_bytes:
            return None
        return json.loads(self.body_bytes.decode("utf-8"))


class Route(object):
    def __init__(self, method, template, handler, provider):
        self.method = method
        self.template = template
        self.handler = handler
        self.provider = provider
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
        self.regex = re.compile("^" + pattern + "$")

    @property
    def name(self):
        return "%s %s" % (self.method, self.template)


class Router(object):
    def __init__(self):
        self.routes = []

    def add(self, method, template, handler, provider=None):
        self.routes.append(Route(method, template, handler, provider))

    def match(self, method, path):
        """-> (route, params) or (None, None). A trailing slash is ignored (GPCN's client sends one)."""
        if len(path) > 1 and path.endswith("/"):
            path = path.rstrip("/")
        for route in self.routes:
            if route.method != method:
                continue
            found = route.regex.match(path)
            if found:
                return route, found.groupdict()
        return None, None
