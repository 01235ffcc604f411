# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HttpClient: auth, retries, Retry-After, write safety, TLS, path guard, the wait's deadline."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import email.utils
import time

import pytest
import requests

from ansible_collections.asyncops.cloud.plugins.plugin_utils import _errors as errors
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _http
from ansible_collections.asyncops.cloud.plugins.plugin_utils._body import BodyDeadline
from ansible_collections.asyncops.cloud.plugins.plugin_utils._http import HttpClient, quote_segment
from ansible_collections.asyncops.cloud.plugins.plugin_utils._version import COLLECTION_VERSION
from ansible_collections.asyncops.cloud.tests.unit.fakes import closed_port_url, FakeClock


VERIFY_FAILED = ("HTTPSConnectionPool(host='127.0.0.1', port=1): Max retries exceeded (Caused by "
                 "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
                 "verify failed: self-signed certificate')))")
ECHO_KEY = "sim-gcore-key-a"
KEY = "s3cr3t-key-value-123"
STORM = (429, {"Retry-After": "30"}, {"message": "slow down"})
DEADLINE_KEY = "deadline-key-0123456789"
TASK = "11111111-1111-4111-8111-111111111111"


def _client_raising(exc, monkeypatch):
    """A client whose every request fails with ``exc`` inside requests."""
    def request(*_args, **_kwargs):
        raise exc
    monkeypatch.setattr(requests.Session, "request", request)
    return HttpClient("https://127.0.0.1:1", "Authorization", "APIKey " + ECHO_KEY, sleep=lambda s: None)


def make_client(url, delays, **kwargs):
    kwargs.setdefault("max_retries", 3)
    kwargs.setdefault("backoff_factor", 0.5)
    return HttpClient(url + "/cloud", "Authorization", "APIKey " + KEY, sleep=delays.append, **kwargs)


def verify_settings(client):
    return [session.verify for session in client._sessions.values()]


def deadline_client(url, clock, **kwargs):
    kwargs.setdefault("max_retries", 5)
    return HttpClient(url + "/cloud", "Authorization", "APIKey " + DEADLINE_KEY, sleep=clock.sleep, clock=clock, **kwargs)


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


def test_get_sends_auth_user_agent_and_repeated_params(server):
    delays = []
    server.script = [(200, {}, {"count": 0, "results": []})]
    client = make_client(server.url, delays)
    params = {"state": ["NEW", "RUNNING"], "project_id": 1, "is_acknowledged": False, "region_id": None}
    body = client.get("/v1/tasks", params=params)
    assert body == {"count": 0, "results": []}
    sent = server.received[0]
    assert sent["path"] == "/cloud/v1/tasks?state=NEW&state=RUNNING&project_id=1&is_acknowledged=false"
    assert sent["headers"]["Authorization"] == "APIKey " + KEY
    assert "asyncops.cloud/" + COLLECTION_VERSION in sent["headers"]["User-Agent"]
    assert client.request_count == 1


def test_the_client_counts_the_bytes_of_every_body_it_reads(server):
    page = b'{"count": 1, "results": [{"id": "t"}]}'
    server.script = [(200, {}, page), (404, {}, b'{"message": "gone"}')]
    client = make_client(server.url, [])
    client.get("/v1/tasks")
    assert client.bytes_received == len(page)
    with pytest.raises(errors.NotFoundError):
        client.get("/v1/tasks/t")
    assert client.bytes_received == len(page) + len(b'{"message": "gone"}')


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_get_retries_transient_statuses(server, status):
    delays = []
    server.script = [(status, {}, {"message": "busy"}), (status, {}, {"message": "busy"}),
                     (200, {}, {"id": "t"})]
    client = make_client(server.url, delays)
    assert client.get("/v1/tasks/t") == {"id": "t"}
    assert client.request_count == 3 == len(server.received)
    assert len(delays) <= 2  # urllib3 retries the first failure at once


