# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The contract between the harness and a contender process: a spec in, a result out.

Spec keys: provider, base_url, api_key, ids, types ({id: task type}), interval (seconds, the
contender's own documented interval; None = the waiter's defaults), timeout, collections_path.
Result keys: started_at, returned_at (epoch seconds, the moment the waiter gave control
back), observed ({id: epoch when the waiter first saw it terminal}), states ({id: final
word}), self_rss_peak_kb (this process's ru_maxrss), extra (free-form numbers).
"""

import json
import resource
import sys
import time


def read_spec():
    path = sys.argv[1]
    with open(path) as handle:
        return path, json.load(handle)


def write_result(spec_path, started_at, returned_at, observed, states, extra=None):
    result = {
        "started_at": started_at,
        "returned_at": returned_at,
        "observed": observed,
        "states": states,
        # Linux reports ru_maxrss in KiB.
        "self_rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "extra": extra or {},
    }
    with open(spec_path + ".result.json", "w") as handle:
        json.dump(result, handle)


def now():
    """Wall clock (epoch): comparable with the simulator's task end times, same machine."""
    return time.time()
