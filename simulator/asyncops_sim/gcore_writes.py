# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gcore write endpoints (create/delete volumes, instances, networks, load balancers, k8s
clusters) that answer {"tasks": [id]} and make the resource readable once the task finishes."""
import uuid

from . import catalog
from ._time import iso
from .errors import HttpProblem
from .routing import Response
from .store import Task

REGION_NAME = "Luxembourg-2"


class Kind(object):
    def __init__(self, name, create_path, item_path, id_param, create_type, delete_type,
                 created_key, required, name_filter, build):
        self.name = name
        self.create_path = create_path
        self.item_path = item_path
        self.id_param = id_param
        self.create_type = create_type
        self.delete_type = delete_type
        self.created_key = created_key
        self.required = required
        self.name_filter = name_filter  # query parameter the spec offers for names
        self.build = build


def _base(resource_id, body, tenant, project_id, region_id, kind, status):
    return {"id": resource_id, "name": body.get("name"), "status": status,
            "project_id": project_id, "region_id": region_id, "region": REGION_NAME,
            "tags": [], "_tenant": tenant, "_kind": kind, "_provider": "gcore"}


def _volume(ids, body, tenant, project_id, region_id, task_id):
    resource = _base(ids["volumes"][0], body, tenant, project_id, region_id, "volume", "available")
    resource.update({"size": body.get("size", 10), "volume_type": body.get("type_name", "standard"),
                     "bootable": body.get("source") == "image", "is_root_volume": False,
                     "attachments": [], "creator_task_id": task_id})
    return resource


def _instance(ids, body, tenant, project_id, region_id, task_id):
    resource = _base(ids["instances"][0], body, tenant, project_id, region_id, "instance", "ACTIVE")
    resource.update({"vm_state": "active", "flavor": {"flavor_id": body.get("flavor"),
                                                      "flavor_name": body.get("flavor")},
                     "volumes": [{"id": v, "delete_on_termination": False} for v in ids["volumes"]],
                     "addresses": {}, "security_groups": [], "ssh_key_name": body.get("ssh_key_name"),
                     "creator_task_id": task_id, "task_id": None, "task_state": None,
                     "instance_description": None, "blackhole_ports": [], "ddos_profile": None,
                     "fixed_ip_assignments": [], "instance_isolation": None})
    return resource


def _instance_volumes(ids, body, tenant, project_id, region_id, task_id):
    """The volumes a create_vm task lists in created_resources, readable once it finished."""
    volumes = []
    for index, (volume_id, spec) in enumerate(zip(ids["volumes"], body["volumes"])):
        spec = spec if isinstance(spec, dict) else {}
        volume_body = {"name": spec.get("name") or "%s-volume-%d" % (body.get("name") or "instance", index),
                       "size": spec.get("size", 10), "source": spec.get("source"),
                       "type_name": spec.get("type_name", "standard")}
        volume = _volume({"volumes": [volume_id]}, volume_body, tenant, project_id, region_id, task_id)
        volume.update(status="in-use", is_root_volume=index == 0,
                      attachments=[{"server_id": ids["instances"][0]}])
        volumes.append(volume)
    return volumes


def _network(ids, body, tenant, project_id, region_id, task_id):
    resource = _base(ids["networks"][0], body, tenant, project_id, region_id, "network", "ACTIVE")
    resource.update({"mtu": 1450, "type": body.get("type", "vxlan"), "segmentation_id": 1000,
                     "external": False, "default": False, "shared": False, "subnets": [],
                     "creator_task_id": task_id, "task_id": None, "port_security_enabled": True})
    return resource


def _loadbalancer(ids, body, tenant, project_id, region_id, task_id):
    resource = _base(ids["loadbalancers"][0], body, tenant, project_id, region_id,
                     "loadbalancer", "ACTIVE")
    resource.update({"provisioning_status": "ACTIVE", "operating_status": "ONLINE",
                     "flavor": body.get("flavor"), "listeners": [], "tags_v2": [],
                     "admin_state_up": True, "creator_task_id": task_id})
    return resource


def _k8s(ids, body, tenant, project_id, region_id, task_id):
    resource = _base(ids["k8s_clusters"][0], body, tenant, project_id, region_id, "k8s", "Provisioned")
    resource.update({"version": body.get("version"), "keypair": body.get("keypair"),
                     "pools": body.get("pools", []), "is_public": False, "add_ons": {},
                     "csi": {}, "logging": None, "creator_task_id": task_id})
    return resource


P = "/{project_id}/{region_id}"
KINDS = [
    Kind("volume", "/cloud/v1/volumes" + P, "/cloud/v1/volumes" + P + "/{volume_id}", "volume_id",
         "create_volume", "delete_volume", "volumes", ("name", "source"), "name_part", _volume),
    Kind("instance", "/cloud/v2/instances" + P, "/cloud/v1/instances" + P + "/{instance_id}",
         "instance_id", "create_vm", "delete_vm", "instances", ("flavor", "interfaces", "volumes"),
         "name", _instance),
    Kind("network", "/cloud/v1/networks" + P, "/cloud/v1/networks" + P + "/{network_id}",
         "network_id", "create_network", "delete_network", "networks", ("name",), "name", _network),
    Kind("loadbalancer", "/cloud/v1/loadbalancers" + P,
         "/cloud/v1/loadbalancers" + P + "/{load_balancer_id}", "load_balancer_id",
         "create_loadbalancer", "delete_loadbalancer", "loadbalancers", ("name",), "name",
         _loadbalancer),
    Kind("k8s", "/cloud/v2/k8s/clusters" + P, "/cloud/v2/k8s/clusters" + P + "/{cluster_name}",
         "cluster_name", "create_k8s_cluster_v2", "delete_k8s_cluster_v2", "k8s_clusters",
         ("keypair", "name", "pools", "version"), None, _k8s),
]


def _scope(request):
    """Checks the path's project/region belong to the caller (other tenants' -> 404)."""
    tenant = request.tenant
    try:
        project_id = int(request.params["project_id"])
        region_id = int(request.params["region_id"])
    except ValueError:
        raise HttpProblem(422, "project_id and region_id must be integers")
    if project_id != tenant.project_id:
        raise HttpProblem(404, "Project %s not found" % project_id)
    if region_id != tenant.region_id:
        raise HttpProblem(404, "Region %s not found" % region_id)
    return project_id, region_id


def _validate(kind, body):
    if not isinstance(body, dict):
        raise HttpProblem(422, "request body must be a JSON object")
    missing = [field for field in kind.required if field not in body or body[field] in (None, "")]
    if missing:
        raise HttpProblem(422, "Missing required field(s): %s" % ", ".join(missing))
    for field in ("interfaces", "volumes"):
        if kind.name == "instance" and (not isinstance(body[field], list) or not body[field]):
            raise HttpProblem(422, "%s must be a non-empty list" % field)
    if kind.name == "volume" and body.get("source") != "snapshot" and "size" not in body:
        raise HttpProblem(422, "Missing required field(s): size")


def _planned_ids(kind, body):
    ids = {kind.created_key: [str(uuid.uuid4())]}
    if kind.name == "instance":
        ids["volumes"] = [str(uuid.uuid4()) for _ in body["volumes"]]
        ids["ports"] = [str(uuid.uuid4()) for _ in body["interfaces"]]
        floating = [i for i in body["interfaces"] if isinstance(i, dict) and i.get("floating_ip")]
        if floating:
            ids["floatingips"] = [str(uuid.uuid4()) for _ in floating]
    return ids


def _create(kind):
    def handler(state, request):
        project_id, region_id = _scope(request)
        try:
            body = request.json()
        except ValueError:
            raise HttpProblem(400, "request body is not valid JSON")
        _validate(kind, body)
        if kind.name == "k8s":
            existing = [r for r in state.tenant_resources(request.tenant, "k8s")
                        if r["name"] == body["name"]]
            if existing:
                raise HttpProblem(409, "Cluster %s already exists" % body["name"])
        outcome = state.decide_outcome(kind.create_type, str(body.get("name", "")))
        duration = state.sample_duration(catalog.gcore_duration_range(kind.create_type))
        ids = _planned_ids(kind, body)
        task = Task("gcore", request.tenant, kind.create_type, state.new_lifecycle(duration, outcome),
                    data=body, project_id=project_id, region_id=region_id, created_resources=ids,
                    error_text=catalog.gcore_error_text(kind.create_type))
        resource = kind.build(ids, body, request.tenant, project_id, region_id, task.id)
        if kind.name == "instance":
            resource["_companions"] = _instance_volumes(ids, body, request.tenant, project_id, region_id,
                                                        task.id)
        task.effect = ("create", resource)
        state.add_task(task)
        return Response(200, {"tasks": [task.id]})
    return handler


def _lookup(state, kind, request):
    key = request.params[kind.id_param]
    if kind.name == "k8s":  # clusters are addressed by name
        for resource in state.tenant_resources(request.tenant, "k8s"):
            if resource["name"] == key:
                return resource
        return None
    return state.find_resource(request.tenant, kind.name, key)


def _delete(kind):
    def handler(state, request):
        project_id, region_id = _scope(request)
        resource = _lookup(state, kind, request)
        if resource is None:
            raise HttpProblem(404, "%s %s not found" % (kind.name, request.params[kind.id_param]))
        duration = state.sample_duration(catalog.gcore_duration_range(kind.delete_type))
        task = Task("gcore", request.tenant, kind.delete_type, state.new_lifecycle(duration),
                    data={kind.id_param: request.params[kind.id_param]}, project_id=project_id,
                    region_id=region_id, effect=("delete", kind.name, resource["id"]))
        resource["status"] = "DELETING" if kind.name != "volume" else "deleting"
        state.add_task(task)
        return Response(200, {"tasks": [task.id]})
    return handler


def public_view(resource):
    view = {k: v for k, v in resource.items() if not k.startswith("_")}
    view["created_at"] = iso(resource.get("_created"))
    view["updated_at"] = view["created_at"]
    return view


def _get(kind):
    def handler(state, request):
        _scope(request)
        resource = _lookup(state, kind, request)
        if resource is None:
            raise HttpProblem(404, "%s %s not found" % (kind.name, request.params[kind.id_param]))
        return Response(200, public_view(resource))
    return handler


def _list(kind):
    def handler(state, request):
        _scope(request)
        resources = state.tenant_resources(request.tenant, kind.name)
        wanted = request.first(kind.name_filter) if kind.name_filter else None
        if wanted is not None:
            if kind.name_filter == "name_part":
                resources = [r for r in resources if wanted in (r.get("name") or "")]
            else:
                resources = [r for r in resources if r.get("name") == wanted]
        try:
            offset = int(request.first("offset", 0))
            limit = int(request.first("limit", 1000))
        except ValueError:
            raise HttpProblem(422, "limit and offset must be integers")
        page = resources[offset:offset + limit]
        return Response(200, {"count": len(resources), "results": [public_view(r) for r in page]})
    return handler


def register(router):
    for kind in KINDS:
        router.add("POST", kind.create_path, _create(kind), "gcore")
        router.add("GET", kind.item_path.rsplit("/", 1)[0], _list(kind), "gcore")
        router.add("GET", kind.item_path, _get(kind), "gcore")
        router.add("DELETE", kind.item_path, _delete(kind), "gcore")
