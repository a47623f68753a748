"""`partnerfit explain`: path, contributions, field, --vs; hand-computed and invariants."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partnerfit
from conftest import REPO, run_cli
from partnerfit.comparison import with_method
from partnerfit.evaluation import Evaluation
from partnerfit.explanation import NoCommonStage, UnknownCandidate, explain

VALID = "tests/fixtures/valid/candidates.yaml"
EXAMPLE = "examples/apac-medtech-entry/candidates.yaml"


def evaluated(path: str | Path, method: str | None = None) -> tuple[Evaluation, dict[str, bool]]:
    pool = partnerfit.load_candidates(path)
    if method is not None:
        pool = with_method(pool, method)  # type: ignore[arg-type]
    benefit = {c.id: c.direction != "cost" for c in pool.criteria.criteria()}
    return partnerfit.evaluate(pool), benefit


def test_fixture_breakdown_by_hand(in_repo: Path) -> None:
    evaluation, benefit = evaluated(VALID)
    e = explain(evaluation, "alpha", benefit=benefit)
    assert e.stage == "final" and e.additive
    # goals 5 -> 100 x 0.45; revenue 50 of [0, 100] -> 50 x 0.15; stability 3 -> 50 x 0.2;
    # debt 10, field min-max [10, 20], cost -> 100 x 0.2
    assert {p.criterion: (p.normalised, p.weight, p.contribution) for p in e.contributions} == {
        "goals": (100.0, 0.45, 45.0),
        "revenue": (50.0, 0.15, 7.5),
        "stability": (50.0, 0.2, 10.0),
        "debt": (100.0, 0.2, 20.0),
    }
    assert e.breakdown_total == pytest.approx(82.5) == e.score
    assert [(d.dimension, d.weight, d.score, d.contribution) for d in e.dimensions] == [
        ("strategy", pytest.approx(0.6), pytest.approx(87.5), pytest.approx(52.5)),
        ("finance", pytest.approx(0.4), pytest.approx(75.0), pytest.approx(30.0)),
    ]


def test_path_shows_each_gate_with_value_and_rule(in_repo: Path) -> None:
    evaluation, benefit = evaluated(VALID)
    e = explain(evaluation, "delta", benefit=benefit)
    assert [s.stage for s in e.path] == ["screen"]
    (gate,) = e.path[0].gates
    assert (gate.rule, gate.value, gate.passed) == ("sanctions_clear must be true", False, False)
    assert e.path[0].outcome == "eliminated"
    assert e.stage is None and e.contributions == ()
    out = run_cli("explain", VALID, "delta").stdout
    assert "screen  FAILED  sanctions_clear must be true, got false" in out
    assert "Not scored in any stage" in out


def test_path_through_the_shortlist(in_repo: Path) -> None:
    evaluation, benefit = evaluated(VALID)
    e = explain(evaluation, "charlie", benefit=benefit)
    desk = e.path[1]
    # desk scores strategy: goals 2 -> 25 x 0.75, revenue 20 -> 20 x 0.25
    assert (desk.stage, desk.score, desk.rank, desk.field) == ("desk", 23.75, 3, 3)
    assert desk.outcome == "eliminated"
    assert [r.code for r in desk.reasons] == ["not_shortlisted"]
    out = run_cli("explain", VALID, "charlie").stdout
    assert "23.75  weighted_sum score, rank 3 of 3; shortlist (top 2): not kept" in out


def test_min_gate_shows_threshold_and_value(in_repo: Path) -> None:
    out = run_cli("explain", EXAMPLE, "tanjung-medik").stdout
    assert "FAILED  financial_stability must be >= 2, got 1" in out


def test_every_candidates_contributions_sum_to_its_stage_score(in_repo: Path) -> None:
    for path in (VALID, EXAMPLE):
        evaluation, benefit = evaluated(path)
        for c in evaluation.candidates:
            e = explain(evaluation, c.id, benefit=benefit)
            if e.stage is None:
                continue
            assert e.breakdown_total == pytest.approx(e.score, abs=1e-5), c.id
            total = sum(d.contribution for d in e.dimensions)
            assert total == pytest.approx(e.score, abs=1e-5)
            if c.status == "ranked":
                assert e.score == c.total


def test_versus_by_hand_at_the_last_common_stage(in_repo: Path) -> None:
    evaluation, benefit = evaluated(VALID)
    v = explain(evaluation, "alpha", versus="charlie", benefit=benefit).versus
    assert v is not None and v.stage == "desk"  # charlie stopped there
    # desk: alpha 5 -> 100, 50 -> 50; charlie 2 -> 25, 20 -> 20; weights 0.75 / 0.25
    assert [(p.criterion, p.difference) for p in v.parts] == [
        ("goals", pytest.approx(56.25)),
        ("revenue", pytest.approx(7.5)),
    ]
    assert (v.breakdown_total, v.other_breakdown_total) == (87.5, 23.75)
    assert v.difference == pytest.approx(63.75)


def test_versus_gap_parts_sum_to_the_difference_on_the_example(in_repo: Path) -> None:
    evaluation, benefit = evaluated(EXAMPLE)
    scored = [c.id for c in evaluation.candidates if c.stage_scores]
    for a in scored[:5]:
        for b in scored:
            v = explain(evaluation, a, versus=b, benefit=benefit).versus
            assert v is not None
            assert sum(p.difference for p in v.parts) == pytest.approx(v.difference, abs=1e-9)
            # each side's carried-back breakdown is its own stage score
            assert v.breakdown_total == pytest.approx(v.score, abs=1e-3)
            assert v.other_breakdown_total == pytest.approx(v.other_score, abs=1e-3)
            gaps = [abs(p.difference) for p in v.parts]
            assert gaps == sorted(gaps, reverse=True)


def test_field_comparison_by_hand(in_repo: Path) -> None:
    evaluation, benefit = evaluated(VALID)
    e = explain(evaluation, "bravo", benefit=benefit)
    assert e.field_size == 2
    points = {p.criterion: p for p in e.field}
    # goals: bravo 4 -> 75, alpha 100: mean 87.5; weight 0.45 -> edge -5.625
    assert (points["goals"].normalised, points["goals"].field_mean) == (75.0, 87.5)
    assert points["goals"].edge == pytest.approx(-5.625)
    # edges sum to the candidate's total minus the field's mean total (nothing skipped)
    assert sum(p.edge for p in e.field) == pytest.approx(68.75 - (68.75 + 82.5) / 2)
    # stability 5 -> 100 vs mean 75 (x 0.2); revenue 150 clipped -> 100 vs 75 (x 0.15);
    # debt 20 is the field's worst (cost) -> 0 vs 50 (x 0.2)
    assert [(p.criterion, p.edge) for p in e.strongest] == [
        ("stability", pytest.approx(5.0)),
        ("revenue", pytest.approx(3.75)),
    ]
    assert [(p.criterion, p.edge) for p in e.weakest] == [
        ("debt", pytest.approx(-10.0)),
        ("goals", pytest.approx(-5.625)),
    ]


def test_other_methods_are_labelled_as_not_additive(in_repo: Path) -> None:
    evaluation, benefit = evaluated(EXAMPLE, "topsis")
    e = explain(evaluation, "hoshikawa", benefit=benefit)
    assert not e.additive and e.method == "topsis"
    weighted = sum(p.weight * (p.normalised or 0.0) for p in e.contributions)
    assert e.breakdown_total == pytest.approx(weighted)
    from partnerfit.render import explanation as render  # JSON

    doc = json.loads(render.render_json(e))
    assert doc["breakdown"]["additive"] is False
    assert set(doc["breakdown"]["method_scores"]) == {
        "closeness",
        "distance_to_ideal",
        "distance_to_anti_ideal",
    }


def test_unknown_candidate_suggests_the_closest_id(in_repo: Path) -> None:
    evaluation, _ = evaluated(VALID)
    with pytest.raises(UnknownCandidate, match=r"did you mean 'alpha'\?"):
        explain(evaluation, "alpah")
    run = run_cli("explain", VALID, "alpah", expect=2)
    assert run.stdout == ""
    assert run.stderr == "error: no candidate with id 'alpah' (did you mean 'alpha'?)\n"
    run = run_cli("explain", VALID, "alpha", "--vs", "brovo", expect=2)
    assert "did you mean 'bravo'?" in run.stderr
    run = run_cli("explain", VALID, "ALPHA", expect=2)
    assert run.stderr == "error: no candidate with id 'ALPHA' (did you mean 'alpha'?)\n"


def test_a_candidate_versus_itself_warns_once(in_repo: Path) -> None:
    example = "examples/apac-medtech-entry/candidates.yaml"
    alone = run_cli("explain", example, "coralbay").stderr
    assert "warning: coralbay:" in alone
    assert run_cli("explain", example, "coralbay", "--vs", "coralbay").stderr == alone


def test_versus_a_candidate_never_scored(in_repo: Path) -> None:
    evaluation, _ = evaluated(VALID)
    with pytest.raises(NoCommonStage):
        explain(evaluation, "alpha", versus="delta")
    run = run_cli("explain", VALID, "alpha", "--vs", "delta", expect=2)
    assert run.stderr.count("\n") == 1 and "never scored in the same stage" in run.stderr


def test_bad_candidates_file_is_a_finding(in_repo: Path) -> None:
    run = run_cli("explain", "tests/fixtures/invalid/unknown_key.yaml", "x", expect=2)
    assert "error PF101" in run.stderr and run.stdout == ""


def test_json_is_deterministic_and_complete(in_repo: Path) -> None:
    first = run_cli("explain", EXAMPLE, "coralbay", "--vs", "hoshikawa", "-f", "json").stdout
    assert (
        first == run_cli("explain", EXAMPLE, "coralbay", "--vs", "hoshikawa", "-f", "json").stdout
    )
    doc = json.loads(first)
    assert list(doc) == [
        "schema_version", "partnerfit_version", "candidate", "path", "breakdown", "field",
        "versus", "warnings",
    ]  # fmt: skip
    parts = doc["versus"]["criteria"]
    assert sum(p["difference"] for p in parts) == pytest.approx(doc["versus"]["difference"])


def test_piped_output_is_plain_and_fits_80_columns(in_repo: Path) -> None:
    out = run_cli("explain", EXAMPLE, "hoshikawa", "--vs", "coralbay", env={"COLUMNS": "80"})
    assert "\x1b[" not in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 80


MULTI_STAGE = """\
partnerfit: 1
kind: criteria
id: carry
dimensions:
  - id: fit
    weight: 2
    criteria:
      - {id: a, weight: 3}
      - {id: b, missing: skip}
  - id: money
    criteria:
      - {id: size, kind: measure}
      - {id: cost, kind: measure, direction: cost, missing: skip}
