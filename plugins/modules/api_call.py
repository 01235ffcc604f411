#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: api_call
short_description: Send one request to the Gcore Cloud or GPCN API without exposing the key
version_added: 1.0.0
description:
  - Sends one HTTP request to the Gcore Cloud or GPCN API with the collection's own HTTP client, for example the
    write that starts a task (to wait on with M(asyncops.cloud.task_wait)), a readback or a delete.
  - The key is sent as each provider expects (C(Authorization) for Gcore, C(X-API-Key) for GPCN). Unlike
    M(ansible.builtin.uri), the key never passes through a shipped module's arguments, so even
    E(ANSIBLE_DEBUG=1) does not print it.
  - V(GET) is a read, retried on connection errors, timeouts and HTTP 408, 429 and 5xx (honouring C(Retry-After)).
  - V(POST), V(PUT), V(PATCH) and V(DELETE) are writes, never resent once the API may have received them;
    a write whose answer is lost fails with RV(outcome_unknown=true) and says how to check whether it took effect.
author:
  - asyncops.cloud contributors (@asyncops)
requirements:
  - requests
extends_documentation_fragment:
  - asyncops.cloud.common
  - asyncops.cloud.attributes
options:
  method:
    description:
      - The HTTP method. V(GET) is a read; the others are writes.
    type: str
    choices: [GET, POST, PUT, PATCH, DELETE]
    default: GET
  path:
    description:
      - The API path, appended to O(api_url). For Gcore for example V(/cloud/v1/volumes/1/76) or
        V(/cloud/v1/volumes/1/76/<id>); for GPCN for example V(/resource/virtual-machines), since GPCN's
        O(api_url) already ends in C(/v1).
      - Must start with C(/) and be at most 2048 characters long; C(.) and C(..) segments (also percent-encoded),
        C(?), C(#), whitespace and control characters are refused before any request.
      - Segments are sent as given, so quote IDs that may hold special characters (C(urlencode)).
    type: str
    required: true
  query:
    description:
      - Query parameters. A list value is sent as the parameter repeated (C(state=NEW&state=RUNNING)),
        booleans as C(true)/C(false); V(null) values are left out.
    type: dict
    default: {}
  body:
    description:
      - The request body, a dictionary or a list, sent as JSON.
      - Writes only; a V(GET) with a body is refused.
    type: raw
  status_code:
    description:
      - The HTTP statuses that count as success, for example V([200, 404]) for a lookup that may find nothing.
      - Any other status fails the task, which still returns RV(status) and RV(json).
    type: list
    elements: int
    default: [200, 201, 202, 204]
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: A V(GET) runs as usual; a write is not sent and reports RV(changed=true) with RV(sent=false).
notes:
  - This module runs on the controller (action plugin); C(delegate_to) is ignored. The key and URL environment
    variables are read from the controller's environment plus the task's C(environment:), which is how AWX/AAP
    credentials are injected. The module's arguments never pass through ansible-core's module transfer, so even
    E(ANSIBLE_DEBUG=1) does not print the key.
  - RV(changed) is V(true) for a write answered with a 2xx status from O(status_code); an accepted error status
    (a V(DELETE) answered 404, say) changed nothing.
seealso:
  - module: asyncops.cloud.task_wait
  - module: asyncops.cloud.task_info
'''

EXAMPLES = r'''
- name: Create a Gcore volume
  asyncops.cloud.api_call:
    method: POST
    path: /cloud/v1/volumes/1/76
    body:
      name: data-1
      source: new-volume
      size: 10
  register: create

- name: Wait for its task
  asyncops.cloud.task_wait:
    response: "{{ create.json }}"
  register: waited

- name: Read the volume back
  asyncops.cloud.api_call:
    path: "/cloud/v1/volumes/1/76/{{ waited.created_resources.volumes[0] | urlencode }}"
  register: volume

- name: Look a volume up by name; finding nothing is not an error
  asyncops.cloud.api_call:
    path: /cloud/v1/volumes/1/76
    query:
      name_part: data-
      limit: 100
    status_code: [200, 404]
  register: found

- name: Create a GPCN virtual machine (answered 202 with its job)
  asyncops.cloud.api_call:
    provider: gpcn
    method: POST
    path: /resource/virtual-machines
    body:
      name: vm-1
  register: vm

- name: Delete the volume; already gone is fine
  asyncops.cloud.api_call:
    method: DELETE
    path: "/cloud/v1/volumes/1/76/{{ volume.json.id }}"
    status_code: [200, 404]
'''

RETURN = r'''
changed:
  description: V(true) for a write that was sent and answered with a 2xx status from O(status_code), and for a
    write held back in check mode; V(false) for a V(GET).
  returned: always
  type: bool
  sample: true
sent:
  description: Whether the request was sent (V(false) for a write in check mode and for a request that never
    left, for example because the API could not be reached).
  returned: always
  type: bool
  sample: true
status:
  description: The HTTP status of the answer, or V(null) when there was none (check mode, connection lost).
  returned: always
  type: int
  sample: 200
json:
  description: The parsed JSON body of the answer, or V(null) when it was empty (204) or there was no answer.
  returned: always
  type: raw
  sample: {tasks: [d4a4b10e-5d22-4c23-8e09-f7a3e1c1a999]}
method:
  description: The method, as given in O(method).
  returned: always
  type: str
  sample: POST
path:
  description: The path, as given in O(path).
  returned: always
  type: str
  sample: /cloud/v1/volumes/1/76
api_requests:
  description: HTTP requests sent, retries included.
  returned: always
  type: int
  sample: 1
outcome_unknown:
  description: V(true) only when a write may have been processed by the API but its answer was lost; it was
    not resent, so check whether it took effect before trying again.
  returned: always
  type: bool
  sample: false
error:
  description: What went wrong, when the task failed.
  returned: failure
  type: dict
  sample: {type: RequestValidationError, status: 422, method: POST, path: /cloud/v1/volumes/1/76,
           api_message: "size: field required"}
'''

from ansible_collections.asyncops.cloud.plugins.module_utils._specs import refuse_to_run_on_a_target


def main():
    refuse_to_run_on_a_target('api_call')


if __name__ == '__main__':
    main()
