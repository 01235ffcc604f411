# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Argument specs of the modules, in one place: the one module_utils file.

Each module file builds its argspec from here (so validate-modules checks its DOCUMENTATION
and doc_fragments/common.py against these dicts), and its action plugin validates the task's
arguments with the same spec on the controller.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible.module_utils.basic import AnsibleModule

COMMON_ARGSPEC = dict(
    provider=dict(type='str', default='gcore', choices=['gcore', 'gpcn']),
    api_key=dict(type='str', no_log=True),
    api_url=dict(type='str'),
    validate_certs=dict(type='bool', default=True),
    ca_path=dict(type='path'),
    request_timeout=dict(type='float', default=30.0),
    max_response_mb=dict(type='float', default=16.0),
    rate_limit=dict(type='float'),
)

# The overall deadline of the modules that do not wait (task_wait's timeout has its own,
# per-type defaults): every attempt, retry, Retry-After and body read fits inside it.
CALL_TIMEOUT_DEFAULTS = {'task_info': 120.0, 'task_ack': 120.0, 'api_call': 60.0}

TASK_WAIT_ARGSPEC = dict(
    task_ids=dict(type='list', elements='str', aliases=['task_id', 'job_ids']),
    response=dict(type='raw'),
    timeout=dict(type='float'),
    poll_interval=dict(type='float'),
    fail_on_error=dict(type='bool', default=True),
    fact_name=dict(type='str'),
    project_id=dict(type='int'),
    region_id=dict(type='int'),
    coordinate=dict(type='bool'),
    heartbeat_interval=dict(type='float'),
    publish_stats=dict(type='bool'),
)

TASK_INFO_ARGSPEC = dict(
    task_ids=dict(type='list', elements='str', aliases=['task_id', 'job_ids']),
    state=dict(type='list', elements='str', choices=['NEW', 'RUNNING', 'FINISHED', 'ERROR']),
    task_type=dict(type='str'),
    project_id=dict(type='list', elements='int'),
    region_id=dict(type='list', elements='int'),
    is_acknowledged=dict(type='bool'),
    from_timestamp=dict(type='str'),
    to_timestamp=dict(type='str'),
    limit=dict(type='int', default=1000),
    order_by=dict(type='str', default='desc', choices=['asc', 'desc']),
    timeout=dict(type='float', default=CALL_TIMEOUT_DEFAULTS['task_info']),
)

TASK_ACK_ARGSPEC = dict(
    task_ids=dict(type='list', elements='str', aliases=['task_id']),
    all=dict(type='bool', default=False),
    project_id=dict(type='int'),
    region_id=dict(type='int'),
    timeout=dict(type='float', default=CALL_TIMEOUT_DEFAULTS['task_ack']),
)

API_CALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
API_CALL_DEFAULT_STATUSES = [200, 201, 202, 204]

API_CALL_ARGSPEC = dict(
    method=dict(type='str', default='GET', choices=API_CALL_METHODS),
    path=dict(type='str', required=True),
    query=dict(type='dict', default={}),
    body=dict(type='raw'),
    status_code=dict(type='list', elements='int', default=list(API_CALL_DEFAULT_STATUSES)),
    timeout=dict(type='float', default=CALL_TIMEOUT_DEFAULTS['api_call']),
)

RESOURCE_TYPES = ['instance', 'k8s_cluster', 'loadbalancer', 'network', 'subnet', 'vm', 'volume']

RESOURCE_ARGSPEC = dict(
    type=dict(type='str', required=True, choices=RESOURCE_TYPES),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    name=dict(type='str'),
    id=dict(type='str'),
    body=dict(type='dict', default={}),
    project_id=dict(type='int'),
    region_id=dict(type='int'),
    wait=dict(type='bool', default=True),
    timeout=dict(type='float'),
    poll_interval=dict(type='float'),
    instance_volumes=dict(type='str', default='keep', choices=['keep', 'delete']),
)

# Constraints the argspec can check by itself; the rest (exactly-one with a boolean, filters
# vs provider, value rules) lives in plugin_utils/_validate.py.
_MODULE_RULES = {
    'task_wait': dict(
        argument_spec=TASK_WAIT_ARGSPEC,
    ),
    'task_info': dict(
        argument_spec=TASK_INFO_ARGSPEC,
        mutually_exclusive=[['task_ids', name] for name in (
            'state', 'task_type', 'project_id', 'region_id', 'is_acknowledged',
            'from_timestamp', 'to_timestamp')],
    ),
    'task_ack': dict(
        argument_spec=TASK_ACK_ARGSPEC,
    ),
    'api_call': dict(
        argument_spec=API_CALL_ARGSPEC,
    ),
    'resource': dict(
        argument_spec=RESOURCE_ARGSPEC,
    ),
}


def module_spec(name):
    """``{argument_spec, mutually_exclusive, required_one_of}`` with COMMON_ARGSPEC merged in.

    Deep copies, because AnsibleModule and the validators mutate what they are given.
    """
    rules = copy.deepcopy(_MODULE_RULES[name])
    spec = copy.deepcopy(COMMON_ARGSPEC)
    spec.update(rules.pop('argument_spec'))
    rules['argument_spec'] = spec
    rules.setdefault('mutually_exclusive', [])
    rules.setdefault('required_one_of', [])
    return rules


def refuse_to_run_on_a_target(name):
    """What a module file's ``main()`` does: build its argspec, then fail.

    Building the AnsibleModule lets validate-modules compare the argspec with DOCUMENTATION;
    the module's action plugin of the same name does the work on the controller, so ansible
    never ships the module to a host, and a copy run there by hand only says so.
    """
    module = AnsibleModule(supports_check_mode=True, **module_spec(name))
    module.fail_json(msg='Could not run asyncops.cloud.%s on a target host: it runs on the controller '
                         'through its action plugin' % name)
