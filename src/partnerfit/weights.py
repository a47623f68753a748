"""Weights derived by elicitation: AHP, rank order and points (static), and the
data-driven entropy and CRITIC weights (computed per stage, over the field).

`derive` turns one `Weighting` block into weights for its items (the criteria of
a dimension, or the dimensions of the set) plus the diagnostics that the JSON
output echoes (consistency ratio, random-index table, completed judgements...).
Locations and findings for bad blocks are produced in `partnerfit.validation`,
which calls `check_ahp` before anything is scored.

The mcda module loads on first use, so scoring a set without a weighting block does
not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from partnerfit.engine.scoring import FloatArray
from partnerfit.models import Weighting

if TYPE_CHECKING:
    from partnerfit.mcda import weighting as mcda

DATA_DRIVEN = ("entropy", "critic")


class Derivation(NamedTuple):
    """Weights of `items` derived by `method`, and how."""

    scope: str
    """"dimensions" for the set's dimension weights, else the dimension id."""
    method: str
    items: tuple[str, ...]
    weights: tuple[float, ...]
    details: dict[str, Any]


class AhpCheck(NamedTuple):
    result: mcda.AhpResult
    order: tuple[str, ...]
    completed: tuple[tuple[str, str], ...]
    completion_method: str


def ahp_matrix(
    weighting: Weighting, items: tuple[str, ...]
) -> tuple[FloatArray, tuple[str, ...], mcda.JudgementMatrix | None]:
    """The pairwise matrix of an ahp block, rows in `items` order (raises ValueError)."""
    from partnerfit.mcda import weighting as mcda

    if weighting.pairwise is not None:
        judgements = mcda.ahp_matrix_from_judgements(
            items, [(a, b, float(x)) for a, b, x in weighting.pairwise]
        )
        return np.asarray(judgements.matrix), items, judgements
    assert weighting.matrix is not None and weighting.order is not None
    order = tuple(weighting.order)
    matrix = mcda.validate_pairwise_matrix(full_matrix(weighting.matrix))
    position = [order.index(item) for item in items]
    return matrix[np.ix_(position, position)], items, None


def is_upper_triangle(rows: list[list[float]]) -> bool:
    """Rows of n, n-1, ..., 1 values: the upper triangle, diagonal included."""
    n = len(rows)
    return n > 1 and [len(r) for r in rows] == list(range(n, 0, -1))


def full_matrix(rows: list[list[float]]) -> FloatArray:
    """The full reciprocal matrix from a full matrix or from its upper triangle."""
    if not is_upper_triangle(rows):
        return np.asarray(rows, dtype=np.float64)
    n = len(rows)
    matrix = np.ones((n, n))
    for i, row in enumerate(rows):
        matrix[i, i:] = row
        matrix[i:, i] = 1.0 / np.asarray(row, dtype=np.float64)
    return matrix


def check_ahp(weighting: Weighting, items: tuple[str, ...]) -> AhpCheck:
    from partnerfit.mcda import weighting as mcda

    matrix, order, judgements = ahp_matrix(weighting, items)
    result = mcda.ahp_weights(matrix, method=weighting.priorities)
    return AhpCheck(
        result=result,
        order=order,
        completed=judgements.completed if judgements else (),
        completion_method=judgements.completion_method if judgements else "none",
    )


def unchecked_consistency(scope: str, size: int, consistency_index: float) -> str:
    """Why an AHP block larger than Saaty's random-index table has no consistency ratio
    (`scope` as in "dimension 'fit'"). Without a random index there is no CR to hold
    against `max_cr`, so the judgements pass unchecked: that must be said, never left to
    a `null`."""
    from partnerfit.mcda.weighting import RANDOM_INDEX_MAX_N

    return (
        f"ahp judgements of {scope} are not checked for consistency: Saaty's random index "
        f"covers at most {RANDOM_INDEX_MAX_N} items, this block has {size} "
        f"(CI {consistency_index:.3f}, no CR)"
    )


def unchecked_hint() -> str:
    from partnerfit.mcda.weighting import RANDOM_INDEX_MAX_N

    return (
        f"split it into a hierarchy of at most {RANDOM_INDEX_MAX_N} items per block, "
        "or use rank_order"
    )


def derive(weighting: Weighting, items: tuple[str, ...], scope: str) -> Derivation:
    """Static weights of `items` (AHP, rank order, points), in `items` order."""
    from partnerfit.mcda import weighting as mcda

    if weighting.method == "ahp":
        ahp = check_ahp(weighting, items)
        r = ahp.result
        details: dict[str, Any] = {
            "priorities": weighting.priorities,
            "lambda_max": r.lambda_max,
            "consistency_index": r.consistency_index,
            "random_index_table": r.random_index_table,
            "random_index": r.random_index,
            "consistency_ratio": r.consistency_ratio,
            "max_cr": weighting.max_cr,
            "most_inconsistent": None
            if r.most_inconsistent is None
            else [items[r.most_inconsistent[0]], items[r.most_inconsistent[1]]],
            "suggested_value": r.suggested_value,
            "completed": [list(pair) for pair in ahp.completed],
            "completion_method": ahp.completion_method,
        }
        weights = np.asarray(r.weights)
    elif weighting.method == "rank_order":
        assert weighting.order is not None
        by_rank = mcda.rank_order_weights(len(weighting.order), weighting.variant)
        rank_of = {item: k for k, item in enumerate(weighting.order)}
        weights = np.array([by_rank[rank_of[item]] for item in items])
        details = {"variant": weighting.variant, "order": list(weighting.order)}
    elif weighting.method in ("points", "swing"):
        assert weighting.points is not None
        weights = mcda.points_weights([weighting.points[item] for item in items])
        details = {"points": {item: weighting.points[item] for item in items}}
    else:
        raise ValueError(f"{weighting.method} weights are derived from the data, per stage")
    return Derivation(scope, weighting.method, items, tuple(float(w) for w in weights), details)


class ZeroWeightsError(Exception):
    """Data-driven weights are all zero: no item of the block varies across the field."""

    def __init__(self, scope: str, method: str, stage: str, field_size: int) -> None:
        self.scope = scope
        what = "the dimensions" if scope == "dimensions" else f"dimension '{scope}'"
        items = "dimension scores" if scope == "dimensions" else "criteria"
        super().__init__(
            f"{method} weights of {what} are all zero in stage '{stage}': none of its "
            f"{items} varies among the {field_size} candidates in the field, so the data "
            "cannot weight them; state weights or use another weighting method"
        )


def data_weights(method: str, scores: FloatArray) -> tuple[FloatArray, list[str]]:
    """Entropy or CRITIC weights of the columns of `scores` (normalised 0..100, higher is
    better, rows = candidates in the field). A field of one cannot be weighted from its
    spread: equal weights and a warning. Raises `ValueError` when no column varies (every
    weight would be zero); the pipeline turns that into a `ZeroWeightsError`."""
    from partnerfit.mcda import weighting as mcda

    m = scores.shape[1]
    if scores.shape[0] < 2:
        return np.full(m, 1.0 / m), [
            f"{method} weights need at least two candidates: equal weights used"
        ]
    if method == "entropy":
        result = mcda.entropy_weights(scores)
    else:
        result = mcda.critic_weights(scores, np.ones(m, dtype=bool))
    return np.asarray(result.weights, dtype=np.float64), list(result.warnings)
