"""PF309 (error): the candidates cannot be scored: a method fails on this data.

`partnerfit check` runs the staged screening of every candidates file that
loads. If a scoring method still fails on the field that reaches its stage,
`partnerfit score` would stop with an error; `check` reports it here, at the top
of the file. The loader refuses the inputs known to break a method (values <= 0
under weighted_product are PF204, ratings whose scale reaches 0 PF103), so this
is a safety net rather than a common finding.

Fails: any candidates file whose screening raises a scoring error.

Passes: every candidates file `partnerfit score` can rank.
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CandidatesTarget, Rule


def check(target: CandidatesTarget) -> Iterator[Finding]:
    if target.scoring_error is not None:
        yield RULE.finding(target.doc, (), f"cannot be scored: {target.scoring_error}")


RULE = Rule(
    code="PF309",
    severity="error",
    summary="the candidates cannot be scored (a method fails on this data)",
    on_candidates=check,
)
