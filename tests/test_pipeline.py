"""The staged pipeline: gates, missing scores, shortlists, final ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios import score_yaml

TWO_DIMENSIONS = """
dimensions:
  - id: strategy
    weight: 60
    criteria:
      - {id: goals, weight: 3}
      - {id: revenue, kind: measure, bounds: [0, 100]}
  - id: finance
    weight: 40
    criteria:
      - {id: stability}
      - {id: debt, kind: measure, direction: cost}
facts:
  - {id: sanctions_clear, kind: flag}
stages:
  - id: screen
    gates:
      - {criterion: sanctions_clear, equals: true, reason: sanctions screening}
  - id: desk
    dimensions: [strategy]
    shortlist: {top: 2}
  - id: final
"""


def test_staged_elimination_shortlist_and_final_ranking(tmp_path: Path) -> None:
    result = score_yaml(
        tmp_path,
        TWO_DIMENSIONS,
        """
        - {id: alpha, scores: {goals: 5, revenue: 50, stability: 3, debt: 10, sanctions_clear: true}}
        - {id: bravo, scores: {goals: 4, revenue: 150, stability: 5, debt: 20, sanctions_clear: true}}
        - {id: charlie, scores: {goals: 2, revenue: 20, stability: 5, debt: 20, sanctions_clear: true}}
        - {id: delta, scores: {goals: 5, sanctions_clear: false}}
        """,
    )
    # desk (strategy only): alpha (3*100 + 50)/4 = 87.5; bravo (3*75 + 100 clipped)/4 = 81.25;
    # charlie (3*25 + 20)/4 = 23.75 -> cut by top 2.
    # final: debt min-max over {alpha 10, bravo 20} (cost): alpha 100, bravo 0.
    # alpha: 0.6*87.5 + 0.4*(50+100)/2 = 82.5; bravo: 0.6*81.25 + 0.4*(100+0)/2 = 68.75.
    by_id = {c.id: c for c in result.candidates}
    assert [c.id for c in result.candidates] == ["alpha", "bravo", "charlie", "delta"]
    assert by_id["alpha"].stage_scores == {"desk": 87.5, "final": 82.5}
    assert by_id["bravo"].stage_scores == {"desk": 81.25, "final": 68.75}
    assert (by_id["alpha"].rank, by_id["alpha"].total) == (1, 82.5)
    assert (by_id["bravo"].rank, by_id["bravo"].total) == (2, 68.75)
    charlie = by_id["charlie"]
    assert (charlie.status, charlie.stage_reached, charlie.rank, charlie.total) == (
        "eliminated", "desk", None, None,
    )  # fmt: skip
    assert [r.message for r in charlie.reasons] == [
        "not shortlisted: rank 3 of 3, shortlist keeps the top 2"
    ]
    delta = by_id["delta"]
    assert (delta.status, delta.stage_reached) == ("eliminated", "screen")
    assert [r.message for r in delta.reasons] == [
        "gate failed: sanctions_clear must be true, got false (sanctions screening)"
    ]
    assert (
        "'revenue' value 150 lies outside its bounds [0, 100] and was clipped"
        in by_id["bravo"].warnings
    )
    assert [(s.id, s.entered, s.passed) for s in result.stages] == [
        ("screen", 4, 3), ("desk", 3, 2), ("final", 2, 2),
    ]  # fmt: skip
    assert result.stages[2].bounds["debt"] == (10.0, 20.0)


def test_contributions_sum_to_the_total(tmp_path: Path) -> None:
    result = score_yaml(
        tmp_path,
        TWO_DIMENSIONS,
        """
        - {id: alpha, scores: {goals: 5, revenue: 50, stability: 3, debt: 10, sanctions_clear: true}}
        - {id: bravo, scores: {goals: 4, revenue: 150, stability: 5, debt: 20, sanctions_clear: true}}
        """,
    )
    for c in result.ranked:
        assert sum(s.contribution or 0 for s in c.criteria) == pytest.approx(c.total, abs=1e-5)


ONE_DIMENSION = """
dimensions:
  - id: fit
    criteria:
      - {id: a}
      - {id: b, missing: %s}
"""


def test_missing_exclude_makes_the_candidate_incomplete(tmp_path: Path) -> None:
    result = score_yaml(
        tmp_path,
        ONE_DIMENSION % "exclude",
        """
        - {id: full, scores: {a: 3, b: 3}}
        - {id: gap, scores: {a: 5}}
        """,
    )
    gap = result.candidate("gap")
    assert (gap.status, gap.rank, gap.total) == ("incomplete", None, None)
    assert [r.message for r in gap.reasons] == ["missing scores needed by stage 'score': b"]
    assert result.candidate("full").rank == 1


def test_missing_worst_counts_the_scale_minimum(tmp_path: Path) -> None:
    result = score_yaml(
        tmp_path,
        ONE_DIMENSION % "worst",
        """
        - {id: gap, scores: {a: 5}}
        """,
    )
    gap = result.candidate("gap")
    # a = 100, b counted as 0: (100 + 0) / 2 = 50
    assert gap.total == 50.0
    assert {s.id: s.handling for s in gap.criteria} == {"a": "scored", "b": "worst"}
    assert any("counted as the worst value" in w for w in gap.warnings)


def test_missing_skip_renormalises_and_warns(tmp_path: Path) -> None:
    result = score_yaml(
        tmp_path,
        ONE_DIMENSION % "skip",
        """
        - {id: gap, scores: {a: 4}}
        """,
    )
    gap = result.candidate("gap")
    assert gap.total == 75.0  # a alone: (4 - 1) / 4 * 100
    assert {s.id: s.handling for s in gap.criteria} == {"a": "scored", "b": "skipped"}
    assert any("can flatter" in w for w in gap.warnings)


def test_missing_is_never_a_silent_zero(tmp_path: Path) -> None:
    result = score_yaml(
        tmp_path, ONE_DIMENSION % "exclude", "- {id: gap, scores: {a: 5, b: null}}\n"
    )
    assert result.candidate("gap").status == "incomplete"


GATED = """
dimensions:
  - id: fit
    criteria: [{id: a}]
