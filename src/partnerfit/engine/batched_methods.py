"""The decision methods for many weight vectors over one field at once.

For a fixed field every method splits into a weight-independent part, computed once by
the method's own function (so that its validation, errors and normalisation are the
ones `score` uses), and a part that is a product with the weights:

- weighted_product: score = 100 exp(w . ln r), r the ratios to the column best;
- topsis: with r the normalised matrix and r*, r- its per-column ideal and anti-ideal
  (weights are non-negative, so the weighted ideal is w_j r*_j),
  d+ = sqrt(w^2 . (r - r*)^2), d- = sqrt(w^2 . (r - r-)^2), closeness d- / (d+ + d-);
- promethee_ii: net flow = w . (leaving - entering) / (n - 1), from the per-criterion
  sums of preference degrees;
- vikor: regrets d = w * (f* - x) / (f* - f-), S = sum d, R = max d, then Q per weight
  vector, with the degenerate cases of `mcda.vikor`.

Each returns (weight vectors, candidates) scores on 0..100, higher is better, as
`engine.methods.run_method` does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from partnerfit.engine.methods import run_method
from partnerfit.engine.scoring import BoolArray, FloatArray
from partnerfit.models import Preference, Stage


def method_scores(
    stage: Stage,
    raw: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    preferences: Sequence[Preference | None],
    criterion_ids: Sequence[str],
) -> FloatArray:
    """(len(weights), len(raw)) scores of `stage`'s method for each weight vector."""
    method = stage.scoring_method
    # the method's own run (at the first weights) validates the field exactly as `score`
    # does (raising ScoringError) and gives the weight-independent tables
    outcome = run_method(stage, raw, weights[0], benefit, preferences, criterion_ids)
    m = raw.shape[0]
    if method == "weighted_product":
        best = np.where(benefit, raw.max(axis=0), raw.min(axis=0))
        ratios = np.where(benefit, raw / best, best / raw)
        product: FloatArray = 100.0 * np.exp(weights @ np.log(ratios).T)
        return product
    if method == "topsis":
        from partnerfit.mcda.topsis import NEUTRAL_CLOSENESS, minmax_normalize, vector_normalize

        normalization = stage.normalization or "vector"
        r = vector_normalize(raw) if normalization == "vector" else minmax_normalize(raw)
        top, bottom = r.max(axis=0), r.min(axis=0)
        ideal = np.where(benefit, top, bottom)
        anti = np.where(benefit, bottom, top)
        squared = weights**2
        to_ideal = np.sqrt(squared @ ((r - ideal) ** 2).T)
        to_anti = np.sqrt(squared @ ((r - anti) ** 2).T)
        total = to_ideal + to_anti
        undefined = total <= 0
        closeness = np.where(
            undefined, NEUTRAL_CLOSENESS, to_anti / np.where(undefined, 1.0, total)
        )
        topsis_scores: FloatArray = 100.0 * closeness
        return topsis_scores
    if method == "promethee_ii":
        if m < 2:
            return np.broadcast_to(outcome.scores, (weights.shape[0], m)).copy()
        leaving, entering = _preference_sums(raw, benefit, preferences)
        positive = weights @ leaving.T / (m - 1)
        negative = weights @ entering.T / (m - 1)
        promethee_scores: FloatArray = 50.0 * (positive - negative + 1.0)
        return promethee_scores
    if method == "vikor":
        return _vikor(raw, weights, benefit, 0.5 if stage.v is None else stage.v)
    raise AssertionError(method)  # run_method has refused anything else


def _preference_sums(
    raw: FloatArray, benefit: BoolArray, preferences: Sequence[Preference | None]
) -> tuple[FloatArray, FloatArray]:
    """(..., candidates, criteria): sum_b P_j(a, b) and sum_b P_j(b, a), as in
    `promethee_ii`; `raw` is (candidates, criteria) or (samples, candidates, criteria)."""
    from partnerfit.mcda.promethee import PreferenceFunction

    chosen = [p or Preference() for p in preferences]
    functions = [PreferenceFunction(p.type, q=p.q, p=p.p, s=p.s) for p in chosen]
    oriented = np.where(benefit, raw, -raw)
    differences = oriented[..., :, None, :] - oriented[..., None, :, :]
    degrees = np.empty_like(differences)
    for j, function in enumerate(functions):
        degrees[..., j] = function(differences[..., j])
    leaving: FloatArray = degrees.sum(axis=-2)
    entering: FloatArray = degrees.sum(axis=-3)
    return leaving, entering


