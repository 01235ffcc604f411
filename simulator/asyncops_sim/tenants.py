# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API keys and the tenant each one belongs to."""


class Tenant(object):
    def __init__(self, provider, key, name, project_id=None, region_id=None, number=1):
        self.provider = provider
        self.key = key
        self.name = name
        self.project_id = project_id
        self.region_id = region_id
        # Stable fake identities so tasks carry plausible user_id/client_id values.
        self.client_id = 1000 + number
        self.user_id = 2000 + number

    def to_dict(self):
        return {"provider": self.provider, "name": self.name, "project_id": self.project_id,
                "region_id": self.region_id}


DEFAULT_TENANT_SPECS = [
    "gcore:sim-gcore-key-a:a:1:76",
    "gcore:sim-gcore-key-b:b:2:76",
    "gpcn:gpcn_sim_key_a:a",
    "gpcn:gpcn_sim_key_b:b",
]


def parse_tenant(spec, number):
    """'provider:key:name[:project_id:region_id]' -> Tenant."""
    parts = spec.split(":")
    if len(parts) not in (3, 5) or parts[0] not in ("gcore", "gpcn"):
        raise ValueError("tenant must look like provider:key:name[:project_id:region_id], got %r" % spec)
    project_id = region_id = None
    if len(parts) == 5:
        project_id, region_id = int(parts[3]), int(parts[4])
    elif parts[0] == "gcore":
        project_id, region_id = number, 76
    return Tenant(parts[0], parts[1], parts[2], project_id, region_id, number)


def build_tenants(specs=None):
    specs = list(specs) if specs else DEFAULT_TENANT_SPECS
    tenants = [parse_tenant(spec, i + 1) for i, spec in enumerate(specs)]
    return {(t.provider, t.key): t for t in tenants}
