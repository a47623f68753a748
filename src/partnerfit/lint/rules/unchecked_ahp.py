"""PF251 (warning): an AHP block of more than 15 items, whose consistency goes unchecked.

The consistency ratio divides by Saaty's random index, which is tabulated for up to 15
items. A larger block has no CR, so `max_cr` cannot refuse it: even judgements made at
random pass. `score` says so on stderr and in its JSON `warnings`; this rule points at
the block.

Fails (16 criteria compared in one block)::

    weighting:
      method: ahp
      pairwise: [[c1, c2, 3], [c1, c3, 5], ...]   # 16 items

Passes (the same criteria as a hierarchy: dimensions of at most 15 criteria each)::

    dimensions:
      - id: first_eight
        weighting: {method: ahp, pairwise: [[c1, c2, 3], ...]}
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CriteriaTarget, Rule


def check(target: CriteriaTarget) -> Iterator[Finding]:
    criteria = target.criteria
    blocks = [criteria.weighting, *(d.weighting for d in criteria.dimensions)]
    if not any(w is not None and w.method == "ahp" for w in blocks):
        return  # numpy stays out of a check that has nothing to compute
    from partnerfit.validation_methods import unchecked_ahp_blocks
    from partnerfit.weights import unchecked_hint

    for loc, message in unchecked_ahp_blocks(criteria):
        yield RULE.finding(target.doc, loc, message, hint=unchecked_hint())


RULE = Rule(
    code="PF251",
    severity="warning",
    summary="an AHP block of more than 15 items: its consistency cannot be checked",
    on_criteria=check,
)
