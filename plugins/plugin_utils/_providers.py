# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The providers this collection knows, each with its Adapter class (the one registry)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.asyncops.cloud.plugins.plugin_utils._gcore import GcoreAdapter
from ansible_collections.asyncops.cloud.plugins.plugin_utils._gpcn import GpcnAdapter

ADAPTERS = {
    GcoreAdapter.provider: GcoreAdapter,
    GpcnAdapter.provider: GpcnAdapter,
}
