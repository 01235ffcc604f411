# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""task_wait on the controller.

A module on a target cannot print while it runs, and a wait can take an hour; running the
same core (module_utils._wait_runner) here lets us print progress with ``display`` at -v.
Options are validated with the module's own argspec and _validate.py, so the result is
the one the module would return.  Credentials come from the controller's environment
(plus the task's ``environment:``), which is how AWX/AAP injects them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import AsyncOpsError
from ansible_collections.asyncops.cloud.plugins.module_utils._progress import ProgressPrinter
from ansible_collections.asyncops.cloud.plugins.module_utils._results import failure_result
from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec
from ansible_collections.asyncops.cloud.plugins.module_utils._validate import resolve_connection, validate_wait_options
from ansible_collections.asyncops.cloud.plugins.module_utils._wait_runner import WHAT, run_task_wait

display = Display()


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False  # everything happens on the controller
    _supports_check_mode = True   # waiting only reads
    _supports_async = False

    def _environment(self):
        """os.environ overlaid with the task's ``environment:``, as a module would see it."""
        environ = dict(os.environ)
        task_env = {}
        try:
            self._compute_environment_string(task_env)
        except Exception:  # pylint: disable=broad-except
            # No shell on this connection type: the controller environment alone still works.
            task_env = {}
        environ.update(dict((str(k), str(v)) for k, v in task_env.items() if v is not None))
        return environ

    def _secrets(self, *values):
        secrets = set(value for value in values if isinstance(value, str) and value)
        return secrets

    def run(self, tmp=None, task_vars=None):
        super(ActionModule, self).run(tmp, task_vars)
        del tmp  # unused, like in every modern action plugin

        spec = module_spec('task_wait')
        raw_key = self._task.args.get('api_key')
        try:
            validation, args = self.validate_argument_spec(
                argument_spec=spec['argument_spec'],
                mutually_exclusive=spec['mutually_exclusive'],
                required_one_of=spec['required_one_of'],
            )
        except AnsibleActionFail as exc:
            # Same wording as the module's argument errors; the message never holds values of no_log options.
            return self._scrub({'failed': True, 'changed': False, 'msg': 'Could not %s: %s' % (WHAT, getattr(exc, 'message', None) or exc)},
                               self._secrets(raw_key))

        secrets = self._secrets(raw_key, args.get('api_key'))
        try:
            connection, found = resolve_connection(args, self._environment())
            secrets.update(self._secrets(*found))
            options = validate_wait_options(args)
        except AsyncOpsError as exc:
            return self._scrub(failure_result(WHAT, exc), secrets)

        progress = None
        if display.verbosity >= 1:
            host = (task_vars or {}).get('inventory_hostname')
            progress = ProgressPrinter(emit=lambda line: display.v(line, host=host))
        result = run_task_wait(options, connection, on_progress=progress)
        return self._scrub(result, secrets)

    @staticmethod
    def _scrub(result, secrets):
        """Last line of defence: no secret string survives anywhere in the result."""
        result.pop('invocation', None)
        if secrets:
            result = remove_values(result, secrets)
        return result
