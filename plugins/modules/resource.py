#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: resource
short_description: Create or delete a Gcore Cloud or GPCN resource and wait until it is usable
version_added: 1.1.0
description:
  - Makes a Gcore volume, instance, network, subnet, load balancer or Kubernetes cluster, or a GPCN virtual
    machine, volume or network exist (V(present)) or not (V(absent)), and waits until that is true.
  - One module for both providers (O(provider) as in every module of the collection, so C(module_defaults) and the
    credentials work the same), because what it does is the same for every type; the types differ only in
    paths and status fields.
  - >-
    B(Found by exact name.) V(present) first lists the resources of the type by name. It also finds a create
    B(still in flight): a resource the API lists in a creating state (volume C(creating), instance C(BUILD), load
    balancer C(PENDING_CREATE), cluster C(Provisioning), GPCN C(provisioning)) or a Gcore create task of the type
    that has not ended and whose request (the task's C(data)) carries the name. It waits on that create and never
    sends a second one, so running a play again after a timed-out wait (AWX "Relaunch") is safe.
  - B(The write is sent once) and never resent; when its answer is lost the task fails saying so, and running it
    again finds the resource or its create task.
  - B(One timeout.) The tasks are awaited with the same engine as M(asyncops.cloud.task_wait), then the resource
    is read back until the API says it is usable (volume C(available), instance C(ACTIVE), load balancer C(ACTIVE),
    cluster C(Provisioned), GPCN C(active)), because a finished task is not always a ready resource. O(timeout)
    covers both.
  - B(Drift.) An existing resource whose fields differ from those given in O(body) (volume C(size) and
    C(type_name), instance C(flavor), subnet C(cidr), cluster C(version)...) is reported with a warning, RV(drift)
    and a diff, and left as it is. This module does not update resources in place.
  - Every option is checked before the first request, with the same rules as the other modules.
author:
  - asyncops.cloud contributors (@asyncops)
requirements:
  - requests
extends_documentation_fragment:
  - asyncops.cloud.common
  - asyncops.cloud.attributes
options:
  type:
    description:
      - The resource type. Gcore (O(provider=gcore)) V(volume), V(instance), V(network), V(subnet), V(loadbalancer),
        V(k8s_cluster); GPCN (O(provider=gpcn)) V(vm), V(volume), V(network).
    type: str
    required: true
    choices: [instance, k8s_cluster, loadbalancer, network, subnet, vm, volume]
  state:
    description: Whether the resource should exist.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - The resource's name, which identifies it; defaults to O(body)C(.name).
      - Gcore names follow the create bodies' pattern of the Gcore OpenAPI spec (3 to 63 letters, digits, spaces,
        C(.), C(_), C(-); a cluster 2 to 20 lower-case letters, digits and C(-)); GPCN names 1 to 255 characters
        without control characters.
    type: str
  id:
    description:
      - With V(absent), the ID of the resource to delete (a UUID; for a Kubernetes cluster its name) instead of
        finding it by O(name).
    type: str
  body:
    description:
      - The create body as the API takes it; C(name) is filled in from O(name) when missing.
      - Its fields are also compared with an existing resource (drift).
    type: dict
    default: {}
  project_id:
    description: Gcore project ID; defaults to E(GCORE_CLOUD_PROJECT_ID). Required for Gcore.
    type: int
  region_id:
    description: Gcore region ID; defaults to E(GCORE_CLOUD_REGION_ID). Required for Gcore.
    type: int
  wait:
    description:
      - Whether to wait until the resource is usable (or gone). V(false) sends the write and returns RV(submitted)
        for one later M(asyncops.cloud.task_wait) over many resources.
    type: bool
    default: true
  timeout:
    description:
      - Seconds the whole wait may take (tasks and read-back). Unset, per type, for example 600 for a Gcore volume,
        900 for an instance, 1800 for a load balancer, 3600 for a cluster.
    type: float
  poll_interval:
    description: Seconds between polling rounds; unset follows the provider's guidance per task type.
    type: float
  instance_volumes:
    description:
      - What happens to the volumes of a Gcore instance deleted with V(absent).
      - V(keep) detaches them; they stay as C(available) volumes (listed in RV(kept_volumes)), so no data is lost.
      - V(delete) deletes every volume attached to the instance with it, boot volume included (RV(deleted_volumes)).
    type: str
    choices: [keep, delete]
    default: keep
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Reads run; no write is sent. A create or delete it would make reports C(changed=true) with the same
      result keys, IDs it cannot know being V(null) and RV(submitted) empty, so a following task_wait succeeds.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The create body, the deleted resource, or the drifted fields as they are and as asked.