def test_backoff_grows_capped_with_jitter(server):
    delays = []
    server.script = [(503, {}, None)] * 5 + [(200, {}, {"ok": 1})]
    client = make_client(server.url, delays, max_retries=5, backoff_factor=1, backoff_max=3)
    client.get("/v1/x")
    assert client.request_count == 6
    assert len(delays) == 4  # the first retry is immediate
    assert 2 <= delays[0] < 3 and all(d <= 3 for d in delays)
    assert delays[-1] == 3  # capped


def test_retry_after_seconds_is_honoured_and_capped(server):
    delays = []
    server.script = [(429, {"Retry-After": "7"}, None), (503, {"Retry-After": "3600"}, None),
                     (200, {}, {"ok": 1})]
    client = make_client(server.url, delays)
    client.get("/v1/x")
    assert delays == [7.0, 60.0]


def test_retry_after_http_date_is_honoured(server):
    delays = []
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    server.script = [(503, {"Retry-After": when}, None), (200, {}, {"ok": 1})]
    make_client(server.url, delays).get("/v1/x")
    assert len(delays) == 1 and 15 <= delays[0] <= 21


def test_exhausted_retries_raise_typed_error_with_api_text(server):
    delays = []
    server.script = [(503, {}, {"message": "maintenance window"})] * 4
    client = make_client(server.url, delays)
    with pytest.raises(errors.ServerError) as info:
        client.get("/v1/tasks/abc")
    assert info.value.status == 503 and "maintenance window" in str(info.value)
    assert client.request_count == 4 == len(server.received)


@pytest.mark.parametrize("status,cls", [
    (401, errors.AuthenticationError), (403, errors.AuthenticationError),
    (404, errors.NotFoundError), (400, errors.RequestValidationError),
    (422, errors.RequestValidationError), (409, errors.UnexpectedStatusError),
    (302, errors.UnexpectedStatusError),
])
def test_client_errors_fail_at_once_typed(server, status, cls):
    delays = []
    server.script = [(status, {"X-Request-ID": "req-9", "Location": "http://example.invalid/"},
                      {"detail": [{"msg": "field required", "loc": ["body", "name"]}]})]
    client = make_client(server.url, delays)
    with pytest.raises(cls) as info:
        client.get("/v1/tasks/abc")
    exc = info.value
    assert (exc.status, exc.method, exc.path) == (status, "GET", "/v1/tasks/abc")
    assert exc.api_message == "field required" and exc.request_id == "req-9"
    assert client.request_count == 1 and delays == []
    assert exc.to_dict()["type"] == cls.__name__


def test_key_never_appears_in_errors_even_if_echoed(server):
    server.script = [(401, {}, {"message": "bad key APIKey " + KEY, "error": "denied"})]
    client = make_client(server.url, [])
    with pytest.raises(errors.AuthenticationError) as info:
        client.get("/v1/tasks/x")
    exc = info.value
    for text in (str(exc), repr(exc), repr(exc.to_dict()), repr(client)):
        assert KEY not in text
    assert "denied" in str(exc)


def test_a_bare_key_echoed_without_its_scheme_word_is_masked_too(server):
    server.script = [(403, {}, {"message": "key %s has no access to project 1" % KEY})]
    with pytest.raises(errors.AuthenticationError) as info:
        make_client(server.url, []).get("/v1/tasks/x")
    assert KEY not in str(info.value) and KEY not in repr(info.value.to_dict())
    assert info.value.api_message == "key ******** has no access to project 1"


def test_plain_text_error_body_is_carried(server):
    server.script = [(400, {}, b"name must be unique")]
    with pytest.raises(errors.RequestValidationError) as info:
        make_client(server.url, []).post("/v1/things", json={})
    assert info.value.api_message == "name must be unique"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_write_is_never_resent_after_error_status(server, status):
    server.script = [(status, {"Retry-After": "1"}, {"message": "try later"}), (200, {}, {"tasks": ["t"]})]
    client = make_client(server.url, [])
    with pytest.raises(errors.ApiError) as info:
        client.post("/v1/volumes", json={"name": "v"})
    assert info.value.status == status
    assert len(server.received) == 1 and client.request_count == 1


