# -*- coding: utf-8 -*-
# Copyright: (c) 2026, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build an action plugin instance the way the task executor would, for unit tests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest import mock


def make_action(module, args, check_mode=False, task_env=None):
    """``module.ActionModule`` for a task with ``args``; ``task_env`` is its ``environment:``."""
    task = mock.MagicMock()
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    task.action = "asyncops.cloud.%s" % module.__name__.rsplit(".", 1)[-1]
    connection = mock.MagicMock()
    connection._shell.tmpdir = None
    action = module.ActionModule(task, connection, mock.MagicMock(), loader=None, templar=mock.MagicMock(),
                                 shared_loader_obj=None)
    action._compute_environment_string = lambda out: out.update(task_env or {})
    return action
