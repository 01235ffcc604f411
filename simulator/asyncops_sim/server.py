# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP server: one handler that counts, injects faults, rate-limits, authenticates and
dispatches to the API modules. Loopback only."""
import ipaddress
import socket
import ssl
import struct
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import bodies, control_api, gcore_tasks, gcore_writes, gpcn_api, record_faults
from .counters import Counters
from .errors import HttpProblem, error_for
from .faults import MODIFIERS, FaultQueue
from .ratelimit import RateLimiter
from .routing import Request, Response, Router
from .store import SimState
from .tenants import build_tenants

HTML_PAGE = (b"<html><head><title>502 Bad Gateway</title></head><body>"
             b"<h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>")
MALFORMED_BODY = b'{"id": "3f1c2a", "state": "RUNN'


class Simulator(object):
    """Everything a request handler needs; shared by all handler threads."""

    def __init__(self, tenants=None, time_scale=1.0, seed=None):
        self.state = SimState(build_tenants(tenants), time_scale=time_scale, seed=seed)
        self.counters = Counters()
        self.faults = FaultQueue()
        self.limiter = RateLimiter()
        self.api = Router()
        gcore_tasks.register(self.api)
        gcore_writes.register(self.api)
        gpcn_api.register(self.api)
        self.control = Router()
        control_api.register(self.control)

    def identify(self, provider, headers):
        """-> (presented key or None, Tenant or None)."""
        if provider == "gpcn":
            key = headers.get("X-API-Key")  # http.client headers are case-insensitive
        else:
            key = None
            auth = headers.get("Authorization") or ""
            scheme, _, value = auth.strip().partition(" ")
            if scheme.lower() == "apikey" and value.strip():
                key = value.strip()
        if not key:
            return None, None
        return key, self.state.tenants.get((provider, key))


def provider_of(route, path):
    if route is not None and route.provider:
        return route.provider
    return "gpcn" if path.startswith("/v1/") else "gcore"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real APIs behind a load balancer
    server_version = "asyncops-sim"
    sim = None  # set on a subclass per server
    body_bytes = 0  # body bytes written for the API request being answered

    def log_message(self, format, *args):  # quiet: tests run many requests
        pass

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    # -- plumbing ---------------------------------------------------------------------------
    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, response, trickle=None):
        """Write the answer; `trickle` (seconds) sends the body one byte at a time that far apart.

        Adds the body bytes written to `self.body_bytes` (what the counters report as sent)."""
        length, chunks = bodies.prepare(response)
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            if length is None:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(length))
            for name, value in response.headers.items():
                self.send_header(name, str(value))
            self.end_headers()
            if self.command == "HEAD":
                return
            for chunk in chunks:
                if trickle is not None:
                    self._trickle(chunk, trickle)
                elif length is None:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                else:
                    self.wfile.write(chunk)
                self.body_bytes += len(chunk)
            if length is None:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            # The client hung up (typically on a body it refused to read to the end).
            self.close_connection = True

    def _trickle(self, chunk, interval):
        for index in range(len(chunk)):
            self.wfile.write(chunk[index:index + 1])
            self.wfile.flush()
            time.sleep(interval)

    def _drop(self, abortive):
        """Close the connection without an answer (abortive=True sends a TCP reset)."""
        self.close_connection = True
        try:
            if abortive:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
            self.connection.close()
        except OSError:
            pass

    # -- the request pipeline ---------------------------------------------------------------
    def dispatch(self):
        split = urlsplit(self.path)
        request = Request(self.command, split.path, parse_qs(split.query, keep_blank_values=True),
                          self.headers, self._read_body())
        if split.path.startswith("/_sim/"):
            return self._control(request)
        sim = self.sim
        route, params = sim.api.match(request.method, request.path)
        provider = provider_of(route, request.path)
        route_name = route.name if route else "%s <unknown route>" % request.method
        key, tenant = sim.identify(provider, request.headers)
        self.body_bytes = 0
        with sim.state.lock:
            # One clock reading, under the lock so readings follow the order requests are taken
            # in: the rate limiter's "now" and the arrival time on the counters' timeline.
            received_at = sim.counters.clock()
            sim.counters.record(route_name, tenant.name if tenant else "unauthenticated")
            fired = sim.faults.take(route_name)
            retry_in = sim.limiter.check(sim.state.config.get("rate_limit"),
                                         key or "anonymous", received_at)
        status = self._answer(request, route, params, provider, tenant, fired, retry_in)
        with sim.state.lock:
            sim.counters.answered(status, route_name, self.body_bytes, received_at)

    def _answer(self, request, route, params, provider, tenant, fired, retry_in):
        """Answers the request; returns the status sent, or None if the connection was dropped."""
        replacing = [f for f in fired if f["kind"] not in MODIFIERS]
        trickle = None
        for fault in fired:
            if fault["kind"] == "slow":
                time.sleep(float(fault.get("delay", 1)))
            elif fault["kind"] == "trickle":
                trickle = float(fault.get("interval", 1))
        if replacing:
            return self._fault_answer(replacing[0], provider)
        if retry_in is not None:
            response = error_for(provider, 429, "Rate limit exceeded, retry in %d s" % retry_in,
                                 {"Retry-After": retry_in})
            self._send(response)
            return 429
        if tenant is None:
            self._send(error_for(provider, 401, "Invalid or missing API key"))
            return 401
        if route is None:
            self._send(error_for(provider, 404, "No route for %s %s" % (request.method,
                                                                       request.path)))
            return 404
        request.params = params
        request.tenant = tenant
        request.faults = fired
        state = self.sim.state
        with state.lock:
            state.settle()
            try:
                response = route.handler(state, request)
            except HttpProblem as problem:
                response = error_for(provider, problem.status, problem.message)
            record_faults.apply(response, fired, state, provider)
        if any(f["kind"] == "drop_after_processing" for f in fired):
            self._drop(abortive=False)
            return None
        self._send(response, trickle=trickle)
        return response.status

    def _fault_answer(self, fault, provider):
        kind = fault["kind"]
        if kind == "reset":
            self._drop(abortive=True)
            return None
        if kind == "hang":
            time.sleep(float(fault.get("delay", 30)))
            self._drop(abortive=False)
            return None
        if kind == "endless":
            response = bodies.endless(fault.get("duration", bodies.DEFAULT_ENDLESS_SECONDS))
        elif kind == "oversized":
            response = bodies.oversized(fault.get("size", bodies.DEFAULT_OVERSIZED))
        elif kind == "gzip_bomb":
            response = bodies.gzip_bomb(fault.get("size", bodies.DEFAULT_BOMB))
        elif kind == "redirect":
            response = bodies.redirect(fault.get("status", 302), fault.get("location", bodies.DEFAULT_LOCATION))
        elif kind == "malformed":
            response = Response(200, raw=MALFORMED_BODY)
        elif kind == "empty":
            response = Response(200, raw=b"")
        elif kind == "html":
            response = Response(int(fault.get("status", 502)), raw=HTML_PAGE,
                                content_type="text/html")
        else:  # status
            code = int(fault["status"])
            body = fault.get("body")
            if body is None:
                response = error_for(provider, code, "Injected fault: HTTP %d" % code)
            elif isinstance(body, str):
                response = Response(code, raw=body.encode("utf-8"))
            else:
                response = Response(code, body)
        if fault.get("retry_after_http_date"):
            response.headers["Retry-After"] = formatdate(
                time.time() + float(fault.get("retry_after", 1)), usegmt=True)
        elif fault.get("retry_after") is not None:
            response.headers["Retry-After"] = fault["retry_after"]
        self._send(response)
        return response.status

    def _control(self, request):
        route, params = self.sim.control.match(request.method, request.path)
        if route is None:
            self._send(Response(404, {"message": "no control route %s %s" % (request.method,
                                                                               request.path)}))
            return
        request.params = params
        try:
            response = route.handler(self.sim, request)
        except HttpProblem as problem:
            response = Response(problem.status, {"message": problem.message})
        except (ValueError, TypeError, KeyError) as exc:
            response = Response(400, {"message": "bad control request: %s" % exc})
        self._send(response)


def check_loopback(host):
    """Refuse anything that is not a loopback address: the simulator must never be exposed."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        raise ValueError("cannot resolve host %r" % host)
    for info in infos:
        if not ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback:
            raise ValueError("refusing to bind to non-loopback address %r" % host)


