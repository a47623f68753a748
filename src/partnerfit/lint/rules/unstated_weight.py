"""PF302 (warning): a weight left to its default (1) while its siblings state theirs.

A criterion without `weight:` weighs 1. Beside siblings weighted 40 and 30 that
is almost nothing, which is rarely what was meant: usually the weight was
forgotten. Groups where no item states a weight (equal weights on purpose) and
groups whose weights a `weighting:` block derives are not checked.

Fails (``market_access`` weighs 1 beside 40)::

    criteria:
      - {id: objectives_alignment, weight: 40}
      - {id: market_access}

Passes (every weight stated, or none)::

    criteria:
      - {id: objectives_alignment, weight: 40}
      - {id: market_access, weight: 60}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CriteriaTarget, Rule, stated
from partnerfit.loading import Loc


def _check_group(
    target: CriteriaTarget, what: str, loc: Loc, items: Sequence[Any]
) -> Iterator[Finding]:
    given = [item for item in items if stated(item, "weight")]
    if not given or len(given) == len(items):
        return
    total = sum(item.weight for item in given)
    for index, item in enumerate(items):
        if not stated(item, "weight"):
            yield RULE.finding(
                target.doc,
                (*loc, index, "id"),
                f"{what} '{item.id}' has no weight, so it weighs 1 beside siblings "
                f"whose stated weights sum to {total:g}",
                hint="state its weight",
            )


def check(target: CriteriaTarget) -> Iterator[Finding]:
    criteria = target.criteria
    if criteria.weighting is None:
        yield from _check_group(target, "dimension", ("dimensions",), criteria.dimensions)
    for i, dimension in enumerate(criteria.dimensions):
        if dimension.weighting is None:
            yield from _check_group(
                target, "criterion", ("dimensions", i, "criteria"), dimension.criteria
            )


RULE = Rule(
    code="PF302",
    severity="warning",
    summary="a weight is left to its default while its siblings state theirs",
    on_criteria=check,
)
