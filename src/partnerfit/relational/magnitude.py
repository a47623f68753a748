"""Magnitude fit: size ratio against a preferred band, and balance of exchange."""

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.relational._arrays import (
    BoolArray,
    FloatArray,
    as_finite_float,
    as_float_vector,
    require_no_infinity,
    require_non_negative,
)

DEFAULT_FALLOFF = 10.0
"""Ratio score reaches 0 at ten times beyond the band edge (one order of magnitude)."""
BALANCE_WHEN_NOTHING_EXCHANGED = 0.0
"""Balance when both ledgers total 0: no exchange, so no mutual benefit."""


@dataclass(frozen=True, eq=False)
class RatioResult:
    """Ratio scores with the ratios and the side of the band each falls on.

    ``ratios[i]`` = candidate / ours (NaN when missing).  ``below_band`` /
    ``above_band`` mark ratios outside [lo, hi]; ``missing`` marks NaN inputs,
    whose score is NaN.
    """

    scores: FloatArray
    ratios: FloatArray
    below_band: BoolArray
    above_band: BoolArray
    missing: BoolArray


@dataclass(frozen=True, eq=False)
class BalanceResult:
    """Balance scores with the two ledger totals they came from.

    ``missing`` marks candidates with a NaN total; their score is NaN.
    ``we_gain_more[i]``: we receive more than we give (the imbalance favours us).
    """

    scores: FloatArray
    we_give: FloatArray
    we_receive: FloatArray
    missing: BoolArray
    we_gain_more: BoolArray


def ratio(
    candidate_values: ArrayLike,
    our_value: float,
    band: tuple[float, float],
    falloff: float = DEFAULT_FALLOFF,
) -> RatioResult:
    """Score each candidate's size relative to ours against a preferred band.

    With ``r = candidate / ours`` and ``band = (lo, hi)``::

        score = 100                                          if lo <= r <= hi
        score = 100 * max(0, 1 - log(lo / r) / log(falloff)) if r < lo
        score = 100 * max(0, 1 - log(r / hi) / log(falloff)) if r > hi

    The fall-off is logarithmic because size ratios are multiplicative: 2x too
    big is as far off as 2x too small.  ``falloff`` is the factor beyond the
    band edge where the score reaches 0 (default 10: zero at 10x beyond).

    Raises ValueError unless ``our_value`` is finite and > 0, ``0 < lo <= hi``
    (both finite) and ``falloff > 1`` (finite).  A candidate value <= 0 scores
    0, the limit of the formula as r -> 0 (e.g. no revenue at all).  NaN is
    missing (score NaN); infinity raises ValueError.
    """
    ours = as_finite_float(our_value, "our_value")
    if ours <= 0:
        raise ValueError(f"our_value must be > 0 to form a ratio, got {our_value!r}")
    low, high = _validated_band(band)
    factor = as_finite_float(falloff, "falloff")
    if factor <= 1:
        raise ValueError(f"falloff must be > 1, got {falloff!r}")
    values = as_float_vector(candidate_values, "candidate_values")
    require_no_infinity(values, "candidate_values")

    missing = np.isnan(values)
    positive = values > 0
    with np.errstate(over="ignore"):  # a huge value over a tiny one is +inf: still correct
        ratios = values / ours
    # Work in log space (log r = log value - log ours) so no ratio can overflow.
    safe_values = np.where(positive, values, 1.0)
    log_ratio = np.log(safe_values) - math.log(ours)
    below = ~missing & (ratios < low)  # includes values <= 0
    above = ratios > high
    log_distance = np.maximum(
        np.maximum(math.log(low) - log_ratio, log_ratio - math.log(high)), 0.0
    )
    scores = 100.0 * np.clip(1.0 - log_distance / math.log(factor), 0.0, 1.0)
    scores[~positive] = 0.0
    scores[missing] = np.nan
    return RatioResult(scores, ratios, below, above, missing)


def _validated_band(band: tuple[float, float]) -> tuple[float, float]:
    if len(band) != 2:
        raise ValueError(f"band must be (lo, hi), got {band!r}")
    low = as_finite_float(band[0], "band lo")
    high = as_finite_float(band[1], "band hi")
    if not 0 < low <= high:
        raise ValueError(f"band must satisfy 0 < lo <= hi, got {band!r}")
    return low, high


def balance(we_give: ArrayLike, we_receive: ArrayLike) -> BalanceResult:
    """Mutual benefit from the two ledgers' totals, 100 when they match.

    ``balance = 100 * min(give, receive) / max(give, receive)``

    ``we_give`` is what we contribute (what the candidate receives);
    ``we_receive`` is what we get (what the candidate gives).  Scalars or
    1-D arrays (one total per candidate), broadcast against each other.
    The score is symmetric: a deal lopsided in our favour is as unbalanced
    as one against us (``we_gain_more`` tells which way it leans).

    Both totals 0 score ``BALANCE_WHEN_NOTHING_EXCHANGED`` (0).  Negative
    totals or infinities raise ValueError; NaN is missing (score NaN).
    """
    give_values, receive_values = np.broadcast_arrays(
        np.atleast_1d(np.asarray(we_give, dtype=np.float64)),
        np.atleast_1d(np.asarray(we_receive, dtype=np.float64)),
    )
    give = as_float_vector(give_values.copy(), "we_give")
    receive = as_float_vector(receive_values.copy(), "we_receive")
    for array, name in ((give, "we_give"), (receive, "we_receive")):
        require_no_infinity(array, name)
        require_non_negative(array, name)

    missing = np.isnan(give) | np.isnan(receive)
    smaller = np.minimum(give, receive)
    larger = np.maximum(give, receive)
    exchanged = larger > 0
    share = np.divide(smaller, larger, out=np.zeros(give.shape, dtype=np.float64), where=exchanged)
    scores = np.clip(100.0 * share, 0.0, 100.0)
    scores[~exchanged] = BALANCE_WHEN_NOTHING_EXCHANGED
    scores[missing] = np.nan
    return BalanceResult(scores, give, receive, missing, receive > give)
