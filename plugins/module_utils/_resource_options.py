# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource module's own options, checked before any request with the shared validators."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.module_utils._resource_kinds import kind_for
from ansible_collections.asyncops.cloud.plugins.module_utils._resource_runner import VOLUME_POLICIES
from ansible_collections.asyncops.cloud.plugins.module_utils._validate import (
    is_task_id,
    shown,
    validate_positive_float,
    validate_positive_int,
)

#: Where the Gcore project and region come from when the options are unset (the SDK's variables).
SCOPE_ENV = {"project_id": "GCORE_CLOUD_PROJECT_ID", "region_id": "GCORE_CLOUD_REGION_ID"}


def _scope_id(params, option, environ):
    value = params.get(option)
    if value is None:
        raw = (environ.get(SCOPE_ENV[option]) or "").strip()
        if not raw:
            raise OptionError(option, "is required for Gcore resources (or set %s)" % SCOPE_ENV[option])
        if not raw.isdigit():
            raise OptionError(option, "%s must be a positive integer, got %s" % (SCOPE_ENV[option], shown(raw)))
        value = int(raw)
    return validate_positive_int(value, option)


def validate_resource_options(params, provider, environ):
    """The runner's options from the argspec-validated ``params``; OptionError before any request."""
    kind = kind_for(provider, params.get("type"))
    state = params.get("state") or "present"
    body = params.get("body") or {}
    if not isinstance(body, dict):
        raise OptionError("body", "must be a dictionary (the create body as the API takes it), got %s" % shown(body))
    name = params.get("name")
    if name is None:
        name = body.get("name")
    resource_id = params.get("id")
    if state == "absent" and resource_id:
        if kind.by_name:
            kind.check_name(resource_id, "id")
        elif not is_task_id(resource_id):
            raise OptionError("id", "%s is not a %s ID (a UUID such as 0b8f7e0c-7d0a-4c39-9d4b-2f4a8d9e6b11)"
                              % (shown(resource_id), kind.name))
    elif name is None:
        raise OptionError("name", "is required (or body.name)%s" % ("; to delete, id will do" if state == "absent" else ""))
    elif state == "present" and resource_id:
        raise OptionError("id", "is only used with state=absent; a resource to create is found by its name")
    if name is not None:
        kind.check_name(name, "name")
        if body.get("name") not in (None, name):
            raise OptionError("body", "body.name %s differs from name %s" % (shown(body.get("name")), shown(name)))
    policy = params.get("instance_volumes") or "keep"
    if policy not in VOLUME_POLICIES:
        raise OptionError("instance_volumes", "must be one of %s" % ", ".join(VOLUME_POLICIES))
    options = {
        "type": kind.name,
        "state": state,
        "name": name,
        "id": resource_id or None,
        "body": body,
        "wait": params.get("wait") is not False,
        "timeout": validate_positive_float(params.get("timeout"), "timeout"),
        "poll_interval": validate_positive_float(params.get("poll_interval"), "poll_interval"),
        "instance_volumes": policy,
        "project_id": None,
        "region_id": None,
    }
    if provider == "gcore":
        options["project_id"] = _scope_id(params, "project_id", environ)
        options["region_id"] = _scope_id(params, "region_id", environ)
    return options
