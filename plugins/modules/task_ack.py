#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: task_ack
short_description: Acknowledge failed Gcore Cloud tasks
version_added: 1.0.0
description:
  - Acknowledges Gcore Cloud tasks that ended in C(ERROR), one by one (O(task_ids)) or all at once (O(all=true)).
  - Each task is read first; a task already acknowledged is left alone, so reruns report no change.
  - A task that is not in C(ERROR) is skipped with a warning rather than failing the play
    (it may have been retried successfully since).
  - With O(all=true), the unacknowledged C(ERROR) tasks of the scope are listed first, and only when there are
    some is C(POST /cloud/v1/tasks/acknowledge_all) sent.
  - Gcore only; GPCN has no acknowledge operation.
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
      - IDs of the failed tasks to acknowledge (UUIDs). A single string is accepted.
      - Exactly one of O(task_ids) and O(all=true) is required.
    type: list
    elements: str
    aliases: [task_id]
  all:
    description:
      - Acknowledge every unacknowledged failed task, optionally only those of O(project_id) and O(region_id).
      - Exactly one of O(task_ids) and O(all=true) is required.
    type: bool
    default: false
  project_id:
    description:
      - With O(all=true), only acknowledge the tasks of this project.
    type: int
  region_id:
    description:
      - With O(all=true), only acknowledge the tasks of this region.
    type: int
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: In check mode no acknowledgement is sent; RV(acknowledged) lists what would be acknowledged.
notes:
  - This module runs on the controller (action plugin); C(delegate_to) is ignored. The key and URL environment
    variables are read from the controller's environment plus the task's C(environment:), which is how AWX/AAP
    credentials are injected. The module's arguments never pass through ansible-core's module transfer, so even
    E(ANSIBLE_DEBUG=1) does not print the key.
  - O(provider=gpcn) is refused, because GPCN has no acknowledge operation.
seealso:
  - module: asyncops.cloud.task_wait
  - module: asyncops.cloud.task_info
'''

EXAMPLES = r'''
- name: Acknowledge the tasks that failed during the wait
  asyncops.cloud.task_ack:
    task_ids: "{{ waited.failed_tasks | map(attribute='id') | list }}"
  when: waited.failed_tasks | length > 0

- name: Acknowledge every failed task of project 1 in region 76
  asyncops.cloud.task_ack:
    all: true
    project_id: 1
    region_id: 76
  register: acked

- name: See what would be acknowledged, without acknowledging
  asyncops.cloud.task_ack:
    all: true
  check_mode: true
  register: would_ack
'''

RETURN = r'''
changed:
  description: Whether any task was acknowledged (or would be, in check mode).
  returned: always
  type: bool
  sample: true
acknowledged:
  description: IDs acknowledged by this run (in check mode, those that would be).
  returned: always
  type: list
  elements: str
  sample: [d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999]
already_acknowledged:
  description: IDs that were acknowledged already.
  returned: always
  type: list
  elements: str
  sample: []
skipped_tasks:
  description:
    - Tasks not acknowledged because they are not in C(ERROR).
    - Not named C(skipped), because Ansible reads a result key C(skipped) as "the whole task was skipped".
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Task ID.
      type: str
      returned: always
    state:
      description: The task's state (C(NEW), C(RUNNING) or C(FINISHED)).
      type: str
      returned: always
  sample: [{id: 726ecfcc-7fd0-4e30-a86e-7892524aa483, state: FINISHED}]
api_requests:
  description: HTTP requests sent, retries included.
  returned: always
  type: int
  sample: 2
error:
  description: What went wrong, when the task failed.
  returned: failure
  type: dict
  sample: {type: NotFoundError, status: 404, method: GET, path: /cloud/v1/tasks/d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999,
           api_message: Task not found}
'''

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import refuse_to_run_on_a_target


def main():
    refuse_to_run_on_a_target('task_ack')


if __name__ == '__main__':
    main()
