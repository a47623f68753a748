"""`evaluate()`: run the pipeline on a candidate pool and return plain result objects.

The result records here, like the engine's, are immutable NamedTuples rather than frozen
dataclasses: on Python 3.11 defining a frozen dataclass costs about 1 ms (each of its six
generated methods is compiled with exec), and every `partnerfit score` defines the
records of the whole score path (docs/performance.md, "Scoring (foundation)").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np

from partnerfit.engine.pipeline import (
    ACTIVE,
    ELIMINATED,
    PipelineOutcome,
    Reason,
    StageOutcome,
    describe_gate,
    format_value,
    run_pipeline,
)
from partnerfit.engine.problem import FLAG, MEASURE, Problem
from partnerfit.findings import Finding, InputError
from partnerfit.inputs import CandidatePool
from partnerfit.models import Shortlist
from partnerfit.precision import PRECISION

if TYPE_CHECKING:
    from partnerfit.assessment import Disagreement
    from partnerfit.engine.fit import FitColumns
    from partnerfit.weights import Derivation

Status = Literal["ranked", "eliminated", "incomplete"]


def _round(value: float) -> float | None:
    value = float(value)
    if value != value:  # NaN; cheaper than np.isnan on the many scalars of a large field
        return None
    return round(value, PRECISION) + 0.0


class _StageRows(NamedTuple):
    """A scoring stage's per-candidate arrays as Python lists, read once per stage rather
    than indexed element by element (numpy scalar indexing dominates large fields)."""

    normalised: list[list[float]]
    weights: list[list[float]]
    worst_filled: list[list[bool]]
    present: list[list[bool]]
    clipped: list[list[bool]]
    dimension_scores: list[list[float]]
    scored: list[bool]
    totals: list[float]
    row: list[int]
    """Candidate index -> its row among the scored (the methods' per-candidate arrays)."""

    @classmethod
    def of(cls, sc: Any) -> _StageRows:
        return cls(
            sc.normalised.tolist(),
            sc.effective_weights.tolist(),
            sc.worst_filled.tolist(),
            sc.present.tolist(),
            sc.clipped.tolist(),
            sc.dimension_scores.tolist(),
            sc.scored.tolist(),
            sc.totals.tolist(),
            (np.cumsum(sc.scored) - 1).tolist(),
        )


class CriterionScore(NamedTuple):
    id: str
    dimension: str
    raw: bool | float | None
    normalised: float | None
    """0..100 in the last stage that scored it for this candidate; None if never scored."""
    weight: float | None
    """Effective weight in that stage's total."""
    contribution: float | None
    """weight x normalised: this criterion's share of that stage's total."""
    stage: str | None
    handling: Literal["scored", "worst", "skipped", "unscored"]
    clipped: bool
    evidence: str | None
    confidence: str | float | None
    kind: str = "rating"
    """The criterion's kind: rating, measure, flag or a computed kind (coverage...)."""
    inputs: dict[str, Any] | None = None
    """Computed kinds: what the score was computed from (docs/output.md)."""
    assessors: dict[str, float] | None = None
    """Each assessor's value when several scored it; `raw` is then their aggregate."""


JUDGED_KINDS = ("rating", "measure", "ratio", "similarity", "balance")
"""Kinds whose score rests on judged or estimated values (ratings, facts, culture values,
ledger values) and so on evidence; coverage, overlap and alignment compare name lists."""
LOW_CONFIDENCE = 0.5
"""A confidence below this (so `low`, 0.25, or a number under 0.5) counts as low."""


class Attention(NamedTuple):
    """Scores of a candidate that its ranking rests on and that deserve a second look."""

    low_confidence: tuple[str, ...]
    """Criteria scored with a confidence below `LOW_CONFIDENCE`."""
    no_evidence: tuple[str, ...]
    """Criteria scored without evidence."""
    judged: int
    """How many judged scores (kinds in `JUDGED_KINDS`) were checked."""


class GateCheck(NamedTuple):
    stage: str
    criterion: str
    rule: str
    value: bool | float | None
    passed: bool | None
    """None when the value was missing and the gate could not be tested."""
    reason: str | None


class CandidateResult(NamedTuple):
    id: str
    name: str
    type: str | None
    status: Status
    rank: int | None
    stage_reached: str
    total: float | None
    stage_scores: dict[str, float]
    dimension_scores: dict[str, float | None]
    """Weighted means of normalised criterion scores (a profile, whatever the method)."""
    method_scores: dict[str, dict[str, float]]
    """Per stage scored by a method other than weighted_sum: its quantities (closeness...)."""
    criteria: tuple[CriterionScore, ...]
    facts: dict[str, bool | float | None]
    """Raw values of the set's facts (gate-only data)."""
    gates: tuple[GateCheck, ...]
    reasons: tuple[Reason, ...]
    warnings: tuple[str, ...]
    attention: Attention | None = None
    """Low-confidence and evidence-free scores among those scored (None if none scored)."""
    attributes: Mapping[str, Any] = MappingProxyType({})
    """The candidate's free `attributes`, as given (never scored)."""


class StageSummary(NamedTuple):
    id: str
    name: str | None
    method: str | None
    dimensions: tuple[str, ...]
    gates: int
    entered: int
    passed: int
    eliminated: int
    incomplete: int
    shortlist: Shortlist | None
    dimension_weights: dict[str, float]
    criterion_weights: dict[str, float]
    bounds: dict[str, tuple[float, float] | None]
    """Normalisation bounds used for each measure scored here (None: no value present)."""
    parameters: dict[str, Any]
    """Every parameter of the method in force (normalisation, v, preference functions)."""
    results: dict[str, Any]
    """Stage-level method results (VIKOR conditions, PROMETHEE I relations), by candidate id."""
    weighting: tuple[Derivation, ...]
    """Weights derived from the field in this stage (entropy, CRITIC)."""


class Evaluation(NamedTuple):
    criteria_id: str
    criteria_name: str | None
    criteria_version: str | None
    criteria_path: str | None
    candidates_path: str
    dimension_ids: tuple[str, ...]
    dimension_labels: dict[str, str]
    stages: tuple[StageSummary, ...]
    weighting: tuple[Derivation, ...]
    """Static weight derivations (AHP, rank order, points) with their diagnostics."""
    candidates: tuple[CandidateResult, ...]
    """Ranked candidates in rank order (ties by id), then the others: furthest first, then
    by their score in the stage where they stopped, then status and id."""
    warnings: tuple[str, ...]
    criterion_dimensions: dict[str, str]
    """Criterion id -> its dimension id, in file order."""
    elicited: bool = False
    """True when any weight of the set is derived (weighting: blocks) rather than stated."""
    profile_name: str | None = None
    profile_path: str | None = None
    aggregation: str = "median"
    disagreement_threshold: float = 1.0
    disagreements: tuple[Disagreement, ...] = ()
    """Scores whose assessors differ by more than the threshold, in result order."""

    @property
    def ranked(self) -> tuple[CandidateResult, ...]:
        return tuple(c for c in self.candidates if c.status == "ranked")

    def candidate(self, candidate_id: str) -> CandidateResult:
        for c in self.candidates:
            if c.id == candidate_id:
                return c
        raise KeyError(candidate_id)


def build_problem(pool: CandidatePool) -> tuple[Problem, FitColumns]:
    """The decision matrix of a pool: its rated scores and its computed (relational-fit)
    columns, which every analysis of the pool (scoring, sensitivity) must see alike."""
    from partnerfit.engine.fit import compute_fit

    fit = compute_fit(pool.criteria, pool.profile, pool.candidates)
    return Problem.build(pool.criteria, pool.candidates, fit.values), fit


def evaluate(
    pool: CandidatePool, bounds: Mapping[str, tuple[float, float]] | None = None
) -> Evaluation:
    """Score a candidate pool through its criteria set's stages.

    Raises `InputError` (PF250, at the weighting block) when data-driven weights come out
    all zero because nothing in the block varies across a stage's field."""
    from partnerfit.weights import ZeroWeightsError

    problem, fit = build_problem(pool)
    try:
        outcome = run_pipeline(problem, pool.criteria.stages, bounds)
    except ZeroWeightsError as exc:
        path, line, col = pool.weighting_marks.get(
            exc.scope, (pool.criteria_path or pool.candidates_path, 0, 0)
        )
        raise InputError([Finding(path, line, col, "PF250", "error", str(exc))]) from None
    return _assemble(pool, problem, outcome, fit)


def _stage_summaries(problem: Problem, outcome: PipelineOutcome) -> tuple[StageSummary, ...]:
    summaries = []
    for so in outcome.stages:
        entered = int(so.entered.sum())
        passed = int(so.passed.sum())
        left = so.entered & ~so.passed
        eliminated = int((left & (outcome.status == ELIMINATED)).sum())
        dims: tuple[str, ...] = ()
        dim_w: dict[str, float] = {}
        crit_w: dict[str, float] = {}
        bounds: dict[str, tuple[float, float] | None] = {}
        sc = so.scoring
        if sc is not None:
            dims = tuple(
                d for d, w in zip(problem.dimension_ids, sc.dimension_weights, strict=True) if w > 0
            )
            dim_w = {
                d: float(_round(w) or 0.0)
                for d, w in zip(problem.dimension_ids, sc.dimension_weights, strict=True)
                if w > 0
            }
            for j, col in enumerate(sc.columns):
                item = problem.item_ids[col]
                crit_w[item] = float(_round(sc.stated_weights[j]) or 0.0)
                if problem.kind[col] == MEASURE:
                    lo, hi = sc.low[j], sc.high[j]
                    bounds[item] = None if np.isnan(lo) else (float(lo), float(hi))
        summaries.append(
            StageSummary(
                id=so.stage.id,
                name=so.stage.name,
                method=(so.stage.method or "weighted_sum") if sc is not None else None,
                dimensions=dims,
                gates=len(so.gates),
                entered=entered,
                passed=passed,
                eliminated=eliminated,
                incomplete=entered - passed - eliminated,
                shortlist=so.stage.shortlist,
                dimension_weights=dim_w,
                criterion_weights=crit_w,
                bounds=bounds,
                parameters=_parameters(so, problem),
                results=_method_results(so, problem),
                weighting=sc.derivations if sc is not None else (),
            )
        )
    return tuple(summaries)


def _parameters(so: StageOutcome, problem: Problem) -> dict[str, Any]:
    sc = so.scoring
    if sc is None:
        return {}
    if sc.method is not None:
        return dict(sc.method.parameters)
    return {"normalisation": "linear over scale, bounds or field min-max (docs/scoring.md)"}


def _method_results(so: StageOutcome, problem: Problem) -> dict[str, Any]:
    sc = so.scoring
    if sc is None or sc.method is None:
        return {}
    rows = np.nonzero(sc.scored)[0]

    def cid(row: int) -> str:
        return problem.candidate_ids[int(rows[row])]

    summary = dict(sc.method.summary)
    if "compromise_set" in summary:
        summary["compromise_set"] = [cid(r) for r in summary["compromise_set"]]
    if "promethee_i" in summary:
        summary["promethee_i"] = sorted(
            [cid(a), relation, cid(b)] for a, b, relation in summary["promethee_i"]
        )
    if sc.method.warnings:
        summary["warnings"] = list(sc.method.warnings)
    return summary


def _weighting_warnings(problem: Problem) -> list[str]:
    """AHP blocks too large for the random-index table: their judgements went unchecked."""
    from partnerfit.weights import unchecked_consistency, unchecked_hint

    return [
        unchecked_consistency(_scope_text(d.scope), len(d.items), d.details["consistency_index"])
        + f" ({unchecked_hint()})"
        for d in problem.derivations
        if d.method == "ahp" and d.details["consistency_ratio"] is None
    ]


def _scope_text(scope: str) -> str:
    return "the criteria set" if scope == "dimensions" else f"dimension '{scope}'"


def _field_warnings(problem: Problem, outcome: PipelineOutcome) -> list[str]:
    """Criteria that do not discriminate in a stage's field, by id, and method warnings.

    A criterion with one value across every candidate scored in a stage gives nobody an
    advantage under any method; saying so keeps a silent zero-weight from surprising. A
    field of one candidate has no spread at all: there the notes that matter are the
    weights that fell back to equal and the method's neutral values."""
    warnings: list[str] = []
    for so in outcome.stages:
        sc = so.scoring
        if sc is None or not sc.scored.any():
            continue
        if int(sc.scored.sum()) >= 2:
            warnings.extend(_constant_criteria(problem, so))
        else:
            warnings.extend(_single_candidate(problem, so))
        if sc.method is not None:
            method = so.stage.scoring_method
            warnings.extend(f"stage '{so.stage.id}' ({method}): {w}" for w in sc.method.warnings)
    return warnings


def _constant_criteria(problem: Problem, so: StageOutcome) -> list[str]:
    sc = so.scoring
    assert sc is not None
    warnings = []
    field = problem.values[np.ix_(sc.scored, sc.columns)]
    present = ~np.isnan(field)
    low = np.where(present, field, np.inf).min(axis=0)
    high = np.where(present, field, -np.inf).max(axis=0)
    for j in np.nonzero(present.any(axis=0) & (low == high))[0]:
        col = int(sc.columns[j])
        item = problem.item_ids[col]
        if problem.kind[col] == MEASURE and np.isnan(problem.low[col]) and sc.method is None:
            warnings.append(
                f"stage '{so.stage.id}': measure '{item}' has the same value for every "
                "candidate in the field, so it scores 50 for all and does not discriminate"
            )
        else:
            value = format_value(float(low[j]), int(problem.kind[col]))
            warnings.append(
                f"stage '{so.stage.id}': '{item}' has the same value ({value}) for every "
                "candidate in the field, so it does not discriminate"
            )
    return warnings


def _single_candidate(problem: Problem, so: StageOutcome) -> list[str]:
    """A one-candidate field: every criterion is trivially constant, so only what
    changes the numbers is said: data-driven weights that fell back to equal, and (under
    the weighted sum) measures without bounds, which min-max over a field of one puts at 50."""
    sc = so.scoring
    assert sc is not None
    stage = so.stage.id
    warnings = [
        f"stage '{stage}' ({_weights_of(d.scope)}): {note}"
        for d in sc.derivations
        for note in d.details.get("notes", ())
    ]
    if sc.method is None:
        row = problem.values[np.nonzero(sc.scored)[0][0]]
        warnings.extend(
            f"stage '{stage}': measure '{problem.item_ids[col]}' has no bounds and the "
            "field is one candidate, so it scores 50"
            for col in (int(c) for c in sc.columns)
            if problem.kind[col] == MEASURE
            and np.isnan(problem.low[col])
            and not np.isnan(row[col])
        )
    return warnings


def _weights_of(scope: str) -> str:
    return "dimension weights" if scope == "dimensions" else f"weights of dimension '{scope}'"


def _attention(scores: list[CriterionScore]) -> Attention | None:
    from partnerfit.relational.assessors import confidence_value

    judged = [
        s
        for s in scores
        if s.handling in ("scored", "worst") and s.kind in JUDGED_KINDS and s.raw is not None
    ]
    if not judged:
        return None
    return Attention(
        low_confidence=tuple(
            s.id
            for s in judged
            if s.confidence is not None and confidence_value(s.confidence) < LOW_CONFIDENCE
        ),
        no_evidence=tuple(s.id for s in judged if not s.evidence),
        judged=len(judged),
    )


def _in_result_order(
    pool: CandidatePool, results: list[CandidateResult]
) -> tuple[Disagreement, ...]:
    """Disagreements by candidate in result order, then criterion in the set's order, so
    the order of the candidates file does not change the output."""
    position = {r.id: i for i, r in enumerate(results)}
    criteria = pool.criteria
    slots = [*criteria.measured()]
    slots += [f"culture.{d.id}" for d in (criteria.culture.dimensions if criteria.culture else [])]
    order = {slot: i for i, slot in enumerate(slots)}
    return tuple(
        sorted(
            pool.disagreements,
            key=lambda d: (position[d.candidate], order.get(d.criterion, len(order)), d.criterion),
        )
    )


def _fact_value(fact: Any, candidate: Any, fit: FitColumns, row: int) -> bool | float | None:
    if fact.computed:
        return _round(fit.values[fact.id][row])
    score = candidate.scores.get(fact.id)
    return score.value if score is not None else None


def _ratio_score(fit: FitColumns, item_id: str, candidate: Any) -> Any:
    """The financial score a ratio reads: its evidence and confidence are the ratio's."""
    of = fit.items[item_id].of or ""
    return (candidate.financials or {}).get(of)


def _assemble(
    pool: CandidatePool, problem: Problem, outcome: PipelineOutcome, fit: FitColumns
) -> Evaluation:
    criteria = pool.criteria
    dims = {c.id: d.id for d in criteria.dimensions for c in d.criteria}
    measured = criteria.measured()
    warnings = [*_weighting_warnings(problem), *_field_warnings(problem, outcome)]
    rows = [None if so.scoring is None else _StageRows.of(so.scoring) for so in outcome.stages]

    results = []
    for i, candidate in enumerate(pool.candidates):
        stage_scores: dict[str, float] = {}
        dimension_scores: dict[str, float | None] = dict.fromkeys(problem.dimension_ids)
        details: dict[str, tuple[str, int, int]] = {}  # criterion -> (stage, stage index, column j)
        cand_warnings: list[str] = []
        gate_checks: list[GateCheck] = []
        method_scores: dict[str, dict[str, float]] = {}
        for s_index, so in enumerate(outcome.stages):
            for g in so.gates:
                if not g.entered[i]:
                    continue
                kind = int(problem.kind[g.column])
                value = problem.values[i, g.column]
                gate_checks.append(
                    GateCheck(
                        stage=so.stage.id,
                        criterion=g.gate.criterion,
                        rule=describe_gate(g.gate, kind),
                        value=None
                        if np.isnan(value)
                        else (bool(value) if kind == FLAG else float(value)),
                        passed=None if g.missing[i] else bool(g.passed[i]),
                        reason=g.gate.reason,
                    )
                )
            sc = so.scoring
            stage_rows = rows[s_index]
            if sc is None or stage_rows is None or not stage_rows.scored[i]:
                continue
            stage_scores[so.stage.id] = float(_round(stage_rows.totals[i]) or 0.0)
            if sc.method is not None:
                row = stage_rows.row[i]
                method_scores[so.stage.id] = {
                    name: float(_round(float(values[row])) or 0.0)
                    for name, values in sc.method.per_candidate.items()
                }
            for dim_id, value in zip(
                problem.dimension_ids, stage_rows.dimension_scores[i], strict=True
            ):
                if value == value:  # not NaN
                    dimension_scores[dim_id] = _round(value)
            for j, col in enumerate(sc.columns):
                details[problem.item_ids[col]] = (so.stage.id, s_index, j)
        criterion_scores = []
        for c in criteria.criteria():
            score: Any = candidate.scores.get(c.id)  # or, computed, what the score rests on
            raw = score.value if score is not None else None
            inputs = None
            if c.computed:
                computed = fit.values[c.id][i]
                raw = None if np.isnan(computed) else _round(computed)
                inputs = fit.explain(c.id, i)
                score = (
                    _ratio_score(fit, c.id, candidate)
                    if c.kind == "ratio"
                    else fit.support(c.id, i)
                )
            assessors = dict(sorted(score.by.items())) if score and score.by else None
            if assessors is not None and isinstance(raw, float):
                raw = _round(raw)  # an aggregate such as a mean of three: documented precision
            if c.id not in details:
                criterion_scores.append(
                    CriterionScore(
                        c.id,
                        dims[c.id],
                        raw,
                        None,
                        None,
                        None,
                        None,
                        "unscored",
                        False,
                        score.evidence if score else None,
                        score.confidence if score else None,
                        kind=c.kind,
                        inputs=inputs,
                        assessors=assessors,
                    )
                )
                continue
            stage_id, s_index, j = details[c.id]
            sc = outcome.stages[s_index].scoring
            stage_rows = rows[s_index]
            assert sc is not None and stage_rows is not None
            normalised = stage_rows.normalised[i][j]
            weight = stage_rows.weights[i][j]
            handling: Literal["scored", "worst", "skipped"] = "scored"
            if stage_rows.worst_filled[i][j]:
                handling = "worst"
                cand_warnings.append(
                    f"'{c.id}' is missing: counted as the worst value (missing: worst)"
                )
            elif not stage_rows.present[i][j]:
                handling = "skipped"
                cand_warnings.append(
                    f"'{c.id}' is missing: skipped, weights renormalised over the present criteria "
                    f"(missing: skip), which can flatter the candidate"
                )
            clipped = stage_rows.clipped[i][j]
            if clipped:
                lo, hi = measured[c.id].bounds or (np.nan, np.nan)
                cand_warnings.append(
                    f"'{c.id}' value {raw:g} lies outside its bounds [{lo:g}, {hi:g}] "
                    "and was clipped"
                )
            criterion_scores.append(
                CriterionScore(
                    id=c.id,
                    dimension=dims[c.id],
                    raw=raw,
                    normalised=None if handling == "skipped" else _round(normalised),
                    weight=_round(weight),
                    contribution=None
                    if handling == "skipped" or sc.method is not None
                    else _round(weight * normalised),
                    stage=stage_id,
                    handling=handling,
                    clipped=clipped,
                    evidence=score.evidence if score else None,
                    confidence=score.confidence if score else None,
                    kind=c.kind,
                    inputs=inputs,
                    assessors=assessors,
                )
            )
        status_code = outcome.status[i]
        status: Status = (
            "ranked"
            if status_code == ACTIVE
            else "eliminated"
            if status_code == ELIMINATED
            else "incomplete"
        )
        results.append(
            CandidateResult(
                id=candidate.id,
                name=candidate.label,
                type=candidate.type,
                status=status,
                rank=int(outcome.final_ranks[i]) if status == "ranked" else None,
                stage_reached=outcome.stages[outcome.reached[i]].stage.id,
                total=_round(outcome.final_totals[i]) if status == "ranked" else None,
                stage_scores=stage_scores,
                dimension_scores=dimension_scores,
                method_scores=method_scores,
                criteria=tuple(criterion_scores),
                facts={f.id: _fact_value(f, candidate, fit, i) for f in criteria.facts},
                attributes=candidate.attributes,
                gates=tuple(gate_checks),
                reasons=tuple(outcome.reasons.get(i, ())),
                warnings=tuple(dict.fromkeys(cand_warnings)),
                attention=_attention(criterion_scores),
            )
        )
    order = {c.id: i for i, c in enumerate(pool.candidates)}
    results.sort(
        key=lambda r: (
            0 if r.rank is not None else 1,
            r.rank or 0,
            -int(outcome.reached[order[r.id]]),
            -r.stage_scores.get(r.stage_reached, -1.0),
            r.status,
            r.id,
        )
    )
    return Evaluation(
        criteria_id=criteria.id,
        criteria_name=criteria.name,
        criteria_version=criteria.version,
        criteria_path=pool.criteria_path,
        candidates_path=pool.candidates_path,
        dimension_ids=problem.dimension_ids,
        dimension_labels={d.id: d.short or d.label for d in criteria.dimensions},
        stages=_stage_summaries(problem, outcome),
        weighting=problem.derivations,
        candidates=tuple(results),
        warnings=tuple(warnings),
        criterion_dimensions=dims,
        elicited=criteria.weighting is not None
        or any(d.weighting is not None for d in criteria.dimensions),
        profile_name=pool.profile.name if pool.profile else None,
        profile_path=pool.profile_path,
        aggregation=criteria.assessors.aggregation,
        disagreement_threshold=criteria.assessors.disagreement,
        disagreements=_in_result_order(pool, results),
    )
