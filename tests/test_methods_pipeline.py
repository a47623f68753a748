"""Decision methods selected per stage, through the whole pipeline, against hand-computed values.

The data: A (rating 5, cost measure 10), B (3, 20), C (1, 30), two dimensions of one
criterion each, equal weights. A is best on both criteria, C worst, B in the middle.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from scenarios import score_yaml

CRITERIA = """
dimensions:
  - id: quality
    criteria: [{id: fit}]
  - id: price
    criteria: [{id: cost, kind: measure, direction: cost}]
stages:
  - id: rank
    method: %s
"""
CANDIDATES = """
- {id: a, scores: {fit: 5, cost: 10}}
- {id: b, scores: {fit: 3, cost: 20}}
- {id: c, scores: {fit: 1, cost: 30}}
"""


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # weighted sum: fit 100/50/0, cost (min-max, inverted) 100/50/0
        ("weighted_sum", [100.0, 50.0, 0.0]),
        # TOPSIS, vector normalisation: A is the ideal, C the anti-ideal, and B lies at the
        # same distance d+ = d- = 0.21547 from both, so its closeness is exactly 0.5
        ("topsis", [100.0, 50.0, 0.0]),
        # VIKOR, v = 0.5: S = (0, 0.5, 1), R = (0, 0.25, 0.5), Q = (0, 0.5, 1); score 100(1 - Q)
        ("vikor", [100.0, 50.0, 0.0]),
        # PROMETHEE II, usual function: net flows (1, 0, -1); score 50(phi + 1)
        ("promethee_ii", [100.0, 50.0, 0.0]),
        # WPM: B = 100 sqrt(3/5 * 10/20) = 54.772256, C = 100 sqrt(1/5 * 10/30) = 25.819889
        ("weighted_product", [100.0, 54.772256, 25.819889]),
    ],
)
def test_each_method_through_the_pipeline(
    method: str, expected: list[float], tmp_path: Path
) -> None:
    result = score_yaml(tmp_path, CRITERIA % method, CANDIDATES)
    assert [c.id for c in result.ranked] == ["a", "b", "c"]
    assert [c.total for c in result.ranked] == pytest.approx(expected, abs=1e-6)
    assert result.stages[0].method == method


def test_method_quantities_are_reported(tmp_path: Path) -> None:
    result = score_yaml(tmp_path, CRITERIA % "vikor", CANDIDATES)
    assert result.candidate("b").method_scores == {"rank": {"S": 0.5, "R": 0.25, "Q": 0.5}}
    assert result.stages[0].parameters == {"v": 0.5}
    assert result.stages[0].results["compromise_set"] == ["a"]
    assert result.stages[0].results["acceptable_advantage"] is True


def test_promethee_thresholds_in_raw_units(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: price
        criteria:
          - {id: cost, kind: measure, direction: cost, preference: {type: linear, q: 5, p: 15}}
    facts:
      - {id: fit, kind: rating}
    stages:
      - {id: rank, method: promethee_ii}
    """
    result = score_yaml(tmp_path, criteria, CANDIDATES)
    # d(a,b) = 10 -> (10 - 5) / (15 - 5) = 0.5; d(a,c) = 20 -> 1; d(b,c) = 10 -> 0.5
    # phi+ = (1.5/2, 0.5/2, 0); phi- = (0, 0.5/2, 1.5/2); phi = (0.75, 0, -0.75)
    flows = {c.id: c.method_scores["rank"]["net_flow"] for c in result.candidates}
    assert flows == pytest.approx({"a": 0.75, "b": 0.0, "c": -0.75})
    functions = result.stages[0].parameters["preference_functions"]
    assert functions == {"cost": {"type": "linear", "q": 5.0, "p": 15.0, "s": None}}


def test_topsis_minmax_option(tmp_path: Path) -> None:
    criteria = (CRITERIA % "topsis") + "    normalization: minmax\n"
    result = score_yaml(tmp_path, criteria, CANDIDATES)
    assert result.stages[0].parameters["normalization"] == "minmax"
    assert [c.total for c in result.ranked] == pytest.approx([100.0, 50.0, 0.0])


def test_non_additive_methods_report_no_contributions(tmp_path: Path) -> None:
    result = score_yaml(tmp_path, CRITERIA % "topsis", CANDIDATES)
    assert all(s.contribution is None for s in result.candidate("b").criteria)
    assert all(s.weight == 0.5 for s in result.candidate("b").criteria)


