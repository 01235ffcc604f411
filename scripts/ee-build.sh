#!/usr/bin/env bash
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The execution-environment chain on this machine, end to end:
#   1. the collection tarball, built from this checkout;
#   2. a Debian base image made with debootstrap from the apt mirror and `podman import`
#      (no container registry is needed), cached under a tag named after its recipe;
#   3. `ansible-builder build` of awx/execution-environment.yml on that base, with podman;
#   4. the demo playbook (asyncops.cloud.demo, as installed in the image) inside the image
#      against the simulator on the host's 127.0.0.1, with the credentials injected as the
#      AWX credential types in awx/credential_types inject them: key files plus variables.
# Extra arguments go to ansible-playbook (`bash scripts/ee-build.sh -v`).
#
# Exit status: 0 when the demo passed in the image; 77 when this machine cannot run the chain
# (the message says why: no podman, debootstrap or runc, not root, podman not working);
# anything else is a failure.
#
# Needs root and the Debian packages podman, runc and debootstrap. Podman runs with a
# containers.conf of its own (CONTAINERS_CONF): the runc runtime (crun refuses some hosts'
# cgroup setups), cgroupfs, and default limits of 1024 open files and processes.
#   ASYNCOPS_EE_MIRROR   Debian mirror for debootstrap (default http://deb.debian.org/debian)
#   ASYNCOPS_EE_SUITE    Debian suite of the base image (default bookworm: Python 3.11)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CANNOT_RUN=77
cannot_run() {
    echo "ee-build: cannot run the execution-environment chain here: $*" >&2
    exit "$CANNOT_RUN"
}
step() { printf '=== ee-build: %s\n' "$*"; }

# --- Can this machine run it? -------------------------------------------------------------
for tool in podman runc debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || cannot_run "'$tool' is not installed (apt-get install podman runc debootstrap)"
done
[ "$(id -u)" -eq 0 ] || cannot_run "debootstrap and podman import need root"

WORK="$ROOT/build/ee"
mkdir -p "$WORK"
export CONTAINERS_CONF="$WORK/containers.conf"
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
podman info >"$WORK/podman-info.txt" 2>&1 || cannot_run "podman does not work: $(tail -n 3 "$WORK/podman-info.txt")"

# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
# shellcheck source=scripts/_simulator.sh
source "$ROOT/scripts/_simulator.sh"
if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/ansible-builder" ]; then
    # Called from the test suite (or an activated project venv): use that virtualenv as it is.
    ASYNCOPS_PYTHON="$VIRTUAL_ENV/bin/python"
    PATH="$VIRTUAL_ENV/bin:$PATH"
    export ASYNCOPS_PYTHON PATH
else
    asyncops_venv
fi
command -v ansible-builder >/dev/null 2>&1 || cannot_run "ansible-builder is not in $ASYNCOPS_VENV (requirements/test.txt)"

SUITE="${ASYNCOPS_EE_SUITE:-bookworm}"
MIRROR="${ASYNCOPS_EE_MIRROR:-http://deb.debian.org/debian}"
BASE_PACKAGES="python3,python3-pip,python3-venv,ca-certificates"
HOST_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

ROOTFS=""
SIM_PID=""
cleanup() {
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    [ -z "$ROOTFS" ] || rm -rf "$ROOTFS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. The collection tarball --------------------------------------------------------------
STAGE="$WORK/definition"
rm -rf "$STAGE" "$WORK/context"
mkdir -p "$STAGE"
step "collection tarball"
ansible-galaxy collection build --force --output-path "$STAGE" "$ROOT" >/dev/null
cp awx/execution-environment.yml "$STAGE/"
ls "$STAGE"/asyncops-cloud-*.tar.gz

# --- 2. The Debian base image, built once per recipe -----------------------------------------
# The tag names everything that goes into the image, so a changed recipe builds a new one.
recipe_hash="$({
    echo "$SUITE $MIRROR $BASE_PACKAGES"
    cat scripts/ee/dnf
    [ ! -f "$HOST_CA_BUNDLE" ] || cat "$HOST_CA_BUNDLE"
} | sha256sum | cut -c1-12)"
BASE_IMAGE="localhost/asyncops-ee-base:$SUITE-$recipe_hash"
if podman image exists "$BASE_IMAGE"; then
    step "base image $BASE_IMAGE (cached)"
