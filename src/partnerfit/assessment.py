"""Several assessors: combine their scores into the value used, flag where they disagree.

A score written `{by: {assessor-a: 4, assessor-b: 2}}` is replaced, after validation,
by a score whose `value` is the aggregate the criteria set chooses (`assessors:
{aggregation: median|mean|min, disagreement: threshold}`), so everything downstream
reads one value per cell. The maths runs once per criterion over all candidates
(`partnerfit.relational.assessors`); only the gathering of the maps loops. numpy is
imported only when some score has assessors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from partnerfit.models import Candidate, CriteriaSet, Score


class Disagreement(NamedTuple):
    """One candidate/score where assessors differ by more than the threshold."""

    candidate: str
    criterion: str
    """A criterion or fact id, `culture.<dimension>` or `financials.<fact>`."""
    scores: dict[str, float]
    """Each assessor's value, by assessor id (sorted)."""
    aggregate: float
    spread: float


class Assessed(NamedTuple):
    candidates: tuple[Candidate, ...]
    disagreements: tuple[Disagreement, ...]


def _slots(candidate: Candidate) -> Iterator[tuple[str, str, str, Score]]:
    """(slot id, field, key, score) of every score of a candidate that has assessors."""
    for key, score in candidate.scores.items():
        if score.by:
            yield key, "scores", key, score
    for key, score in (candidate.culture or {}).items():
        if score.by:
            yield f"culture.{key}", "culture", key, score
    for key, score in (candidate.financials or {}).items():
        if score.by:
            yield f"financials.{key}", "financials", key, score


def aggregate_pool(criteria: CriteriaSet, candidates: tuple[Candidate, ...]) -> Assessed:
    """Candidates with every assessor map replaced by its aggregate, and the disagreements."""
    cells: dict[str, list[tuple[int, str, str, Score]]] = {}
    for row, candidate in enumerate(candidates):
        for slot, field, key, score in _slots(candidate):
            cells.setdefault(slot, []).append((row, field, key, score))
    if not cells:
        return Assessed(candidates, ())  # no numpy needed: loading stays light
    import numpy as np

    from partnerfit.relational.assessors import aggregate_assessors, disagreements

    policy = criteria.assessors
    updates: dict[int, dict[str, dict[str, Score]]] = {}
    found: list[tuple[int, int, Disagreement]] = []
    for slot_index, (slot, entries) in enumerate(cells.items()):
        assessors = sorted({a for _, _, _, score in entries for a in score.by or {}})
        column = {a: j for j, a in enumerate(assessors)}
        table = np.full((len(entries), len(assessors)), np.nan)
        for r, (_, _, _, score) in enumerate(entries):
            for assessor, value in (score.by or {}).items():
                table[r, column[assessor]] = value
        result = aggregate_assessors(table, policy.aggregation)
        flagged = disagreements(result.spread, policy.disagreement)
        for r, (row, field, key, score) in enumerate(entries):
            aggregate = float(result.aggregate[r])
            updates.setdefault(row, {}).setdefault(field, {})[key] = score.model_copy(
                update={"value": aggregate}
            )
            if flagged[r]:
                found.append(
                    (
                        row,
                        slot_index,
                        Disagreement(
                            candidate=candidates[row].id,
                            criterion=slot,
                            scores={a: float(v) for a, v in sorted((score.by or {}).items())},
                            aggregate=aggregate,
                            spread=float(result.spread[r]),
                        ),
                    )
                )
    out = list(candidates)
    for row, fields in updates.items():
        candidate = candidates[row]
        changes = {
            field: {**(getattr(candidate, field) or {}), **scores}
            for field, scores in fields.items()
        }
        out[row] = candidate.model_copy(update=changes)
    found.sort(key=lambda item: (item[0], item[1]))
    return Assessed(tuple(out), tuple(d for _, _, d in found))