def test_write_dropped_connection_is_outcome_unknown(server):
    server.script = ["drop", (200, {}, {"tasks": ["t"]})]
    client = make_client(server.url, [])
    with pytest.raises(errors.WriteOutcomeUnknownError):
        client.delete("/v1/instances/1")
    assert len(server.received) == 1 and client.request_count == 1


def test_idempotent_post_is_retried_after_dropped_connection(server):
    server.script = ["drop", (200, {}, {"data": {"jobs": []}})]
    client = make_client(server.url, [])
    assert client.post("/resource/jobs", json={"jobIds": ["a"]}, idempotent=True) == {"data": {"jobs": []}}
    assert len(server.received) == 2 == client.request_count
    assert server.received[1]["body"] == {"jobIds": ["a"]}


def test_read_timeout_on_get_is_retried_then_transport_error(server):
    server.script = [("slow", 0.4, 200, {"late": 1})] * 2
    client = make_client(server.url, [], max_retries=1, read_timeout=0.1)
    with pytest.raises(errors.TransportError) as info:
        client.get("/v1/tasks/x")
    assert info.value.may_have_been_sent is True
    assert client.request_count == 2


def test_connection_refused_is_retried_and_never_counted():
    delays = []
    client = make_client(closed_port_url(), delays, max_retries=2)
    with pytest.raises(errors.TransportError) as info:
        client.post("/v1/volumes", json={})  # a write: safe to retry, it was never sent
    assert info.value.may_have_been_sent is False
    assert client.request_count == 0 and len(delays) == 1


def test_malformed_body_is_typed(server):
    server.script = [(200, {}, b"<html>oops</html>")]
    with pytest.raises(errors.MalformedResponseError):
        make_client(server.url, []).get("/v1/tasks/x")


def test_no_content_returns_none(server):
    server.script = [(204, {}, None)]
    assert make_client(server.url, []).post("/v1/tasks/acknowledge_all", idempotent=True) is None


@pytest.mark.parametrize("path", ["/v1/tasks/..", "/v1/../../etc", "/v1/tasks/%2e%2e/x", "v1/tasks",
                                  "/v1/tasks?x=1"])
def test_paths_escaping_the_base_are_refused(server, path):
    client = make_client(server.url, [])
    with pytest.raises(errors.UnsafePathError):
        client.get(path)
    assert server.received == []


def test_quote_segment_neutralises_separators():
    assert quote_segment("../acknowledge_all?x=1#y") == "..%2Facknowledge_all%3Fx%3D1%23y"


