"""The staged screening pipeline over a compiled `Problem`, as arrays.

Within each stage: gates -> missing-score handling -> normalisation over the
candidates still in the field -> scoring -> shortlist. The outcome keeps every
intermediate array so that results can be explained; reasons are recorded for
the candidates that leave the field (a loop over those only, never over the maths).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from partnerfit.engine.methods import MethodOutcome, method_values, run_method
from partnerfit.engine.problem import COMPUTED, EXCLUDE, FLAG, MEASURE, WORST, Problem
from partnerfit.engine.scoring import (
    BoolArray,
    FloatArray,
    IntArray,
    competition_ranks,
    field_bounds,
    normalise,
    normalise_weights,
    round_totals,
    weighted_sum,
)
from partnerfit.models import Gate, Stage

if TYPE_CHECKING:
    from partnerfit.weights import Derivation

ACTIVE, ELIMINATED, INCOMPLETE = 0, 1, 2


class Reason(NamedTuple):
    """Why a candidate left the field."""

    stage: str
    code: str
    """gate_failed | gate_missing | missing_scores | no_scores | not_shortlisted"""
    message: str
    criteria: tuple[str, ...] = ()


class GateOutcome(NamedTuple):
    gate: Gate
    column: int
    tested: FloatArray
    """The value tested (the worst value where missing under `missing: worst`)."""
    passed: BoolArray
    missing: BoolArray
    """Missing and so untestable (the candidate becomes incomplete)."""
    entered: BoolArray


class ScoringOutcome(NamedTuple):
    columns: IntArray
    """Criteria columns scored in this stage."""
    scored: BoolArray
    """(candidates,): candidates scored in this stage."""
    low: FloatArray
    high: FloatArray
    """Normalisation bounds used per scored column."""
    normalised: FloatArray
    present: BoolArray
    worst_filled: BoolArray
    clipped: BoolArray
    constant: BoolArray
    effective_weights: FloatArray
    dimension_scores: FloatArray
    """(candidates, all dimensions); NaN outside the stage's dimensions."""
    dimension_weights: FloatArray
    """(all dimensions,): normalised over the stage's dimensions, 0 elsewhere."""
    stated_weights: FloatArray
    """(columns,): effective weights when nothing is skipped."""
    totals: FloatArray
    ranks: IntArray
    kept: BoolArray
    method: MethodOutcome | None = None
    """Details of a method other than weighted_sum; its rows are the scored candidates."""
    derivations: tuple[Derivation, ...] = ()
    """Data-driven (entropy/CRITIC) weights derived in this stage."""


class StageOutcome(NamedTuple):
    stage: Stage
    entered: BoolArray
    passed: BoolArray
    gates: tuple[GateOutcome, ...]
    scoring: ScoringOutcome | None


@dataclass
class PipelineOutcome:
    problem: Problem
    stages: list[StageOutcome] = field(default_factory=list)
    status: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    reached: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    reasons: dict[int, list[Reason]] = field(default_factory=dict)
    """Why each candidate that left the field left it, by row."""
    final_totals: FloatArray = field(default_factory=lambda: np.zeros(0))
    final_ranks: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    warnings: list[str] = field(default_factory=list)


def worst_values(problem: Problem, columns: IntArray) -> FloatArray:
    """The worst conceivable value of each column (unbounded measures: -inf/+inf)."""
    low = problem.low[columns]
    high = problem.high[columns]
    benefit = problem.benefit[columns]
    unbounded = np.isnan(low)
    low = np.where(unbounded, -np.inf, low)
    high = np.where(unbounded, np.inf, high)
    return np.where(benefit, low, high)


def gate_passes(gate: Gate, values: FloatArray) -> BoolArray:
    with np.errstate(invalid="ignore"):
        if gate.equals is not None:
            return np.asarray(values == float(gate.equals))
        ok = np.ones(values.shape, dtype=bool)
        if gate.min is not None:
            ok &= values >= gate.min
        if gate.max is not None:
            ok &= values <= gate.max
        return ok


def describe_gate(gate: Gate, kind: int) -> str:
    if gate.equals is not None:
        if kind == FLAG:
            return f"{gate.criterion} must be {'true' if gate.equals else 'false'}"
        return f"{gate.criterion} must equal {gate.equals:g}"
    parts = []
    if gate.min is not None:
        parts.append(f">= {gate.min:g}")
    if gate.max is not None:
        parts.append(f"<= {gate.max:g}")
    return f"{gate.criterion} must be {' and '.join(parts)}"


