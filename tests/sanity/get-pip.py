# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline stand-in for the get-pip bootstrap script that ansible-test downloads.

ansible-test creates its sanity virtualenvs without pip and runs a downloaded get-pip
script (from a host this network cannot reach) as
``python get_pip_<version>.py --disable-pip-version-check pip==<version> ... --no-setuptools --no-wheel``.
This stand-in gives the same result with what every CPython already has: ``ensurepip``
installs the bundled pip, which then installs the requested packages from the package
index pip is configured to use. tests/quality/test_sanity.py seeds ansible-test's cache
with it (see tests/sanity/README.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess
import sys

# get-pip options that only steer get-pip itself; pip install would reject them.
GET_PIP_ONLY_OPTIONS = ("--no-setuptools", "--no-wheel")


def main():
    pip_args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    if pip_args:
        subprocess.check_call([sys.executable, "-m", "pip", "install"] + pip_args)


if __name__ == "__main__":
    main()