class SimServer(ThreadingHTTPServer):
    daemon_threads = True  # hanging faults must not keep the process alive
    allow_reuse_address = True  # restart on the same --port right after a stop
    request_queue_size = 128


def make_server(host="127.0.0.1", port=0, time_scale=1.0, seed=None, tenants=None,
                tls_cert=None, tls_key=None):
    check_loopback(host)
    simulator = Simulator(tenants=tenants, time_scale=time_scale, seed=seed)
    handler = type("BoundHandler", (Handler,), {"sim": simulator})
    server_class = SimServer
    if ":" in host:
        server_class = type("SimServer6", (SimServer,), {"address_family": socket.AF_INET6})
    server = server_class((host, port), handler)
    scheme = "http"
    if tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_cert, tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    bound_port = server.server_address[1]
    shown_host = "[%s]" % host if ":" in host else host
    server.base_url = "%s://%s:%d" % (scheme, shown_host, bound_port)
    server.simulator = simulator
    return server


class SimulatorHandle(object):
    """A simulator serving from a background thread (for tests and benchmarks)."""

    def __init__(self, server):
        self.server = server
        self.base_url = server.base_url
        self.gcore_url = server.base_url
        self.gpcn_url = server.base_url + "/v1"
        self.port = server.server_address[1]
        self.simulator = server.simulator
        self.thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                       name="asyncops-sim", daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_simulator(host="127.0.0.1", port=0, time_scale=1.0, seed=None, tenants=None,
                    tls_cert=None, tls_key=None):
    return SimulatorHandle(make_server(host, port, time_scale, seed, tenants, tls_cert, tls_key))
