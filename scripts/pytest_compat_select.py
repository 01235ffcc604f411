# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""pytest plugin loaded by `scripts/test.sh --compat` (``-p pytest_compat_select``).

The compat run (ansible-core 2.19 on Python 3.11) takes every unit test but only the
integration tests marked ``compat``. A marker expression cannot say "all of tests/unit plus marked ones
elsewhere", hence this small collection hook.
"""

import os

INTEGRATION_DIR = os.path.join("tests", "integration") + os.sep


def _is_integration(item):
    return INTEGRATION_DIR in str(item.path)


def pytest_collection_modifyitems(config, items):
    wanted = set(id(item) for item in items if _is_integration(item) and item.get_closest_marker("compat"))

    keep, drop = [], []
    for item in items:
        if _is_integration(item) and id(item) not in wanted:
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_report_header(config):
    # Deselection happens in the xdist workers, whose counts the summary line does not show.
    return "compat run: all unit tests; integration tests marked `compat`"
