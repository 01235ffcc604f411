#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: task_info
short_description: Read Gcore Cloud tasks or GPCN jobs, by ID or with filters
version_added: 1.0.0
description:
  - Reads the current state of Gcore Cloud tasks or GPCN jobs by ID (any number; GPCN jobs are read 50 per request).
  - With provider V(gcore) and no IDs, lists tasks instead, filtered by state, type, project, region,
    acknowledgement and creation time (the most recent first by default).
  - IDs the API does not show (unknown, or not visible to this key) are reported in RV(missing); that is not a failure.
author:
  - asyncops.cloud contributors (@asyncops)
requirements:
  - requests
extends_documentation_fragment:
  - asyncops.cloud.common
  - asyncops.cloud.attributes
options:
  task_ids:
    description:
      - IDs of the tasks or jobs to read (UUIDs). A single string is accepted.
      - Cannot be combined with the list filters.
    type: list
    elements: str
    aliases: [task_id, job_ids]
  state:
    description:
      - Gcore only. List the tasks in any of these states.
    type: list
    elements: str
    choices: [NEW, RUNNING, FINISHED, ERROR]
  task_type:
    description:
      - Gcore only. List the tasks of this type, for example V(create_vm).
    type: str
  project_id:
    description:
      - Gcore only. List the tasks of these projects.
    type: list
    elements: int
  region_id:
    description:
      - Gcore only. List the tasks of these regions.
    type: list
    elements: int
  is_acknowledged:
    description:
      - Gcore only. List only acknowledged (V(true)) or only unacknowledged (V(false)) tasks.
    type: bool
  from_timestamp:
    description:
      - Gcore only. List the tasks created at or after this ISO 8601 time, for example V(2026-05-23T05:07:31Z).
    type: str
  to_timestamp:
    description:
      - Gcore only. List the tasks created at or before this ISO 8601 time.
    type: str
  limit:
    description:
      - Gcore listing only. How many tasks to return in total, from 1 to 100000. Pages of at most 1000 are followed.
    type: int
    default: 1000
  order_by:
    description:
      - Gcore listing only. Order by creation time.
    type: str
    choices: [asc, desc]
    default: desc
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Only reads.
notes:
  - This module runs on the controller (action plugin); C(delegate_to) is ignored. The key and URL environment
    variables are read from the controller's environment plus the task's C(environment:), which is how AWX/AAP
    credentials are injected. The module's arguments never pass through ansible-core's module transfer, so even
    E(ANSIBLE_DEBUG=1) does not print the key.
  - The list filters are Gcore only; with provider V(gpcn) they are refused (GPCN jobs can only be read by ID).
  - Without O(task_ids) or filters on Gcore, the most recent O(limit) tasks are listed.
seealso:
  - module: asyncops.cloud.task_wait
  - module: asyncops.cloud.task_ack
'''

EXAMPLES = r'''
- name: Read two Gcore tasks
  asyncops.cloud.task_info:
    task_ids:
      - d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999
      - 726ecfcc-7fd0-4e30-a86e-7892524aa483
  register: info

- name: Read GPCN jobs by ID
  asyncops.cloud.task_info:
    provider: gpcn
    job_ids: "{{ vm_job_ids }}"
  register: jobs

- name: List unacknowledged failed tasks of project 1 in region 76 since yesterday
  asyncops.cloud.task_info:
    state: [ERROR]
    is_acknowledged: false
    project_id: [1]
    region_id: [76]
    from_timestamp: "{{ '%Y-%m-%dT00:00:00Z' | strftime(ansible_date_time.epoch | int - 86400) }}"
  register: failures

- name: List the 50 oldest running create_vm tasks
  asyncops.cloud.task_info:
    state: [NEW, RUNNING]
    task_type: create_vm
    order_by: asc
    limit: 50
'''

RETURN = r'''
changed:
  description: Always V(false).
  returned: always
  type: bool
  sample: false
tasks:
  description:
    - The normalised task records (same keys as C(tasks) of M(asyncops.cloud.task_wait)), with the API's body under C(raw).
    - In the order of O(task_ids) when IDs were given; else in the listing order.
  returned: always
  type: list
  elements: dict
  sample:
    - id: d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999
      provider: gcore
      type: create_vm
      state: ERROR
      status: failed
      error: Quota limit for volume_size exceeded by 20
      acknowledged: false
      raw: {id: d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999, state: ERROR, task_type: create_vm}
count:
  description: Number of records returned.
  returned: always
  type: int
  sample: 1
missing:
  description: Requested IDs the API does not show (unknown, or not visible to this key).
  returned: always
  type: list
  elements: str
  sample: []
api_requests:
  description: HTTP requests sent, retries included.
  returned: always
  type: int
  sample: 1
error:
  description: What went wrong, when the task failed.
  returned: failure
  type: dict
  sample: {type: AuthenticationError, status: 401, method: GET, path: /cloud/v1/tasks, api_message: Invalid API key}
'''

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import refuse_to_run_on_a_target


def main():
    refuse_to_run_on_a_target('task_info')


if __name__ == '__main__':
    main()
