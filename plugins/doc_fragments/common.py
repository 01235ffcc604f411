# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Documents COMMON_ARGSPEC (plugins/module_utils/_specs.py); keep the two identical.
    DOCUMENTATION = r'''
options:
  provider:
    description:
      - Which API the task IDs belong to.
      - V(gcore) is Gcore Cloud (tasks under C(/cloud/v1/tasks)), V(gpcn) is GPCN (jobs under C(/v1/resource/jobs)).
    type: str
    choices: [gcore, gpcn]
    default: gcore
  api_key:
    description:
      - 'The API key, sent as C(Authorization: APIKey <key>) to Gcore and as C(X-API-Key) to GPCN.'
      - When unset or empty, the key is read from the controller's environment (every module of this
        collection runs on the controller) plus the task's C(environment:), depending on O(provider).
        V(gcore) reads E(GCORE_API_KEY), then the legacy E(CLOUD_API_KEY);
        V(gpcn) reads E(GPCN_API_KEY). A Gcore key is never sent to GPCN or the other way round.
      - When those variables are unset too, E(GCORE_API_KEY_FILE) (V(gcore)) or E(GPCN_API_KEY_FILE) (V(gpcn))
        may name a file that holds the key, as an AWX credential type's file injector provides; the key then
        never enters the process environment.
      - A key read from the environment is treated as secret like this option and never appears in results.
      - When no key is found, the module fails before sending any request.
    type: str
  api_url:
    description:
      - Base URL of the API.
      - When unset, V(gcore) reads E(GCORE_API_URL), then the Gcore SDK's E(GCORE_BASE_URL), and defaults to
        V(https://api.gcore.com); V(gpcn) reads E(GPCN_API_URL) and defaults to V(https://api.gpcn.com/v1).
      - Must be C(http) or C(https) with a host, without C(user:password@) credentials, query string or fragment.
      - Plain C(http://) is refused unless the host is a loopback address (C(127.0.0.0/8), C(::1), C(localhost)),
        because the key would travel in clear.
      - An empty value is refused rather than read as unset, so a mistyped variable cannot send the key to the
        default URL. The same holds for the variables, so E(GCORE_API_URL=) set but empty is refused, never replaced
        by the default.
    type: str
  validate_certs:
    description:
      - Whether to verify the API's TLS certificate. Only set to V(false) against test endpoints.
      - V(false) wins over E(REQUESTS_CA_BUNDLE) and E(CURL_CA_BUNDLE) in the environment.
    type: bool
    default: true
  ca_path:
    description:
      - Path of a PEM CA bundle used to verify the API's certificate, instead of the system store.
      - Must exist on the controller (where every module of this collection runs); an empty value is refused.
      - When set, it wins over E(REQUESTS_CA_BUNDLE) and E(CURL_CA_BUNDLE). When unset (and O(validate_certs=true)),
        a bundle named by one of those variables is used, else the system store (C(certifi)).
    type: path
  request_timeout:
    description:
      - Seconds to wait for each HTTP answer (read timeout). Must be greater than 0.
      - This bounds one attempt; every module also has an overall deadline (O(asyncops.cloud.task_wait#module:timeout),
        O(asyncops.cloud.task_info#module:timeout), O(asyncops.cloud.task_ack#module:timeout),
        O(asyncops.cloud.api_call#module:timeout)) that cuts connects, answers, bodies and retries short.
    type: float
    default: 30.0
  max_response_mb:
    description:
      - The most data one API answer may have, in MiB after decompression. Must be greater than 0.
      - Answers are read as a stream; one that grows past this (an endless or oversized body, a gzip bomb) is
        dropped and the module fails (a wait rides it out as a transient error) naming this option.
      - A page of 1000 Gcore tasks is a few MiB; raise this only for an API known to answer more.
    type: float
    default: 16.0
  rate_limit:
    description:
      - Requests per second this run may send with this API key to this endpoint, shared by every fork, host,
        task and module of the C(ansible-playbook) run (retries included); a request waits for its slot.
        Set it to the API's own limit so that many hosts at many forks are not refused with HTTP 429.
      - Requests are spaced evenly (no burst), which keeps a busy controller's timing jitter within the API's own
        burst allowance.
      - When unset, E(GCORE_API_RATE_LIMIT) (V(gcore)) or E(GPCN_API_RATE_LIMIT) (V(gpcn)) is read, which an
        AWX credential or job template can set; unset or empty means no budget.
      - The budget's state is one number in a file of the run's private (0700) directory, never the key.
    type: float
notes:
  - Task IDs must be UUIDs; an empty list, duplicates or anything else is refused before any request is sent.
    IDs are compared without regard to letter case (the APIs answer in lower case); results use the spelling given.
  - >-
    Proxies come from the environment as C(requests) reads them: E(HTTPS_PROXY), E(HTTP_PROXY), E(ALL_PROXY) and
    E(NO_PROXY) (lower-case names too). C(~/.netrc) is never read. TLS settings come from O(validate_certs) and
    O(ca_path) first, see there.
  - >-
    Errors are reported as C(msg="Could not <what was attempted>: <cause>") with an C(error) dictionary
    (C(type), C(status), C(method), C(path), C(api_message)); the API key never appears in either.
'''
