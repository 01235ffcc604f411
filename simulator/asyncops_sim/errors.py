# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Error bodies in each API's own style."""
import uuid

from .routing import Response

GCORE_CLASS = {400: "BadRequest", 401: "NotAuthenticated", 403: "PermissionDenied",
               404: "NotFoundError", 409: "Conflict", 422: "ValidationError",
               429: "Throttled", 500: "InternalServerError", 502: "BadGateway",
               503: "ServiceUnavailable", 504: "GatewayTimeout"}


def gcore_error(status, message, headers=None):
    """Shaped like the spec's NotFoundErrorSchema: exception_class, message, request_id."""
    body = {"exception_class": GCORE_CLASS.get(status, "HTTPError"), "message": message,
            "request_id": str(uuid.uuid4())}
    return Response(status, body, headers)


def gpcn_error(status, message, headers=None):
    return Response(status, {"success": False, "message": message}, headers)


def error_for(provider, status, message, headers=None):
    if provider == "gpcn":
        return gpcn_error(status, message, headers)
    return gcore_error(status, message, headers)


class HttpProblem(Exception):
    """Raised by handlers to answer with an error in the route's provider style."""

    def __init__(self, status, message):
        Exception.__init__(self, message)
        self.status = status
        self.message = message
