"""Weights derived by elicitation, through loading and scoring; and their bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from partnerfit.findings import InputError
from scenarios import score_yaml

THREE = """
dimensions:
  - id: fit
    weighting: %s
    criteria: [{id: a}, {id: b}, {id: c}]
"""
ONE_CANDIDATE = "- {id: x, scores: {a: 5, b: 3, c: 1}}\n"


def stage_weights(tmp_path: Path, weighting: str) -> dict[str, float]:
    return score_yaml(tmp_path, THREE % weighting, ONE_CANDIDATE).stages[0].criterion_weights


def test_ahp_pairwise_consistent_judgements(tmp_path: Path) -> None:
    # a = 2b, b = 2c, a = 4c: a perfectly consistent matrix, weights 4/7, 2/7, 1/7, CR 0
    weighting = "{method: ahp, pairwise: [[a, b, 2], [b, c, 2], [a, c, 4]]}"
    result = score_yaml(tmp_path, THREE % weighting, ONE_CANDIDATE)
    assert result.stages[0].criterion_weights == pytest.approx(
        {"a": 4 / 7, "b": 2 / 7, "c": 1 / 7}, abs=1e-6
    )
    (derivation,) = result.weighting
    assert derivation.method == "ahp"
    assert derivation.details["consistency_ratio"] == pytest.approx(0.0, abs=1e-9)
    assert derivation.details["random_index_table"] == "saaty"
    assert derivation.details["random_index"] == 0.58
    # total = (4*100 + 2*50 + 1*0) / 7
    assert result.candidates[0].total == pytest.approx(500 / 7, abs=1e-6)


def test_ahp_matrix_form(tmp_path: Path) -> None:
    weighting = "{method: ahp, order: [c, b, a], matrix: [[1, 0.5, 0.25], [2, 1, 0.5], [4, 2, 1]]}"
    assert stage_weights(tmp_path, weighting) == pytest.approx(
        {"a": 4 / 7, "b": 2 / 7, "c": 1 / 7}, abs=1e-6
    )


def test_ahp_upper_triangle_form(tmp_path: Path) -> None:
    # The upper triangle, diagonal included, stands for the whole reciprocal matrix.
    weighting = "{method: ahp, order: [a, b, c], matrix: [[1, 2, 4], [1, 2], [1]]}"
    assert stage_weights(tmp_path, weighting) == pytest.approx(
        {"a": 4 / 7, "b": 2 / 7, "c": 1 / 7}, abs=1e-6
    )


def test_inconsistent_upper_triangle_points_at_the_judgement(tmp_path: Path) -> None:
    # a = 3b, b = 3c, but c = 3a (a vs c given 1/3): the finding points at that cell,
    # row 1, third value (column 64).
    weighting = "{method: ahp, order: [a, b, c], matrix: [[1, 3, 0.3333], [1, 3], [1]]}"
    (line,) = findings(tmp_path, THREE % weighting)
    assert line.startswith("7:64: error PF208")
    assert "the most inconsistent judgement is a vs c" in line


def test_ahp_missing_judgement_is_completed_not_filled_with_one(tmp_path: Path) -> None:
    # a-c is not given; the lambda-max optimal completion of a=2b, b=2c is a=4c
    weighting = "{method: ahp, pairwise: [[a, b, 2], [b, c, 2]]}"
    result = score_yaml(tmp_path, THREE % weighting, ONE_CANDIDATE)
    assert result.stages[0].criterion_weights == pytest.approx(
        {"a": 4 / 7, "b": 2 / 7, "c": 1 / 7}, abs=1e-6
    )
    assert result.weighting[0].details["completed"] == [["a", "c"]]


def test_rank_order_centroid(tmp_path: Path) -> None:
    # ROC for 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3
    weights = stage_weights(tmp_path, "{method: rank_order, order: [b, a, c]}")
    assert weights == pytest.approx({"b": 11 / 18, "a": 5 / 18, "c": 2 / 18}, abs=1e-6)


def test_rank_sum_variant(tmp_path: Path) -> None:
    weights = stage_weights(tmp_path, "{method: rank_order, order: [a, b, c], variant: rank_sum}")
    assert weights == pytest.approx({"a": 3 / 6, "b": 2 / 6, "c": 1 / 6}, abs=1e-6)


def test_points(tmp_path: Path) -> None:
    weights = stage_weights(tmp_path, "{method: points, points: {a: 50, b: 30, c: 20}}")
    assert weights == pytest.approx({"a": 0.5, "b": 0.3, "c": 0.2}, abs=1e-6)


def test_swing_normalises_points_like_points_and_is_recorded_as_swing(tmp_path: Path) -> None:
    # the most important swing (a) at 100, the others relative to it: 100/175, 50/175, 25/175
    weighting = "{method: swing, points: {a: 100, b: 50, c: 25}}"
    result = score_yaml(tmp_path, THREE % weighting, ONE_CANDIDATE)
    assert result.stages[0].criterion_weights == pytest.approx(
        {"a": 4 / 7, "b": 2 / 7, "c": 1 / 7}, abs=1e-6
    )
    assert [d.method for d in result.weighting] == ["swing"]


def test_entropy_is_data_driven_and_gives_a_constant_criterion_no_weight(tmp_path: Path) -> None:
    candidates = """
    - {id: x, scores: {a: 5, b: 3, c: 2}}
    - {id: y, scores: {a: 1, b: 3, c: 4}}
    """
    result = score_yaml(tmp_path, THREE % "entropy", candidates)
    weights = result.stages[0].criterion_weights
    assert weights["b"] == 0.0
    assert weights["a"] > weights["c"] > 0
    (derivation,) = result.stages[0].weighting
    assert (derivation.scope, derivation.method, derivation.details["stage"]) == (
        "fit", "entropy", "score",
    )  # fmt: skip


def test_entropy_on_a_field_of_one_falls_back_to_equal_weights(tmp_path: Path) -> None:
    result = score_yaml(tmp_path, THREE % "entropy", ONE_CANDIDATE)
    assert result.stages[0].criterion_weights == pytest.approx(
        {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, abs=1e-6
    )


def test_equal_weights_on_a_field_of_one_are_a_warning_not_only_a_detail(tmp_path: Path) -> None:
    # The fallback used to be noted only in stages[].weighting[].details.notes.
    score_yaml(tmp_path, THREE % "entropy", ONE_CANDIDATE)
    run = run_cli("score", str(tmp_path / "candidates.yaml"), "-f", "json")
    note = (
        "stage 'score' (weights of dimension 'fit'): entropy weights need at least two "
        "candidates: equal weights used"
    )
    assert json.loads(run.stdout)["warnings"] == [note]
    assert run.stderr == f"warning: {note}\n"


@pytest.mark.parametrize(
    ("method", "note"),
    [
        ("weighted_sum", "stage 'score': measure 'm' has no bounds and the field is one "
         "candidate, so it scores 50"),
        ("topsis", "stage 'score' (topsis): topsis: no criterion separates the candidates "
         "(1 candidate(s) equal to both ideal and anti-ideal); their closeness is set to the "
         "neutral 0.5"),
        ("promethee_ii", "stage 'score' (promethee_ii): promethee: a single candidate has no "
         "pairwise comparison; flows are 0"),
    ],
)  # fmt: skip
def test_a_field_of_one_warns_where_the_numbers_are_conventions(
    method: str, note: str, tmp_path: Path
) -> None:
    criteria = """
    weighting: critic
    dimensions:
      - id: one
        criteria: [{id: a}, {id: m, kind: measure}, {id: fixed, kind: measure, bounds: [0, 9]}]
      - id: two
        criteria: [{id: b}]
    """
    score_yaml(tmp_path, criteria, "- {id: x, scores: {a: 5, b: 1, m: 7, fixed: 3}}\n")
    run = run_cli("score", str(tmp_path / "candidates.yaml"), "-m", method, "-f", "json")
    equal = (
        "stage 'score' (dimension weights): critic weights need at least two candidates: "
        "equal weights used"
    )
    assert json.loads(run.stdout)["warnings"] == [equal, note]
    assert run.stderr == f"warning: {equal}\nwarning: {note}\n"


def test_set_level_rank_order_derives_dimension_weights(tmp_path: Path) -> None:
    criteria = """
    weighting: {method: rank_order, order: [two, one]}
    dimensions:
      - id: one
        criteria: [{id: a}]
      - id: two
        criteria: [{id: b}]
    """
    result = score_yaml(tmp_path, criteria, "- {id: x, scores: {a: 5, b: 1}}\n")
    assert result.stages[0].dimension_weights == pytest.approx({"two": 0.75, "one": 0.25})
    assert result.candidates[0].total == 25.0


def findings(tmp_path: Path, criteria: str, candidates: str = ONE_CANDIDATE) -> list[str]:
    with pytest.raises(InputError) as caught:
        score_yaml(tmp_path, criteria, candidates)
    return [f.text().split("criteria.yaml:", 1)[1] for f in caught.value.findings]


def test_stated_weight_beside_derived_weights_is_an_error(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: fit
        weighting: {method: rank_order, order: [a, b]}
        criteria: [{id: a}, {id: b, weight: 3}]
    """
    assert findings(tmp_path, criteria, "- {id: x, scores: {a: 5, b: 3}}\n") == [
        "8:33: error PF207 weight of 'b' is stated while dimension 'fit' derives its weights "
        "by rank_order: keep one source of weights"
    ]


