#!/usr/bin/env bash
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The one benchmark command: `bash benchmarks/run.sh [--quick] [--only gcore_vms,...] [--no-scaling]`.
# Creates/reuses the project venv, then runs every workload through every contender (a fresh
# loopback simulator each) and writes benchmarks/results/latest.json and latest.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
asyncops_venv

# The simulator package is imported from the tree; the harness imports benchmarks/ and tests/.
export PYTHONPATH="$ROOT/simulator:$ROOT${PYTHONPATH:+:$PYTHONPATH}"
exec "$ASYNCOPS_PYTHON" -m benchmarks "$@"
