"""The second bundled example (AHP weights, TOPSIS final stage): checked by hand-written
numpy from its own JSON output, and golden.

Regenerate the golden files after an intended change of output with:

    PARTNERFIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_example_technology.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import yaml

from conftest import REPO, run_cli

EXAMPLE = "examples/edge-ai-codevelopment/candidates.yaml"
CRITERIA = REPO / "criteria" / "technology-partnership.yaml"
GOLDEN = REPO / "tests" / "golden"


def document(in_repo: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(run_cli("score", EXAMPLE, "--format", "json").stdout)


def test_ahp_dimension_weights_are_the_principal_eigenvector(in_repo: Path) -> None:
    # Independent of partnerfit.mcda: build the reciprocal matrix from the judgements in
    # the criteria file and take numpy's principal eigenvector; Saaty's RI for n = 4 is 0.90.
    criteria = yaml.safe_load(CRITERIA.read_text(encoding="utf-8"))
    order = [d["id"] for d in criteria["dimensions"]]
    matrix = np.eye(len(order))
    for a, b, value in criteria["weighting"]["pairwise"]:
        i, j = order.index(a), order.index(b)
        matrix[i, j], matrix[j, i] = value, 1 / value
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    weights = np.abs(vectors[:, k].real) / np.abs(vectors[:, k].real).sum()
    cr = (values[k].real - 4) / 3 / 0.90

    (derivation, *_) = document(in_repo)["weighting"]
    assert derivation["method"] == "ahp" and derivation["scope"] == "dimensions"
    np.testing.assert_allclose([derivation["weights"][d] for d in order], weights, atol=1e-6)
    assert derivation["details"]["consistency_ratio"] == pytest.approx(cr, abs=1e-6)
    assert derivation["details"]["consistency_ratio"] < 0.10


def test_final_stage_is_hwang_yoon_topsis_of_the_shortlist(in_repo: Path) -> None:
    # Recompute TOPSIS (vector normalisation, ideal max for benefit / min for cost) by hand
    # from the raw values and effective weights that the JSON output reports.
    doc = document(in_repo)
    final = doc["stages"][-1]
    assert (final["method"], final["parameters"]["normalization"]) == ("topsis", "vector")
    criteria = yaml.safe_load(CRITERIA.read_text(encoding="utf-8"))
    cost = {
        c["id"]
        for d in criteria["dimensions"]
        for c in d["criteria"]
        if c.get("direction") == "cost"
    }
    ids = list(final["weights"]["criteria"])
    w = np.array([final["weights"]["criteria"][i] for i in ids])
    ranked = [c for c in doc["candidates"] if c["status"] == "ranked"]
    x = np.array([[c["criteria"][i]["raw"] for i in ids] for c in ranked], dtype=float)
    v = x / np.sqrt((x**2).sum(axis=0)) * w
    benefit = np.array([i not in cost for i in ids])
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    closeness = minus / (plus + minus)
    # The JSON weights are rounded to 6 decimals, which moves a total by up to ~1e-4.
    np.testing.assert_allclose([c["total"] for c in ranked], 100 * closeness, atol=3e-4)
    assert np.all(np.diff(closeness) < 0)  # the reported order is the order by closeness
    assert [c["rank"] for c in ranked] == [1, 2, 3, 4, 5]


def test_desk_review_leader_is_not_the_final_choice(in_repo: Path) -> None:
    doc = document(in_repo)
    desk = max(
        (c for c in doc["candidates"] if "desk_review" in c["stage_scores"]),
        key=lambda c: c["stage_scores"]["desk_review"],
    )
    assert desk["rank"] != 1
    assert {c["stage_reached"] for c in doc["candidates"] if c["status"] != "ranked"} == {
        "screen",
        "desk_review",
    }


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("technology.json", ["--format", "json"]),
        ("technology.csv", ["--format", "csv"]),
        ("technology.txt", []),
        ("technology-compare.txt", ["--compare-methods"]),
    ],
)
def test_golden_output(name: str, args: list[str], in_repo: Path) -> None:
    out = run_cli("score", EXAMPLE, *args, env={"COLUMNS": "80"}).stdout
    golden = GOLDEN / name
    if os.environ.get("PARTNERFIT_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
