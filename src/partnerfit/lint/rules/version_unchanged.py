"""PF308 (error): the weights changed but the criteria set's `version` did not.

Only with `partnerfit check --against GIT_REF`: each criteria file is compared
with the same file at that revision (a branch, tag or commit, e.g. ``main`` in a
pull request). Results scored before and after a weight change must be told
apart, and the JSON output echoes `criteria.version` for that; so when any
dimension or criterion weight, or a `weighting:` block, differs from REF, the
`version` must differ too: be raised, not removed (a set without a version gives
results that cannot be told apart from later ones). Files new since REF, and files
that did not load at REF, are not compared.

Fails (``partnerfit check criteria/ --against main``; on main the weight was 20)::

    version: "1.0"
    dimensions:
      - {id: strategic_fit, weight: 25, criteria: [...]}

Fails too (the weights changed and ``version:`` was deleted)::

    dimensions:
      - {id: strategic_fit, weight: 25, criteria: [...]}

Passes (weights changed and version bumped, or weights unchanged)::

    version: "1.1"
    dimensions:
      - {id: strategic_fit, weight: 25, criteria: [...]}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CriteriaTarget, Rule
from partnerfit.models import CriteriaSet


def weights(criteria: CriteriaSet) -> dict[str, Any]:
    """Everything that decides the weights, comparable between two versions of a set."""

    def block(model: Any) -> Any:
        return None if model is None else model.model_dump(mode="json")

    return {
        "weighting": block(criteria.weighting),
        "dimensions": {
            d.id: (
                d.weight,
                block(d.weighting),
                {c.id: c.weight for c in d.criteria},
            )
            for d in criteria.dimensions
        },
    }


def check(target: CriteriaTarget) -> Iterator[Finding]:
    old = target.previous
    if old is None or target.against is None:
        return
    new = target.criteria
    if weights(old) == weights(new):
        return
    if new.version is None and old.version is not None:
        yield RULE.finding(
            target.doc,
            (),
            f"weights changed since {target.against}, and version '{old.version}' was removed",
            hint="keep version: and raise it, so results scored before and after can be told apart",
        )
        return
    if old.version != new.version:
        return
    if new.version is None:
        yield RULE.finding(
            target.doc,
            (),
            f"weights changed since {target.against}, and the set has no version to bump",
            hint="add version: and raise it whenever the weights change",
        )
        return
    yield RULE.finding(
        target.doc,
        ("version",),
        f"weights changed since {target.against}, but version is still '{new.version}'",
        hint="raise the version, so results scored before and after can be told apart",
    )


RULE = Rule(
    code="PF308",
    severity="error",
    summary="weights changed but the criteria set's version did not (--against)",
    on_criteria=check,
)