def format_value(value: float, kind: int) -> str:
    if np.isnan(value):
        return "missing"
    if kind == FLAG:
        return "true" if value else "false"
    return f"{value:g}"


def run_pipeline(
    problem: Problem,
    stages: Sequence[Stage],
    bounds: Mapping[str, tuple[float, float]] | None = None,
) -> PipelineOutcome:
    """Run every stage. `bounds` fixes the normalisation of unbounded measures by id
    (for callers scoring a table in chunks); otherwise they come from the field."""
    n = len(problem.candidate_ids)
    out = PipelineOutcome(problem)
    out.status = np.full(n, ACTIVE, dtype=np.int64)
    out.reached = np.zeros(n, dtype=np.int64)
    last_totals = np.full(n, np.nan)
    for s_index, stage in enumerate(stages):
        entered = out.status == ACTIVE
        out.reached[entered] = s_index
        gates = tuple(_run_gate(problem, stage, gate, entered, out) for gate in stage.gates)
        scoring = None
        if stage.scores:
            scoring = _score_stage(problem, stage, out, bounds or {})
            last_totals = np.where(scoring.scored, scoring.totals, last_totals)
        out.stages.append(StageOutcome(stage, entered, out.status == ACTIVE, gates, scoring))
    survivors = out.status == ACTIVE
    out.final_totals = np.where(survivors, round_totals(last_totals), np.nan)
    last = next((so.scoring for so in reversed(out.stages) if so.scoring is not None), None)
    if last is not None and np.array_equal(last.scored, survivors):
        out.final_ranks = last.ranks  # nobody left after the last scoring: same field, same ranks
    else:
        ranks = np.zeros(n, dtype=np.int64)
        if survivors.any():
            ranks[survivors] = competition_ranks(out.final_totals[survivors])
        out.final_ranks = ranks
    return out


def _run_gate(
    problem: Problem, stage: Stage, gate: Gate, entered: BoolArray, out: PipelineOutcome
) -> GateOutcome:
    column = problem.column(gate.criterion)
    raw = problem.values[:, column]
    missing = np.isnan(raw) & entered
    tested = raw
    if problem.missing[column] == WORST:
        tested = np.where(np.isnan(raw), worst_values(problem, np.array([column]))[0], raw)
        missing = np.zeros_like(missing)
    passed = gate_passes(gate, tested) & entered
    kind = int(problem.kind[column])
    rule = describe_gate(gate, kind)
    still_in = out.status == ACTIVE
    for i in np.nonzero(entered & ~passed & ~missing)[0]:
        because = f" ({gate.reason})" if gate.reason else ""
        got = format_value(tested[i], kind)
        if np.isnan(raw[i]):  # filled in under `missing: worst`
            worst = got if np.isfinite(tested[i]) else "the worst possible value"
            got = f"no value (missing: worst tests {worst})"
        message = f"gate failed: {rule}, got {got}{because}"
        out.reasons.setdefault(int(i), []).append(
            Reason(stage.id, "gate_failed", message, (gate.criterion,))
        )
        out.status[i] = ELIMINATED
    for i in np.nonzero(missing & still_in)[0]:
        message = f"gate untestable: {gate.criterion} is missing ({rule})"
        out.reasons.setdefault(int(i), []).append(
            Reason(stage.id, "gate_missing", message, (gate.criterion,))
        )
        if out.status[i] == ACTIVE:
            out.status[i] = INCOMPLETE
    return GateOutcome(gate, column, tested, passed, missing, entered)


