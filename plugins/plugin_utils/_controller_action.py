# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ControllerAction: the base of every asyncops.cloud action plugin.

Every module of this collection talks to an HTTP API, so nothing needs to run on a
target: each module file is its documentation and argspec, and its action plugin runs the
runner (plugin_utils) here. Two more reasons: task_wait can print progress while it waits, and no module arguments
ever pass through ActionBase._execute_module, which prints them raw (no_log values
included) under ANSIBLE_DEBUG=1.

A subclass names its module (for the argspec in _specs.py and the "Could not <what>"
wording) and implements ``validate_options`` and ``run_core``; this class does the rest
as a module would: argspec validation, key/URL resolution from the
controller environment plus the task's ``environment:``, and scrubbing of every secret.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

from ansible.errors import AnsibleActionFail
from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec
from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import resolve_connection
from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import AsyncOpsError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.asyncops.cloud.plugins.plugin_utils._results import failure_result


# ansible-core's argspec messages quote the bad value in full; a 10 kB value would make a 10 kB
# msg. Runs of this many non-blank characters are cut (option names are far shorter).
LONGEST_SHOWN_RUN = 64
_LONG_RUN = re.compile(r"\S{%d,}" % (LONGEST_SHOWN_RUN + 1))


def shorten_values(message):
    """``message`` with every over-long run of non-blank characters cut to 64 with '...'."""
    return _LONG_RUN.sub(lambda match: match.group(0)[:LONGEST_SHOWN_RUN - 3] + "...", message)


def secret_strings(*values):
    """The non-empty strings among ``values``: what remove_values must mask."""
    return set(value for value in values if isinstance(value, str) and value)


def scrub_result(result, secrets):
    """Last line of defence: no ``invocation`` and no secret string anywhere in the result."""
    result.pop('invocation', None)
    if secrets:
        result = remove_values(result, secrets)
    return result


class ControllerAction(ActionBase):
    """Validate like the module, run its runner here, return the module's result."""

    TRANSFERS_FILES = False
    _requires_connection = False  # only HTTP to the API; delegate_to and the connection are irrelevant
    _supports_check_mode = True   # each subclass's runner honours check mode itself
    _supports_async = False

    #: Name of the module in _specs.module_spec(), e.g. 'task_wait'.
    MODULE = None
    #: Completes "Could not <WHAT>: ..." in failure messages, as the module's runner does.
    WHAT = None

    # -- what a subclass provides -----------------------------------------------------------

    def validate_options(self, args, connection):
        """Return the runner's options from the argspec-validated ``args`` (_validate.py); raise OptionError."""
        raise NotImplementedError

    def run_core(self, options, connection, task_vars):
        """Run the shared runner and return its result dict (``failed``/``msg`` set on failure)."""
        raise NotImplementedError

    # -- shared machinery -------------------------------------------------------------------

    def task_environment(self):
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

    def _fail(self, msg, secrets, **extra):
        result = dict(extra)
        result.update(failed=True, changed=False, msg=msg)
        return scrub_result(result, secrets)

    def run(self, tmp=None, task_vars=None):
        super(ControllerAction, self).run(tmp, task_vars)
        del tmp  # unused, like in every modern action plugin

        # Whatever the user typed as api_key is secret even when validation rejects it.
        secrets = secret_strings(self._task.args.get('api_key'))
        spec = module_spec(self.MODULE)
        try:
            validation, args = self.validate_argument_spec(
                argument_spec=spec['argument_spec'],
                mutually_exclusive=spec['mutually_exclusive'],
                required_one_of=spec['required_one_of'],
            )
        except AnsibleActionFail as exc:
            # Same wording as the module's argument errors; the message never holds no_log values.
            reason = shorten_values(str(getattr(exc, 'message', None) or exc))
            return self._fail('Could not %s: %s' % (self.WHAT, reason), secrets)
        secrets.update(secret_strings(args.get('api_key'), *getattr(validation, '_no_log_values', ())))

        if not HAS_REQUESTS:
            return self._fail(missing_required_lib('requests'), secrets, exception=str(REQUESTS_IMPORT_ERROR))

        try:
            connection, found = resolve_connection(args, self.task_environment())
            # A key read from the environment is as secret as one passed as api_key.
            secrets.update(secret_strings(*found))
            options = self.validate_options(args, connection)
        except AsyncOpsError as exc:
            return scrub_result(failure_result(self.WHAT, exc), secrets)

        return scrub_result(self.run_core(options, connection, task_vars or {}), secrets)
