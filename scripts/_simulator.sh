# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Shared by scripts/demo.sh and scripts/ee-build.sh: start the API simulator on a free loopback
# port in the background (after `asyncops_venv`).
#
#   source scripts/_simulator.sh
#   asyncops_start_simulator LOG_DIR TIME_SCALE
#
# Sets SIM_PID and SIM_URL (its base URL); the caller stops it (kill "$SIM_PID").

asyncops_start_simulator() {
    local log_dir="$1" time_scale="$2"
    # Port 0: the simulator picks a free port and prints its base URL as the first stdout line.
    PYTHONPATH="$ASYNCOPS_ROOT/simulator${PYTHONPATH:+:$PYTHONPATH}" "$ASYNCOPS_PYTHON" -u -m asyncops_sim \
        --host 127.0.0.1 --port 0 --time-scale "$time_scale" \
        >"$log_dir/stdout" 2>"$log_dir/stderr" &
    SIM_PID=$!
    SIM_URL=""
    for _ in $(seq 1 200); do
        SIM_URL="$(head -n 1 "$log_dir/stdout" 2>/dev/null | tr -d '\r' || true)"
        case "$SIM_URL" in http://*) return 0 ;; esac
        SIM_URL=""
        if ! kill -0 "$SIM_PID" 2>/dev/null; then
            echo "simulator exited before printing its URL:" >&2
            cat "$log_dir/stderr" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "simulator printed no URL within 20 s:" >&2
    cat "$log_dir/stderr" >&2
    return 1
}
