# -*- coding: utf-8 -*-
# Copyright (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: role_facts
short_description: The facts a role of this collection exports, from a failed module result
version_added: 1.1.0
description:
  - The collection's roles are one module call each; the module publishes the role's facts itself (its
    C(fact_prefix) option). When that call fails, Ansible sets no facts from it, so the role's C(rescue) computes
    them from C(ansible_failed_result) with this filter, the same code the module uses.
options:
  _input:
    description: A registered (or failed) result of M(asyncops.cloud.task_wait) or M(asyncops.cloud.resource).
    type: dict
    required: true
  prefix:
    description: The facts' prefix, for example V(await_tasks).
    type: str
    required: true
  name:
    description: Only this fact (without the prefix); all of them when unset.
    type: str
author:
  - asyncops.cloud contributors (@asyncops)
'''

EXAMPLES = r'''
- name: What a failed wait learned
  ansible.builtin.debug:
    msg: "{{ ansible_failed_result | asyncops.cloud.role_facts('await_tasks', 'pending') }}"
'''

RETURN = r'''
_value:
  description: The facts as a dictionary, or the one fact named by O(name).
  type: raw
'''

from ansible_collections.asyncops.cloud.plugins.module_utils._role_facts import resource_facts, wait_facts


def role_facts(result, prefix, name=None):
    """The facts of a task_wait (has ``providers``) or resource (has ``action``) result."""
    result = result or {}
    if "action" in result and "providers" not in result:
        facts = resource_facts(prefix, result)
    else:
        facts = wait_facts(prefix, result)
    if name is None:
        return facts
    return facts.get("%s_%s" % (prefix, name))


class FilterModule(object):

    def filters(self):
        return {"role_facts": role_facts}
