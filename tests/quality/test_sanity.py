"""Gate: `ansible-test sanity` on a git-shaped copy of the collection, offline-safe.

ansible-test runs each sanity test in its own virtualenv (--venv) whose requirements come
from the package index; the only thing it would fetch from elsewhere is its get-pip
bootstrap script, which we seed from tests/sanity/get-pip.py (see tests/sanity/README.md).
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from _collection_tree import REPO_ROOT, copy_collection
from _tools import run, tail, tool, tool_env

SANITY_PARENT = os.path.join(REPO_ROOT, "build", "sanity")
GET_PIP_STAND_IN = os.path.join(REPO_ROOT, "tests", "sanity", "get-pip.py")


def ansible_test_pip_version():
    """The pip version ansible-test bootstraps; it names the cached get-pip file."""
    import ansible_test  # imported late: only this gate needs it

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source, encoding="utf-8") as handle:
        match = re.search(r"pip='([0-9.]+)'", handle.read())
    assert match, "ansible-test no longer pins pip in %s: update tests/sanity/README.md" % source
    return match.group(1)


def seed_get_pip_cache(pip_version):
    """Put the stand-in where ansible-test looks before downloading (requirements.py bootstrap())."""
    cache_path = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % pip_version.replace(".", "_"))
    os.makedirs(os.path.dirname(cache_path), exist_ok=True)
    shutil.copyfile(GET_PIP_STAND_IN, cache_path)
    return cache_path


def prepare_sanity_copy():
    """Copy the collection and make the copy its own git work tree.

    ansible-test lists files with git from the nearest .git upwards; inside this repository
    that would be /work tree's git, where build/ is ignored, so every target would be
    skipped. tests/output (ansible-test's own scratch space) must stay out of the listing.
    """
    copy = copy_collection(SANITY_PARENT)
    subprocess.run(["git", "init", "-q", "."], cwd=copy, check=True)
    with open(os.path.join(copy, ".git", "info", "exclude"), "a", encoding="utf-8") as handle:
        handle.write("tests/output/\n")
    return copy


@pytest.mark.quality
@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_ansible_test_sanity_passes():
    seed_get_pip_cache(ansible_test_pip_version())
    copy = prepare_sanity_copy()
    python = "%d.%d" % sys.version_info[:2]

    result = run(
        [tool("ansible-test"), "sanity", "--python", python, "--venv", "--color", "no"],
        cwd=copy, env=tool_env(), timeout=1400,
    )

    problems = [line for line in result.stdout.splitlines() if line.startswith("ERROR:")]
    if result.returncode != 0:
        pytest.fail("ansible-test sanity exited %d:\n%s\n--- tail ---\n%s" % (
            result.returncode, "\n".join(problems[:80]), tail(result.stdout, 15)), pytrace=False)
    assert 'Running sanity test "validate-modules"' in result.stdout or not os.path.isdir(
        os.path.join(copy, "plugins", "modules")), "validate-modules did not run"
