"""The pre-commit hook works when installed from a local clone (`pre-commit try-repo`).

It builds a virtualenv and installs partnerfit into it (20-30 s), so it runs only
when PARTNERFIT_PRECOMMIT_TEST=1: .ci/run sets it in a step of its own, and keeps
the default test run quick.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(
    os.environ.get("PARTNERFIT_PRECOMMIT_TEST") != "1",
    reason="slow (installs partnerfit into a fresh virtualenv); set PARTNERFIT_PRECOMMIT_TEST=1",
)

GIT = ["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci"]


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_try_repo_from_a_local_clone_passes_good_files_and_fails_bad_ones(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit is not None, "pre-commit comes with the test extra"
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    clone = tmp_path / "partnerfit"
    assert run(["git", "clone", "-q", str(REPO), str(clone)], tmp_path, env).returncode == 0
    project = tmp_path / "project"
    project.mkdir()
    run(["git", "init", "-q"], project, env)
    partnerfit = str(Path(sys.executable).parent / "partnerfit")
    assert run([partnerfit, "init", "search", "--type", "channel"], project, env).returncode == 0
    (project / "ci.yml").write_text("on: push\n", encoding="utf-8")  # not ours: skipped
    run([*GIT, "add", "-A"], project, env)
    run([*GIT, "commit", "-qm", "scaffold"], project, env)
    hook = [pre_commit, "try-repo", str(clone), "partnerfit-check", "--all-files"]

    good = run(hook, project, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "partnerfit check" in good.stdout and "Passed" in good.stdout

    criteria = project / "search" / "criteria.yaml"
    text = criteria.read_text(encoding="utf-8")
    line = text[: text.index("weight: 20\n")].count("\n") + 1
    col = text.splitlines()[line - 1].index("20") + 1
    criteria.write_text(text.replace("weight: 20\n", "weight: 0\n", 1), encoding="utf-8")
    run([*GIT, "commit", "-qam", "break a weight"], project, env)
    bad = run(hook, project, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert f"search/criteria.yaml:{line}:{col}: error PF103 weight must be positive, got 0" in (
        bad.stdout
    )