def _score_stage(
    problem: Problem, stage: Stage, out: PipelineOutcome, fixed: Mapping[str, tuple[float, float]]
) -> ScoringOutcome:
    n = len(problem.candidate_ids)
    stage_dims = stage.dimensions or list(problem.dimension_ids)
    dim_mask = np.isin(np.array(problem.dimension_ids), stage_dims)
    columns = np.nonzero(dim_mask[problem.dimension_of])[0]
    k = len(columns)
    contiguous = k > 0 and columns[-1] - columns[0] == k - 1
    # a view when the stage's criteria are adjacent columns (always so for all dimensions)
    values = (
        problem.values[:, columns[0] : columns[0] + k] if contiguous else problem.values[:, columns]
    )
    policy = problem.missing[columns]
    active = out.status == ACTIVE

    missing = np.isnan(values)
    active_missing = bool((missing.any(axis=1) & active).any())
    if active_missing:
        excluded_cells = missing & (policy == EXCLUDE)
        excluded = active & excluded_cells.any(axis=1)
        for i in np.nonzero(excluded)[0]:
            names = tuple(problem.item_ids[columns[j]] for j in np.nonzero(excluded_cells[i])[0])
            message = f"missing scores needed by stage '{stage.id}': {', '.join(names)}"
            out.reasons.setdefault(int(i), []).append(
                Reason(stage.id, "missing_scores", message, names)
            )
            out.status[i] = INCOMPLETE
        active &= ~excluded
        present = ~missing & active[:, None]
        worst_filled = missing & (policy == WORST)[None, :] & active[:, None]
        counted = present | worst_filled
        no_scores = active & ~counted.any(axis=1)
        for i in np.nonzero(no_scores)[0]:
            message = f"no score present for any criterion of stage '{stage.id}'"
            out.reasons.setdefault(int(i), []).append(Reason(stage.id, "no_scores", message))
            out.status[i] = INCOMPLETE
        active &= ~no_scores
    else:
        present = np.broadcast_to(active[:, None], values.shape)
        worst_filled = np.zeros(values.shape, dtype=bool)

    low = problem.low[columns].copy()
    high = problem.high[columns].copy()
    from_field = np.isnan(low)
    if from_field.any():
        field_values = values[:, from_field]
        if not active.all() or active_missing or missing[:, from_field].any():
            field_values = np.where(active[:, None] & ~missing[:, from_field], field_values, np.nan)
            field_low, field_high = field_bounds(field_values)
        else:
            field_low, field_high = field_values.min(axis=0), field_values.max(axis=0)
        low[from_field], high[from_field] = field_low, field_high
        for j in np.nonzero(from_field)[0]:
            item_id = problem.item_ids[columns[j]]
            if item_id in fixed:
                low[j], high[j] = fixed[item_id]
    bounded_measures = (problem.kind[columns] == MEASURE) & ~np.isnan(problem.low[columns])
    fixed_field = np.array([problem.item_ids[c] in fixed for c in columns], dtype=bool)
    normalised = normalise(
        values,
        low,
        high,
        problem.benefit[columns],
        check_clipping=bounded_measures | fixed_field,
    )
    crit_dims = problem.dimension_of[columns]
    dimension_weights = np.where(dim_mask, problem.dimension_weights, 0.0)
    criterion_weights = problem.criterion_weights[columns].copy()
    if active_missing:
        scores = np.where(worst_filled, 0.0, normalised.scores)
        scores = np.where(counted, scores, np.nan)
        summed: FloatArray = np.nan_to_num(scores)
        presence: BoolArray | None = counted
    else:
        scores = summed = normalised.scores
        presence = None
    derivations: list[Derivation] = []
    if problem.data_weighting:
        criterion_weights = _data_criterion_weights(
            problem,
            stage,
            summed[active],
            [problem.item_ids[c] for c in columns],
            crit_dims,
            dim_mask,
            criterion_weights,
            derivations,
        )
    result = weighted_sum(summed, presence, criterion_weights, crit_dims, dimension_weights)
    if problem.set_data_weighting is not None and dim_mask.any():
        dimension_weights = _data_dimension_weights(
            problem, stage, result.dimension_scores[active], dim_mask, derivations
        )
        result = weighted_sum(summed, presence, criterion_weights, crit_dims, dimension_weights)
    stated = normalise_weights(criterion_weights, crit_dims, len(dim_mask))
    stated = stated * (dimension_weights / dimension_weights.sum())[crit_dims]

    totals = np.where(active, result.totals, np.nan)
    method_outcome = None
    if stage.scoring_method != "weighted_sum" and active.any():
        rows = np.nonzero(active)[0]
        raw = np.clip(values[rows], low, high)
        worst = np.where(problem.benefit[columns], low, high)
        raw = np.where(worst_filled[rows], worst, raw)
        raw = method_values(stage.scoring_method, raw, problem.kind[columns] == COMPUTED)
        method_outcome = run_method(
            stage,
            raw,
            stated,
            problem.benefit[columns],
            [problem.preferences[c] if problem.preferences else None for c in columns],
            [problem.item_ids[c] for c in columns],
        )
        totals = np.full(n, np.nan)
        totals[rows] = method_outcome.scores
    rounded = round_totals(totals)
    ranks = np.zeros(n, dtype=np.int64)
    kept = active.copy()
    if active.any():
        ranks[active] = competition_ranks(rounded[active])
        if stage.shortlist is not None:
            _shortlist(stage, rounded, ranks, active, kept, out)
    return ScoringOutcome(
        columns=columns,
        scored=active,
        low=low,
        high=high,
        normalised=scores,
        present=present,
        worst_filled=worst_filled,
        clipped=normalised.clipped,
        constant=normalised.constant & active.any(),
        effective_weights=result.effective_weights,
        dimension_scores=np.where(dim_mask[None, :], result.dimension_scores, np.nan),
        dimension_weights=dimension_weights / dimension_weights.sum(),
        stated_weights=stated,
        totals=totals,
        ranks=ranks,
        kept=kept,
        method=method_outcome,
        derivations=tuple(derivations),
    )


