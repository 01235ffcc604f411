# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read an API key from the file a ``*_API_KEY_FILE`` variable names, refusing anything odd.

A plain ``open().read()`` of /dev/zero reads gigabytes, of a FIFO blocks until someone writes,
and of a binary file raises a bare codec error. The file is opened without blocking, must be a
regular file, is read up to a small cap, and must be UTF-8 text: each refusal says which.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError

# Keys are tens of characters; a few kilobytes leave room for a trailing newline or comment
# lines while refusing anything that is clearly not a key file.
KEY_FILE_MAX_BYTES = 4096


def _refuse(variable, reason):
    return OptionError("api_key", "the key file named by %s %s" % (variable, reason))


def read_key_file(path, variable):
    """The stripped key held by the file at ``path``; OptionError naming ``variable`` otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except (IOError, OSError) as exc:
        raise _refuse(variable, "could not be read: %s" % (getattr(exc, "strerror", None) or type(exc).__name__))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(variable, "is not a regular file (a device, FIFO, socket or directory cannot hold a key)")
        if info.st_size > KEY_FILE_MAX_BYTES:
            raise _refuse(variable, "is larger than %d bytes (%d bytes); it should hold only the key"
                          % (KEY_FILE_MAX_BYTES, info.st_size))
        data = os.read(descriptor, KEY_FILE_MAX_BYTES + 1)
    except (IOError, OSError) as exc:
        raise _refuse(variable, "could not be read: %s" % (getattr(exc, "strerror", None) or type(exc).__name__))
    finally:
        os.close(descriptor)
    if len(data) > KEY_FILE_MAX_BYTES:
        raise _refuse(variable, "is larger than %d bytes; it should hold only the key" % KEY_FILE_MAX_BYTES)
    try:
        key = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise _refuse(variable, "is not UTF-8 text")
    if not key:
        raise _refuse(variable, "is empty")
    return key
