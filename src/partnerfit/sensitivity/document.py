"""The JSON-ready document of a sensitivity analysis (docs/sensitivity.md lists every field)."""

from __future__ import annotations

from typing import Any

from partnerfit import __version__
from partnerfit.precision import rounded
from partnerfit.sensitivity.results import (
    CandidateSensitivity,
    CriticalWeight,
    SensitivityResult,
)

SCHEMA_VERSION = 1


def _weights(weights: dict[str, float]) -> dict[str, float | None]:
    return {k: rounded(v) for k, v in weights.items()}


def _candidate(c: CandidateSensitivity) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "nominal_rank": c.nominal_rank,
        "rank_acceptability": [rounded(x) for x in c.rank_acceptability],
        "unranked": rounded(c.unranked),
        "mean_rank": rounded(c.mean_rank),
        "rank_band": None if c.rank_band is None else list(c.rank_band),
        "stages": {k: rounded(v) for k, v in c.stages.items()},
        "central_weights": None
        if c.central_weights is None
        else {
            "dimensions": _weights(c.central_weights.dimensions),
            "criteria": _weights(c.central_weights.criteria),
        },
        "confidence": rounded(c.confidence),
    }


def _critical(w: CriticalWeight) -> dict[str, Any]:
    return {
        "scope": w.scope,
        "id": w.id,
        "weight": rounded(w.weight),
        "critical_weight": rounded(w.critical_weight),
        "change": rounded(w.change),
        "new_leader": w.new_leader,
        "method": w.method,
    }


def to_document(result: SensitivityResult) -> dict[str, Any]:
    """The whole result as plain JSON types, keys in a fixed order, floats rounded."""
    s = result.settings
    v = result.verdict
    return {
        "schema_version": SCHEMA_VERSION,
        "partnerfit_version": __version__,
        "kind": "sensitivity",
        "criteria": {
            "id": result.criteria_id,
            "name": result.criteria_name,
            "version": result.criteria_version,
            "path": result.criteria_path,
        },
        "candidates_file": result.candidates_path,
        "settings": {
            "samples": s.samples,
            "seed": s.seed,
            "block_size": s.block_size,
            "weights": {
                "sampled": s.weights,
                "distribution": None
                if not s.weights
                else ("uniform" if s.uninformed else "dirichlet"),
                "concentration": rounded(s.concentration),
            },
            "scores": {
                "sampled": s.scores,
                "spread": rounded(s.spread),
                "default_confidence": rounded(s.default_confidence),
            },
        },
        "stages": list(result.stage_ids),
        "weights": {
            "dimensions": _weights(result.stated_dimension_weights),
            "criteria": _weights(result.stated_criterion_weights),
        },
        "ranks": result.ranks,
        "verdict": None
        if v is None
        else {
            "candidate": v.candidate,
            "label": v.label,
            "first_rank": rounded(v.first_rank),
            "challenger": v.challenger,
            "challenger_first_rank": rounded(v.challenger_first_rank),
        },
        "candidates": [_candidate(c) for c in result.candidates],
        "critical_weights": [_critical(w) for w in result.critical_weights],
        "warnings": list(result.warnings),
    }
