"""A criteria set and its candidates compiled into arrays for the engine."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from partnerfit.engine.scoring import BoolArray, FloatArray, IntArray
from partnerfit.models import Candidate, CriteriaSet, Preference

if TYPE_CHECKING:
    from partnerfit.weights import Derivation

RATING, MEASURE, FLAG, COMPUTED = 0, 1, 2, 3
EXCLUDE, WORST, SKIP = 0, 1, 2

_KIND = {"rating": RATING, "measure": MEASURE, "flag": FLAG}
# Computed criteria (coverage, similarity, ratio...) are 0..100 scores: columns with fixed
# bounds [0, 100], so gates, methods and shortlists treat them like ratings. Their own kind
# code spares them the clipping check of bounded measures: the formulas stay within 0..100.
_COMPUTED_BOUNDS = (0.0, 100.0)
_MISSING = {"exclude": EXCLUDE, "worst": WORST, "skip": SKIP}


class Problem(NamedTuple):
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
    """(criteria,): stated weights, or derived ones where a static `weighting:` applies."""
    derivations: tuple[Derivation, ...] = ()
    """How static derived weights were obtained (AHP, rank order, points)."""
    data_weighting: Mapping[int, str] = MappingProxyType({})
    """Dimension index -> entropy/critic: criterion weights derived per stage from the field."""
    set_data_weighting: str | None = None
    """entropy/critic: dimension weights derived per stage from the field."""
    preferences: tuple[Preference | None, ...] = ()
    """(criteria,): PROMETHEE preference function per criterion (None: usual)."""

    def column(self, item_id: str) -> int:
        return self.item_ids.index(item_id)

    @classmethod
    def build(
        cls,
        criteria: CriteriaSet,
        candidates: tuple[Candidate, ...],
        computed: Mapping[str, FloatArray] | None = None,
    ) -> Problem:
        """Compile the set and candidates; `computed` holds the computed criteria's
        scores by id (`partnerfit.engine.fit.compute_fit`)."""
        items = [*criteria.criteria(), *criteria.facts]
        n, p = len(candidates), len(items)
        values = np.full((n, p), np.nan)
        index = {item.id: j for j, item in enumerate(items)}
        for i, candidate in enumerate(candidates):
            for key, score in candidate.scores.items():
                if score.value is not None:
                    values[i, index[key]] = float(score.value)
        for key, column in (computed or {}).items():
            values[:, index[key]] = column
        low = np.full(p, np.nan)
        high = np.full(p, np.nan)
        for j, item in enumerate(items):
            if item.computed:
                low[j], high[j] = _COMPUTED_BOUNDS
            elif item.kind == "rating":
                scale = criteria.scale_of(item)
                low[j], high[j] = scale.min, scale.max
            elif item.kind == "flag":
                low[j], high[j] = 0.0, 1.0
            elif item.bounds is not None:
                low[j], high[j] = item.bounds
        dimension_of = [d for d, dim in enumerate(criteria.dimensions) for _ in dim.criteria]
        derived = _derive_weights(criteria)
        return cls(
            candidate_ids=tuple(c.id for c in candidates),
            item_ids=tuple(item.id for item in items),
            values=values,
            kind=np.array([_KIND.get(item.kind, COMPUTED) for item in items], dtype=np.int64),
            benefit=np.array([item.direction == "benefit" for item in items], dtype=bool),
            low=low,
            high=high,
            missing=np.array([_MISSING[item.missing] for item in items], dtype=np.int64),
            n_criteria=len(dimension_of),
            dimension_ids=tuple(d.id for d in criteria.dimensions),
            dimension_weights=derived.dimension_weights,
            dimension_of=np.array(dimension_of, dtype=np.int64),
            criterion_weights=derived.criterion_weights,
            derivations=derived.derivations,
            data_weighting=derived.data_weighting,
            set_data_weighting=derived.set_data_weighting,
            preferences=tuple(c.preference for c in criteria.criteria()),
        )


class _Derived(NamedTuple):
    dimension_weights: FloatArray
    criterion_weights: FloatArray
    derivations: tuple[Derivation, ...]
    data_weighting: dict[int, str]
    set_data_weighting: str | None


def _derive_weights(criteria: CriteriaSet) -> _Derived:
    """Stated weights, replaced by static derivations; data-driven ones are marked."""
    dimension_weights = np.array([d.weight for d in criteria.dimensions])
    criterion_weights = np.array([c.weight for c in criteria.criteria()])
    if criteria.weighting is None and all(d.weighting is None for d in criteria.dimensions):
        return _Derived(dimension_weights, criterion_weights, (), {}, None)
    from partnerfit.weights import DATA_DRIVEN, derive

    derivations = []
    data_weighting: dict[int, str] = {}
    set_data: str | None = None
    if criteria.weighting is not None:
        if criteria.weighting.method in DATA_DRIVEN:
            set_data = criteria.weighting.method
        else:
            items = tuple(d.id for d in criteria.dimensions)
            derivation = derive(criteria.weighting, items, "dimensions")
            dimension_weights = np.array(derivation.weights)
            derivations.append(derivation)
    start = 0
    for d_index, dimension in enumerate(criteria.dimensions):
        stop = start + len(dimension.criteria)
        if dimension.weighting is not None:
            if dimension.weighting.method in DATA_DRIVEN:
                data_weighting[d_index] = dimension.weighting.method
            else:
                items = tuple(c.id for c in dimension.criteria)
                derivation = derive(dimension.weighting, items, dimension.id)
                criterion_weights[start:stop] = derivation.weights
                derivations.append(derivation)
        start = stop
    return _Derived(
        dimension_weights, criterion_weights, tuple(derivations), data_weighting, set_data
    )
