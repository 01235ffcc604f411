#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: task_wait
short_description: Wait for Gcore Cloud tasks or GPCN jobs to finish
version_added: 1.0.0
description:
  - Waits until every given Gcore Cloud task or GPCN job has finished or failed, polling all of them
    together (Gcore tasks are swept with the task list endpoint, GPCN jobs are polled 50 per request).
  - Returns the normalised task records and the merged C(created_resources), so the IDs of the resources
    a write call created can be used by the next task.
  - Poll intervals and the overall timeout default to values suited to each task type.
  - When a task fails (and O(fail_on_error=true)) or the deadline passes, the task fails but still returns
    every result key; waiting again on RV(pending) resumes the wait.
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
      - IDs of the Gcore tasks or GPCN jobs (of O(provider)) to wait for (UUIDs). A single string is accepted.
      - May be given together with O(response); the IDs of both are merged. An empty list is nothing to wait on.
    type: list
    elements: str
    aliases: [task_id, job_ids]
  response:
    description:
      - The JSON body returned by the write call that started the tasks; the IDs are taken from it.
      - >-
        Gcore bodies look like C({"tasks": [...]}); GPCN bodies like C({"data": [job, ...]}),
        C({"data": {"jobId": ...}}) or C({"data": {"jobs": [...]}}).
      - May be a dictionary, a JSON string, a whole registered M(asyncops.cloud.api_call) or M(ansible.builtin.uri)
        result (its C(json) key is used), or a registered M(asyncops.cloud.resource) result (its C(submitted) batch).
      - May also be a list of such responses, or a task registered over a C(loop) (a dictionary with C(results)), so
        one wait covers every write of a play. The IDs of all responses are merged in the order given; a task named
        by several responses is waited on once. Loop items that were skipped are ignored.
      - >-
        B(Both providers in one call.) Each response's provider is recognised from its shape, or given by a batch
        item C({provider, task_ids | response, label, type, project_id, region_id}) (what M(asyncops.cloud.resource)
        returns as C(submitted)). Each provider's tasks are waited on together, one provider after the other under
        the one O(timeout). O(api_key) and O(api_url) belong to O(provider); the other provider's key and URL come
        from its environment variables, as for a call of that provider.
      - >-
        B(No-op answers) are success with nothing to wait on, alone or in a list - the Gcore C({"tasks": []}) (the
        answer to an update that changes nothing) and GPCN's C(data: []) or C(data.jobs: []).
      - Every ID must be a UUID. Giving neither O(task_ids) nor O(response), or a list that holds no response, fails
        before any request, except in check mode, where a write held back by check mode leaves nothing to wait on.
    type: raw
  timeout:
    description:
      - Seconds to wait in total before giving up. Must be greater than 0.
      - When unset, the largest default of the task types seen is used (for example Gcore C(create_vm) 900,
        load balancers 1800, Kubernetes 3600; GPCN VMs 600, volumes and networks 300).
      - One deadline for everything the wait does, connects, answers, bodies, retries and their sleeps
        (C(Retry-After) included). The module returns within about 2 seconds after it, with what it learned.
      - Until the API has answered once, an endpoint that cannot be reached (connection refused, DNS failure,
        connect timeout) is tried for at most 30 seconds, then the wait fails naming the cause; later outages are
        ridden out until the deadline and shown in the progress line, for example
        C(API unreachable for 40s - connection refused).
    type: float
  poll_interval:
    description:
      - Seconds between polling rounds, exactly. Must be greater than 0; fractions are allowed.
      - When unset, rounds follow the provider's guidance per task type (Gcore 5 s for VMs, volumes and
        networks, 10 s for load balancers, 30 s for Kubernetes and bare metal; GPCN 2 s at first, growing to 10 s),
        and are placed where ends are likely. Gcore, where one list request answers for every task, polls more
        densely (at most every 0.5 s) in the span where the last pending task most likely ends, judged from the
        documented typical durations, the tasks' creation times and how long the tasks of this wait that already
        finished took; in all it never sends more requests than polling each task on its own at its guided
        interval would. GPCN polls each job around the end its progress predicts.
    type: float
  fail_on_error:
    description:
      - Whether a task that ends in error (or disappears) makes this task fail.
      - With V(false), failed tasks are only reported in RV(failed_tasks). A timeout always fails.
    type: bool
    default: true
  fact_name:
    description:
      - When set, also publish a host fact of this name holding C(created_resources), C(resource_ids) and
        C(tasks) (a mapping of task ID to status).
      - Must be a valid variable name.
    type: str
  project_id:
    description:
      - Gcore only. Project the tasks belong to; narrows the list sweeps before the first answer tells it.
    type: int
  region_id:
    description:
      - Gcore only. Region the tasks belong to; narrows the list sweeps before the first answer tells it.
    type: int
  coordinate:
    description:
      - Whether this wait shares its polling with every other C(task_wait) of the same C(ansible-playbook) run
        that uses the same API key, provider, URL and TLS settings (other hosts, forks, plays, the C(free) strategy).
        One polling round then answers all of them, and each still gets exactly its own result and deadline.
      - The first wait that polls starts a coordinator process on the controller; it listens on a Unix socket in a
        private (0700) directory under E(XDG_RUNTIME_DIR) or the temp directory, admits only processes holding the
        same API key, receives the key through a pipe (never a file, argument or environment variable) and exits
        with the run (or after 5 idle minutes), removing its socket.
      - A wait that joins others gets its first answer with their next round, at most one poll interval later.
        RV(api_requests) counts the requests of the rounds this wait started, so the counts of all waits add up to
        what the API received.
      - Coordination is used when the task runs on more than one host of the play's batch; a task on a single host
        polls on its own. When coordination is not possible, the wait polls on its own too, as with V(false).
      - When unset, E(ASYNCOPS_COORDINATE) decides (V(false), V(0), V(no) or V(off) turn it off); default V(true).
    type: bool
  heartbeat_interval:
    description:
      - >-
        Seconds between heartbeat lines printed at default verbosity while the wait runs, for example
        C(asyncops.cloud.task_wait: still waiting: 3/10 finished, 0 failed, 7 running after 120s), so job output
        and idle-output timeouts (AWX) see that the job is alive. V(0) turns them off.
      - When unset, E(ASYNCOPS_HEARTBEAT_INTERVAL) is read; default V(60).
    type: float
  publish_stats:
    description:
      - Also return C(ansible_stats) (what M(ansible.builtin.set_stats) returns, with C(per_host=false) and
        C(aggregate=true)), so the run's custom stats collect, over every host and wait, the IDs this run waited on,
        in C(asyncops_<provider>_pending), C(asyncops_<provider>_finished) and C(asyncops_<provider>_failed)
        (for example C(asyncops_gcore_pending)).
      - AWX stores them as the job's artifacts and passes them to the next node of a workflow as extra vars;
        C(playbooks/resume_wait.yml) resumes from them.
      - When unset, E(ASYNCOPS_PUBLISH_STATS) decides (a job template can set it for every wait of a playbook,
        roles included); default V(false).
    type: bool
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Waiting only reads, so check mode waits exactly as a normal run does.
notes:
  - This module runs on the controller (action plugin), so it can print live progress; C(delegate_to) is ignored.
    The key and URL environment variables are therefore read from the controller's environment, which is how
    AWX/AAP credentials are injected.
  - >-
    At verbosity C(-v) or more, a progress line is printed whenever something changes and at least every
    15 seconds, for example C(asyncops.cloud.task_wait: 12/20 finished, 1 failed, 7 running (...) after 35s).
    At verbosity 0 only the heartbeat (O(heartbeat_interval)) is printed.
  - Transient API errors (connection problems, HTTP 429 and 5xx) are retried until the deadline; authentication
    errors fail at once.
