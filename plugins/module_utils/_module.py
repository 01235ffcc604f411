# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AsyncOpsModule: the AnsibleModule every asyncops.cloud module is built on.

It merges COMMON_ARGSPEC into the module's spec, refuses to run without ``requests``,
resolves the provider-aware key and URL (env vars included) and turns any of the
collection's typed errors into ``fail_json(msg="Could not ...", error={...})``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import os

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.asyncops.cloud.plugins.module_utils._errors import AsyncOpsError
from ansible_collections.asyncops.cloud.plugins.module_utils._http import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.asyncops.cloud.plugins.module_utils._results import failure_result
from ansible_collections.asyncops.cloud.plugins.module_utils._specs import COMMON_ARGSPEC, module_spec
from ansible_collections.asyncops.cloud.plugins.module_utils._validate import resolve_connection

__all__ = ["COMMON_ARGSPEC", "AsyncOpsModule", "run_module"]


class AsyncOpsModule(AnsibleModule):
    """AnsibleModule plus the collection's common options and error handling.

    ``what`` completes "Could not <what>" in every failure message of this module.
    ``environ`` is injectable for tests; modules read the target's environment.
    """

    def __init__(self, argument_spec=None, what="run", environ=None, **kwargs):
        spec = copy.deepcopy(COMMON_ARGSPEC)
        spec.update(argument_spec or {})
        super(AsyncOpsModule, self).__init__(argument_spec=spec, **kwargs)
        self.what = what
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        try:
            self.connection, secrets = resolve_connection(self.params, os.environ if environ is None else environ)
        except AsyncOpsError as exc:
            self.fail_from_error(what, exc)
        # A key read from the environment is as secret as one passed as api_key.
        self.no_log_values.update(secret for secret in secrets if secret)

    @property
    def provider(self):
        return self.connection["provider"]

    def fail_from_error(self, what, exc, **partial):
        """fail_json with "Could not <what>: <cause>" and the error's structured details."""
        self.fail_json(**failure_result(what, exc, **partial))

    def run_guarded(self, what, func, *args, **kwargs):
        """Call ``func``; a typed error becomes fail_from_error(what, ...) instead of a traceback."""
        try:
            return func(*args, **kwargs)
        except AsyncOpsError as exc:
            self.fail_from_error(what, exc)


def run_module(name, what, validate, run):
    """The whole ``main()`` of a module: parse and check its options, run its shared runner, exit.

    ``validate(params, provider)`` returns the runner's options (raising OptionError);
    ``run(module, options)`` returns the result dict, with ``failed``/``msg`` set on failure.
    The action plugin of the same name does the same on the controller (plugin_utils).
    """
    module = AsyncOpsModule(supports_check_mode=True, what=what, **module_spec(name))
    try:
        options = validate(module.params, module.provider)
    except AsyncOpsError as exc:
        module.fail_from_error(what, exc)
    result = run(module, options)
    if result.get("failed"):
        module.fail_json(**result)
    module.exit_json(**result)
