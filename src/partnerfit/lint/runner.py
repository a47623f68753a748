"""Check every file, collect every finding, run the rules: a complete `CheckResult`."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnerfit.findings import Finding, InputError
from partnerfit.inputs import load_candidates, parse_criteria, resolve_reference
from partnerfit.lint.discovery import discover
from partnerfit.lint.result import CheckResult, FileReport
from partnerfit.lint.rules import RULES
from partnerfit.lint.rules.base import CandidatesTarget, CriteriaTarget, RunTargets
from partnerfit.loading import Document, parse_document, read_text
from partnerfit.validation import KINDS, header_findings


@dataclass
class _Run:
    reports: list[FileReport] = field(default_factory=list)
    findings: set[Finding] = field(default_factory=set)
    criteria: list[CriteriaTarget] = field(default_factory=list)
    candidates: list[CandidatesTarget] = field(default_factory=list)
    referenced: dict[str, FileReport] = field(default_factory=dict)
    """Files loaded only because a checked candidates file references them, by real path."""

    def add(self, findings: Iterable[Finding]) -> None:
        self.findings.update(findings)

    def refer(self, path: str, kind: str | None) -> None:
        self.referenced.setdefault(os.path.realpath(path), FileReport(path, kind, "referenced"))

    def all_reports(self) -> list[FileReport]:
        """The files checked, and the referenced files that were not among them."""
        given = {os.path.realpath(r.path) for r in self.reports}
        extra = [r for real, r in self.referenced.items() if real not in given]
        return sorted([*self.reports, *extra], key=lambda r: r.path)


def _is_partnerfit_file(doc: Document) -> bool:
    """A mapping with `partnerfit:` or one of our kinds; other YAML (CI configs...) is not ours."""
    return "partnerfit" in doc.data or doc.data.get("kind") in KINDS


_MENTIONS_OURS = re.compile(r"^[ \t-]*(?:partnerfit|kind)[ \t]*:", re.MULTILINE)


def _foreign_shape(exc: InputError, text: str) -> bool:
    """Valid YAML of another shape (a list, several documents) that never mentions our keys."""
    return all(f.code == "PF008" for f in exc.findings) and not _MENTIONS_OURS.search(text)


def _inline_document(doc: Document) -> Document:
    """The inline criteria set of a candidates file, re-rooted with its marks."""
    inline = Document(doc.path, doc.data["criteria"])
    inline.marks = {loc[1:]: m for loc, m in doc.marks.items() if loc[:1] == ("criteria",)}
    inline.key_marks = {loc[1:]: m for loc, m in doc.key_marks.items() if loc[:1] == ("criteria",)}
    return inline


def _check_criteria(run: _Run, doc: Document, path: str, against: str | None) -> None:
    try:
        criteria = parse_criteria(doc)
    except InputError as exc:
        run.add(exc.findings)
        return
    realpath = os.path.realpath(path)
    previous = None
    if against is not None:
        from partnerfit.lint.history import previous_criteria

        previous = previous_criteria(realpath, against)
    run.criteria.append(CriteriaTarget(doc, criteria, realpath, previous, against))


def _check_candidates(run: _Run, doc: Document, path: str) -> None:
    read: list[str] = []
    try:
        pool = load_candidates(path, read=read)
    except InputError as exc:
        run.add(exc.findings)
        for resolved in read:
            run.refer(resolved, _referenced_kind(doc, path, resolved))
        elsewhere = [f for f in exc.findings if f.path != doc.path]
        reference = doc.data.get("criteria")
        if elsewhere and isinstance(reference, str):
            n = len(elsewhere)
            run.add(
                [
                    doc.finding(
                        ("criteria",),
                        "PF205",
                        f"criteria file '{reference}' cannot be used: "
                        f"{n} error{'s' if n != 1 else ''} in {elsewhere[0].path}",
                    )
                ]
            )
        return
    for resolved in read:
        run.refer(resolved, _referenced_kind(doc, path, resolved))
    run.add(pool.warnings)
    reference = doc.data.get("criteria")
    if isinstance(reference, dict):
        key = "inline:" + os.path.realpath(path)
        run.criteria.append(CriteriaTarget(_inline_document(doc), pool.criteria, key))
    else:
        key = os.path.realpath(resolve_reference(path, str(reference)))
    run.candidates.append(CandidatesTarget(doc, pool, key))


def _referenced_kind(doc: Document, path: str, resolved: str) -> str:
    reference = doc.data.get("criteria")
    same = isinstance(reference, str) and resolve_reference(path, reference) == resolved
    return "criteria" if same else "profile"


def _check_file(run: _Run, path: str, against: str | None, judge_content: bool) -> None:
    """Check one file. With `judge_content` (files found in folders, or --skip-other-yaml),
    YAML that is not a partnerfit file is skipped; a file named on its own is ours."""
    try:
        text = read_text(Path(path), path)
    except InputError as exc:
        run.add(exc.findings)
        run.reports.append(FileReport(path, None, "unreadable"))
        return
    try:
        doc = parse_document(text, path)
    except InputError as exc:
        if judge_content and _foreign_shape(exc, text):
            run.reports.append(FileReport(path, None, "skipped"))
            return
        run.add(exc.findings)
        run.reports.append(FileReport(path, None, "checked"))
        return
    if judge_content and not _is_partnerfit_file(doc):
        run.reports.append(FileReport(path, None, "skipped"))
        return
    header = header_findings(doc)
    if header:
        run.add(header)
        run.reports.append(FileReport(path, None, "checked"))
        return
    kind = str(doc.data["kind"])
    run.reports.append(FileReport(path, kind, "checked"))
    if kind == "criteria":
        _check_criteria(run, doc, path, against)
    elif kind == "candidates":
        _check_candidates(run, doc, path)
    # a kind added to validation.KINDS later is header-checked only until it is wired in here


def check_paths(
    arguments: Sequence[str], *, against: str | None = None, skip_other_yaml: bool = False
) -> CheckResult:
    """Check files and folders: every file, every finding, then the cross-file rules.

    Files found in folders that are not partnerfit files are skipped; files named
    on their own are checked as partnerfit files unless `skip_other_yaml` (for hooks
    that pass every YAML file by name). With `against` (a git revision), criteria
    files are also compared with their version there;
    `partnerfit.lint.history.HistoryError` if that cannot be done."""
    found = discover(arguments)
    run = _Run()
    run.add(Finding(a, 0, 0, "PF001", "error", "no such file or folder") for a in found.missing)
    for path in found.files:
        _check_file(run, path, against, skip_other_yaml or path not in found.named)
    for target in run.criteria:
        for rule in RULES:
            if rule.on_criteria is not None:
                run.add(rule.on_criteria(target))
    for candidates in run.candidates:
        for rule in RULES:
            if rule.on_candidates is not None:
                run.add(rule.on_candidates(candidates))
        run.add(candidates.refused)
    targets = RunTargets(tuple(run.criteria), tuple(run.candidates))
    for rule in RULES:
        if rule.on_run is not None:
            run.add(rule.on_run(targets))
    return CheckResult(
        files=tuple(run.all_reports()),
        findings=tuple(sorted(run.findings)),
        arguments_missing=found.missing,
    )
