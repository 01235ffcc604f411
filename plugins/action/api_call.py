# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""api_call runs here, on the controller (see ControllerAction for why).

This is the point of api_call: a request whose key never passes through a shipped module's
arguments, so ANSIBLE_DEBUG=1 cannot print it the way it prints ansible.builtin.uri's.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._call_runner import WHAT, run_api_call
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import ControllerAction
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_call_options


class ActionModule(ControllerAction):

    MODULE = 'api_call'
    WHAT = WHAT

    def validate_options(self, args, connection):
        return validate_call_options(args)

    def run_core(self, options, connection, task_vars):
        # GET runs in check mode; the runner holds back writes.
        return run_api_call(options, connection, check_mode=bool(self._task.check_mode))
