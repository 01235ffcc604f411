# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""task_wait runs here, on the controller (see ControllerAction for why).

A wait can take an hour; running here lets it print progress with ``display`` at -v.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.utils.display import Display

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import other_connections
from ansible_collections.asyncops.cloud.plugins.plugin_utils._progress import ProgressPrinter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_wait_options
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_runner import WHAT, run_task_wait
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import (
    ControllerAction,
    scrub_result,
    secret_strings,
)

display = Display()


class ActionModule(ControllerAction):

    MODULE = 'task_wait'
    WHAT = WHAT

    def validate_options(self, args, connection):
        options = validate_wait_options(args, connection['provider'], check_mode=bool(self._task.check_mode))
        # Answers of the other provider are waited on with that provider's own credentials.
        self._others, self._other_secrets = other_connections(args, connection, options['groups'],
                                                              self.task_environment())
        return options

    def run_core(self, options, connection, task_vars):
        # Waiting only reads, so check mode waits exactly like a normal run.
        progress = None
        if display.verbosity >= 1:
            host = task_vars.get('inventory_hostname')
            progress = ProgressPrinter(emit=lambda line: display.v(line, host=host))
        result = run_task_wait(options, connection, on_progress=progress, connections=self._others)
        return scrub_result(result, secret_strings(*self._other_secrets))
