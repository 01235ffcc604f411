# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the resource module knows about each resource type: where it lives, how it is found
by name, which task creates it, and which fields say it is being created or ready to use.

Statuses come from the Gcore OpenAPI spec (VolumeStatus, InstanceStatus, ProvisioningStatusEnum,
K8sClusterV2Status); serializers without a status (networks, subnets) name their running task
in ``task_id``.  GPCN publishes no resource statuses: its resources are ready when ``active``.
No Ansible imports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.asyncops.cloud.plugins.plugin_utils._errors import OptionError

#: What resource(state=absent) does with a Gcore instance's volumes (option instance_volumes).
VOLUME_POLICIES = ("keep", "delete")

CREATING = "creating"
READY = "ready"
FAILED = "failed"
BUSY = "busy"  # neither: being deleted, updated, resized...

# The create bodies' `name` patterns of the Gcore OpenAPI spec.
_GCORE_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z 0-9._\-]{1,61}[a-zA-Z0-9._]")
_GCORE_NAME_TEXT = ("3 to 63 characters: letters, digits, spaces, '.', '_' and '-', starting with a letter or "
                    "digit and ending with a letter, digit, '.' or '_'")
_CLUSTER_NAME = re.compile(r"[a-z][a-z0-9\-]{0,18}[a-z0-9]")
_CLUSTER_NAME_TEXT = ("2 to 20 characters: lower-case letters, digits and '-', starting with a letter and "
                      "ending with a letter or digit")
# GPCN publishes no name rule: any 1 to 255 characters without control characters.
_GPCN_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,255}")
_GPCN_NAME_TEXT = "1 to 255 characters, no control characters"


class Kind(object):
    """One resource type of one provider."""

    def __init__(self, provider, name, collection, created_key, create_type=None, delete_type=None,
                 create_collection=None, name_filter=None, by_name=False, status_field="status",
                 creating=(), ready=(), failed=(), uses_task_id=False, timeout=600.0,
                 drift_fields=None, name_rule=(_GCORE_NAME, _GCORE_NAME_TEXT)):
        self.provider = provider
        self.name = name
        self.collection = collection                    # list/read/delete path (before /{p}/{r})
        self.create_collection = create_collection or collection
        self.created_key = created_key                  # created_resources key (Gcore) / resourceType (GPCN)
        self.create_type = create_type                  # Gcore task_type of its create
        self.delete_type = delete_type
        self.name_filter = name_filter                  # list query parameter matching names, if any
        self.by_name = by_name                          # addressed by name in paths (k8s clusters)
        self.status_field = status_field
        self.creating = frozenset(creating)
        self.ready = frozenset(ready)
        self.failed = frozenset(failed)
        self.uses_task_id = uses_task_id                # serializer names its running task in task_id
        self.timeout = timeout                          # default of the one `timeout` (seconds)
        # body field -> dotted resource field, for the drift check (fields the readback shows).
        self.drift_fields = drift_fields or {}
        self.name_pattern, self.name_text = name_rule

    def __repr__(self):
        return "Kind(%s %s)" % (self.provider, self.name)

    def label(self, name=None, resource_id=None):
        """How messages name a resource: "volume 'data-1'", else "volume 0b8f7e0c-..."."""
        if name:
            return "%s '%s'" % (self.name, name)
        if resource_id:
            return "%s %s" % (self.name, resource_id)
        return self.name

    def phase(self, resource):
        """CREATING, READY, FAILED or BUSY for a resource dict as the API lists it."""
        if self.uses_task_id and resource.get("task_id"):
            return CREATING if resource.get("creator_task_id") in (None, resource.get("task_id")) else BUSY
        status = resource.get(self.status_field)
        if not self.ready and not self.creating:
            return READY  # no status to read: listed and no task running on it
        if status in self.ready:
            return READY
        if status in self.creating:
            return CREATING
        if status in self.failed:
            return FAILED
        return BUSY

    def check_name(self, value, option):
        if not isinstance(value, str) or self.name_pattern.fullmatch(value) is None:
            shown = repr(value) if len(repr(value)) <= 64 else repr(value)[:61] + "..."
            raise OptionError(option, "%s is not a %s name as the %s API takes it: %s"
                              % (shown, self.name, "Gcore" if self.provider == "gcore" else "GPCN", self.name_text))
        return value


