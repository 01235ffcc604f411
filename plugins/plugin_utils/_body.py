# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read an answer's body as a stream, within the call's deadline and a cap on decoded bytes.

requests reads a whole body into memory before anyone can look at it, with only a per-recv
socket timeout: a body trickled a byte at a time or one that never ends holds a call as long
as the server likes, and a gzip bomb inflates to gigabytes. Here the body is read in small
pieces: each socket read may block only until the deadline, the deadline is checked between
pieces, and urllib3 decodes (gzip/deflate) at most one piece's worth of output at a time, so
what is held never exceeds the cap by more than a piece.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

PIECE = 64 * 1024
MIB = 1024 * 1024
# Content codings urllib3 can decode piecewise; the client asks only for these.
ACCEPTED_ENCODINGS = "gzip, deflate"


class BodyTooLarge(Exception):
    """The decoded body passed the cap (``limit`` bytes); nothing more was read."""

    def __init__(self, limit):
        super(BodyTooLarge, self).__init__("more than %d bytes" % limit)
        self.limit = limit


class BodyDeadline(Exception):
    """The deadline passed while the body was still arriving (``received`` bytes so far)."""

    def __init__(self, received):
        super(BodyDeadline, self).__init__("deadline reached after %d bytes of the body" % received)
        self.received = received


def _socket_of(raw):
    connection = getattr(raw, "_connection", None) or getattr(raw, "connection", None)
    return getattr(connection, "sock", None)


def _bound_next_read(raw, remaining):
    """Let the next socket read wait at most ``remaining`` seconds (None: leave it as it is)."""
    if remaining is None:
        return
    sock = _socket_of(raw)
    if sock is not None:
        try:
            sock.settimeout(max(remaining, 0.001))
        except (OSError, ValueError):  # a socket closed under us: the read reports it
            pass


def _read_piece(raw):
    read1 = getattr(raw, "read1", None)
    if callable(read1):
        # At most one socket read and at most PIECE decoded bytes (urllib3 >= 2).
        return read1(PIECE, decode_content=True)
    return raw.read(PIECE, decode_content=True)  # pragma: no cover - urllib3 < 2


def read_body(response, limit, remaining=None):
    """The decoded body of a ``requests`` response sent with ``stream=True``, as bytes.

    ``limit``: the most decoded bytes accepted (None: no cap). ``remaining``: a callable
    returning the seconds left until the deadline (None: unbounded). Raises BodyTooLarge or
    BodyDeadline (the connection is then closed, so the rest is never read); socket errors
    propagate as urllib3/requests raise them. The bytes are also stored on the response, so
    ``response.content``/``response.json()`` work as usual afterwards.
    """
    raw = response.raw
    body = bytearray()
    try:
        while True:
            left = remaining() if remaining is not None else None
            if left is not None and left <= 0:
                raise BodyDeadline(len(body))
            _bound_next_read(raw, left)
            piece = _read_piece(raw)
            if not piece:
                break
            body.extend(piece)
            if limit is not None and len(body) > limit:
                raise BodyTooLarge(limit)
    except (BodyTooLarge, BodyDeadline):
        response.close()
        raise
    content = bytes(body)
    response._content = content
    response._content_consumed = True
    return content
