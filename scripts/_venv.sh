# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Shared by scripts/demo.sh and scripts/test.sh: create or refresh the project's virtualenv
# from the pinned requirements, then put it first on PATH.
#
#   source scripts/_venv.sh
#   asyncops_venv            # ansible-core 2.21 on Python 3.12 (else 3.13) -> .venv
#   asyncops_venv --compat   # ansible-core 2.19 on Python 3.11             -> .venv-compat
#
# When neither 3.12 nor 3.13 exists, the default falls back to the compat toolchain, so the
# scripts still work on a machine with only Python 3.11.
# Sets ASYNCOPS_VENV (the venv directory), ASYNCOPS_PYTHON (its interpreter) and
# ASYNCOPS_TOOLCHAIN ("main" or "compat").

ASYNCOPS_ROOT="${ASYNCOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

_asyncops_log() { printf '[asyncops] %s\n' "$*" >&2; }

# Print the first interpreter of the wanted minor version that really runs. pyenv shims
# exist for every installed version but only run the "global" ones, so the versions
# directory is searched too.
_asyncops_find_python() {
    local want="$1" candidate
    local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
    for candidate in "python${want}" \
        "$pyenv_root"/versions/"${want}".*/bin/python \
        /root/.pyenv/versions/"${want}".*/bin/python \
        /usr/bin/"python${want}" /usr/local/bin/"python${want}" python3; do
        [ -n "$candidate" ] || continue
        if "$candidate" -c "import sys, venv; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '${want}' else 1)" >/dev/null 2>&1; then
            command -v "$candidate" 2>/dev/null || printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

_asyncops_hash() {
    # The stamp covers the pins and the interpreter (its version and installation, not the
    # path it was found by, so a shim and the real binary count as the same), so a change of
    # either rebuilds the venv.
    { cat "$1"; "$2" -c 'import sys; print(sys.version); print(sys.base_prefix)'; } | sha256sum | cut -d' ' -f1
}

asyncops_venv() {
    local mode="main" python="" requirements venv stamp_file wanted_hash
    [ "${1:-}" = "--compat" ] && mode="compat"

    if [ "$mode" = "main" ]; then
        python="$(_asyncops_find_python 3.12 || _asyncops_find_python 3.13 || true)"
        if [ -z "$python" ]; then
            _asyncops_log "no Python 3.12/3.13 found: falling back to ansible-core 2.19 on Python 3.11"
            mode="compat"
        fi
    fi
    if [ "$mode" = "compat" ]; then
        python="$(_asyncops_find_python 3.11 || true)"
        if [ -z "$python" ]; then
            _asyncops_log "no usable Python (3.12, 3.13 or 3.11) found"
            return 1
        fi
        requirements="$ASYNCOPS_ROOT/requirements/compat-2.19.txt"
        venv="$ASYNCOPS_ROOT/.venv-compat"
    else
        requirements="$ASYNCOPS_ROOT/requirements/test.txt"
        venv="$ASYNCOPS_ROOT/.venv"
    fi

    stamp_file="$venv/.asyncops-requirements.sha256"
    wanted_hash="$(_asyncops_hash "$requirements" "$python")"

    if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
        if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$wanted_hash" ]; then
            _asyncops_log "venv $venv is up to date ($(basename "$requirements"))"
        elif [ -f "$stamp_file" ]; then
            # The pins changed since this venv was built: start clean so removed or
            # downgraded packages do not linger.
            _asyncops_log "requirements changed: recreating $venv"
            rm -rf "$venv"
        else
            # A venv made by hand (no stamp): adopt it by installing the pins into it instead
            # of deleting something another process may be using right now.
            _asyncops_log "adopting existing venv $venv"
            "$venv/bin/python" -m pip install --disable-pip-version-check -qq -r "$requirements" || return 1
            printf '%s\n' "$wanted_hash" >"$stamp_file"
        fi
    fi

    if [ ! -x "$venv/bin/python" ]; then
        _asyncops_log "creating $venv with $python from $(basename "$requirements") (a few minutes)"
        "$python" -m venv "$venv" || return 1
        "$venv/bin/python" -m pip install --disable-pip-version-check -qq -r "$requirements" || return 1
        # Written last: an interrupted install leaves no stamp and is completed next time.
        printf '%s\n' "$wanted_hash" >"$stamp_file"
    fi

    ASYNCOPS_VENV="$venv"
    ASYNCOPS_PYTHON="$venv/bin/python"
    ASYNCOPS_TOOLCHAIN="$mode"
    PATH="$venv/bin:$PATH"
    VIRTUAL_ENV="$venv"
    export ASYNCOPS_VENV ASYNCOPS_PYTHON ASYNCOPS_TOOLCHAIN PATH VIRTUAL_ENV
}

# Build build/collections/ansible_collections/asyncops/cloud -> the repository, so Ansible
# finds the collection under its FQCN without installing it.
asyncops_collections_tree() {
    local parent="$ASYNCOPS_ROOT/build/collections/ansible_collections/asyncops"
    mkdir -p "$parent"
    ln -sfn "$ASYNCOPS_ROOT" "$parent/cloud"
    ANSIBLE_COLLECTIONS_PATH="$ASYNCOPS_ROOT/build/collections"
    export ANSIBLE_COLLECTIONS_PATH
}
