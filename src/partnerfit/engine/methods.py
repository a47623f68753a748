"""Decision methods other than the weighted sum, behind one interface for the pipeline.

Each method gets the stage's field as RAW values (ratings on their scale, measures in
their unit clipped to fixed bounds, flags 0/1), the flattened effective weights
(dimension x criterion) and the benefit/cost direction, and handles cost criteria by its
own definition (partnerfit.mcda). Scores come back on 0..100, higher is better:

- weighted_product: 100 x prod (x / x_best)^w (cost: (x_best / x)^w);
- topsis: 100 x closeness coefficient;
- promethee_ii: 50 x (net flow + 1);
- vikor: 100 x (1 - Q).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from partnerfit.engine.scoring import BoolArray, FloatArray
from partnerfit.models import Preference, Stage

PARTIAL_ORDER_LIMIT = 500
"""PROMETHEE I relations are listed in JSON only for fields up to this many candidates."""


class ScoringError(Exception):
    """A method cannot score the field (e.g. a zero value under weighted_product)."""


class MethodOutcome(NamedTuple):
    scores: FloatArray
    """(rows,): 0..100, higher is better."""
    per_candidate: dict[str, FloatArray]
    """Named per-candidate quantities (closeness, flows, S/R/Q...), (rows,) each."""
    parameters: dict[str, Any]
    """Every parameter in force, echoed in JSON."""
    summary: dict[str, Any]
    """Stage-level results; candidate positions are row indices into the field."""
    warnings: tuple[str, ...] = ()


def method_values(method: str, raw: FloatArray, computed: BoolArray) -> FloatArray:
    """The raw values a method reads. Ratios of values need values > 0, so under the
    weighted product computed 0..100 scores enter on 1..101, as ratings never reach 0
    (docs/relational-fit.md); `computed` marks those columns (the last axis of `raw`)."""
    if method != "weighted_product" or not computed.any():
        return raw
    shifted: FloatArray = raw + computed
    return shifted


def run_method(
    stage: Stage,
    raw: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    preferences: Sequence[Preference | None],
    criterion_ids: Sequence[str],
) -> MethodOutcome:
    method = stage.scoring_method
    outcome = _run(method, stage, raw, weights, benefit, preferences, criterion_ids)
    # Constant criteria are reported by id for every method (partnerfit.evaluation); the
    # methods' own notes name them by column index, so those are dropped here.
    kept = tuple(w for w in outcome.warnings if not _CONSTANT_NOTE.search(w))
    return outcome._replace(warnings=kept)


_CONSTANT_NOTE = re.compile(r"^[a-z_ ]+: criterion \d+ has the same value for every candidate")


def _run(
    method: str,
    stage: Stage,
    raw: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    preferences: Sequence[Preference | None],
    criterion_ids: Sequence[str],
) -> MethodOutcome:
    try:
        if method == "weighted_product":
            return _weighted_product(raw, weights, benefit)
        if method == "topsis":
            return _topsis(raw, weights, benefit, stage.normalization or "vector")
        if method == "promethee_ii":
            return _promethee(raw, weights, benefit, preferences, criterion_ids)
        if method == "vikor":
            return _vikor(raw, weights, benefit, 0.5 if stage.v is None else stage.v)
    except ValueError as exc:
        raise ScoringError(f"stage '{stage.id}' ({method}): {exc}") from None
    raise ScoringError(f"stage '{stage.id}': unknown method {method}")


def _weighted_product(raw: FloatArray, weights: FloatArray, benefit: BoolArray) -> MethodOutcome:
    from partnerfit.mcda.weighted_product import weighted_product

    r = weighted_product(raw, weights, benefit)
    return MethodOutcome(
        scores=np.asarray(r.scores),
        per_candidate={"product": np.asarray(r.scores) / 100.0},
        parameters={"reference": "column best (max for benefit, min for cost)"},
        summary={},
        warnings=r.warnings,
    )


def _topsis(
    raw: FloatArray, weights: FloatArray, benefit: BoolArray, normalization: str
) -> MethodOutcome:
    from partnerfit.mcda.topsis import topsis

    r = topsis(raw, weights, benefit, normalization=normalization)  # type: ignore[arg-type]
    return MethodOutcome(
        scores=np.asarray(r.scores),
        per_candidate={
            "closeness": np.asarray(r.closeness),
            "distance_to_ideal": np.asarray(r.distance_to_ideal),
            "distance_to_anti_ideal": np.asarray(r.distance_to_anti_ideal),
        },
        parameters={"normalization": normalization, "distance": "euclidean"},
        summary={},
        warnings=r.warnings,
    )


def _promethee(
    raw: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    preferences: Sequence[Preference | None],
    criterion_ids: Sequence[str],
) -> MethodOutcome:
    from partnerfit.mcda.promethee import (
        PreferenceFunction,
        promethee_i_partial_order,
        promethee_ii,
    )

    chosen = [p or Preference() for p in preferences]
    functions = [PreferenceFunction(p.type, q=p.q, p=p.p, s=p.s) for p in chosen]
    r = promethee_ii(raw, weights, benefit, functions)
    summary: dict[str, Any] = {}
    if raw.shape[0] <= PARTIAL_ORDER_LIMIT:
        summary["promethee_i"] = promethee_i_partial_order(r)
    return MethodOutcome(
        scores=np.asarray(r.scores),
        per_candidate={
            "positive_flow": np.asarray(r.positive_flow),
            "negative_flow": np.asarray(r.negative_flow),
            "net_flow": np.asarray(r.net_flow),
        },
        parameters={
            "preference_functions": {
                cid: {"type": p.type, "q": p.q, "p": p.p, "s": p.s}
                for cid, p in zip(criterion_ids, chosen, strict=True)
            }
        },
        summary=summary,
        warnings=r.warnings,
    )


def _vikor(raw: FloatArray, weights: FloatArray, benefit: BoolArray, v: float) -> MethodOutcome:
    from partnerfit.mcda.vikor import vikor

    r = vikor(raw, weights, benefit, v=v)
    return MethodOutcome(
        scores=np.asarray(r.scores),
        per_candidate={"S": np.asarray(r.s), "R": np.asarray(r.r), "Q": np.asarray(r.q)},
        parameters={"v": v},
        summary={
            "dq": r.dq,
            "acceptable_advantage": r.acceptable_advantage,
            "acceptable_stability": r.acceptable_stability,
            "compromise_set": list(r.compromise_set),
        },
        warnings=r.warnings,
    )
