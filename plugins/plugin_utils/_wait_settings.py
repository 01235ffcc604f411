# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""task_wait's run-wide settings: the option when given, else the environment, else the default.

An AWX job (or a credential) sets environment variables, a playbook sets options; both are
validated the same way and a bad value names where it came from. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_non_negative_float
from ansible_collections.asyncops.cloud.plugins.plugin_utils._coordinator_client import ENV_COORDINATE
from ansible_collections.asyncops.cloud.plugins.plugin_utils._heartbeat import DEFAULT_INTERVAL, ENV_INTERVAL

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _env_bool(environ, name, default):
    text = str(environ.get(name, "")).strip().lower()
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise OptionError(name, "must be true or false, got %r" % (text[:20],))


ENV_PUBLISH_STATS = "ASYNCOPS_PUBLISH_STATS"


def fleet_settings(options, environ):
    """``{"coordinate": bool, "heartbeat_interval": seconds, "publish_stats": bool}`` for one task_wait."""
    coordinate = options.get("coordinate")
    if coordinate is None:
        coordinate = _env_bool(environ, ENV_COORDINATE, True)
    heartbeat = options.get("heartbeat_interval")
    if heartbeat is None:
        text = str(environ.get(ENV_INTERVAL, "")).strip()
        heartbeat = validate_non_negative_float(text, ENV_INTERVAL) if text else DEFAULT_INTERVAL
    publish = options.get("publish_stats")
    if publish is None:
        publish = _env_bool(environ, ENV_PUBLISH_STATS, False)
    return {"coordinate": bool(coordinate), "heartbeat_interval": heartbeat, "publish_stats": bool(publish)}
