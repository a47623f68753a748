"""Combining several assessors' scores, flagging disagreement, and confidence levels."""

import math
from typing import Literal, NamedTuple, get_args

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.relational._arrays import (
    BoolArray,
    FloatArray,
    as_finite_float,
    as_float_matrix,
    as_float_vector,
    require_no_infinity,
)

AggregationMethod = Literal["median", "mean", "min"]

CONFIDENCE_LEVELS: dict[str, float] = {"low": 0.25, "medium": 0.5, "high": 0.75}
"""Numbers for the named confidence levels.

The quartiles of [0, 1]: evenly spaced so "medium" is the midpoint, with
1.0 left for verified facts and 0.0 for no evidence at all, neither of which
a judgement call labelled "high" or "low" claims.
"""


class AssessorAggregate(NamedTuple):
    """One combined score per candidate and how far its assessors disagree.

    ``aggregate[i]`` and ``spread[i]`` (max - min over present scores) are NaN
    when no assessor scored candidate ``i``; one score gives spread 0.
    """

    aggregate: FloatArray
    spread: FloatArray


def aggregate_assessors(
    values: ArrayLike, method: AggregationMethod = "median"
) -> AssessorAggregate:
    """Combine an (n candidates, a assessors) score table, NaN = not scored.

    ``median``: middle present score (mean of the two middle ones when even);
    ``mean``: mean of present scores; ``min``: lowest present score (the
    cautious choice).  ``spread = max - min`` of present scores.

    Each row is sorted first, and every statistic reads the sorted row, so
    the result does not depend on assessor order, not even in the last bit
    of a floating-point sum.  Missing scores are skipped without the
    "All-NaN slice" warnings of ``np.nanmedian``.  Infinity raises ValueError.
    """
    if method not in get_args(AggregationMethod):
        raise ValueError(f"method must be one of {get_args(AggregationMethod)}, got {method!r}")
    scores = as_float_matrix(values, "values")
    require_no_infinity(scores, "values")
    rows, assessors = scores.shape
    if assessors == 0:
        nothing = np.full(rows, np.nan)
        return AssessorAggregate(nothing, nothing.copy())

    ordered = np.sort(scores, axis=1)  # NaN sorts last
    present = np.count_nonzero(~np.isnan(ordered), axis=1)
    row_index = np.arange(rows)
    lowest = ordered[:, 0]  # NaN when nothing is present
    highest = ordered[row_index, np.maximum(present - 1, 0)]
    spread = highest - lowest

    if method == "min":
        aggregate = lowest.copy()
    elif method == "median":
        lower_middle = ordered[row_index, np.maximum((present - 1) // 2, 0)]
        upper_middle = ordered[row_index, present // 2]  # <= present - 1 when present >= 1
        # Halve before adding so two huge scores cannot overflow.
        aggregate = 0.5 * lower_middle + 0.5 * upper_middle
        aggregate[present == 0] = np.nan
    else:
        total = np.where(np.isnan(ordered), 0.0, ordered).sum(axis=1)
        aggregate = np.divide(total, present, out=np.full(rows, np.nan), where=present > 0)
    # A sum of equal scores divided by their count can miss the score by an
    # ulp; clamp so every aggregate lies within the scores it summarises.
    aggregate = np.minimum(np.maximum(aggregate, lowest), highest)
    return AssessorAggregate(aggregate, spread)


def disagreements(spread: ArrayLike, threshold: float) -> BoolArray:
    """True where assessors disagree: ``spread > threshold`` (strictly).

    A missing spread (NaN: nobody scored) is never a disagreement.
    ``threshold`` must be finite and >= 0.
    """
    limit = as_finite_float(threshold, "threshold")
    if limit < 0:
        raise ValueError(f"threshold must be >= 0, got {threshold!r}")
    spreads = as_float_vector(spread, "spread")
    return spreads > limit  # NaN compares False


def confidence_value(conf: str | float) -> float:
    """Number in [0, 1] for a confidence level.

    ``"low"`` -> 0.25, ``"medium"`` -> 0.5, ``"high"`` -> 0.75 (see
    ``CONFIDENCE_LEVELS``; case and surrounding spaces ignored).  A number
    in [0, 1] passes through.  Anything else raises ValueError.
    """
    if isinstance(conf, str):
        level = conf.strip().casefold()
        if level not in CONFIDENCE_LEVELS:
            raise ValueError(
                f"confidence must be one of {sorted(CONFIDENCE_LEVELS)} or a number in [0, 1], "
                f"got {conf!r}"
            )
        return CONFIDENCE_LEVELS[level]
    # bool is an int subclass; True as "confidence 1" is almost surely a mistake.
    if isinstance(conf, bool) or not isinstance(conf, int | float | np.floating | np.integer):
        raise ValueError(f"confidence must be a level name or a number, got {conf!r}")
    number = float(conf)
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise ValueError(f"confidence must lie in [0, 1], got {conf!r}")
    return number
