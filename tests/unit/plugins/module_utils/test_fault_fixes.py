# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixes found by the fault matrix, and the key-leak check of every error type."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import requests

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils._engine import wait_for_tasks
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient
from module_utils_fakes import FakeAdapter, FakeClock

KEY = "sim-gcore-key-a"
VERIFY_FAILED = ("HTTPSConnectionPool(host='127.0.0.1', port=1): Max retries exceeded (Caused by "
                 "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
                 "verify failed: self-signed certificate')))")


def _client_raising(exc, monkeypatch):
    """A client whose every request fails with ``exc`` inside requests."""
    def request(*_args, **_kwargs):
        raise exc
    monkeypatch.setattr(requests.Session, "request", request)
    return HttpClient("https://127.0.0.1:1", "Authorization", "APIKey " + KEY, sleep=lambda s: None)


def test_certificate_failure_is_its_own_error_with_advice(monkeypatch):
    client = _client_raising(requests.exceptions.SSLError(VERIFY_FAILED), monkeypatch)
    with pytest.raises(errors.CertificateError) as caught:
        client.get("/cloud/v1/tasks/x")
    text = str(caught.value)
    assert "ca_path" in text and "CERTIFICATE_VERIFY_FAILED" in text
    assert caught.value.to_dict()["may_have_been_sent"] is False
    assert client.request_count == 0


def test_other_tls_trouble_stays_a_transient_transport_error(monkeypatch):
    client = _client_raising(requests.exceptions.SSLError("EOF occurred in violation of protocol"), monkeypatch)
    with pytest.raises(errors.TransportError) as caught:
        client.get("/cloud/v1/tasks/x")
    assert not isinstance(caught.value, errors.CertificateError)


def test_engine_fails_at_once_on_a_certificate_error_instead_of_waiting_out_the_deadline():
    clock = FakeClock()
    adapter = FakeAdapter([errors.CertificateError("GET", "/cloud/v1/tasks/x", "verify failed")], timeout=1800.0)
    with pytest.raises(errors.CertificateError) as caught:
        wait_for_tasks(adapter, ["t1"], timeout=600, clock=clock, sleep=clock.sleep)
    assert len(adapter.polled) == 1
    assert caught.value.wait_result.pending == ["t1"]


def test_engine_still_rides_out_plain_transport_errors_until_the_deadline():
    clock = FakeClock()
    adapter = FakeAdapter([errors.TransportError("GET", "/x", "reset", may_have_been_sent=True)], timeout=1800.0)
    result = wait_for_tasks(adapter, ["t1"], timeout=60, poll_interval=1, clock=clock, sleep=clock.sleep)
    assert len(adapter.polled) > 1 and result.timed_out and result.transient_errors == len(adapter.polled)


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
    assert KEY not in str(error) and KEY not in repr(error) and KEY not in repr(error.to_dict())


@pytest.mark.parametrize("status", [401, 500])
def test_a_server_echoing_the_key_back_is_scrubbed(status):
    response = requests.models.Response()
    response.status_code = status
    response._content = ('{"message": "bad key APIKey %s"}' % KEY).encode()
    client = HttpClient("http://127.0.0.1:1", "Authorization", KEY, sleep=lambda s: None)
    with pytest.raises(errors.ApiError) as caught:
        client._decode("GET", "/cloud/v1/tasks/x", response)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value.to_dict())