facts:
  - {id: stability, kind: rating, missing: %s}
stages:
  - id: screen
    gates: [{criterion: stability, min: 2}]
  - id: score
"""


def test_gate_on_missing_value_makes_the_candidate_incomplete(tmp_path: Path) -> None:
    result = score_yaml(tmp_path, GATED % "exclude", "- {id: x, scores: {a: 3}}\n")
    x = result.candidate("x")
    assert (x.status, x.stage_reached) == ("incomplete", "screen")
    assert [r.code for r in x.reasons] == ["gate_missing"]
    assert x.gates[0].passed is None


def test_gate_under_missing_worst_tests_the_worst_value(tmp_path: Path) -> None:
    result = score_yaml(tmp_path, GATED % "worst", "- {id: x, scores: {a: 3}}\n")
    x = result.candidate("x")
    assert (x.status, x.reasons[0].message) == (
        "eliminated",
        "gate failed: stability must be >= 2, got no value (missing: worst tests 1)",
    )


def test_gate_under_missing_worst_on_an_unbounded_measure_says_so(tmp_path: Path) -> None:
    criteria = GATED.replace("kind: rating", "kind: measure")  # worst: -inf
    result = score_yaml(tmp_path, criteria % "worst", "- {id: x, scores: {a: 3}}\n")
    assert result.candidate("x").reasons[0].message == (
        "gate failed: stability must be >= 2, got no value "
        "(missing: worst tests the worst possible value)"
    )


def test_later_stage_scores_may_be_absent_for_eliminated_candidates(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: desk
        criteria: [{id: a}]
      - id: deep
        criteria: [{id: culture}]
    stages:
      - id: first
        dimensions: [desk]
        shortlist: {min_score: 50}
      - id: second
    """
    result = score_yaml(
        tmp_path,
        criteria,
        """
        - {id: strong, scores: {a: 5, culture: 2}}
        - {id: weak, scores: {a: 2}}
        """,
    )
    weak = result.candidate("weak")
    assert (weak.status, weak.reasons[0].message) == (
        "eliminated",
        "not shortlisted: total 25.00 below min_score 50",
    )
    assert result.candidate("strong").total == 62.5  # (100 + 25) / 2


def test_ties_at_the_shortlist_cut_are_all_kept(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: fit
        criteria: [{id: a}]
    stages:
      - id: desk
        shortlist: {top: 2}
    """
    result = score_yaml(
        tmp_path,
        criteria,
        """
        - {id: c, scores: {a: 3}}
        - {id: a, scores: {a: 5}}
        - {id: b, scores: {a: 3}}
        - {id: d, scores: {a: 1}}
        """,
    )
    assert [(c.id, c.rank) for c in result.ranked] == [("a", 1), ("b", 2), ("c", 2)]
    assert result.candidate("d").status == "eliminated"


def test_min_score_is_inclusive(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: fit
        criteria: [{id: a}]
    stages:
      - id: desk
        shortlist: {min_score: 50}
    """
    result = score_yaml(tmp_path, criteria, "- {id: x, scores: {a: 3}}\n")
    assert result.candidate("x").status == "ranked"


def test_constant_measure_warns_and_scores_fifty(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: fit
        criteria: [{id: size, kind: measure}]
    """
    result = score_yaml(
        tmp_path, criteria, "- {id: x, scores: {size: 4}}\n- {id: y, scores: {size: 4}}\n"
    )
    assert [c.total for c in result.ranked] == [50.0, 50.0]
    assert [c.rank for c in result.ranked] == [1, 1]
    assert result.warnings == (
        "stage 'score': measure 'size' has the same value for every candidate in the field, "
        "so it scores 50 for all and does not discriminate",
    )


def test_text_fields_keep_their_text(tmp_path: Path) -> None:
    criteria = """
    version: 1.10
    dimensions:
      - id: fit
        name: no
        criteria: [{id: on}]
    """
    result = score_yaml(tmp_path, criteria, "- {id: no, name: 1e3, scores: {on: 3}}\n")
    assert result.criteria_version == "1.10"
    assert result.dimension_labels == {"fit": "no"}
    assert (result.candidates[0].id, result.candidates[0].name) == ("no", "1e3")


def test_yaml_12_numbers(tmp_path: Path) -> None:
    criteria = """
    dimensions:
      - id: fit
        criteria: [{id: revenue, kind: measure, bounds: [0, 1e4]}]
    """
    result = score_yaml(tmp_path, criteria, "- {id: x, scores: {revenue: 2.5e3}}\n")
    assert result.candidates[0].total == 25.0
