#!/usr/bin/env bash
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# System packages of the execution-environment chain (scripts/ee-build.sh, run by
# tests/quality/test_execution_environment.py): podman with the runc runtime, and debootstrap for
# the local Debian base image. Installed with apt when running as root and missing; if that is not
# possible this only says so, and the test skips with the reason instead of failing.
set -uo pipefail

packages=(podman runc debootstrap fuse-overlayfs uidmap)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "execution-environment tools: installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "execution-environment tools missing (${missing[*]}) and no root apt-get: the EE test will skip"
    exit 0
fi
echo "execution-environment tools: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "could not install ${missing[*]}: the EE test will skip"
fi
exit 0
