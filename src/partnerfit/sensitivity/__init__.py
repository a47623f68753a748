"""Sensitivity analysis of a ranking: how much would it take to change it?

The public API (stable names; fields may be added):

- `analyse(pool, *, samples, seed, ...) -> SensitivityResult`: Monte Carlo weight and/or
  score uncertainty through the whole staged pipeline (rank acceptability, central
  weights, confidence factors, shortlist shares, rank bands, a verdict) and critical
  weights;
- `to_document(result) -> dict`: the JSON-ready document (`--format json`);
- the plain frozen dataclasses of the result.

See docs/sensitivity.md.
"""

from partnerfit.engine.batched import UnsupportedError
from partnerfit.sensitivity.analysis import (
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    MAX_SAMPLES,
    MAX_SEED,
    VERDICTS,
    CandidateSensitivity,
    CentralWeights,
    CriticalWeight,
    SensitivityResult,
    Settings,
    Verdict,
    analyse,
    validate_options,
)
from partnerfit.sensitivity.document import to_document
from partnerfit.sensitivity.sampling import DEFAULT_CONCENTRATION, DEFAULT_CONFIDENCE, SPREAD

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "MAX_SAMPLES",
    "MAX_SEED",
    "SPREAD",
    "VERDICTS",
    "CandidateSensitivity",
    "CentralWeights",
    "CriticalWeight",
    "SensitivityResult",
    "Settings",
    "UnsupportedError",
    "Verdict",
    "analyse",
    "to_document",
    "validate_options",
]
