"""`explain --format json`: one stable, documented document (docs/explain.md)."""

from __future__ import annotations

import json
from typing import Any

from partnerfit import __version__
from partnerfit.explanation import Contribution, Explanation, FieldPoint, GapPart, StageStep, Versus
from partnerfit.precision import rounded

SCHEMA_VERSION = 1


def _step(s: StageStep) -> dict[str, Any]:
    return {
        "stage": s.stage,
        "name": s.name,
        "method": s.method,
        "gates": [
            {
                "criterion": g.criterion,
                "rule": g.rule,
                "value": g.value,
                "passed": g.passed,
                "reason": g.reason,
            }
            for g in s.gates
        ],
        "score": s.score,
        "rank": s.rank,
        "field": s.field,
        "shortlist": None
        if s.shortlist is None
        else {"top": s.shortlist.top, "min_score": s.shortlist.min_score},
        "outcome": s.outcome,
        "reasons": [{"code": r.code, "message": r.message} for r in s.reasons],
    }


def _contribution(p: Contribution) -> dict[str, Any]:
    return {
        "id": p.criterion,
        "dimension": p.dimension,
        "raw": p.raw,
        "normalised": rounded(p.normalised),
        "weight": rounded(p.weight),
        "contribution": rounded(p.contribution),
        "handling": p.handling,
    }


def _point(p: FieldPoint) -> dict[str, Any]:
    return {
        "id": p.criterion,
        "dimension": p.dimension,
        "normalised": rounded(p.normalised),
        "field_mean": rounded(p.field_mean),
        "field_median": rounded(p.field_median),
        "weight": rounded(p.weight),
        "edge": rounded(p.edge),
    }


def _gap(p: GapPart) -> dict[str, Any]:
    return {
        "id": p.criterion,
        "dimension": p.dimension,
        "normalised": rounded(p.normalised),
        "other_normalised": rounded(p.other_normalised),
        "contribution": rounded(p.contribution),
        "other_contribution": rounded(p.other_contribution),
        "difference": rounded(p.difference),
    }


def _versus(v: Versus) -> dict[str, Any]:
    return {
        "other": {"id": v.other.id, "name": v.other.name, "status": v.other.status},
        "stage": v.stage,
        "method": v.method,
        "score": v.score,
        "other_score": v.other_score,
        "breakdown_total": rounded(v.breakdown_total),
        "other_breakdown_total": rounded(v.other_breakdown_total),
        "difference": rounded(v.difference),
        "dimensions": {d: rounded(x) for d, x in v.dimensions},
        "criteria": [_gap(p) for p in v.parts],
    }


def to_document(e: Explanation) -> dict[str, Any]:
    c = e.candidate
    return {
        "schema_version": SCHEMA_VERSION,
        "partnerfit_version": __version__,
        "candidate": {
            "id": c.id,
            "name": c.name,
            "type": c.type,
            "status": c.status,
            "rank": c.rank,
            "stage_reached": c.stage_reached,
            "total": c.total,
        },
        "path": [_step(s) for s in e.path],
        "breakdown": {
            "stage": e.stage,
            "method": e.method,
            "additive": e.additive,
            "score": e.score,
            "total": rounded(e.breakdown_total),
            "method_scores": c.method_scores.get(e.stage, {}) if e.stage else {},
            "dimensions": [
                {
                    "id": d.dimension,
                    "weight": rounded(d.weight),
                    "score": rounded(d.score),
                    "contribution": rounded(d.contribution),
                }
                for d in e.dimensions
            ],
            "criteria": [_contribution(p) for p in e.contributions],
        },
        "field": {
            "stage": e.stage,
            "size": e.field_size,
            "criteria": [_point(p) for p in e.field],
            "strongest": [p.criterion for p in e.strongest],
            "weakest": [p.criterion for p in e.weakest],
        },
        "versus": None if e.versus is None else _versus(e.versus),
        "warnings": list(c.warnings),
    }


def render_json(e: Explanation) -> str:
    return json.dumps(to_document(e), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