def _scaled(values: FloatArray) -> FloatArray:
    """Per row (values - min) / (max - min), 0 where a row has no spread (`mcda.vikor`)."""
    low = values.min(axis=1, keepdims=True)
    spread = values.max(axis=1, keepdims=True) - low
    spread_safe = np.where(spread > 0, spread, 1.0)
    result: FloatArray = np.where(spread > 0, (values - low) / spread_safe, 0.0)
    return result


def _vikor(raw: FloatArray, weights: FloatArray, benefit: BoolArray, v: float) -> FloatArray:
    best = np.where(benefit, raw.max(axis=0), raw.min(axis=0))
    worst = np.where(benefit, raw.min(axis=0), raw.max(axis=0))
    span = best - worst
    # the same order of operations as `mcda.vikor`: (w * (f* - x)) / (f* - f-)
    regrets = weights[:, None, :] * (best - raw)[None, :, :] / np.where(span == 0, 1.0, span)
    s = regrets.sum(axis=2)
    r = regrets.max(axis=2)
    q = v * _scaled(s) + (1.0 - v) * _scaled(r)
    scores: FloatArray = 100.0 * (1.0 - q)
    return scores


PROMETHEE_BLOCK_BYTES = 64 * 2**20
"""Memory for the (samples, candidates, candidates, criteria) preference degrees."""


def method_scores_per_sample(
    stage: Stage,
    raw: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    preferences: Sequence[Preference | None],
    criterion_ids: Sequence[str],
) -> FloatArray:
    """(samples, candidates) scores when every sample has its own values: `raw` is
    (samples, candidates, criteria) over one field. The same definitions as
    `method_scores`, with every column statistic taken per sample."""
    method = stage.scoring_method
    s, m, _ = raw.shape
    if method == "weighted_product" and np.any(raw <= 0):
        bad = int(np.nonzero((raw <= 0).any(axis=(1, 2)))[0][0])
        run_method(stage, raw[bad], weights[bad], benefit, preferences, criterion_ids)
    if m == 1 or method not in ("weighted_product", "topsis", "promethee_ii", "vikor"):
        return np.stack(
            [
                run_method(stage, raw[t], weights[t], benefit, preferences, criterion_ids).scores
                for t in range(s)
            ]
        )
    if method == "weighted_product":
        best = np.where(benefit, raw.max(axis=1), raw.min(axis=1))[:, None, :]
        ratios = np.where(benefit, raw / best, best / raw)
        product: FloatArray = 100.0 * np.exp(np.einsum("smk,sk->sm", np.log(ratios), weights))
        return product
    if method == "topsis":
        from partnerfit.mcda.topsis import NEUTRAL_CLOSENESS

        if (stage.normalization or "vector") == "vector":
            norms = np.sqrt(np.square(raw).sum(axis=1, keepdims=True))
            r = raw / np.where(norms > 0, norms, 1.0)
        else:
            low = raw.min(axis=1, keepdims=True)
            spread = raw.max(axis=1, keepdims=True) - low
            r = (raw - low) / np.where(spread > 0, spread, 1.0)
        top, bottom = r.max(axis=1, keepdims=True), r.min(axis=1, keepdims=True)
        ideal = np.where(benefit, top, bottom)
        anti = np.where(benefit, bottom, top)
        squared = weights**2
        to_ideal = np.sqrt(np.einsum("smk,sk->sm", (r - ideal) ** 2, squared))
        to_anti = np.sqrt(np.einsum("smk,sk->sm", (r - anti) ** 2, squared))
        total = to_ideal + to_anti
        undefined = total <= 0
        closeness = np.where(
            undefined, NEUTRAL_CLOSENESS, to_anti / np.where(undefined, 1.0, total)
        )
        topsis_scores: FloatArray = 100.0 * closeness
        return topsis_scores
    if method == "promethee_ii":
        k = raw.shape[2]
        chunk = max(1, PROMETHEE_BLOCK_BYTES // (m * m * k * 8))
        out = np.empty((s, m))
        for start in range(0, s, chunk):
            part = raw[start : start + chunk]
            leaving, entering = _preference_sums(part, benefit, preferences)
            net = np.einsum("smk,sk->sm", leaving - entering, weights[start : start + chunk])
            out[start : start + chunk] = 50.0 * (net / (m - 1) + 1.0)
        return out
    best = np.where(benefit, raw.max(axis=1), raw.min(axis=1))[:, None, :]
    worst = np.where(benefit, raw.min(axis=1), raw.max(axis=1))[:, None, :]
    span = best - worst
    regrets = weights[:, None, :] * (best - raw) / np.where(span == 0, 1.0, span)
    v = 0.5 if stage.v is None else stage.v
    q = v * _scaled(regrets.sum(axis=2)) + (1.0 - v) * _scaled(regrets.max(axis=2))
    vikor_scores: FloatArray = 100.0 * (1.0 - q)
    return vikor_scores
