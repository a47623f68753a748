"""The lint rules of `partnerfit check`, one module per rule (docs/check.md lists them).

The loader's own findings (PF0xx, PF1xx, PF2xx) come first and are not repeated
here: zero weights are PF103, gates and stages naming unknown ids PF202, guide
levels outside the scale PF204, bounds or scales with min >= max PF103, broken
`criteria:` references PF205. These rules look for what a valid file can still
get wrong.
"""

from partnerfit.lint.rules import (
    impassable_gate,
    missing_scores,
    near_duplicate_candidates,
    percent_weights,
    unchecked_ahp,
    unreachable_stage,
    unscorable,
    unscored_criterion,
    unstated_weight,
    version_unchanged,
)
from partnerfit.lint.rules.base import Rule

RULES: tuple[Rule, ...] = tuple(
    m.RULE
    for m in (
        percent_weights,
        unstated_weight,
        unscored_criterion,
        unreachable_stage,
        impassable_gate,
        missing_scores,
        near_duplicate_candidates,
        version_unchanged,
        unscorable,
        unchecked_ahp,
    )
)
