# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""resource on the controller (same machinery as every module here; see ControllerAction for why).

It waits like task_wait, so it prints the same progress lines at -v.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.utils.display import Display

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import resolve_scope
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import ControllerAction
from ansible_collections.asyncops.cloud.plugins.plugin_utils._progress import ProgressPrinter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resource_runner import WHAT, run_resource
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_resource_options

display = Display()


class ActionModule(ControllerAction):

    MODULE = 'resource'
    WHAT = WHAT

    def validate_options(self, args, connection):
        scope = resolve_scope(args, self.task_environment()) if connection['provider'] == 'gcore' else None
        return validate_resource_options(args, connection['provider'], scope)

    def run_core(self, options, connection, task_vars):
        progress = None
        if display.verbosity >= 1:
            host = task_vars.get('inventory_hostname')
            progress = ProgressPrinter(emit=lambda line: display.v(line, host=host))
        result = run_resource(options, connection, check_mode=bool(self._task.check_mode), on_progress=progress)
        if not self._task.diff:
            result.pop('diff', None)
        return result