else
    step "base image $BASE_IMAGE: debootstrap $SUITE from $MIRROR (a few minutes)"
    ROOTFS="$(mktemp -d /var/tmp/asyncops-ee-rootfs.XXXXXX)"
    debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" \
        >"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log" >&2; exit 1; }
    # ansible-builder's scripts call an RPM package manager: an apt-backed stand-in.
    install -m 0755 scripts/ee/dnf "$ROOTFS/usr/bin/dnf"
    # The image trusts what this host trusts (pip reaches the package index through it).
    [ ! -f "$HOST_CA_BUNDLE" ] || cp "$HOST_CA_BUNDLE" "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
    rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin
    tar -C "$ROOTFS" -c . | podman import --quiet \
        --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
        --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
    rm -rf "$ROOTFS"
    ROOTFS=""
fi

# --- 3. The execution environment -----------------------------------------------------------
# --prune-images drops the untagged stage images a rebuild leaves, so reruns do not pile them up.
VERSION="$("$ASYNCOPS_PYTHON" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' galaxy.yml)"
IMAGE="localhost/asyncops-ee:$VERSION"
step "ansible-builder build $IMAGE on $BASE_IMAGE"
ansible-builder build --container-runtime podman \
    -f "$STAGE/execution-environment.yml" -c "$WORK/context" -t "$IMAGE" \
    --build-arg EE_BASE_IMAGE="$BASE_IMAGE" \
    --extra-build-cli-args "--network host" --prune-images \
    >"$WORK/ansible-builder.log" 2>&1 || { tail -n 40 "$WORK/ansible-builder.log" >&2; exit 1; }
podman run --rm "$IMAGE" sh -c 'python3 --version; ansible --version | head -n 1'

# --- 4. The demo inside the image -----------------------------------------------------------
SIM_DIR="$WORK/simulator"
CREDENTIALS="$WORK/credentials"
rm -rf "$SIM_DIR" "$CREDENTIALS"
mkdir -p "$SIM_DIR" "$CREDENTIALS"
asyncops_start_simulator "$SIM_DIR" 0.05
step "demo in $IMAGE against the simulator at $SIM_URL"

# The job sees the credential files where AWX puts a job's private data.
SEEN_AS=/runner/credentials
GCORE_KEY=sim-gcore-key-a
GPCN_KEY=gpcn_sim_key_a
{
    "$ASYNCOPS_PYTHON" -m tests.integration.awx.credential_injection gcore_cloud.yml "$CREDENTIALS" "$SEEN_AS" \
        api_key="$GCORE_KEY" api_url="$SIM_URL" project_id=1 region_id=76
    "$ASYNCOPS_PYTHON" -m tests.integration.awx.credential_injection gpcn.yml "$CREDENTIALS" "$SEEN_AS" \
        api_key="$GPCN_KEY" api_url="$SIM_URL/v1"
} >"$WORK/credentials.env"

# The image runs as its own user (ansible-builder's default 1000): `U` hands it the files.
set +e
podman run --rm --network host --env-file "$WORK/credentials.env" -e ANSIBLE_NOCOLOR=1 \
    -v "$CREDENTIALS:$SEEN_AS:ro,U" "$IMAGE" \
    ansible-playbook asyncops.cloud.demo -e demo_poll_interval=0.5 "$@" 2>&1 | tee "$WORK/demo.log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "ee-build: the demo failed in $IMAGE (exit $status)" >&2
    exit "$status"
fi
if grep -F -q -e "$GCORE_KEY" -e "$GPCN_KEY" "$WORK/demo.log" "$WORK/credentials.env"; then
    echo "ee-build: an API key appears in the demo output or the injected environment" >&2
    exit 1
fi
step "passed: $IMAGE ran the demo"
