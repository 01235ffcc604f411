# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: role_facts
short_description: The facts a role of this collection exports, from its module's result
version_added: 1.1.0
description:
  - The collection's roles are one module call plus one C(set_fact); this filter computes the facts they have
    always exported (C(gcore_resource_ids), C(await_tasks_pending)...) from the registered result, in Python.
options:
  _input:
    description: A registered (or failed) result of M(asyncops.cloud.task_wait) or M(asyncops.cloud.resource).
    type: dict
    required: true
  prefix:
    description: The facts' prefix, for example V(await_tasks).
    type: str
    required: true
  submitted:
    description: The C(<prefix>_submitted) list so far (resource results only).
    type: list
    elements: dict
  waited:
    description: Whether the resource call waited; when V(false) its batch is appended to C(<prefix>_submitted).
    type: bool
    default: true
author:
  - asyncops.cloud contributors (@asyncops)
'''

EXAMPLES = r'''
- name: What a failed wait learned
  ansible.builtin.debug:
    msg: "{{ (ansible_failed_result | asyncops.cloud.role_facts('await_tasks')).await_tasks_pending }}"
'''

RETURN = r'''
_value:
  description: The facts, each named C(<prefix>_<name>).
  type: dict
'''

from ansible_collections.asyncops.cloud.plugins.plugin_utils._role_facts import resource_facts, wait_facts


def role_facts(result, prefix, submitted=None, waited=True):
    """The facts of a task_wait result (it has ``providers``) or a resource result (``action``)."""
    result = result or {}
    if "action" in result and "providers" not in result:
        return resource_facts(prefix, result, submitted, waited)
    return wait_facts(prefix, result)


class FilterModule(object):

    def filters(self):
        return {"role_facts": role_facts}
