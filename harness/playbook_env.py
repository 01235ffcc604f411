# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The environment every harness-run ``ansible-playbook`` gets (integration tests and benchmarks).

Only the working tree's collection, nothing the developer's environment would add, and no way
off the machine: a non-loopback request goes to a dead loopback proxy.
"""

import os

# Anything in the developer's or CI's environment that the modules or ansible would read.
# A test that wants one of them passes it through `env`, so e.g. "missing key" really has none.
_SCRUBBED_PREFIXES = ("GCORE_", "GPCN_", "ANSIBLE_", "ASYNCOPS_")
_SCRUBBED_NAMES = ("CLOUD_API_KEY", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
                   "http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUESTS_CA_BUNDLE",
                   "CURL_CA_BUNDLE")

# Safety net, not part of any assertion: if a module ever tried to reach a non-loopback host
# (e.g. the refused `http://192.0.2.1`), the request would go to this dead loopback port
# instead of leaving the machine. Loopback traffic to the simulator bypasses it.
_DEAD_PROXY = "http://127.0.0.1:9"
_NO_PROXY = "127.0.0.1,localhost,::1"


def playbook_env(collections_path, run_dir, overrides=None):
    """The environment for one ``ansible-playbook`` run in ``run_dir``.

    ``overrides`` set variables (a value of None removes one), after everything else.
    """
    env = dict((k, v) for k, v in os.environ.items()
               if not k.startswith(_SCRUBBED_PREFIXES) and k not in _SCRUBBED_NAMES)
    env.update({
        # Only the working tree: never a copy installed under ~/.ansible or on sys.path.
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "False",
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCAL_TEMP": os.path.join(run_dir, "ansible-tmp"),
        "ANSIBLE_STDOUT_CALLBACK": "default",
        # One python process per module instead of copy + chmod + run: faster, same code.
        "ANSIBLE_PIPELINING": "True",
        "HTTP_PROXY": _DEAD_PROXY, "HTTPS_PROXY": _DEAD_PROXY,
        "http_proxy": _DEAD_PROXY, "https_proxy": _DEAD_PROXY,
        "NO_PROXY": _NO_PROXY, "no_proxy": _NO_PROXY,
    })
    for name, value in (overrides or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env
