# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The attributes all asyncops.cloud modules share: each runs in an action plugin of the same
    # name on the controller (plugins/plugin_utils/_controller_action.py) and belongs to the
    # action group of meta/runtime.yml. check_mode differs per module and stays in each module.
    DOCUMENTATION = r'''
attributes:
  action:
    description: Indicates this has a corresponding action plugin so some parts of the options can be executed on the controller.
    support: full
    details: Everything runs in the action plugin on the controller; nothing is sent to the target.
  platform:
    description: Target OS/families that can be operated against.
    support: full
    platforms: controller
    details: Implemented by an action plugin that runs on the controller; C(delegate_to) is ignored.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  action_group:
    description: Use C(group/asyncops.cloud.tasks) in C(module_defaults) to set defaults for this module.
    support: full
    membership: [asyncops.cloud.tasks]
'''
