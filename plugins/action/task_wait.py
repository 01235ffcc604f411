# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""task_wait runs here, on the controller (see ControllerAction for why).

A wait can take an hour; running here lets it print progress with ``display`` at -v and a
heartbeat at default verbosity, and lets the hosts of a batch share their polling rounds
through the run's coordinator (plugin_utils._coordinator_client).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.utils.display import Display

from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import other_connections
from ansible_collections.asyncops.cloud.plugins.plugin_utils._coordinator_client import shared_adapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._heartbeat import Heartbeat
from ansible_collections.asyncops.cloud.plugins.plugin_utils._progress import ProgressPrinter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._resume_stats import wait_stats
from ansible_collections.asyncops.cloud.plugins.plugin_utils._validate import validate_wait_options
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_runner import WHAT, run_task_wait
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import (
    ControllerAction,
    scrub_result,
    secret_strings,
)
from ansible_collections.asyncops.cloud.plugins.plugin_utils._wait_settings import fleet_settings

display = Display()


class ActionModule(ControllerAction):

    MODULE = 'task_wait'
    WHAT = WHAT

    def validate_options(self, args, connection):
        options = validate_wait_options(args, connection['provider'], check_mode=bool(self._task.check_mode))
        # Answers of the other provider are waited on with that provider's own credentials.
        self._others, self._other_secrets = other_connections(args, connection, options['groups'],
                                                              self.task_environment())
        options.update(fleet_settings(options, self.task_environment()))
        return options

    def run_core(self, options, connection, task_vars):
        # Waiting only reads, so check mode waits exactly like a normal run.
        host = task_vars.get('inventory_hostname')
        printer = None
        if display.verbosity >= 1:
            printer = ProgressPrinter(emit=lambda line: display.v(line, host=host))
        # caplevel -1: shown at verbosity 0, so job output (and idle-output timeouts) see life.
        heartbeat = Heartbeat(options['heartbeat_interval'], total=len(options['task_ids']),
                              emit=lambda line: display.verbose(line, host=host, caplevel=-1))

        def on_progress(snapshot):
            heartbeat.update(snapshot)
            if printer is not None:
                printer(snapshot)

        adapter = None
        # Only hosts of the same batch wait side by side; a task on one host has nobody to share
        # with, and starting a coordinator would only cost it time.
        if options['coordinate'] and len(task_vars.get('ansible_play_batch') or ()) > 1:
            adapter = shared_adapter(
                connection, poll_interval=options.get('poll_interval'),
                on_fallback=lambda reason: display.vvv('asyncops.cloud.task_wait: polling alone: %s' % reason,
                                                       host=host))
        try:
            with heartbeat:
                result = run_task_wait(options, connection, on_progress=on_progress, adapter=adapter,
                                       connections=self._others)
        finally:
            if adapter is not None:
                adapter.close()
        if options['publish_stats']:
            result['ansible_stats'] = wait_stats(result, connection['provider'])
        return scrub_result(result, secret_strings(*self._other_secrets))
