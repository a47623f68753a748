"""Errors as data: one `Finding` type for syntax, schema and semantic problems.

Every problem partnerfit reports about an input file is a `Finding` with a 1-based
line and column. The CLI renders them in one place; the core only raises
`InputError` (a bundle of findings) or returns findings.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def text(self) -> str:
        """One line, never wrapped: ``file:line:col: severity CODE message``."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity} {self.code} {self.message}{tail}"


class InputError(Exception):
    """Input that cannot be used. Carries every finding that was collected."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings)
        super().__init__("\n".join(f.text() for f in self.findings))


class Code(NamedTuple):
    code: str
    summary: str


# The registry of finding codes. docs/findings.md documents every one (a test checks).
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("PF001", "file cannot be read (missing, a directory, no permission)"),
        Code("PF002", "file is not UTF-8 text"),
        Code("PF003", "file is empty"),
        Code("PF004", "YAML syntax error"),
        Code("PF005", "duplicate mapping key"),
        Code("PF006", "unsupported or unsafe YAML tag"),
        Code("PF007", "a loader limit was exceeded (size, nesting depth, alias expansion)"),
        Code("PF008", "document is not a mapping, or holds several documents"),
        Code("PF101", "unknown key"),
        Code("PF102", "missing required key"),
        Code("PF103", "value of the wrong type or out of range"),
        Code("PF104", "wrong file kind or format version"),
        Code("PF201", "duplicate id"),
        Code("PF202", "reference to an unknown criterion, fact or dimension"),
        Code("PF203", "score for an unknown criterion"),
        Code("PF204", "score outside its scale or of the wrong kind"),
        Code("PF205", "criteria reference cannot be resolved"),
        Code("PF206", "no stage scores candidates"),
        Code("PF207", "a weight is stated where weights are derived (two sources of truth)"),
        Code("PF208", "AHP judgements too inconsistent (consistency ratio above max_cr)"),
        Code(
            "PF209", "invalid weighting: bad AHP matrix or judgements, incomplete order or points"
        ),
        Code("PF420", "result file is not JSON (diff)"),
        Code("PF421", "JSON that is not a partnerfit score result (diff)"),
        Code("PF422", "score result of an unsupported schema_version (diff)"),
        # partnerfit check: lint rules (partnerfit.lint.rules, one module per rule)
        Code("PF301", "weights look like percentages but do not sum to 100"),
        Code("PF302", "a weight is left to its default while its siblings state theirs"),
        Code("PF303", "a criterion no checked candidates file scores"),
        Code("PF304", "a stage no candidate can reach (a shortlist that keeps no one)"),
        Code("PF305", "a gate no candidate can pass (a rating threshold outside the scale)"),
        Code("PF306", "a candidate lacks scores a stage it reaches needs"),
        Code("PF307", "candidate ids or names that differ only by case or whitespace"),
        Code("PF308", "weights changed but the criteria set's version did not (--against)"),
        Code("PF309", "the candidates cannot be scored (a method fails on this data)"),
        Code("PF250", "data-driven (entropy, CRITIC) weights are all zero in a stage's field"),
        Code("PF251", "an AHP block of more than 15 items: its consistency cannot be checked"),
        Code("PF210", "a similarity criterion in a set that defines no culture dimensions"),
        Code("PF211", "invalid synonyms map"),
        Code("PF212", "culture tolerance larger than the span of the culture scale"),
        Code("PF213", "culture dimension not defined by the criteria set"),
        Code("PF214", "culture value outside the culture scale, or not a number"),
        Code("PF215", "ratio against our own value that is zero, negative or missing"),
        Code("PF216", "coverage criterion but no need of ours (of its min_importance)"),
        Code("PF217", "a name listed twice (after normalisation and synonyms), or empty"),
        Code(
            "PF218", "computed criteria without our profile, or a profile lacking a culture value"
        ),
        Code("PF219", "a score written for a computed criterion"),
        Code("PF220", "empty assessor map, or assessors on a flag"),
        Code("PF221", "profile reference cannot be resolved"),
        Code("PF222", "a capability or objective name that looks like a typo of one of ours"),
    ]
}
