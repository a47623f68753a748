"""Where output goes: data to stdout, messages to stderr, files written atomically."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from partnerfit.findings import Finding

if TYPE_CHECKING:
    from rich.console import Console


class OutputError(Exception):
    """The output file cannot be written; nothing was written."""


def console(*, stderr: bool = False, file: object = None, width: int | None = None) -> Console:
    """A rich console that follows the terminal: colour only on a TTY, NO_COLOR and
    COLUMNS honoured (rich reads both), no highlighting of numbers in prose."""
    from rich.console import Console

    return Console(stderr=stderr, file=file, width=width, highlight=False)  # type: ignore[arg-type]


def print_findings(findings: Iterable[Finding]) -> None:
    """One line per finding on stderr, never wrapped."""
    for finding in findings:
        sys.stderr.write(finding.text() + "\n")


def message(text: str) -> None:
    sys.stderr.write(text + "\n")


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file in the same folder and a rename,
    so that readers see the old file or the new one, never a half-written one.

    The file gets the permissions a plain write would give it: those of the file it
    replaces, else the default for a new file under the umask (the temporary file
    itself is created owner-only). A symbolic link is followed: the file it points to is
    replaced, and the link stays."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder '{folder}' does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: cannot write: is a directory")
    mode = _mode_for(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Permission bits for `path`: kept from the file being replaced, or 0o666 less the
    umask for a new one."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(text: str, output: Path | None) -> None:
    """Data to `output` (atomically) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
