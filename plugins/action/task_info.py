# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""task_info runs here, on the controller (see ControllerAction for why)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._info_runner import WHAT, run_task_info
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_info_options
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):

    MODULE = 'task_info'
    WHAT = WHAT

    def validate_options(self, args, connection):
        return validate_info_options(args, connection['provider'])

    def run_core(self, options, connection, task_vars):
        # Only reads: check mode runs it unchanged.
        return run_task_info(options, connection)