def test_tls_options_reach_both_sessions(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("x")
    assert verify_settings(HttpClient("https://h", "X-API-Key", "k", ca_path=str(bundle))) == [str(bundle)] * 2
    assert verify_settings(HttpClient("https://h", "X-API-Key", "k", validate_certs=False)) == [False] * 2
    assert verify_settings(HttpClient("https://h", "X-API-Key", "k")) == [True] * 2


def test_long_retry_after_is_not_slept_when_it_ends_past_the_deadline(server):
    clock = FakeClock()
    server.script = [STORM] * 6
    client = deadline_client(server.url, clock)
    client.set_deadline(clock() + 2)
    with pytest.raises(errors.RateLimitedError) as caught:
        client.get("/v1/tasks/%s" % TASK)
    assert clock.sleeps == []                       # no 30 s sleep, not even a partial one
    assert client.request_count == len(server.received) == 1
    assert caught.value.status == 429 and "deadline" in str(caught.value)
    assert isinstance(caught.value, errors.TRANSIENT_ERRORS)


def test_backoff_retries_continue_while_they_fit_and_stop_before_the_deadline(server):
    clock = FakeClock()
    server.script = [(503, {}, None)] * 6
    client = deadline_client(server.url, clock, backoff_factor=1, backoff_max=3)
    deadline = clock() + 4
    client.set_deadline(deadline)
    with pytest.raises(errors.ServerError):
        client.get("/v1/x")
    # Some retries fitted (urllib3's first one is immediate), none started at or after the deadline.
    assert len(server.received) == client.request_count >= 2
    assert len(server.received) < 6
    assert clock() < deadline


def test_the_deadline_is_read_on_the_clock_it_was_computed_with(server):
    client_clock, engine_clock = FakeClock(start=0.0), FakeClock(start=500.0)
    server.script = [STORM, (200, {}, {"ok": 1})]
    client = deadline_client(server.url, client_clock)
    # 60 s left on the engine's clock: the 30 s Retry-After fits although 560 > 0 + 30 on the client's.
    client.set_deadline(engine_clock() + 60, engine_clock)
    engine_clock.now = 500.0
    assert client.get("/v1/x") == {"ok": 1}
    assert client_clock.sleeps == [30.0]


def test_lifting_the_deadline_restores_plain_retry_after(server):
    clock = FakeClock()
    server.script = [STORM, (200, {}, {"ok": 1})]
    client = deadline_client(server.url, clock)
    client.set_deadline(clock() + 1)
    client.set_deadline(None)
    assert client.deadline is None
    assert client.get("/v1/x") == {"ok": 1}
    assert clock.sleeps == [30.0]


def test_unreachable_api_past_the_deadline_is_a_transport_error_never_sent():
    clock = FakeClock()
    client = deadline_client(closed_port_url(), clock, backoff_factor=1)
    deadline = clock() + 0.5
    client.set_deadline(deadline)
    with pytest.raises(errors.TransportError) as caught:
        client.get("/v1/x")
    assert caught.value.may_have_been_sent is False and client.request_count == 0
    assert "deadline" in str(caught.value) and "ConnectionError" in str(caught.value)
    assert clock() < deadline  # whatever was slept ended before the deadline


def test_retry_after_in_the_past_means_the_normal_backoff(server):
    clock = FakeClock()
    past = (429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, {"message": "slow down"})
    server.script = [past, past, past, (200, {}, {"ok": True})]
    client = deadline_client(server.url, clock, backoff_factor=0.5)
    assert client.get("/v1/tasks/x") == {"ok": True}
    # urllib3's backoff: an immediate retry (not slept), then 1 s and 2 s (plus up to 0.5 s jitter),
    # never the zero-second burst a past date would otherwise ask for.
    assert len(clock.sleeps) == 2 and 1.0 <= clock.sleeps[0] <= 1.5 and 2.0 <= clock.sleeps[1] <= 2.5
    assert client.request_count == 4


def test_an_answer_over_the_cap_is_refused_naming_it(server):
    server.script = [(200, {}, {"padding": "x" * (2 * 1024 * 1024)})]
    client = deadline_client(server.url, FakeClock(), max_response_bytes=1024 * 1024)
    with pytest.raises(errors.ResponseTooLargeError) as caught:
        client.get("/v1/tasks")
    assert "max_response_mb (1 MiB" in str(caught.value)
    # One attempt, counted; a refused size is not retried (the next answer would be as big).
    assert client.request_count == 1 == len(server.received)


def test_a_body_cut_by_the_deadline_is_marked_as_such(server, monkeypatch):
    def cut(*_args, **_kwargs):
        raise BodyDeadline(1024)
    monkeypatch.setattr(_http, "read_body", cut)
    server.script = [(200, {}, {"count": 0, "results": []})]
    client = make_client(server.url, [])
    with pytest.raises(errors.TransportError) as caught:
        client.get("/v1/tasks")
    assert caught.value.cut_by_deadline is True and "deadline passed" in str(caught.value)


def test_an_ordinary_transport_error_is_not_marked_as_cut_by_the_deadline(monkeypatch):
    client = _client_raising(requests.exceptions.ConnectionError("reset by peer"), monkeypatch)
    with pytest.raises(errors.TransportError) as caught:
        client.get("/cloud/v1/tasks/x")
    assert caught.value.cut_by_deadline is False
