"""PF303 (warning): a criterion or fact that no checked candidates file scores.

When the run includes candidates files scored against a criteria set, every
criterion and fact of that set should have a value (not null) for at least one
of their candidates. One that has none is dead policy, or the scores were
written under another id. Sets that no checked candidates file uses are not
checked; the rule needs the candidates in the same run
(`partnerfit check criteria/ examples/`).

Fails (no candidate has ``market_access``)::

    # criteria.yaml                      # candidates.yaml
    criteria:                            candidates:
      - {id: goals, weight: 60}            - {id: alpha, scores: {goals: 4}}
      - {id: market_access, weight: 40}

Passes::

    candidates:
      - {id: alpha, scores: {goals: 4, market_access: 3}}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import DIRECT_KINDS, Rule, RunTargets
from partnerfit.loading import Loc


def check(run: RunTargets) -> Iterator[Finding]:
    scored: dict[str, set[str]] = defaultdict(set)
    files: dict[str, int] = defaultdict(int)
    for candidates in run.candidates:
        if candidates.criteria_realpath is None:
            continue
        files[candidates.criteria_realpath] += 1
        for candidate in candidates.pool.candidates:
            scored[candidates.criteria_realpath].update(
                key for key, score in candidate.scores.items() if score.value is not None
            )
    for target in run.criteria:
        if target.realpath is None or target.realpath not in files:
            continue
        seen = scored[target.realpath]
        n = files[target.realpath]
        where = f"{n} candidates file{'s' if n != 1 else ''} checked against this set"
        items: list[tuple[str, str, Loc]] = [
            ("criterion", c.id, ("dimensions", d, "criteria", i, "id"))
            for d, dimension in enumerate(target.criteria.dimensions)
            for i, c in enumerate(dimension.criteria)
            if c.kind in DIRECT_KINDS
        ]
        items += [
            ("fact", f.id, ("facts", i, "id"))
            for i, f in enumerate(target.criteria.facts)
            if f.kind in DIRECT_KINDS
        ]
        for what, item_id, loc in items:
            if item_id not in seen:
                yield RULE.finding(
                    target.doc,
                    loc,
                    f"{what} '{item_id}' is scored by no candidate in the {where}",
                    hint="score it, rename the scores that meant it, or remove it",
                )


RULE = Rule(
    code="PF303",
    severity="warning",
    summary="a criterion no checked candidates file scores",
    on_run=check,
)