def test_method_override_and_compare_from_the_cli(tmp_path: Path) -> None:
    score_yaml(tmp_path, CRITERIA % "weighted_sum", CANDIDATES)
    path = str(tmp_path / "candidates.yaml")
    doc = json.loads(run_cli("score", path, "--method", "weighted_product", "-f", "json").stdout)
    assert doc["stages"][0]["method"] == "weighted_product"
    assert [c["total"] for c in doc["candidates"]] == [100.0, 54.772256, 25.819889]
    compared = json.loads(run_cli("score", path, "--compare-methods", "-f", "json").stdout)
    assert compared["methods"] == [
        "weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor",
    ]  # fmt: skip
    assert [(c["id"], c["spread"], c["flagged"]) for c in compared["candidates"]] == [
        ("a", 0, False), ("b", 0, False), ("c", 0, False),
    ]  # fmt: skip
    assert compared["candidates"][1]["ranks"] == dict.fromkeys(compared["methods"], 2)


def test_compare_flags_a_candidate_whose_rank_moves_by_more_than_one(tmp_path: Path) -> None:
    # x is excellent on one criterion and poor on the other. Weighted sum: x = (100 + 10)/2
    # = 55 beats w = 52.5; weighted product: x = sqrt(1 * 1.4/3.1) = 0.672 is last behind
    # w 0.787, y 0.762 and z 0.737, so x moves three places.
    criteria = """
    dimensions:
      - id: d
        criteria: [{id: p}, {id: q}]
    """
    candidates = """
    - {id: w, scores: {p: 3.1, q: 3.1}}
    - {id: x, scores: {p: 5, q: 1.4}}
    - {id: y, scores: {p: 3, q: 3}}
    - {id: z, scores: {p: 2.9, q: 2.9}}
    """
    score_yaml(tmp_path, criteria, candidates)
    compared = json.loads(
        run_cli(
            "score", str(tmp_path / "candidates.yaml"), "--compare-methods", "-f", "json"
        ).stdout
    )
    x = next(c for c in compared["candidates"] if c["id"] == "x")
    assert x["ranks"]["weighted_sum"] == 1
    assert x["ranks"]["weighted_product"] == 4
    assert x["flagged"] is True


def test_weighted_product_refuses_values_that_are_not_positive(tmp_path: Path) -> None:
    from partnerfit.findings import InputError

    with pytest.raises(InputError) as caught:
        score_yaml(
            tmp_path, CRITERIA % "weighted_product", CANDIDATES.replace("cost: 30", "cost: 0")
        )
    assert [f.text().split(": ", 1)[1] for f in caught.value.findings] == [
        "error PF204 'cost' is scored by weighted_product, which needs values > 0, got 0"
    ]


@pytest.mark.parametrize(
    "method", ["weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor"]
)
def test_a_constant_criterion_is_named_in_a_warning_and_scores_stay_finite(
    method: str, tmp_path: Path
) -> None:
    # 'same' is 3 for every candidate: no method may divide by its zero spread, and the
    # warning names it (by id, not by column index) on stderr as well as in JSON.
    criteria = f"""
    dimensions:
      - id: d
        criteria: [{{id: fit}}, {{id: same}}]
    stages:
      - {{id: rank, method: {method}}}
    """
    candidates = """
    - {id: a, scores: {fit: 5, same: 3}}
    - {id: b, scores: {fit: 2, same: 3}}
    """
    score_yaml(tmp_path, criteria, candidates)
    run = run_cli("score", str(tmp_path / "candidates.yaml"), "-f", "json")
    doc = json.loads(run.stdout)
    note = (
        "stage 'rank': 'same' has the same value (3) for every candidate in the field, "
        "so it does not discriminate"
    )
    assert doc["warnings"] == [note]
    assert f"warning: {note}" in run.stderr
    assert [c["id"] for c in doc["candidates"]] == ["a", "b"]
    assert all(isinstance(c["total"], float) for c in doc["candidates"])
    if method != "weighted_sum":
        assert "criterion 1" not in json.dumps(doc["stages"][0]["results"])


# Stage 'first' keeps only the leader; which candidate leads depends on the method, so
# each finalist is ranked under some methods and not under others (a spread of 0 over
# the methods that ranked it would hide that the winner changes with the method).
PARTLY_CRITERIA = """
dimensions:
  - id: d
    criteria: [{id: p}, {id: q}]
stages:
  - {id: first, shortlist: {top: 1}}
  - {id: final}
"""
PARTLY_CANDIDATES = """
- {id: k1, scores: {p: 3.1, q: 3.1}}
- {id: k2, scores: {p: 5, q: 1.4}}
- {id: k3, scores: {p: 3, q: 3}}
- {id: k4, scores: {p: 2.9, q: 4.5}}
- {id: k5, scores: {p: 1, q: 1}}
"""


