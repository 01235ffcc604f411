# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One module per contender; each runs in its own process so its peak RSS is its own.

Every Python contender is started as ``python -m benchmarks.contenders.<name> <spec.json>``:
it reads the spec (simulator URLs, keys, task IDs, intervals), waits its own way, and writes
``<spec.json>.result.json`` through _io.write_result.
"""
