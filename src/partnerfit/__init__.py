"""partnerfit: choose strategic partners with staged, explainable scoring.

The core is importable without the CLI::

    import partnerfit
    pool = partnerfit.load_candidates("examples/apac-medtech-entry/candidates.yaml")
    result = partnerfit.evaluate(pool)
    for c in result.ranked:
        print(c.rank, c.name, c.total)

Names are imported lazily so that `import partnerfit` (and `partnerfit --version`)
stays light; pydantic and numpy load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_criteria": "partnerfit.inputs",
    "load_candidates": "partnerfit.inputs",
    "CandidatePool": "partnerfit.inputs",
    "evaluate": "partnerfit.evaluation",
    "Evaluation": "partnerfit.evaluation",
    "InputError": "partnerfit.findings",
    "Finding": "partnerfit.findings",
}

if TYPE_CHECKING:
    from partnerfit.evaluation import Evaluation, evaluate
    from partnerfit.findings import Finding, InputError
    from partnerfit.inputs import CandidatePool, load_candidates, load_criteria

__all__ = [
    "CandidatePool",
    "Evaluation",
    "Finding",
    "InputError",
    "__version__",
    "evaluate",
    "load_candidates",
    "load_criteria",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'partnerfit' has no attribute {name!r}")