def test_inconsistent_ahp_names_the_judgement_to_revisit(tmp_path: Path) -> None:
    # a = 3b, b = 3c but c = 3a: a cycle. The matrix is circulant, so its principal
    # eigenvector is (1, 1, 1) and lambda_max = 1 + 3 + 1/3; CI = (13/3 - 3)/2 = 2/3 and
    # CR = (2/3)/0.58 = 1.149. With equal weights the most inconsistent judgement
    # (ties broken by the first pair) is a vs c, given 1/3 where 1 would agree.
    weighting = "\n      method: ahp\n      pairwise:\n        - [a, b, 3]\n        - [b, c, 3]\n        - [c, a, 3]"
    (line,) = findings(tmp_path, THREE % weighting)
    assert line == (
        "12:11: error PF208 ahp judgements of dimension 'fit' are inconsistent: consistency "
        "ratio 1.149 exceeds max_cr 0.1 (Saaty's random index 0.58); the most inconsistent "
        "judgement is a vs c (given 0.333, 1 would agree with the others)"
    )


def test_raising_max_cr_is_an_explicit_choice(tmp_path: Path) -> None:
    weighting = "{method: ahp, max_cr: 0.2, pairwise: [[a, b, 2], [b, c, 2], [a, c, 3]]}"
    assert sum(stage_weights(tmp_path, weighting).values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("weighting", "expected"),
    [
        (
            "{method: ahp, pairwise: [[a, b, 3], [b, a, 2], [b, c, 1]]}",
            "7:40: error PF209 ahp judgements of dimension 'fit': contradictory judgements "
            "('a', 'b', 3.0) and ('b', 'a', 2.0) for the pair (b, a)",
        ),
        (
            "{method: ahp, pairwise: [[a, b, 3], [a, b, 5], [b, c, 1]]}",
            "7:40: error PF209 ahp judgements of dimension 'fit': contradictory judgements "
            "('a', 'b', 3.0) and ('a', 'b', 5.0) for the pair (a, b)",
        ),
        (
            "{method: ahp, order: [a, b, c], matrix: [[1, 2], [0.5, 1]]}",
            "7:56: error PF209 the ahp matrix must be 3 x 3 (a row and a column per id in "
            "order) or its upper triangle (rows of 3, 2, ... 1 values), got 2 rows; row 1 has "
            "2 values",
        ),
        (
            "{method: ahp, order: [a, b, c], matrix: [[1, 2, -1], [0.5, 1, 1], [1, 1, 1]]}",
            "7:64: error PF209 ahp matrix entries must be positive, got -1",
        ),
        (
            "{method: ahp, order: [a, b, c], matrix: [[1, 2, 1], [0.5, 2, 1], [1, 1, 1]]}",
            "7:74: error PF209 the ahp matrix diagonal must be 1, got 2",
        ),
        (
            "{method: ahp, order: [a, b, c], matrix: [[1, 2, 1], [3, 1, 1], [1, 1, 1]]}",
            "7:69: error PF209 row 2, column 1 must be the reciprocal of row 1, column 2 (1/2), got 3",
        ),
        (
            "{method: rank_order, order: [a, b]}",
            "7:44: error PF209 order must list each of a, b, c once: missing c",
        ),
        (
            "{method: rank_order, order: [a, b, d]}",
            "7:51: error PF202 weighting of dimension 'fit' names 'd', which is not one of its "
            "items",
        ),
        (
            "{method: points, points: {a: 0, b: 1, c: 1}}",
            "7:45: error PF103 expected a positive number, got 0",
        ),
        (
            "{method: ahpp}",
            "7:25: error PF103 expected 'ahp', 'rank_order', 'points', 'swing', 'entropy' or "
            "'critic', "
            "got 'ahpp' (did you mean 'ahp'?)",
        ),
    ],
)
def test_bad_weighting(weighting: str, expected: str, tmp_path: Path) -> None:
    assert findings(tmp_path, THREE % weighting) == [expected]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (
            "{id: s, method: topsiss}",
            "9:21: error PF103 expected 'weighted_sum', 'weighted_product', 'topsis', "
            "'promethee_ii' or 'vikor', got 'topsiss' (did you mean 'topsis'?)",
        ),
        (
            "{id: s, method: vikor, v: 1.5}",
            "9:31: error PF103 expected a number within 0..1, got 1.5",
        ),
        (
            "{id: s, method: vikor, normalization: vector}",
            "9:5: error PF103 normalization applies to method topsis only",
        ),
    ],
)
def test_bad_method_parameters(stage: str, expected: str, tmp_path: Path) -> None:
    criteria = f"""
    dimensions:
      - id: fit
        criteria: [{{id: a}}, {{id: b}}, {{id: c}}]
    stages:
      - {stage}
    """
    assert findings(tmp_path, criteria) == [expected]


