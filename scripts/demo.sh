#!/usr/bin/env bash
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job: start the API simulator on loopback and run playbooks/demo.yml against it
# (provision through both APIs, then wait on the returned Gcore tasks and GPCN jobs).
# Extra arguments go to ansible-playbook, e.g. `bash scripts/demo.sh -v`.
# ASYNCOPS_DEMO_TIME_SCALE (default 0.1) makes the simulated tasks finish that much faster.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
# shellcheck source=scripts/_simulator.sh
source "$ROOT/scripts/_simulator.sh"
asyncops_venv
asyncops_collections_tree

SIM_DIR="$(mktemp -d "${TMPDIR:-/tmp}/asyncops-demo.XXXXXX")"
SIM_PID=""
cleanup() {
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    rm -rf "$SIM_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

asyncops_start_simulator "$SIM_DIR" "${ASYNCOPS_DEMO_TIME_SCALE:-0.1}"
echo "simulator: $SIM_URL (time scale ${ASYNCOPS_DEMO_TIME_SCALE:-0.1})"

# The playbook reads endpoints and keys from the environment, like it would in production.
export GCORE_API_URL="$SIM_URL"
export GCORE_API_KEY="sim-gcore-key-a"
export GCORE_CLOUD_PROJECT_ID="1"
export GCORE_CLOUD_REGION_ID="76"
export GPCN_API_URL="$SIM_URL/v1"
export GPCN_API_KEY="gpcn_sim_key_a"
# Modules run on localhost with the venv's interpreter, which has `requests`.
export ANSIBLE_PYTHON_INTERPRETER="$ASYNCOPS_PYTHON"
export ANSIBLE_NOCOLOR="${ANSIBLE_NOCOLOR:-${CI:+1}}"
[ -n "$ANSIBLE_NOCOLOR" ] || unset ANSIBLE_NOCOLOR

ansible-playbook -i localhost, -c local playbooks/demo.yml "$@"
