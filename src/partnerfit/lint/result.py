"""The complete outcome of one `partnerfit check` run, built before anything is printed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partnerfit.exit_codes import ExitCode
from partnerfit.findings import Finding

FileStatus = Literal["checked", "skipped", "unreadable", "referenced"]

UNUSABLE_CODES = frozenset({"PF001", "PF002"})
"""Codes meaning a file could not be read as text at all: exit 2, not 1."""


@dataclass(frozen=True)
class FileReport:
    path: str
    """As given on the command line, or found under a folder given."""
    kind: str | None
    """criteria, candidates, or None when it could not be told."""
    status: FileStatus
    """checked; skipped (a YAML file that is not a partnerfit file); unreadable;
    referenced (not given, but loaded for a checked candidates file that names it)."""


@dataclass(frozen=True)
class CheckResult:
    files: tuple[FileReport, ...]
    findings: tuple[Finding, ...]
    """Every finding of every file, sorted by (path, line, col, code), no duplicates."""
    arguments_missing: tuple[str, ...] = field(default=())
    """Arguments naming no file or folder (also reported as PF001 findings)."""

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def checked(self) -> int:
        return sum(f.status != "skipped" for f in self.files)

    @property
    def referenced(self) -> int:
        return sum(f.status == "referenced" for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(f.status == "skipped" for f in self.files)

    def failing(self, strict: bool) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error" or strict]

    def exit_code(self, strict: bool = False) -> ExitCode:
        """2 when an argument or a file could not be used, 1 when findings fail, else 0."""
        unusable = self.arguments_missing or any(f.code in UNUSABLE_CODES for f in self.findings)
        if unusable:
            return ExitCode.INPUT_ERROR
        if self.failing(strict):
            return ExitCode.FINDINGS
        return ExitCode.OK

    def summary(self, strict: bool = False) -> str:
        """One line: files checked (how many of them only as referenced), errors, warnings,
        files skipped."""
        files = f"{self.checked} file{'s' if self.checked != 1 else ''}"
        if self.referenced:
            files += f" ({self.referenced} referenced)"
        if not self.findings:
            counts = "no problems found"
        else:
            parts = [
                f"{n} {word}{'s' if n != 1 else ''}"
                for n, word in ((self.errors, "error"), (self.warnings, "warning"))
                if n
            ]
            n = len({f.path for f in self.findings})
            counts = f"{', '.join(parts)} in {n} file{'s' if n != 1 else ''}"
        line = f"Checked {files}: {counts}"
        if self.skipped:
            n = self.skipped
            many = n != 1
            line += (
                f"; skipped {n} YAML file{'s' if many else ''} that "
                f"{'are not partnerfit files' if many else 'is not a partnerfit file'}"
            )
        if strict and self.warnings:
            line += " (--strict: warnings fail)"
        return line + "."