seealso:
  - module: asyncops.cloud.task_info
  - module: asyncops.cloud.task_ack
'''

EXAMPLES = r'''
- name: Create a Gcore volume, then wait for its task
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create the volume (the API answers with task IDs at once; the key comes from GCORE_API_KEY)
      asyncops.cloud.api_call:
        method: POST
        path: /cloud/v1/volumes/1/76
        body: {name: data-1, size: 10, source: new-volume, type_name: standard}
      register: created

    - name: Wait for the task and publish what it created
      asyncops.cloud.task_wait:
        response: "{{ created }}"
        fact_name: volume_job
      register: waited

    - name: Use the new volume ID
      ansible.builtin.debug:
        msg: "Volume {{ waited.created_resources.volumes[0] }}"

- name: Create several Gcore volumes in a loop, then wait for all of their tasks at once
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create the volumes (each write answers with its task IDs at once)
      asyncops.cloud.api_call:
        method: POST
        path: /cloud/v1/volumes/1/76
        body: {name: "data-{{ item }}", size: 10, source: new-volume, type_name: standard}
      loop: [2, 3, 4]
      register: creates

    - name: One wait on the tasks of every write of the loop
      asyncops.cloud.task_wait:
        response: "{{ creates }}"
        project_id: 1
        region_id: 76
      register: waited

