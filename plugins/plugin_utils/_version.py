# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection version, kept in one place so the User-Agent and results agree with galaxy.yml."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

COLLECTION_NAME = "asyncops.cloud"
COLLECTION_VERSION = "1.1.0"
