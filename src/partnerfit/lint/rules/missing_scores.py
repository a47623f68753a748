"""PF306 (warning): a candidate lacks scores that a stage it reaches needs.

The staged screening is run (as `partnerfit score` would run it) to find the
stage each candidate reaches. A candidate that reaches a stage without a score
its criteria need (`missing: exclude`, the default, or a gate's criterion) stops
there as incomplete. Scores written as ``null`` record that a value is unknown
and are not reported; a score key that is absent altogether usually was
forgotten. Candidates eliminated earlier (by a gate or a shortlist) are not
asked for the later stages' scores.

Fails (``goals`` is needed by the first scoring stage)::

    candidates:
      - {id: alpha, scores: {revenue: 50}}

Passes (scored, or recorded as unknown)::

    candidates:
      - {id: alpha, scores: {revenue: 50, goals: 4}}
      - {id: bravo, scores: {revenue: 80, goals: null}}
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import DIRECT_KINDS, CandidatesTarget, Rule
from partnerfit.loading import Loc


def check(target: CandidatesTarget) -> Iterator[Finding]:
    evaluation = target.evaluation
    if evaluation is None:
        return
    index = {c.id: i for i, c in enumerate(target.pool.candidates)}
    measured = target.pool.criteria.measured()
    direct = {key for key, item in measured.items() if item.kind in DIRECT_KINDS}
    for result in evaluation.candidates:
        candidate = target.pool.candidates[index[result.id]]
        for reason in result.reasons:
            if reason.code not in ("missing_scores", "gate_missing"):
                continue
            absent = [
                item for item in reason.criteria if item in direct and item not in candidate.scores
            ]
            if not absent:
                continue
            loc: Loc = ("candidates", index[result.id])
            where: Loc = (*loc, "scores") if (*loc, "scores") in target.doc.marks else (*loc, "id")
            yield RULE.finding(
                target.doc,
                where,
                f"candidate '{result.id}' reaches stage '{reason.stage}' without a score for "
                f"{', '.join(absent)}, so it stops there as incomplete",
                hint="score it, or write null to record that the value is unknown",
                key=where[-1] == "scores",
            )


RULE = Rule(
    code="PF306",
    severity="warning",
    summary="a candidate lacks scores a stage it reaches needs",
    on_candidates=check,
)
