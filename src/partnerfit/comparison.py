"""Run one candidate pool under every decision method and compare the ranks.

Different accepted methods can order the same candidates differently; a candidate
whose rank moves by more than `FLAG_SPREAD` places between methods, or that is ranked
under some methods and not under others (a method's gates pass it but its shortlists
drop it, say), is flagged, since the choice there rests on the method as much as on the
data.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from partnerfit.engine.methods import ScoringError
from partnerfit.evaluation import evaluate
from partnerfit.inputs import CandidatePool
from partnerfit.models import Method, Stage

METHODS: tuple[Method, ...] = typing.get_args(Method)
FLAG_SPREAD = 1
"""A rank spread (max - min over methods) above this flags the candidate."""


def with_method(pool: CandidatePool, method: Method) -> CandidatePool:
    """The pool with every scoring stage using `method` (parameters of other methods dropped)."""

    def override(stage: Stage) -> Stage:
        if not stage.scores:
            return stage
        return stage.model_copy(
            update={
                "method": method,
                "normalization": stage.normalization if method == "topsis" else None,
                "v": stage.v if method == "vikor" else None,
            }
        )

    stages = [override(s) for s in pool.criteria.stages]
    criteria = pool.criteria.model_copy(update={"stages": stages})
    return pool._replace(criteria=criteria)


@dataclass(frozen=True)
class ComparedCandidate:
    id: str
    name: str
    ranks: dict[str, int | None]
    """Rank under each method; None when not ranked (eliminated, incomplete, method failed)."""
    spread: int | None
    """Largest minus smallest rank over the methods that ranked it."""
    partly_ranked: bool
    """Ranked under at least one method and not ranked under another that scored the pool."""
    flagged: bool
    """`spread` above `FLAG_SPREAD`, or `partly_ranked`."""


@dataclass(frozen=True)
class MethodComparison:
    methods: tuple[str, ...]
    candidates: tuple[ComparedCandidate, ...]
    errors: dict[str, str]
    """Methods that could not score this pool, with the reason."""


def compare_methods(pool: CandidatePool, methods: tuple[Method, ...] = METHODS) -> MethodComparison:
    ranks: dict[str, dict[str, int | None]] = {c.id: {} for c in pool.candidates}
    errors: dict[str, str] = {}
    for method in methods:
        try:
            result = evaluate(with_method(pool, method))
        except ScoringError as exc:
            errors[method] = str(exc)
            for c in pool.candidates:
                ranks[c.id][method] = None
            continue
        for ranked in result.candidates:
            ranks[ranked.id][method] = ranked.rank
    rows = []
    for candidate in pool.candidates:
        given = [r for r in ranks[candidate.id].values() if r is not None]
        spread = max(given) - min(given) if given else None
        # A method that failed on the pool ranked no one: that is reported in `errors`,
        # not held against each candidate.
        computed = [r for m, r in ranks[candidate.id].items() if m not in errors]
        partly = None in computed and any(r is not None for r in computed)
        rows.append(
            ComparedCandidate(
                candidate.id,
                candidate.label,
                ranks[candidate.id],
                spread,
                partly,
                partly or (spread is not None and spread > FLAG_SPREAD),
            )
        )
    rows.sort(key=lambda r: (_best(r), r.id))
    return MethodComparison(tuple(methods), tuple(rows), errors)


def _best(row: ComparedCandidate) -> float:
    first = row.ranks.get("weighted_sum")
    if first is not None:
        return first
    given = [r for r in row.ranks.values() if r is not None]
    return min(given) if given else float("inf")
