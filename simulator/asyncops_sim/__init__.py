# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""asyncops_sim: a loopback-only simulator of the Gcore Cloud task API and GPCN jobs API."""
from .server import SimulatorHandle, make_server, start_simulator

__all__ = ["start_simulator", "make_server", "SimulatorHandle"]
__version__ = "0.1.0"
