# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gaps the bad-input sweep found: empty api_url, missing ca_path, over-long host names,
and 10 kB values echoed by argspec messages."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils._connection import resolve_connection
from ansible_collections.asyncops.cloud.plugins.plugin_utils._controller_action import shorten_values

ENV = {"GCORE_API_KEY": "k", "GCORE_API_URL": "http://127.0.0.1:1"}


def option_of(params):
    with pytest.raises(OptionError) as caught:
        resolve_connection(params, ENV)
    return caught.value.option, str(caught.value)


@pytest.mark.parametrize("value", ["", "  "])
def test_explicit_empty_api_url_is_refused_not_defaulted(value):
    option, text = option_of({"api_url": value})
    assert option == "api_url" and "GCORE_API_URL" in text


def test_unset_api_url_still_comes_from_the_environment():
    connection, _secrets = resolve_connection({"api_url": None}, ENV)
    assert connection["api_url"] == "http://127.0.0.1:1"


def test_ca_path_must_exist(tmp_path):
    assert option_of({"ca_path": str(tmp_path / "nope.pem")})[0] == "ca_path"
    assert option_of({"ca_path": ""})[0] == "ca_path"
    bundle = tmp_path / "ca.pem"
    bundle.write_text("x")
    assert resolve_connection({"ca_path": str(bundle)}, ENV)[0]["ca_path"] == str(bundle)


@pytest.mark.parametrize("host", ["a" * 64 + ".example", ".".join(["abc"] * 70)])
def test_host_names_past_dns_limits_are_refused(host):
    option, text = option_of({"api_url": "https://%s/" % host})
    assert option == "api_url" and "too long" in text and len(text) < 300


def test_shorten_values_cuts_long_runs_and_keeps_option_names():
    text = shorten_values("argument 'project_id' is of type str: %s cannot be converted" % ("9" * 10240))
    assert "'project_id'" in text and len(text) < 200 and text.endswith("... cannot be converted")
