# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each operation looks like: typical durations (the Gcore task and GPCN job documents) and failure texts."""

# Seconds, before --time-scale. Gcore values from the Gcore task document's table; GPCN from the GPCN
# asynchronous-operations document.
GCORE_DURATIONS = {
    "create_vm": (15, 30),
    "create_volume": (5, 15),
    "create_network": (5, 10),
    "create_subnet": (5, 10),
    "create_loadbalancer": (30, 90),
    "delete_vm": (15, 70),
    "delete_bm": (60, 120),
    "create_k8s_cluster_v2": (300, 900),
}
GPCN_DURATIONS = {
    "create_vm": (60, 150),
    "create_gpu": (60, 150),
    "create_volume": (10, 30),
    "create_network": (5, 15),
}
DEFAULT_DURATION = (5, 15)

GCORE_ERRORS = {
    "create_volume": "Quota limit for volume_size exceeded by 20",
    "create_vm": "Quota limit for cpu_count exceeded by 2",
    "create_network": "Quota limit for network_count exceeded by 1",
    "create_loadbalancer": "Quota limit for loadbalancer_count exceeded by 1",
    "create_k8s_cluster_v2": "Quota limit for cluster_count exceeded by 1",
}
GPCN_ERRORS = {
    "vm": "Insufficient capacity in datacenter for the requested configuration",
    "gpu": "No GPU capacity available in datacenter",
    "volume": "Insufficient quota for volume storage",
    "network": "Invalid network configuration",
}

# Gcore task types that carry resources to created_resources (seeded tasks use these).
GCORE_CREATED_KEY = {
    "create_vm": "instances",
    "create_bm": "instances",
    "create_volume": "volumes",
    "create_network": "networks",
    "create_subnet": "subnets",
    "create_loadbalancer": "loadbalancers",
    "create_k8s_cluster_v2": "k8s_clusters",
    "create_fip": "floatingips",
    "create_router": "routers",
    "create_snapshot": "snapshots",
    "create_image": "images",
}

# Every key of the spec's CreatedResources schema (all present, empty when nothing was created).
CREATED_RESOURCE_KEYS = (
    "ai_clusters", "api_keys", "caas_containers", "clusters", "ddos_profiles", "faas_functions",
    "faas_namespaces", "file_shares", "floatingips", "healthmonitors", "images",
    "inference_instances", "instances", "k8s_clusters", "k8s_pools", "l7polices", "l7rules",
    "laas_topic", "listeners", "loadbalancers", "members", "networks", "pools", "ports",
    "postgresql_clusters", "projects", "registry_registries", "registry_users", "routers",
    "secrets", "security_group_rules", "security_groups", "servergroups", "snapshots", "subnets",
    "volumes",
)


def gcore_duration_range(task_type):
    if task_type in GCORE_DURATIONS:
        return GCORE_DURATIONS[task_type]
    if "k8s" in task_type:
        return GCORE_DURATIONS["create_k8s_cluster_v2"]
    if task_type.startswith("delete_b"):
        return GCORE_DURATIONS["delete_bm"]
    return DEFAULT_DURATION


def gpcn_duration_range(operation):
    return GPCN_DURATIONS.get(operation, DEFAULT_DURATION)


def gcore_error_text(task_type):
    return GCORE_ERRORS.get(task_type, "Simulated failure of %s" % task_type)


def full_created_resources(created):
    """The spec's CreatedResources object: every key, lists for the created types."""
    result = {key: [] for key in CREATED_RESOURCE_KEYS}
    for key, ids in (created or {}).items():
        result[key] = list(ids)
    return result
