"""PF304 (error): a shortlist that keeps no one, and the stages after it.

`shortlist: {top: 0}` keeps no candidate, so the stage ranks nobody onwards and
every later stage is unreachable. (`min_score` above 100 and other impossible
shortlists are refused by the loader as PF103; gates that no candidate can pass
are PF305.)

Fails::

    stages:
      - {id: desk, shortlist: {top: 0}}
      - {id: final}

Passes::

    stages:
      - {id: desk, shortlist: {top: 5}}
      - {id: final}
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CriteriaTarget, Rule


def check(target: CriteriaTarget) -> Iterator[Finding]:
    blocked_by: str | None = None
    for index, stage in enumerate(target.criteria.stages):
        if blocked_by is not None:
            yield RULE.finding(
                target.doc,
                ("stages", index, "id"),
                f"stage '{stage.id}' is unreachable: the shortlist of stage '{blocked_by}' "
                "keeps no one (top: 0)",
            )
            continue
        if stage.shortlist is not None and stage.shortlist.top == 0:
            yield RULE.finding(
                target.doc,
                ("stages", index, "shortlist", "top"),
                f"the shortlist of stage '{stage.id}' keeps no one (top: 0)",
                hint="give top a positive rank, or remove it and use min_score",
            )
            blocked_by = stage.id


RULE = Rule(
    code="PF304",
    severity="error",
    summary="a stage no candidate can reach (a shortlist that keeps no one)",
    on_criteria=check,
)