@pytest.mark.parametrize(
    ("preference", "expected"),
    [
        ("{type: linear, q: 5}", "linear preference function requires threshold p"),
        (
            "{type: linear, q: 5, p: 2}",
            "linear: indifference threshold q=5.0 must not exceed preference threshold p=2.0",
        ),
        ("{type: gaussian}", "gaussian preference function requires threshold s"),
    ],
)
def test_bad_preference_function(preference: str, expected: str, tmp_path: Path) -> None:
    criteria = f"""
    dimensions:
      - id: fit
        criteria: [{{id: a, preference: {preference}}}]
    stages:
      - {{id: s, method: promethee_ii}}
    """
    # 7:36 is the preference mapping of criterion a
    assert findings(tmp_path, criteria, "- {id: x, scores: {a: 5}}\n") == [
        f"7:36: error PF103 {expected}"
    ]


def test_unknown_method_on_the_command_line(tmp_path: Path) -> None:
    score_yaml(tmp_path, THREE % "{method: points, points: {a: 1, b: 1, c: 1}}", ONE_CANDIDATE)
    run = run_cli("score", str(tmp_path / "candidates.yaml"), "--method", "electre", expect=2)
    assert run.stdout == ""
    assert "'electre' is not one of 'weighted_sum', 'weighted_product'" in run.stderr
    assert "Traceback" not in run.stderr


