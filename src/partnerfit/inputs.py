"""Load criteria and candidate files into validated models: the core's entry points."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from partnerfit.findings import Finding, InputError
from partnerfit.loading import Document, load_document
from partnerfit.models import Candidate, CandidatesFile, CriteriaSet
from partnerfit.validation import (
    candidates_findings,
    criteria_findings,
    header_findings,
    schema_findings,
)


@dataclass(frozen=True)
class CandidatePool:
    """Candidates with the criteria set they are scored against."""

    candidates_path: str
    """The candidates file as given."""
    criteria_path: str | None
    """The criteria file as referenced (relative to the candidates file) or as given with
    `--criteria`; None when the set is inline."""
    criteria: CriteriaSet
    candidates: tuple[Candidate, ...]
    weighting_marks: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Where each `weighting:` block was written: scope ("dimensions" or a dimension id) ->
    (path, line, col), for findings raised while scoring (data-driven weights)."""


def _raise_if(findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise InputError(errors)


def parse_criteria(doc: Document) -> CriteriaSet:
    _raise_if(header_findings(doc, "criteria"))
    criteria, findings = schema_findings(doc, CriteriaSet)
    _raise_if(findings)
    _raise_if(criteria_findings(criteria, doc))
    assert isinstance(criteria, CriteriaSet)
    return criteria


def parse_inline_criteria(doc: Document) -> CriteriaSet:
    """Validate the criteria set written inline under `criteria:` of a candidates file."""
    inline = Document(doc.path, doc.data["criteria"])
    prefix = ("criteria",)
    inline.marks = {loc[1:]: m for loc, m in doc.marks.items() if loc[:1] == prefix}
    inline.key_marks = {loc[1:]: m for loc, m in doc.key_marks.items() if loc[:1] == prefix}
    return parse_criteria(inline)


def load_criteria(path: str | os.PathLike[str]) -> CriteriaSet:
    """Load and validate a criteria file; raise `InputError` with every finding."""
    return parse_criteria(load_document(Path(path), str(path)))


def resolve_reference(candidates_path: str, reference: str) -> str:
    """A criteria reference, resolved relative to the candidates file's folder."""
    if os.path.isabs(reference):
        return reference
    return os.path.normpath(os.path.join(os.path.dirname(candidates_path), reference))


def load_candidates(
    path: str | os.PathLike[str], criteria: str | os.PathLike[str] | None = None
) -> CandidatePool:
    """Load a candidates file and its criteria set (`criteria` overrides the reference)."""
    display = str(path)
    doc = load_document(Path(path), display)
    _raise_if(header_findings(doc, "candidates"))
    parsed, findings = schema_findings(doc, CandidatesFile)
    _raise_if(findings)
    assert isinstance(parsed, CandidatesFile)

    criteria_doc = doc
    if criteria is not None:
        criteria_path: str | None = str(criteria)
        criteria_doc = load_document(Path(criteria), str(criteria))
        criteria_set = parse_criteria(criteria_doc)
    elif isinstance(parsed.criteria, dict):
        criteria_path = None
        criteria_set = parse_inline_criteria(doc)
    else:
        criteria_path = parsed.criteria
        resolved = resolve_reference(display, parsed.criteria)
        if not Path(resolved).is_file():
            reason = "is a directory" if Path(resolved).is_dir() else "does not exist"
            raise InputError(
                [
                    doc.finding(
                        ("criteria",),
                        "PF205",
                        f"criteria file '{parsed.criteria}' {reason} (resolved to {resolved})",
                    )
                ]
            )
        criteria_doc = load_document(Path(resolved), resolved)
        criteria_set = parse_criteria(criteria_doc)
    _raise_if(candidates_findings(parsed, criteria_set, doc))
    inline = criteria is None and isinstance(parsed.criteria, dict)
    base: tuple[str, ...] = ("criteria",) if inline else ()
    return CandidatePool(
        display,
        criteria_path,
        criteria_set,
        tuple(parsed.candidates),
        _weighting_marks(criteria_set, criteria_doc, base),
    )


def _weighting_marks(
    criteria: CriteriaSet, doc: Document, base: tuple[str, ...]
) -> dict[str, tuple[str, int, int]]:
    blocks: list[tuple[str, tuple[str | int, ...]]] = []
    if criteria.weighting is not None:
        blocks.append(("dimensions", (*base, "weighting")))
    blocks += [
        (d.id, (*base, "dimensions", i, "weighting"))
        for i, d in enumerate(criteria.dimensions)
        if d.weighting is not None
    ]
    return {scope: (doc.path, *doc.mark(loc)) for scope, loc in blocks}
