"""`--format json`: one stable, documented document (see docs/output.md)."""

from __future__ import annotations

import json
from typing import Any

from partnerfit import __version__
from partnerfit.assessment import Disagreement
from partnerfit.evaluation import CandidateResult, Evaluation, StageSummary
from partnerfit.precision import rounded
from partnerfit.weights import Derivation

SCHEMA_VERSION = 1


def _stage(stage: StageSummary) -> dict[str, Any]:
    return {
        "id": stage.id,
        "name": stage.name,
        "method": stage.method,
        "dimensions": list(stage.dimensions),
        "gates": stage.gates,
        "entered": stage.entered,
        "passed": stage.passed,
        "eliminated": stage.eliminated,
        "incomplete": stage.incomplete,
        "shortlist": None
        if stage.shortlist is None
        else {"top": stage.shortlist.top, "min_score": stage.shortlist.min_score},
        "weights": {
            "dimensions": stage.dimension_weights,
            "criteria": stage.criterion_weights,
        },
        "bounds": {k: None if v is None else list(v) for k, v in stage.bounds.items()},
        "parameters": _plain(stage.parameters),
        "results": _plain(stage.results),
        "weighting": [_derivation(d) for d in stage.weighting],
    }


def _derivation(d: Derivation) -> dict[str, Any]:
    return {
        "scope": d.scope,
        "method": d.method,
        "weights": {item: _plain(w) for item, w in zip(d.items, d.weights, strict=True)},
        "details": _plain(d.details),
    }


def _plain(value: Any) -> Any:
    """JSON-ready copy: floats rounded to the documented precision, tuples as lists."""
    if isinstance(value, float):
        return rounded(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    return value


def _candidate(c: CandidateResult) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "type": c.type,
        "rank": c.rank,
        "status": c.status,
        "stage_reached": c.stage_reached,
        "total": c.total,
        "stage_scores": c.stage_scores,
        "dimensions": c.dimension_scores,
        "method_scores": c.method_scores,
        "criteria": {
            s.id: {
                "dimension": s.dimension,
                "raw": s.raw,
                "normalised": s.normalised,
                "weight": s.weight,
                "contribution": s.contribution,
                "stage": s.stage,
                "handling": s.handling,
                "clipped": s.clipped,
                "evidence": s.evidence,
                "confidence": s.confidence,
                "kind": s.kind,
                "assessors": s.assessors,
                "inputs": _plain(s.inputs),
            }
            for s in c.criteria
        },
        "facts": c.facts,
        "attributes": dict(c.attributes),
        "gates": [
            {
                "stage": g.stage,
                "criterion": g.criterion,
                "rule": g.rule,
                "value": g.value,
                "passed": g.passed,
            }
            for g in c.gates
        ],
        "reasons": [
            {"stage": r.stage, "code": r.code, "message": r.message, "criteria": list(r.criteria)}
            for r in c.reasons
        ],
        "warnings": list(c.warnings),
        "attention": None
        if c.attention is None
        else {
            "low_confidence": list(c.attention.low_confidence),
            "no_evidence": list(c.attention.no_evidence),
            "judged": c.attention.judged,
        },
    }


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {
        "candidate": d.candidate,
        "criterion": d.criterion,
        "scores": _plain(d.scores),
        "aggregate": _plain(d.aggregate),
        "spread": _plain(d.spread),
    }


def to_document(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "partnerfit_version": __version__,
        "criteria": {
            "id": evaluation.criteria_id,
            "name": evaluation.criteria_name,
            "version": evaluation.criteria_version,
            "path": evaluation.criteria_path,
        },
        "candidates_file": evaluation.candidates_path,
        "profile": {"name": evaluation.profile_name, "path": evaluation.profile_path},
        "assessors": {
            "aggregation": evaluation.aggregation,
            "disagreement": evaluation.disagreement_threshold,
        },
        "weighting": [_derivation(d) for d in evaluation.weighting],
        "stages": [_stage(s) for s in evaluation.stages],
        "candidates": [_candidate(c) for c in evaluation.candidates],
        "disagreements": [_disagreement(d) for d in evaluation.disagreements],
        "warnings": list(evaluation.warnings),
    }


def render(evaluation: Evaluation) -> str:
    return json.dumps(to_document(evaluation), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
