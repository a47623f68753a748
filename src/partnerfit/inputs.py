"""Load criteria and candidate files into validated models: the core's entry points."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from partnerfit.findings import Finding, InputError
from partnerfit.loading import Document, load_document
from partnerfit.models import Candidate, CandidatesFile, CriteriaSet, Profile, ProfileFile
from partnerfit.regular_files import non_regular_kind
from partnerfit.validation import (
    candidates_findings,
    criteria_findings,
    header_findings,
    schema_findings,
)

if TYPE_CHECKING:
    from partnerfit.assessment import Disagreement


class CandidatePool(NamedTuple):
    """Candidates with the criteria set they are scored against."""

    candidates_path: str
    """The candidates file as given."""
    criteria_path: str | None
    """The criteria file as referenced (relative to the candidates file) or as given with
    `--criteria`; None when the set is inline."""
    criteria: CriteriaSet
    candidates: tuple[Candidate, ...]
    """Candidates as given, except that assessor maps carry their aggregate as `value`."""
    profile: Profile | None = None
    """Our profile, compared by the computed criteria; None when the file gives none."""
    profile_path: str | None = None
    """The profile file as referenced; None when inline or absent."""
    disagreements: tuple[Disagreement, ...] = ()
    """Scores whose assessors differ by more than the set's disagreement threshold."""
    weighting_marks: Mapping[str, tuple[str, int, int]] = MappingProxyType({})
    """Where each `weighting:` block was written: scope ("dimensions" or a dimension id) ->
    (path, line, col), for findings raised while scoring (data-driven weights)."""
    warnings: tuple[Finding, ...] = ()
    """Warnings of the loader that do not stop scoring (PF222: a name that looks like a
    typo of one of ours); `score` prints them on stderr and `check` reports them."""


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


def inline_document(doc: Document, key: str) -> Document:
    """The mapping under `key` of `doc` as a document of its own, with the same marks."""
    inline = Document(doc.path, doc.data[key])
    prefix = (key,)
    inline.marks = {loc[1:]: m for loc, m in doc.marks.items() if loc[:1] == prefix}
    inline.key_marks = {loc[1:]: m for loc, m in doc.key_marks.items() if loc[:1] == prefix}
    return inline


def parse_inline_criteria(doc: Document) -> CriteriaSet:
    """Validate the criteria set written inline under `criteria:` of a candidates file."""
    return parse_criteria(inline_document(doc, "criteria"))


def _refuse_unresolved(doc: Document, key: str, code: str, reference: str, resolved: str) -> None:
    """Raise at the reference if it names no regular file (never opening a pipe)."""
    try:
        what = non_regular_kind(os.stat(resolved).st_mode)
    except OSError:
        what = "does not exist"
    else:
        if what is None:
            return
        what = f"is {what}"
    raise InputError(
        [doc.finding((key,), code, f"{key} file '{reference}' {what} (resolved to {resolved})")]
    )


def load_profile(
    parsed: CandidatesFile, doc: Document, criteria: CriteriaSet, read: list[str] | None = None
) -> tuple[Profile | None, str | None]:
    """Our profile, inline or from its own file (resolved like the criteria reference);
    a file read is appended to `read`."""
    from partnerfit.validation_relational import needs_profile_findings, profile_findings

    if parsed.profile is None:
        _raise_if(needs_profile_findings(criteria, doc))
        return None, None
    if isinstance(parsed.profile, dict):
        profile_doc = inline_document(doc, "profile")
        profile_path = None
        profile, findings = schema_findings(profile_doc, Profile)
    else:
        profile_path = parsed.profile
        resolved = resolve_reference(doc.path, parsed.profile)
        _refuse_unresolved(doc, "profile", "PF221", parsed.profile, resolved)
        if read is not None:
            read.append(resolved)
        profile_doc = load_document(Path(resolved), resolved)
        _raise_if(header_findings(profile_doc, "profile"))
        profile, findings = schema_findings(profile_doc, ProfileFile)
    _raise_if(findings)
    assert isinstance(profile, Profile)
    _raise_if(profile_findings(profile, criteria, profile_doc))
    return profile, profile_path


def load_criteria(path: str | os.PathLike[str]) -> CriteriaSet:
    """Load and validate a criteria file; raise `InputError` with every finding."""
    return parse_criteria(load_document(Path(path), str(path)))


def resolve_reference(candidates_path: str, reference: str) -> str:
    """A criteria reference, resolved relative to the candidates file's folder."""
    if os.path.isabs(reference):
        return reference
    return os.path.normpath(os.path.join(os.path.dirname(candidates_path), reference))


def load_candidates(
    path: str | os.PathLike[str],
    criteria: str | os.PathLike[str] | None = None,
    *,
    read: list[str] | None = None,
) -> CandidatePool:
    """Load a candidates file and its criteria set (`criteria` overrides the reference).

    The other files read on the way (a referenced criteria or profile file) are appended
    to `read` when it is given, even if loading then fails: `check` counts them."""
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
        _refuse_unresolved(doc, "criteria", "PF205", parsed.criteria, resolved)
        if read is not None:
            read.append(resolved)
        criteria_doc = load_document(Path(resolved), resolved)
        criteria_set = parse_criteria(criteria_doc)
    from partnerfit.assessment import aggregate_pool
    from partnerfit.validation_relational import (
        relational_candidate_findings,
        unknown_name_findings,
    )

    _raise_if(
        candidates_findings(parsed, criteria_set, doc)
        + relational_candidate_findings(parsed, criteria_set, doc)
    )
    inline = criteria is None and isinstance(parsed.criteria, dict)
    base: tuple[str, ...] = ("criteria",) if inline else ()
    profile, profile_path = load_profile(parsed, doc, criteria_set, read)
    assessed = aggregate_pool(criteria_set, tuple(parsed.candidates))
    return CandidatePool(
        display,
        criteria_path,
        criteria_set,
        assessed.candidates,
        profile=profile,
        profile_path=profile_path,
        disagreements=assessed.disagreements,
        weighting_marks=_weighting_marks(criteria_set, criteria_doc, base),
        warnings=tuple(sorted(unknown_name_findings(parsed, criteria_set, profile, doc))),
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
