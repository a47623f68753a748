"""PF301 (warning): weights that look like percentages but do not sum to 100.

Weights are relative, so scores do not change; but readers (and the people who
agreed the policy) take weights near 100 as percentages, and a sum of 95 usually
means a criterion was dropped or a number mistyped. A group (the dimensions of a
set, or the criteria of one dimension) with two or more stated weights looks
like percentages when its sum lies within 80..120, or within 50..150 when
another group of the same set sums to exactly 100. Groups whose weights a
`weighting:` block derives are not checked.

Fails (sums to 90)::

    dimensions:
      - {id: fit, weight: 50, criteria: [...]}
      - {id: money, weight: 40, criteria: [...]}

Passes (sums to 100; or weights such as 3 and 2 that are not percentages)::

    dimensions:
      - {id: fit, weight: 60, criteria: [...]}
      - {id: money, weight: 40, criteria: [...]}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CriteriaTarget, Rule, stated
from partnerfit.loading import Loc

TOLERANCE = 1e-6


def _groups(target: CriteriaTarget) -> list[tuple[str, Loc, Sequence[Any]]]:
    criteria = target.criteria
    groups: list[tuple[str, Loc, Sequence[Any]]] = []
    if criteria.weighting is None:
        groups.append(("dimension weights", ("dimensions",), criteria.dimensions))
    for i, dimension in enumerate(criteria.dimensions):
        if dimension.weighting is None:
            groups.append(
                (
                    f"criterion weights of dimension '{dimension.id}'",
                    ("dimensions", i, "criteria"),
                    dimension.criteria,
                )
            )
    return [g for g in groups if len(g[2]) >= 2 and all(stated(item, "weight") for item in g[2])]


def check(target: CriteriaTarget) -> Iterator[Finding]:
    groups = [(what, loc, sum(i.weight for i in items)) for what, loc, items in _groups(target)]
    uses_percent = any(abs(total - 100) <= TOLERANCE for _, _, total in groups)
    low, high = (50, 150) if uses_percent else (80, 120)
    for what, loc, total in groups:
        if low <= total <= high and abs(total - 100) > TOLERANCE:
            yield RULE.finding(
                target.doc,
                loc,
                f"{what} look like percentages but sum to {total:g}, not 100",
                hint="weights are relative, so scores are unchanged; make them sum to 100 "
                "or readers will misread them",
                key=True,
            )


RULE = Rule(
    code="PF301",
    severity="warning",
    summary="weights look like percentages but do not sum to 100",
    on_criteria=check,
)