def test_data_driven_weights_all_zero_are_an_error_at_the_weighting_block(
    tmp_path: Path,
) -> None:
    # Both candidates score the same on a, b and c: entropy gives every criterion weight 0,
    # which is bad input (never silently equal weights), reported at `weighting:`.
    same = "- {id: x, scores: {a: 4, b: 2, c: 3}}\n- {id: y, scores: {a: 4, b: 2, c: 3}}\n"
    assert findings(tmp_path, THREE % "entropy", same) == [
        "7:16: error PF250 entropy weights of dimension 'fit' are all zero in stage 'score': "
        "none of its criteria varies among the 2 candidates in the field, so the data cannot "
        "weight them; state weights or use another weighting method"
    ]
    run = run_cli("score", str(tmp_path / "candidates.yaml"), expect=2)
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "PF250" in run.stderr


def test_set_level_critic_weights_all_zero(tmp_path: Path) -> None:
    criteria = """
    weighting: critic
    dimensions:
      - id: one
        criteria: [{id: a}]
      - id: two
        criteria: [{id: b}]
    """
    same = "- {id: x, scores: {a: 4, b: 2}}\n- {id: y, scores: {a: 4, b: 2}}\n"
    (line,) = findings(tmp_path, criteria, same)
    assert line.startswith("5:12: error PF250 critic weights of the dimensions are all zero")


def test_an_ahp_block_beyond_the_random_index_table_is_a_warning(tmp_path: Path) -> None:
    # 16 criteria judged at random (tests/fixtures/check/PF251/fail): lambda max far above
    # n, but no random index exists for n = 16, so no CR; this used to pass in silence.
    from conftest import FIXTURES

    criteria = FIXTURES / "check" / "PF251" / "fail" / "criteria.yaml"
    scores = ", ".join(f"c{i:02d}: {1 + i % 5}" for i in range(1, 17))
    (tmp_path / "candidates.yaml").write_text(
        f"partnerfit: 1\nkind: candidates\ncriteria: {criteria}\ncandidates:\n"
        f"  - {{id: x, scores: {{{scores}}}}}\n  - {{id: y, scores: {{{scores}}}}}\n"
    )
    path = str(tmp_path / "candidates.yaml")
    note = (
        "ahp judgements of dimension 'fit' are not checked for consistency: Saaty's random "
        "index covers at most 15 items, this block has 16 (CI 1.397, no CR) (split it into "
        "a hierarchy of at most 15 items per block, or use rank_order)"
    )
    run = run_cli("score", path, "-f", "json")
    doc = json.loads(run.stdout)
    assert doc["warnings"][0] == note
    assert doc["weighting"][0]["details"]["consistency_ratio"] is None
    assert run.stderr.splitlines()[0] == f"warning: {note}"
    table = run_cli("score", path).stdout
    assert "AHP fit: CR not computed (16 items; saaty RI covers up to 15)" in table
