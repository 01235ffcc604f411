# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the collection tarball with ansible-galaxy, as a user or Galaxy's uploader would."""

import os

from _tools import check, run, tool


def build_tarball(source, output_dir):
    """Path of the one tarball `ansible-galaxy collection build` writes from ``source``."""
    result = run([tool("ansible-galaxy"), "collection", "build", "--force",
                  "--output-path", str(output_dir), str(source)], timeout=300)
    check(result, "ansible-galaxy collection build")
    tarballs = [name for name in os.listdir(str(output_dir)) if name.endswith(".tar.gz")]
    assert len(tarballs) == 1, tarballs
    return os.path.join(str(output_dir), tarballs[0])
