#!/usr/bin/env bash
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite in one pytest run, so pytest's summary line is the last thing printed.
#   bash scripts/test.sh            ansible-core 2.21 (Python 3.12/3.13): unit, simulator,
#                                   integration and quality gates
#   bash scripts/test.sh --compat   ansible-core 2.19 (Python 3.11): unit tests plus the
#                                   integration tests marked `compat`
#   bash scripts/test.sh --secrets-audit
#                                   the whole integration suite once more with
#                                   ASYNCOPS_SECRETS_AUDIT=1: every playbook at -vvvv +
#                                   ANSIBLE_DEBUG, logged, invocations injected, everything it
#                                   leaves scanned for API keys (tests/integration/secrets/audit.py)
# Further arguments go to pytest (e.g. `bash scripts/test.sh -k gcore -x`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"

MODE="main"
if [ "${1:-}" = "--compat" ]; then
    MODE="compat"
    shift
elif [ "${1:-}" = "--secrets-audit" ]; then
    MODE="secrets-audit"
    shift
fi

if [ "$MODE" = "compat" ]; then
    asyncops_venv --compat
else
    asyncops_venv
fi
asyncops_collections_tree

if [ "$MODE" = "secrets-audit" ]; then
    # Every part of the integration suite runs at -vvvv (the fault tests included: they still
    # pass there); only tests that need a quiet run are skipped, each with its reason (-rs).
    export ASYNCOPS_SECRETS_AUDIT=1
    exec python -m pytest -n 2 -rs tests/integration "$@"
fi

PLUGINS=()
if [ "$MODE" = "compat" ] || [ "$ASYNCOPS_TOOLCHAIN" = "compat" ]; then
    PATHS=(tests/unit tests/integration)
    # Keeps all unit tests and only the integration tests marked `compat`: see
    # scripts/pytest_compat_select.py.
    export PYTHONPATH="$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}"
    PLUGINS=(-p pytest_compat_select)
else
    PATHS=(tests/unit tests/simulator tests/integration tests/benchmarks tests/quality)
fi

# Test paths given on the command line (`bash scripts/test.sh tests/unit -x`) replace the
# default folders, so a targeted run does not also run the whole suite.
for arg in "$@"; do
    if [ "${arg#-}" = "$arg" ] && [ -e "${arg%%::*}" ]; then
        PATHS=()
        break
    fi
done

exec python -m pytest -n 2 "${PLUGINS[@]}" "${PATHS[@]}" "$@"
