# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What an AWX credential of one of the awx/credential_types injects into a job.

AWX renders the type's file injectors into files of the job's private data folder, then its env
injectors with ``tower.filename.<name>`` set to those files' paths. Used by the ansible-runner
test and, as a command, by the execution-environment chain (scripts/ee-build.sh), where the
files are mounted into the container and so are seen under another path:

    python -m tests.integration.awx.credential_injection TYPE.yml FILES_DIR SEEN_AS name=value...

prints the environment as ``VAR=value`` lines (podman's --env-file format).
"""

import os
import sys

import jinja2
import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CREDENTIAL_TYPES = os.path.join(REPO_ROOT, "awx", "credential_types")


def injected_env(name, inputs, file_dir, seen_as=None):
    """Write the file injectors of credential type ``name`` (a file in awx/credential_types) into
    ``file_dir`` and return the env injectors rendered; the files' paths are given as
    ``seen_as`` (the folder the job sees ``file_dir`` as), by default ``file_dir`` itself."""
    with open(os.path.join(CREDENTIAL_TYPES, name)) as handle:
        injectors = yaml.safe_load(handle)["injectors"]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    filenames = {}
    for template_name, template in injectors.get("file", {}).items():
        short = template_name.split(".", 1)[1]
        filename = "%s-%s" % (name.split(".")[0], short)
        path = os.path.join(file_dir, filename)
        with open(path, "w") as handle:
            handle.write(env.from_string(template).render(**inputs))
        os.chmod(path, 0o600)
        filenames[short] = os.path.join(seen_as or file_dir, filename)
    context = dict(inputs, tower={"filename": filenames})
    return dict((var, env.from_string(template).render(**context))
                for var, template in injectors["env"].items())


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    name, file_dir, seen_as = argv[:3]
    inputs = dict(pair.split("=", 1) for pair in argv[3:])
    for var, value in sorted(injected_env(os.path.basename(name), inputs, file_dir, seen_as).items()):
        sys.stdout.write("%s=%s\n" % (var, value))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
