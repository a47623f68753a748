"""Build small candidate pools from YAML text for pipeline tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from partnerfit.evaluation import Evaluation, evaluate
from partnerfit.inputs import load_candidates


def score_yaml(tmp_path: Path, criteria: str, candidates: str) -> Evaluation:
    (tmp_path / "criteria.yaml").write_text(
        "partnerfit: 1\nkind: criteria\nid: test\n" + textwrap.dedent(criteria)
    )
    path = tmp_path / "candidates.yaml"
    path.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria: criteria.yaml\ncandidates:\n"
        + textwrap.indent(textwrap.dedent(candidates), "  ")
    )
    return evaluate(load_candidates(path))
