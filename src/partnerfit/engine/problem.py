"""A criteria set and its candidates compiled into arrays for the engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnerfit.engine.scoring import BoolArray, FloatArray, IntArray
from partnerfit.models import Candidate, CriteriaSet

RATING, MEASURE, FLAG = 0, 1, 2
EXCLUDE, WORST, SKIP = 0, 1, 2

_KIND = {"rating": RATING, "measure": MEASURE, "flag": FLAG}
_MISSING = {"exclude": EXCLUDE, "worst": WORST, "skip": SKIP}


@dataclass(frozen=True)
class Problem:
    """Columns are every criterion (in dimension order) followed by every fact."""

    candidate_ids: tuple[str, ...]
    item_ids: tuple[str, ...]
    values: FloatArray
    """(candidates, items): the raw value, flags as 1.0/0.0, NaN where missing."""
    kind: IntArray
    benefit: BoolArray
    low: FloatArray
    """Fixed low end of each column: scale min, bounds low, 0 for flags; NaN when from the field."""
    high: FloatArray
    missing: IntArray
    n_criteria: int
    dimension_ids: tuple[str, ...]
    dimension_weights: FloatArray
    dimension_of: IntArray
    """(criteria,): index of each criterion's dimension."""
    criterion_weights: FloatArray

    def column(self, item_id: str) -> int:
        return self.item_ids.index(item_id)

    @classmethod
    def build(cls, criteria: CriteriaSet, candidates: tuple[Candidate, ...]) -> Problem:
        items = [*criteria.criteria(), *criteria.facts]
        n, p = len(candidates), len(items)
        values = np.full((n, p), np.nan)
        index = {item.id: j for j, item in enumerate(items)}
        for i, candidate in enumerate(candidates):
            for key, score in candidate.scores.items():
                if score.value is not None:
                    values[i, index[key]] = float(score.value)
        low = np.full(p, np.nan)
        high = np.full(p, np.nan)
        for j, item in enumerate(items):
            if item.kind == "rating":
                scale = criteria.scale_of(item)
                low[j], high[j] = scale.min, scale.max
            elif item.kind == "flag":
                low[j], high[j] = 0.0, 1.0
            elif item.bounds is not None:
                low[j], high[j] = item.bounds
        dimension_of = [d for d, dim in enumerate(criteria.dimensions) for _ in dim.criteria]
        return cls(
            candidate_ids=tuple(c.id for c in candidates),
            item_ids=tuple(item.id for item in items),
            values=values,
            kind=np.array([_KIND[item.kind] for item in items], dtype=np.int64),
            benefit=np.array([item.direction == "benefit" for item in items], dtype=bool),
            low=low,
            high=high,
            missing=np.array([_MISSING[item.missing] for item in items], dtype=np.int64),
            n_criteria=len(dimension_of),
            dimension_ids=tuple(d.id for d in criteria.dimensions),
            dimension_weights=np.array([d.weight for d in criteria.dimensions]),
            dimension_of=np.array(dimension_of, dtype=np.int64),
            criterion_weights=np.array([c.weight for c in criteria.criteria()]),
        )
