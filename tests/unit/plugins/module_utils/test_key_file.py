# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The key can come from a file named by GCORE_API_KEY_FILE / GPCN_API_KEY_FILE (AWX file injectors)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError
from ansible_collections.asyncops.cloud.plugins.plugin_utils import _connection as c


@pytest.mark.parametrize("provider, variable", [("gcore", "GCORE_API_KEY_FILE"), ("gpcn", "GPCN_API_KEY_FILE")])
def test_key_is_read_from_the_named_file(tmp_path, provider, variable):
    key_file = tmp_path / "key"
    key_file.write_text("file-key-123\n")
    connection, secrets = c.resolve_connection({"provider": provider}, {variable: str(key_file)})
    assert connection["api_key"] == "file-key-123"
    assert secrets == ["file-key-123"]


def test_a_key_variable_wins_over_the_key_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("from-file")
    connection, _secrets = c.resolve_connection(
        {"provider": "gcore"}, {"GCORE_API_KEY": "from-env", "GCORE_API_KEY_FILE": str(key_file)})
    assert connection["api_key"] == "from-env"


def test_the_other_providers_key_file_is_never_used(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("gcore-only")
    with pytest.raises(OptionError) as caught:
        c.resolve_connection({"provider": "gpcn"}, {"GCORE_API_KEY_FILE": str(key_file)})
    assert "GPCN_API_KEY_FILE" in str(caught.value)


@pytest.mark.parametrize("content", ["", "  \n"])
def test_an_empty_key_file_is_refused(tmp_path, content):
    key_file = tmp_path / "key"
    key_file.write_text(content)
    with pytest.raises(OptionError) as caught:
        c.resolve_connection({"provider": "gcore"}, {"GCORE_API_KEY_FILE": str(key_file)})
    assert "empty" in str(caught.value)


def test_a_missing_key_file_names_the_variable_not_the_path_contents(tmp_path):
    with pytest.raises(OptionError) as caught:
        c.resolve_connection({"provider": "gcore"}, {"GCORE_API_KEY_FILE": str(tmp_path / "absent")})
    assert "GCORE_API_KEY_FILE" in str(caught.value)
    assert caught.value.option == "api_key"
