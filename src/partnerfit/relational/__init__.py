"""Relational fit: vectorised formulas comparing our profile with each candidate's.

Every formula takes whole arrays (one row per candidate) and returns scores on
0..100 plus the inputs needed to explain them.  Only numpy is imported.
See docs/relational-fit.md for the formulas, defaults and edge cases.

Submodules load on first use (PEP 562), so that `partnerfit.relational.names`,
which the loader uses to validate names, does not import numpy with the formulas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partnerfit.relational.assessors import (
        CONFIDENCE_LEVELS,
        AggregationMethod,
        AssessorAggregate,
        aggregate_assessors,
        confidence_value,
        disagreements,
    )
    from partnerfit.relational.culture import SimilarityResult, similarity
    from partnerfit.relational.magnitude import (
        BALANCE_WHEN_NOTHING_EXCHANGED,
        DEFAULT_FALLOFF,
        BalanceResult,
        RatioResult,
        balance,
        ratio,
    )
    from partnerfit.relational.names import (
        Incidence,
        IndicatorVector,
        Vocabulary,
        WeightVector,
        build_vocabulary,
        find_duplicates,
        incidence,
        indicator,
        normalise_name,
        weight_vector,
    )
    from partnerfit.relational.sets import (
        ALIGNMENT_WITHOUT_OBJECTIVES,
        OVERLAP_WITHOUT_CAPABILITIES,
        AlignmentResult,
        CoverageResult,
        OverlapResult,
        alignment,
        coverage,
        overlap,
    )

_SOURCES: dict[str, str] = {
    "CONFIDENCE_LEVELS": "assessors",
    "AggregationMethod": "assessors",
    "AssessorAggregate": "assessors",
    "aggregate_assessors": "assessors",
    "confidence_value": "assessors",
    "disagreements": "assessors",
    "SimilarityResult": "culture",
    "similarity": "culture",
    "BALANCE_WHEN_NOTHING_EXCHANGED": "magnitude",
    "DEFAULT_FALLOFF": "magnitude",
    "BalanceResult": "magnitude",
    "RatioResult": "magnitude",
    "balance": "magnitude",
    "ratio": "magnitude",
    "Incidence": "names",
    "IndicatorVector": "names",
    "Vocabulary": "names",
    "WeightVector": "names",
    "build_vocabulary": "names",
    "find_duplicates": "names",
    "incidence": "names",
    "indicator": "names",
    "normalise_name": "names",
    "weight_vector": "names",
    "ALIGNMENT_WITHOUT_OBJECTIVES": "sets",
    "OVERLAP_WITHOUT_CAPABILITIES": "sets",
    "AlignmentResult": "sets",
    "CoverageResult": "sets",
    "OverlapResult": "sets",
    "alignment": "sets",
    "coverage": "sets",
    "overlap": "sets",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'partnerfit.relational' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"partnerfit.relational.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ALIGNMENT_WITHOUT_OBJECTIVES",
    "BALANCE_WHEN_NOTHING_EXCHANGED",
    "CONFIDENCE_LEVELS",
    "DEFAULT_FALLOFF",
    "OVERLAP_WITHOUT_CAPABILITIES",
    "AggregationMethod",
    "AlignmentResult",
    "AssessorAggregate",
    "BalanceResult",
    "CoverageResult",
    "Incidence",
    "IndicatorVector",
    "OverlapResult",
    "RatioResult",
    "SimilarityResult",
    "Vocabulary",
    "WeightVector",
    "aggregate_assessors",
    "alignment",
    "balance",
    "build_vocabulary",
    "confidence_value",
    "coverage",
    "disagreements",
    "find_duplicates",
    "incidence",
    "indicator",
    "normalise_name",
    "overlap",
    "ratio",
    "similarity",
    "weight_vector",
]
