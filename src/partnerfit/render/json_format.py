"""`--format json`: one stable, documented document (see docs/output.md)."""

from __future__ import annotations

import json
from typing import Any

from partnerfit import __version__
from partnerfit.evaluation import CandidateResult, Evaluation, StageSummary

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
    }


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
            }
            for s in c.criteria
        },
        "facts": c.facts,
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
        "stages": [_stage(s) for s in evaluation.stages],
        "candidates": [_candidate(c) for c in evaluation.candidates],
        "warnings": list(evaluation.warnings),
    }


def render(evaluation: Evaluation) -> str:
    return json.dumps(to_document(evaluation), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
