# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Token bucket per API key, configured with {"requests_per_second": x, "burst": n}."""
import math


class RateLimiter(object):
    def __init__(self):
        self.buckets = {}  # key -> (tokens, last_refill)

    def reset(self):
        self.buckets = {}

    def check(self, config, key, now):
        """-> None if allowed, else seconds until the next request would be allowed."""
        if not config:
            return None
        rate = float(config.get("requests_per_second", 0))
        burst = float(config.get("burst", max(rate, 1)))
        if rate <= 0:
            return None
        tokens, last = self.buckets.get(key, (burst, now))
        tokens = min(burst, tokens + (now - last) * rate)
        if tokens >= 1:
            self.buckets[key] = (tokens - 1, now)
            return None
        self.buckets[key] = (tokens, now)
        return max(1, int(math.ceil((1 - tokens) / rate)))