notes:
  - This module runs on the controller (action plugin), like every module of the collection; the key never passes
    through a shipped module's arguments.
  - The roles P(asyncops.cloud.gcore_resource#role) and P(asyncops.cloud.gpcn_resource#role) are this module plus
    their documented facts.
  - A Gcore subnet or Kubernetes cluster has no name filter in the API; subnets are listed (per C(network_id) when
    the body gives it) and compared by name, a cluster is read by its name.
seealso:
  - module: asyncops.cloud.task_wait
'''

EXAMPLES = r'''
- name: A 10 GB volume, created once and waited on until available
  asyncops.cloud.resource:
    type: volume
    name: data-1
    body: {source: new-volume, size: 10}
  register: volume

- name: A GPCN virtual machine
  asyncops.cloud.resource:
    provider: gpcn
    type: vm
    name: vm-1
    body: {datacenterId: dc-1, imageId: 12, configurationId: 45}

- name: Start two creates without waiting ...
  asyncops.cloud.resource:
    type: network
    name: "{{ item }}"
    wait: false
  loop: [net-a, net-b]
  register: networks

- name: ... and wait for both in one step
  asyncops.cloud.task_wait:
    response: "{{ networks.results | map(attribute='submitted') | list }}"

- name: Delete an instance and its volumes
  asyncops.cloud.resource:
    type: instance
    name: web-1
    state: absent
    instance_volumes: delete
'''

RETURN = r'''
action:
  description:
    - V(created), V(exists) (found, nothing sent), V(resumed) (a create started earlier was awaited; nothing sent),
      V(submitted) (sent, not awaited, O(wait=false)), V(deleted) or V(absent) (nothing to delete).
  returned: always
  type: str
  sample: created
id:
  description: The resource's ID; V(null) when unknown (check mode, O(wait=false) create, absent).
  returned: always
  type: str
  sample: 726ecfcc-7fd0-4e30-a86e-7892524aa483
ids:
  description: Every resource of that name (more than one only when duplicates exist; a warning says so).
  returned: always
  type: list
  elements: str
resource:
  description: The resource as the API reads it back once usable; V(null) when there is none.
  returned: always
  type: dict
  sample: {id: 726ecfcc-7fd0-4e30-a86e-7892524aa483, name: data-1, status: available, size: 10}
created_resources:
  description:
    - The resource's ID under its C(created_resources) key (an instance's volumes too), the same on the run that
      created it and on every later run that finds it.
  returned: always
  type: dict
  sample: {volumes: [726ecfcc-7fd0-4e30-a86e-7892524aa483]}
task_ids:
  description: The tasks (Gcore) or jobs (GPCN) this run started or waited on.
  returned: always
  type: list
  elements: str
submitted:
  description:
    - What a later M(asyncops.cloud.task_wait) needs, as one item of its O(asyncops.cloud.task_wait#module:response)
      list - C(provider), C(task_ids) (empty when nothing was sent), C(label) and the Gcore C(project_id)/C(region_id).
  returned: always
  type: dict
  sample: {provider: gcore, task_ids: [d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999], label: "volume 'data-1'",
           project_id: 1, region_id: 76}
drift:
  description: Fields given in O(body) that the existing resource shows differently, as C({wanted, actual}).
  returned: always
  type: dict
  sample: {size: {wanted: 50, actual: 10}}
kept_volumes:
  description: Volumes of a deleted instance that stay (O(instance_volumes=keep)).
  returned: when an instance is deleted
  type: list
  elements: str
deleted_volumes:
  description: Volumes deleted with the instance (O(instance_volumes=delete)).
  returned: when an instance is deleted
  type: list
  elements: str
provider:
  description: The provider.
  returned: always
  type: str
  sample: gcore
type:
  description: The resource type.
  returned: always
  type: str
  sample: volume
name:
  description: The resource's name.
  returned: always
  type: str
  sample: data-1
elapsed:
  description: Seconds the module took.
  returned: always
  type: float
  sample: 7.5
api_requests:
  description: HTTP requests sent, retries included.
  returned: always
  type: int
  sample: 4
error:
  description: What went wrong, when the task failed.
  returned: failure
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import module_spec


def main():
    # Builds the argspec (so it is checked against DOCUMENTATION), then stops: the resource action
    # plugin of the same name runs this module's work on the controller, so this file never runs.
    module = AnsibleModule(supports_check_mode=True, **module_spec('resource'))
    module.fail_json(msg='Could not manage the resource: asyncops.cloud.resource runs on the controller through its '
                         'action plugin, never as a module on a target host')


if __name__ == '__main__':
    main()