- name: Wait on both clouds at once
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create a GPCN VM (202 with a job object; the key comes from GPCN_API_KEY)
      asyncops.cloud.api_call:
        provider: gpcn
        method: POST
        path: /resource/virtual-machines
        body: {name: web-1, datacenterId: dc-uuid, imageId: 12, configurationId: 45}
      register: vm

    - name: One wait for the Gcore volumes and the GPCN job (each answer's provider is told by its shape)
      asyncops.cloud.task_wait:
        response:
          - "{{ creates }}"
          - "{{ vm }}"
          - {tasks: []}     # an update that changed nothing: nothing to wait on
        timeout: 600
      register: both

- name: Share connection settings through the action group
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/asyncops.cloud.tasks:
      provider: gcore
      api_url: https://api.gcore.com
      request_timeout: 20
  tasks:
    - name: Wait for several tasks at once, polling every 2.5 seconds
      asyncops.cloud.task_wait:
        task_ids: "{{ created.json.tasks + other.json.tasks }}"
        poll_interval: 2.5
        project_id: 1
        region_id: 76

- name: Resume after a timeout
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Wait, but not for long
      block:
        - name: First wait
          asyncops.cloud.task_wait:
            task_ids: "{{ cluster.json.tasks }}"
            timeout: 300
          register: first_wait
      rescue:
        - name: Keep waiting on what was still running
          asyncops.cloud.task_wait:
            task_ids: "{{ first_wait.pending }}"
            timeout: 3600
          when: first_wait.timed_out
          register: second_wait

- name: Collect failures instead of failing
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Wait without failing on task errors
      asyncops.cloud.task_wait:
        task_ids: "{{ batch_ids }}"
        fail_on_error: false
      register: batch

    - name: Report the failed tasks
      ansible.builtin.debug:
        msg: "{{ item.id }} ({{ item.type }}): {{ item.error }}"
      loop: "{{ batch.failed_tasks }}"
'''

RETURN = r'''
changed:
  description: Always V(false); waiting changes nothing.
  returned: always
  type: bool
  sample: false
provider:
  description: The provider the tasks belong to; V(null) when the wait covered both providers.
  returned: always
  type: str
  sample: gcore
providers:
  description:
    - Per provider waited on, its own detail - C(label) (the batches' labels), C(hints), C(finished_tasks),
      C(failed_tasks), C(pending), C(created_resources), C(resources), C(elapsed), C(api_requests), C(timed_out),
      and C(msg) when that provider's wait failed.
  returned: always
  type: dict
  sample: {gcore: {label: "volume 'data-1'", finished_tasks: [d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999], pending: []}}
resources:
  description:
    - >-
      For batches that name their resource (the C(submitted) of M(asyncops.cloud.resource)), the created resource's
      ID by its label, for example C({"volume 'data-1'": "726ecfcc-7fd0-4e30-a86e-7892524aa483"}).
  returned: always
  type: dict
nothing_to_wait_on:
  description: V(true) when the answers started nothing (no-op answers, or writes held back by check mode).
  returned: when there was nothing to wait on
  type: bool
  sample: true
tasks:
  description:
    - The normalised task records, in the order the IDs were given (the last state seen).
    - IDs never seen get a minimal C(pending) record.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Task or job ID.
      type: str
      returned: always
    provider:
      description: V(gcore) or V(gpcn).
      type: str
      returned: always
    type:
      description: Task type (Gcore C(task_type), GPCN C(resourceType)).
      type: str
      returned: always
    state:
      description: The provider's own state word (C(NEW)/C(RUNNING)/C(FINISHED)/C(ERROR), or C(pending)/C(in_progress)/C(completed)/C(failed)).
      type: str
      returned: always
    status:
      description: Normalised status.
      type: str
      returned: always
      choices: [pending, running, finished, failed]
    progress:
      description: Progress in percent (GPCN), else null.
      type: int
      returned: always
    created_resources:
      description:
        - Resources created by this task, by resource type.
        - Only types with at least one ID are listed (Gcore's answer names every type, nearly all with an empty list).
      type: dict
      returned: always
    error:
      description: The API's error text for a failed task.
      type: str
      returned: always
    detailed_state:
      description: Gcore's detailed state, when given.
      type: str
      returned: always
    request_id:
      description: Gcore request ID of the operation, when given.
      type: str
      returned: always
    project_id:
      description: Gcore project ID.
      type: int
      returned: always
    region_id:
      description: Gcore region ID.
      type: int
      returned: always
    created_at:
      description: Creation time as the API reported it.
      type: str
      returned: always
    updated_at:
      description: Last update time as the API reported it.
      type: str
      returned: always
    finished_at:
      description: Completion time as the API reported it.
      type: str
      returned: always
    acknowledged:
      description: Gcore acknowledgement flag of an error task.
      type: bool
      returned: always
  sample:
    - id: d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999
      provider: gcore
      type: create_vm
      state: FINISHED
      status: finished
      progress: null
      created_resources: {instances: [169942e0-9b53-42df-95ef-1a8b6525c2bd]}
      error: null
created_resources:
  description: The resources created by all finished tasks, merged by type (only non-empty types, no duplicates).
  returned: always
  type: dict
  sample: {instances: [169942e0-9b53-42df-95ef-1a8b6525c2bd], volumes: [726ecfcc-7fd0-4e30-a86e-7892524aa483]}
resource_ids:
  description: Every ID in RV(created_resources), flattened in order.
  returned: always
  type: list
  elements: str
  sample: [169942e0-9b53-42df-95ef-1a8b6525c2bd, 726ecfcc-7fd0-4e30-a86e-7892524aa483]
finished_tasks:
  description: IDs of the tasks that finished successfully.
  returned: always
  type: list
  elements: str
  sample: [d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999]
failed_tasks:
  description: The tasks that failed, or that the API stopped showing (not found, not visible to this key).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Task ID.
      type: str
      returned: always
    type:
      description: Task type.
      type: str
      returned: always
    state:
      description: The provider's state word.
      type: str
      returned: always
    error:
      description: The API's error text, or why the task was lost.
      type: str
      returned: always
    request_id:
      description: Gcore request ID, when given.
      type: str
      returned: always
    detailed_state:
      description: Gcore detailed state, when given.
      type: str
      returned: always
  sample:
    - id: 9b0c4a7e-6f0d-4d1b-9f43-2f7f0b8d1c55
      type: create_volume
      state: ERROR
      error: Quota limit for volume_size exceeded by 20
      request_id: null
      detailed_state: null
pending:
  description: IDs still not finished when the deadline passed; wait on them again to resume.
  returned: always
  type: list
  elements: str
  sample: []
elapsed:
  description: Seconds spent waiting.
  returned: always
  type: float
  sample: 21.4
api_requests:
  description:
    - HTTP requests sent, retries included.
    - With O(coordinate), the requests of the shared polling rounds this wait started (a round answering several
      waits is counted once, by the wait that asked first).
  returned: always
  type: int
  sample: 6
timed_out:
  description: Whether the deadline passed with tasks still pending.
  returned: always
  type: bool
  sample: false
error:
  description: What went wrong, when the task failed.
  returned: failure
  type: dict
  sample: {type: TaskFailed, status: null, method: null, path: null, api_message: Quota limit for volume_size exceeded by 20}
ansible_facts:
  description: The host fact named by O(fact_name).
  returned: when O(fact_name) is set
  type: dict
  sample:
    created:
      created_resources: {volumes: [726ecfcc-7fd0-4e30-a86e-7892524aa483]}
      resource_ids: [726ecfcc-7fd0-4e30-a86e-7892524aa483]
      tasks: {d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999: finished}
'''

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import refuse_to_run_on_a_target


def main():
    refuse_to_run_on_a_target('task_wait')


if __name__ == '__main__':
    main()