stages:
  - id: long
    shortlist: {top: 3}
  - id: short
"""


@st.composite
def fields(draw: st.DrawFn) -> list[dict[str, object]]:
    n = draw(st.integers(2, 6))
    rows = []
    for i in range(n):
        scores: dict[str, object] = {
            "a": draw(st.integers(1, 5)),
            "size": draw(st.integers(0, 1000)),
        }
        if draw(st.booleans()):
            scores["b"] = draw(st.integers(1, 5))
        if draw(st.booleans()):
            scores["cost"] = draw(st.integers(-50, 50))
        rows.append({"id": f"c{i}", "scores": scores})
    return rows


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=fields())
def test_carried_back_numbers_add_up_to_each_stage_score(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    (tmp_path / "criteria.yaml").write_text(MULTI_STAGE, encoding="utf-8")
    body = {"partnerfit": 1, "kind": "candidates", "criteria": "criteria.yaml", "candidates": rows}
    (tmp_path / "candidates.yaml").write_text(json.dumps(body), encoding="utf-8")
    evaluation, benefit = evaluated(tmp_path / "candidates.yaml")
    ids = [c.id for c in evaluation.candidates]
    for a in ids:
        e = explain(evaluation, a, versus=ids[-1], benefit=benefit)
        assert e.breakdown_total == pytest.approx(e.score, abs=1e-4)  # exact numbers
        v = e.versus
        assert v is not None
        # `long` is carried back for finalists: min-max bounds and skip-renormalised weights
        assert v.breakdown_total == pytest.approx(v.score, abs=1e-3)  # 6-decimal weights
        assert v.other_breakdown_total == pytest.approx(v.other_score, abs=1e-3)
        assert sum(p.difference for p in v.parts) == pytest.approx(v.difference, abs=1e-9)


def test_golden_console_width(in_repo: Path) -> None:
    out = run_cli("explain", VALID, "bravo", "--vs", "alpha", env={"COLUMNS": "80"}).stdout
    assert out.splitlines()[0] == "Bravo plc (bravo): ranked 2, total 68.75"
    assert textwrap.dedent(out).count("Total") == 2


def _keys(value: object) -> set[str]:
    """Every key of a JSON document, at any depth (ids used as keys excluded by caller)."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_every_json_field_is_documented(in_repo: Path) -> None:
    import re

    from conftest import REPO

    doc = json.loads(
        run_cli("explain", EXAMPLE, "coralbay", "--vs", "southcross", "-f", "json").stdout
    )
    doc["breakdown"]["method_scores"] = {}  # documented in output.md
    doc["versus"]["dimensions"] = {}  # keyed by dimension id
    text = (REPO / "docs" / "explain.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    assert _keys(doc) - documented == set()


def test_cli_labels_a_non_additive_breakdown(in_repo: Path) -> None:
    run = run_cli(
        "explain",
        VALID,
        "bravo",
        "--vs",
        "alpha",
        "--criteria",
        "tests/fixtures/explain/topsis.yaml",
    )
    out = " ".join(run.stdout.split())
    assert "Weighted-sum view at final (topsis is not additive)" in out
    assert "Sum (not the total) 68.75" in out
    assert "the topsis score is 45.76, closeness 0.457552" in out
    assert "topsis scores: 45.76 vs 54.24; the gap above is in weighted-sum points" in out
    assert run.stderr == (
        "warning: bravo: 'revenue' value 150 lies outside its bounds [0, 100] and was clipped\n"
    )


def test_worst_filled_scores_are_marked(in_repo: Path, tmp_path: Path) -> None:
    criteria = (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8")
    criteria = criteria.replace("- {id: stability}", "- {id: stability, missing: worst}")
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    candidates = (REPO / VALID).read_text(encoding="utf-8").replace("stability: 3, ", "")
    (tmp_path / "candidates.yaml").write_text(candidates, encoding="utf-8")
    run = run_cli("explain", str(tmp_path / "candidates.yaml"), "alpha")
    assert "  stability             0.200   0.0w    0.00" in run.stdout
    assert "counted as the worst value" in run.stderr


def test_json_matches_the_golden_file(in_repo: Path) -> None:
    """Regenerate after an intended change: PARTNERFIT_UPDATE_GOLDEN=1 pytest tests/test_explain.py"""
    import os

    text = run_cli("explain", VALID, "bravo", "--vs", "alpha", "-f", "json").stdout
    golden = REPO / "tests" / "golden" / "explain-bravo-vs-alpha.json"
    if os.environ.get("PARTNERFIT_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text


def test_json_format_loads_no_rich(in_repo: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from partnerfit.cli import app\n"
        "try:\n"
        f"    app(['explain', {VALID!r}, 'bravo', '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr


def test_output_file_gets_the_explanation_as_plain_text(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "alpha.txt"
    run = run_cli("explain", VALID, "alpha", "-o", str(target))
    assert run.stdout == ""
    assert target.read_text(encoding="utf-8") == run_cli("explain", VALID, "alpha").stdout
    as_json = tmp_path / "alpha.json"
    run_cli("explain", VALID, "alpha", "-f", "json", "-o", str(as_json))
    assert (
        as_json.read_text(encoding="utf-8")
        == run_cli("explain", VALID, "alpha", "-f", "json").stdout
    )
