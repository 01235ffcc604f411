# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every spelling in which an API key can show up in text, and masking all of them.

A key leaves this collection only in its header, but servers, proxies and libraries repeat
it in other shapes: with its scheme word (``APIKey <key>``, as the header carries it and as
Gcore's docs print it), percent-encoded in a URL a connection error quotes, ``+``-encoded in
a query string, or JSON-escaped inside an echoed body. Masking only the form the user typed
misses the others, so every place that masks uses these forms.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

try:
    from urllib.parse import quote, quote_plus
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for sanity's import test
    from urllib import quote, quote_plus  # type: ignore

MASK = "********"
# Scheme words a key may be pasted with (the Gcore header scheme; Bearer for good measure).
SCHEMES = ("apikey", "bearer")


def bare_key(value):
    """The key without a leading scheme word: ``APIKey abc`` -> ``abc``."""
    text = (value or "").strip()
    head, _sep, rest = text.partition(" ")
    if head.lower() in SCHEMES and rest.strip():
        return rest.strip()
    return text


def secret_forms(*values):
    """Every text form of each key among ``values``, longest first (None and '' skipped)."""
    forms = set()
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        key = bare_key(value)
        for text in (value, value.strip(), key, "APIKey " + key):
            forms.add(text)
        for encoded in (quote(key, safe=""), quote(key), quote_plus(key), json.dumps(key)[1:-1],
                        json.dumps(key, ensure_ascii=False)[1:-1]):
            forms.add(encoded)
    return sorted(forms, key=lambda form: (-len(form), form))


def mask(text, forms):
    """``text`` with every form replaced by the mask (non-text is returned unchanged)."""
    if not isinstance(text, str) or not forms:
        return text
    for form in forms:
        if form and form in text:
            text = text.replace(form, MASK)
    return text
