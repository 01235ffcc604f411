# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Answers whose body is the fault: too big, endless, a gzip bomb, trickled, or a redirect.

They are streamed (the simulator never holds a 200 MB body), so one simulator can serve many
of them. Each is a plain Response whose `chunks` iterator replaces the payload; `server._send`
writes it with Content-Length, or chunked when the length is unknown (endless).
"""
import json
import threading
import zlib

from .routing import Response

MIB = 1 << 20
DEFAULT_OVERSIZED = 200 * MIB
DEFAULT_BOMB = 500 * MIB
# An endless body stops by itself after this long (a client that never hangs up must not
# keep a simulator thread busy forever).
DEFAULT_ENDLESS_SECONDS = 120.0
FILLER = b" " * (64 * 1024)
# A redirect target nobody listens on (a dead loopback port): a client that followed it,
# carrying the key, would show up as a connection error instead of a success.
DEFAULT_LOCATION = "http://127.0.0.1:9/redirected"

_BOMBS = {}
_BOMBS_LOCK = threading.Lock()


def _padded_json(size):
    """Chunks of a valid JSON object of exactly `size` bytes (at least 64): a list answer
    `{"count": 0, "results": [], "padding": "   ...   "}`."""
    head = b'{"count": 0, "results": [], "padding": "'
    tail = b'"}'
    left = max(0, int(size) - len(head) - len(tail))
    yield head
    while left > 0:
        piece = FILLER[:min(left, len(FILLER))]
        left -= len(piece)
        yield piece
    yield tail


def oversized(size=DEFAULT_OVERSIZED):
    """200 with a valid JSON body of `size` bytes and an honest Content-Length."""
    size = max(64, int(size))
    response = Response(200)
    response.length = size
    response.chunks = _padded_json(size)
    return response


def gzip_bomb(size=DEFAULT_BOMB):
    """200, Content-Encoding: gzip, a small body that inflates to `size` bytes of JSON."""
    size = max(64, int(size))
    compressed = compressed_padding(size)
    response = Response(200, raw=compressed)
    response.headers["Content-Encoding"] = "gzip"
    return response


def compressed_padding(size):
    """gzip of a `size`-byte JSON object, computed once per size (500 MB takes seconds)."""
    with _BOMBS_LOCK:
        if size not in _BOMBS:
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            parts = [packer.compress(chunk) for chunk in _padded_json(size)]
            parts.append(packer.flush())
            _BOMBS[size] = b"".join(parts)
        return _BOMBS[size]


def _endless(seconds, clock):
    give_up = clock() + seconds
    yield b'{"count": 1, "results": ['
    record = json.dumps({"id": "endless", "padding": " " * 4000}).encode("utf-8") + b", "
    piece = record * 16
    while clock() < give_up:
        yield piece


def endless(seconds=DEFAULT_ENDLESS_SECONDS, clock=None):
    """200, chunked, a JSON list that never closes (until `seconds` pass or the client leaves)."""
    import time
    response = Response(200)
    response.length = None  # chunked
    response.chunks = _endless(float(seconds), clock or time.monotonic)
    return response


def redirect(status=302, location=DEFAULT_LOCATION):
    response = Response(int(status), raw=b"")
    response.headers["Location"] = location
    return response


def prepare(response):
    """(length or None, iterator of byte chunks) of any Response."""
    chunks = getattr(response, "chunks", None)
    if chunks is not None:
        return getattr(response, "length", None), chunks
    payload = response.payload()
    return len(payload), iter([payload] if payload else [])