def _data_criterion_weights(
    problem: Problem,
    stage: Stage,
    field_scores: FloatArray,
    column_ids: list[str],
    crit_dims: IntArray,
    dim_mask: BoolArray,
    criterion_weights: FloatArray,
    derivations: list[Derivation],
) -> FloatArray:
    """Entropy/CRITIC weights of each data-weighted dimension's criteria, over the field."""
    from partnerfit.weights import Derivation, ZeroWeightsError, data_weights

    weights = criterion_weights.copy()
    for d_index, method in sorted(problem.data_weighting.items()):
        if not dim_mask[d_index]:
            continue
        cols = np.nonzero(crit_dims == d_index)[0]
        try:
            derived, notes = data_weights(method, field_scores[:, cols])
        except ValueError:
            scope = problem.dimension_ids[d_index]
            raise ZeroWeightsError(scope, method, stage.id, field_scores.shape[0]) from None
        weights[cols] = np.where(derived > 0, derived, 0.0)
        if weights[cols].sum() <= 0:
            weights[cols] = 1.0
        ids = tuple(column_ids[j] for j in cols)
        derivations.append(
            Derivation(
                problem.dimension_ids[d_index],
                method,
                ids,
                tuple(float(w) for w in weights[cols] / weights[cols].sum()),
                {
                    "stage": stage.id,
                    "field": int(field_scores.shape[0]),
                    "input": "normalised 0..100 criterion scores of the field",
                    "notes": notes,
                },
            )
        )
    return weights


def _data_dimension_weights(
    problem: Problem,
    stage: Stage,
    field_dimension_scores: FloatArray,
    dim_mask: BoolArray,
    derivations: list[Derivation],
) -> FloatArray:
    """Entropy/CRITIC weights of the stage's dimensions, from the field's dimension scores."""
    from partnerfit.weights import Derivation, ZeroWeightsError, data_weights

    method = problem.set_data_weighting
    assert method is not None
    cols = np.nonzero(dim_mask)[0]
    try:
        derived, notes = data_weights(method, np.nan_to_num(field_dimension_scores[:, cols]))
    except ValueError:
        raise ZeroWeightsError(
            "dimensions", method, stage.id, field_dimension_scores.shape[0]
        ) from None
    if derived.sum() <= 0:
        derived = np.ones(len(cols))
    weights = np.zeros(len(dim_mask))
    weights[cols] = derived
    ids = tuple(problem.dimension_ids[c] for c in cols)
    derivations.append(
        Derivation(
            "dimensions",
            method,
            ids,
            tuple(float(w) for w in derived / derived.sum()),
            {
                "stage": stage.id,
                "field": int(field_dimension_scores.shape[0]),
                "input": "0..100 dimension scores of the field",
                "notes": notes,
            },
        )
    )
    return weights


def _shortlist(
    stage: Stage,
    rounded: FloatArray,
    ranks: IntArray,
    active: BoolArray,
    kept: BoolArray,
    out: PipelineOutcome,
) -> None:
    shortlist = stage.shortlist
    assert shortlist is not None
    if shortlist.top is not None:
        kept &= ranks <= shortlist.top
    if shortlist.min_score is not None:
        kept &= rounded >= shortlist.min_score
    field_size = int(active.sum())
    for i in np.nonzero(active & ~kept)[0]:
        why = []
        if shortlist.top is not None and ranks[i] > shortlist.top:
            why.append(f"rank {ranks[i]} of {field_size}, shortlist keeps the top {shortlist.top}")
        if shortlist.min_score is not None and rounded[i] < shortlist.min_score:
            why.append(f"total {rounded[i]:.2f} below min_score {shortlist.min_score:g}")
        message = f"not shortlisted: {'; '.join(why)}"
        out.reasons.setdefault(int(i), []).append(Reason(stage.id, "not_shortlisted", message))
        out.status[i] = ELIMINATED