def test_compare_flags_a_candidate_ranked_under_some_methods_only(tmp_path: Path) -> None:
    score_yaml(tmp_path, PARTLY_CRITERIA, PARTLY_CANDIDATES)
    path = str(tmp_path / "candidates.yaml")
    compared = json.loads(run_cli("score", path, "--compare-methods", "-f", "json").stdout)
    rows = {c["id"]: c for c in compared["candidates"]}
    assert rows["k1"]["ranks"] == {
        "weighted_sum": None, "weighted_product": None, "topsis": None,
        "promethee_ii": 1, "vikor": None,
    }  # fmt: skip
    assert rows["k4"]["ranks"]["promethee_ii"] is None
    assert [(i, rows[i]["spread"], rows[i]["partly_ranked"], rows[i]["flagged"]) for i in rows] == [
        ("k1", 0, True, True), ("k4", 0, True, True),
        ("k2", None, False, False), ("k3", None, False, False), ("k5", None, False, False),
    ]  # fmt: skip
    csv_rows = run_cli("score", path, "--compare-methods", "-f", "csv").stdout.splitlines()
    assert csv_rows[0].endswith(",spread,partly_ranked,flagged")
    assert csv_rows[1] == "k1,k1,,,,1,,0,true,true"
    table = run_cli("score", path, "--compare-methods").stdout
    assert "k4           1     1      1       -     1   0* !" in table
    assert "2 candidate(s) flagged (!)" in table
    assert "or (*) ranked under some methods and not under others." in table


def test_compare_does_not_flag_everyone_when_one_method_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerfit import comparison
    from partnerfit.engine.methods import ScoringError

    score_yaml(tmp_path, CRITERIA % "weighted_sum", CANDIDATES)
    real = comparison.evaluate

    def failing_vikor(pool):  # type: ignore[no-untyped-def]
        if pool.criteria.stages[0].method == "vikor":
            raise ScoringError("stage 'rank' (vikor): broken")
        return real(pool)

    monkeypatch.setattr(comparison, "evaluate", failing_vikor)
    from partnerfit.inputs import load_candidates

    result = comparison.compare_methods(load_candidates(tmp_path / "candidates.yaml"))
    assert result.errors == {"vikor": "stage 'rank' (vikor): broken"}
    assert [(c.id, c.partly_ranked, c.flagged) for c in result.candidates] == [
        ("a", False, False), ("b", False, False), ("c", False, False),
    ]  # fmt: skip


def test_compare_methods_refuses_a_method_it_would_ignore(tmp_path: Path) -> None:
    score_yaml(tmp_path, CRITERIA % "weighted_sum", CANDIDATES)
    run = run_cli(
        "score", str(tmp_path / "candidates.yaml"), "--compare-methods", "--method", "topsis",
        expect=2,
    )  # fmt: skip
    assert run.stdout == ""
    assert run.stderr == (
        "error: --method cannot be combined with --compare-methods, "
        "which ranks under every method\n"
    )


def test_vikor_names_its_compromise_set_under_the_ranking(tmp_path: Path) -> None:
    # With b's cost 10.5 (a 10, c 30): S_b = 0.5 (5 - 3)/4 + 0.5 (10.5 - 10)/20 = 0.2625,
    # R_b = 0.25, Q_b = 0.5 (0.2625/1) + 0.5 (0.25/0.5) = 0.38125 < DQ = 1/(3 - 1) = 0.5:
    # C1 fails, and Opricovic and Tzeng propose {a, b}, not a alone.
    score_yaml(tmp_path, CRITERIA % "vikor", CANDIDATES.replace("cost: 20", "cost: 10.5"))
    path = str(tmp_path / "candidates.yaml")
    results = json.loads(run_cli("score", path, "-f", "json").stdout)["stages"][0]["results"]
    assert results["compromise_set"] == ["a", "b"]
    assert results["acceptable_advantage"] is False
    table = run_cli("score", path).stdout.splitlines()
    assert table[6] == "VIKOR rank: compromise set a, b (acceptable advantage fails, DQ 0.5)"
    # one clear winner: no line
    score_yaml(tmp_path, CRITERIA % "vikor", CANDIDATES)
    assert "compromise set" not in run_cli("score", path).stdout
