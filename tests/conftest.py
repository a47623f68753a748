"""Shared test helpers: run the CLI through its real entry point."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partnerfit.cli import app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, expect: int = 0, env: dict[str, str] | None = None) -> Run:
    """Invoke `partnerfit ARGS`, assert the exit code, return stdout and stderr apart.

    Exceptions are re-raised rather than folded into exit code 1."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False, env=env)
    run = Run(result.exit_code, result.stdout, result.stderr)
    assert run.exit_code == expect, (
        f"exit {run.exit_code}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    )
    return run


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root so that paths display as written in the tests."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    os.environ.pop("NO_COLOR", None)


@contextmanager
def fifo(path: Path) -> Iterator[Path]:
    """A named pipe at `path`. Should a reader block on it (the bug), a writer opens it
    after 5 s and closes it, so that the test fails (an empty read) instead of hanging."""
    os.mkfifo(path)
    done = threading.Event()

    def unblock() -> None:
        if done.wait(5):
            return
        while not done.is_set():
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # no reader yet
                done.wait(0.05)
            else:
                return

    writer = threading.Thread(target=unblock, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        done.set()
        writer.join()


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
