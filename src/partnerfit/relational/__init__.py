"""Relational fit: vectorised formulas comparing our profile with each candidate's.

Every formula takes whole arrays (one row per candidate) and returns scores on
0..100 plus the inputs needed to explain them.  Only numpy is imported.
See docs/relational-fit.md for the formulas, defaults and edge cases.
"""

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