_VOLUME_STATUS = dict(creating=("creating", "downloading"), ready=("available", "in-use"),
                      failed=("error",))

GCORE_KINDS = {
    "volume": Kind("gcore", "volume", "/cloud/v1/volumes", "volumes", "create_volume", "delete_volume",
                   name_filter="name_part", uses_task_id=True, timeout=600.0,
                   drift_fields={"size": "size", "type_name": "volume_type"}, **_VOLUME_STATUS),
    "instance": Kind("gcore", "instance", "/cloud/v1/instances", "instances", "create_vm", "delete_vm",
                     create_collection="/cloud/v2/instances", name_filter="name", uses_task_id=True,
                     creating=("BUILD",), ready=("ACTIVE",), failed=("ERROR",), timeout=900.0,
                     drift_fields={"flavor": "flavor.flavor_id"}),
    "network": Kind("gcore", "network", "/cloud/v1/networks", "networks", "create_network", "delete_network",
                    name_filter="name", uses_task_id=True, status_field=None, timeout=600.0,
                    drift_fields={"type": "type"}),
    "subnet": Kind("gcore", "subnet", "/cloud/v1/subnets", "subnets", "create_subnet", "delete_subnet",
                   uses_task_id=True, status_field=None, timeout=600.0,
                   drift_fields={"cidr": "cidr", "network_id": "network_id", "ip_version": "ip_version",
                                 "enable_dhcp": "enable_dhcp"}),
    "loadbalancer": Kind("gcore", "loadbalancer", "/cloud/v1/loadbalancers", "loadbalancers",
                         "create_loadbalancer", "delete_loadbalancer", name_filter="name",
                         status_field="provisioning_status", creating=("PENDING_CREATE",), ready=("ACTIVE",),
                         failed=("ERROR",), timeout=1800.0, drift_fields={"flavor": "flavor"}),
    "k8s_cluster": Kind("gcore", "k8s_cluster", "/cloud/v2/k8s/clusters", "k8s_clusters",
                        "create_k8s_cluster_v2", "delete_k8s_cluster_v2", by_name=True,
                        creating=("Provisioning",), ready=("Provisioned",), timeout=3600.0,
                        drift_fields={"version": "version", "keypair": "keypair"},
                        name_rule=(_CLUSTER_NAME, _CLUSTER_NAME_TEXT)),
}

_GPCN_STATUS = dict(creating=("provisioning", "pending", "creating", "building"),
                    ready=("active", "running", "available"), failed=("failed", "error"),
                    name_rule=(_GPCN_NAME, _GPCN_NAME_TEXT))

GPCN_KINDS = {
    "vm": Kind("gpcn", "vm", "/resource/virtual-machines", "vm", timeout=600.0,
               drift_fields={"configurationId": "configurationId", "imageId": "imageId",
                             "datacenterId": "datacenterId"}, **_GPCN_STATUS),
    "volume": Kind("gpcn", "volume", "/resource/volumes", "volume", timeout=300.0,
                   drift_fields={"size": "size", "datacenterId": "datacenterId"}, **_GPCN_STATUS),
    "network": Kind("gpcn", "network", "/resource/networks", "network", timeout=300.0,
                    drift_fields={"datacenterId": "datacenterId", "cidr": "cidr"}, **_GPCN_STATUS),
}

KINDS = {"gcore": GCORE_KINDS, "gpcn": GPCN_KINDS}
ALL_TYPES = sorted(set(GCORE_KINDS) | set(GPCN_KINDS))


def kind_for(provider, type_name):
    """The Kind of ``type_name`` for ``provider``, or OptionError listing that provider's types."""
    kinds = KINDS.get(provider, {})
    if type_name not in kinds:
        raise OptionError("type", "%r is not a %s resource type; use one of %s"
                          % (type_name, "Gcore" if provider == "gcore" else "GPCN", ", ".join(sorted(kinds))))
    return kinds[type_name]


def field(resource, dotted):
    """``resource['a']['b']`` for ``'a.b'``; None when any part is missing."""
    value = resource
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value
