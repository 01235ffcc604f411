# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""task_ack runs here, on the controller (see ControllerAction for why)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._ack_runner import WHAT, run_task_ack
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_ack_options
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):

    MODULE = 'task_ack'
    WHAT = WHAT

    def validate_options(self, args, connection):
        return validate_ack_options(args, connection['provider'])

    def run_core(self, options, connection, task_vars):
        # The runner reads in check mode but never sends an acknowledgement.
        warnings = []
        result = run_task_ack(options, connection, check_mode=bool(self._task.check_mode), warn=warnings.append)
        if warnings:
            # A module's warn() lands in the result's "warnings"; the callback shows them alike.
            result['warnings'] = result.get('warnings', []) + warnings
        return result
