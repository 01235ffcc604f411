# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The typed errors never carry the key, whatever the server echoes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import requests

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient


VERIFY_FAILED = ("HTTPSConnectionPool(host='127.0.0.1', port=1): Max retries exceeded (Caused by "
                 "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
                 "verify failed: self-signed certificate')))")
ECHO_KEY = "sim-gcore-key-a"


def _every_error():
    cause = requests.exceptions.ConnectionError("connection reset")
    yield errors.AsyncOpsError("plain")
    yield errors.OptionError("api_key", "is required")
    for status in (400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504, 302):
        yield errors.error_for_status(status, "GET", "/cloud/v1/tasks/x", "the API said no", request_id="r-1")
    yield errors.JobNotVisibleError("job-1")
    yield errors.TransportError("GET", "/cloud/v1/tasks/x", cause, may_have_been_sent=True)
    yield errors.CertificateError("GET", "/cloud/v1/tasks/x", requests.exceptions.SSLError(VERIFY_FAILED))
    yield errors.MalformedResponseError("GET", "/cloud/v1/tasks", 200, "the body is not JSON")
    yield errors.WriteOutcomeUnknownError("POST", "/cloud/v1/volumes/1/76", cause)


@pytest.mark.parametrize("error", list(_every_error()), ids=lambda e: type(e).__name__)
def test_no_error_type_carries_the_key(error):
    assert ECHO_KEY not in str(error) and ECHO_KEY not in repr(error) and ECHO_KEY not in repr(error.to_dict())


@pytest.mark.parametrize("status", [401, 500])
def test_a_server_echoing_the_key_back_is_scrubbed(status):
    response = requests.models.Response()
    response.status_code = status
    response._content = ('{"message": "bad key APIKey %s"}' % ECHO_KEY).encode()
    client = HttpClient("http://127.0.0.1:1", "Authorization", ECHO_KEY, sleep=lambda s: None)
    with pytest.raises(errors.ApiError) as caught:
        client._decode("GET", "/cloud/v1/tasks/x", response)
    assert ECHO_KEY not in str(caught.value) and ECHO_KEY not in repr(caught.value.to_dict())
