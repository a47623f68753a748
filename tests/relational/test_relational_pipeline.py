"""Relational fit end to end: YAML -> load -> evaluate, with hand-computed values.

The numbers are the worked examples of docs/relational-fit.md, now read from files
(tests/fixtures/relational/) and run through the staged pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partnerfit
from conftest import REPO, run_cli

FIT = "tests/fixtures/relational"
CANDIDATES = f"{FIT}/candidates.yaml"
INVALID = f"{FIT}/invalid"


def criterion(result: partnerfit.Evaluation, candidate: str, criterion_id: str):  # type: ignore[no-untyped-def]
    return next(s for s in result.candidate(candidate).criteria if s.id == criterion_id)


@pytest.fixture
def result(in_repo: Path) -> partnerfit.Evaluation:
    return partnerfit.evaluate(partnerfit.load_candidates(CANDIDATES))


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        # needs: regulatory affairs 5, clinical trials 2, manufacturing 1 (total 8)
        ("alpha", 75.0),  # (5 + 1) / 8, 'reg_affairs' is a synonym
        ("bravo", 25.0),  # 2 / 8
        ("charlie", 100.0),  # all three; 'Clinical Trails' is a typo, listed as unknown
    ],
)
def test_coverage_from_yaml(result: partnerfit.Evaluation, candidate: str, expected: float) -> None:
    assert criterion(result, candidate, "needs_covered").raw == expected


def test_coverage_inputs_name_covered_missed_and_unknown(result: partnerfit.Evaluation) -> None:
    assert criterion(result, "alpha", "needs_covered").inputs == {
        "covered": ["regulatory affairs", "manufacturing"],
        "missed": ["clinical trials"],
        "unknown": [],
    }
    assert criterion(result, "charlie", "needs_covered").inputs["unknown"] == ["Clinical Trails"]  # type: ignore[index]


def test_overlap_is_a_cost_and_counts_every_capability(result: partnerfit.Evaluation) -> None:
    # strengths manufacturing, marketing; charlie lists 5 (one unknown): 2 of 5
    alpha, charlie = (criterion(result, c, "duplication") for c in ("alpha", "charlie"))
    assert (alpha.raw, alpha.normalised) == (50.0, 50.0)
    assert (charlie.raw, charlie.normalised) == (40.0, 60.0)
    assert charlie.inputs == {
        "overlapping": ["manufacturing", "marketing"],
        "capabilities": 5,
        "unknown": ["Clinical Trails"],
    }


def test_alignment_is_jaccard(result: partnerfit.Evaluation) -> None:
    assert criterion(result, "alpha", "shared_goals").raw == 100.0
    bravo = criterion(result, "bravo", "shared_goals")
    assert bravo.raw == 25.0  # 1 shared of a union of 4
    assert bravo.inputs == {
        "shared": ["market access"],
        "union": 4,
        "unknown": ["cost reduction", "sustainability"],
    }
    assert criterion(result, "charlie", "shared_goals").raw == 0.0  # objectives: []


NONE = {"evidence": None, "confidence": None}


def test_similarity_with_tolerance_weights_and_a_missing_dimension(
    result: partnerfit.Evaluation,
) -> None:
    assert criterion(result, "alpha", "culture").raw == 100.0  # 0.25 within tolerance 0.5
    assert criterion(result, "bravo", "culture").raw == round(100 * 187 / 336, 6)
    charlie = criterion(result, "charlie", "culture")
    assert charlie.raw == 87.5  # decision_speed missing: renormalised over the other two
    assert charlie.inputs == {
        "dimensions": {
            "decision_speed": {"ours": 3.0, "theirs": None, "gap": None, **NONE},
            "hierarchy": {"ours": 4.0, "theirs": 5.0, "gap": 0.25, **NONE},
            "risk_appetite": {"ours": 2.0, "theirs": 2.0, "gap": 0.0, **NONE},
        }
    }


def test_ratio_band_falloff_and_its_evidence(result: partnerfit.Evaluation) -> None:
    alpha = criterion(result, "alpha", "size")
    assert alpha.raw == 69.897  # 4x ours, 2x above the band [0.5, 2]: 100 (1 - log10 2)
    assert alpha.inputs == {
        "of": "revenue",
        "ours": 100.0,
        "theirs": 400.0,
        "ratio": 4.0,
        "band": [0.5, 2.0],
        "falloff": 10.0,
        "position": "above",
    }
    assert (alpha.evidence, alpha.confidence) == ("annual report", "high")
    assert criterion(result, "bravo", "size").raw == 69.897  # a quarter: symmetric
    assert criterion(result, "charlie", "size").raw == 0.0  # 20x: 10x beyond the band


def test_balance_shows_both_ledgers(result: partnerfit.Evaluation) -> None:
    assert criterion(result, "alpha", "exchange").raw == 100.0
    assert criterion(result, "bravo", "exchange").raw == 50.0
    charlie = criterion(result, "charlie", "exchange")
    assert charlie.raw == 25.0
    assert charlie.inputs == {
        "we_give": [{"item": "co-investment", "value": 2.0, **NONE}],
        "we_receive": [{"item": "market", "value": 8.0, **NONE}],
        "we_give_total": 2.0,
        "we_receive_total": 8.0,
        "leans": "us",
    }


def test_assessors_aggregate_by_median_and_flag_disagreement(
    result: partnerfit.Evaluation,
) -> None:
    alpha = criterion(result, "alpha", "commitment")
    assert alpha.raw == 4.0 and alpha.assessors == {"ann": 4.0, "bob": 2.0, "cy": 5.0}
    assert criterion(result, "bravo", "commitment").raw == 3.5  # median of two
    [flag] = result.disagreements  # bravo's spread 1 is not above the threshold 1
    assert (flag.candidate, flag.criterion, flag.aggregate, flag.spread) == (
        "alpha",
        "commitment",
        4.0,
        3.0,
    )


def test_total_is_the_weighted_sum_of_computed_and_rated_columns(
    result: partnerfit.Evaluation,
) -> None:
    # alpha: fit (2*75 + (100-50) + 100)/4 = 75; culture 100; money (69.897 + 100 + 75)/3
    money = (69.897 + 100.0 + 75.0) / 3
    assert result.candidate("alpha").total == round((75.0 + 100.0 + money) / 3, 6)


@pytest.mark.parametrize("aggregation", ["mean", "min"])
def test_aggregation_is_chosen_by_the_set(aggregation: str, tmp_path: Path) -> None:
    text = (REPO / FIT / "criteria.yaml").read_text(encoding="utf-8")
    (tmp_path / "criteria.yaml").write_text(
        text.replace("aggregation: median", f"aggregation: {aggregation}")
    )
    (tmp_path / "candidates.yaml").write_text(
        (REPO / CANDIDATES).read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = partnerfit.evaluate(partnerfit.load_candidates(tmp_path / "candidates.yaml"))
    expected = {"mean": 11 / 3, "min": 2.0}[aggregation]
    assert criterion(result, "alpha", "commitment").raw == round(expected, 6)


def test_gate_on_a_computed_criterion(tmp_path: Path) -> None:
    text = (REPO / FIT / "criteria.yaml").read_text(encoding="utf-8")
    (tmp_path / "criteria.yaml").write_text(text.replace("min: 20", "min: 50"))
    (tmp_path / "candidates.yaml").write_text((REPO / CANDIDATES).read_text(encoding="utf-8"))
    result = partnerfit.evaluate(partnerfit.load_candidates(tmp_path / "candidates.yaml"))
    bravo = result.candidate("bravo")
    assert bravo.status == "eliminated"
    assert bravo.reasons[0].message.startswith("gate failed: needs_covered must be >= 50, got 25")


def test_a_gate_on_critical_needs_only(tmp_path: Path) -> None:
    # needs: regulatory affairs 5, clinical trials 2, manufacturing 1: only the first is
    # of importance >= 5, so bravo (clinical trials only) covers no critical need
    path = _criteria_with(
        tmp_path,
        "stages:\n  - id: screen\n    gates:\n",
        "facts:\n  - {id: critical, kind: coverage, min_importance: 5}\n"
        "stages:\n  - id: screen\n    gates:\n      - {criterion: critical, min: 1}\n",
    )
    result = partnerfit.evaluate(partnerfit.load_candidates(path))
    assert [result.candidate(c).facts["critical"] for c in ("alpha", "bravo", "charlie")] == [
        100.0,
        0.0,
        100.0,
    ]
    bravo = result.candidate("bravo")
    assert bravo.status == "eliminated"
    assert bravo.reasons[0].message == "gate failed: critical must be >= 1, got 0"
    # the scored coverage still counts every need
    assert criterion(result, "alpha", "needs_covered").raw == 75.0


def test_min_importance_above_every_need_is_refused(tmp_path: Path) -> None:
    path = _criteria_with(
        tmp_path,
        "{id: needs_covered, kind: coverage, weight: 2}",
        "{id: needs_covered, kind: coverage, weight: 2, min_importance: 6}",
    )
    run = run_cli("score", str(path), expect=2)
    assert run.stderr.endswith(
        "error PF216 coverage criterion needs_covered counts only needs of importance >= 6 "
        "(min_importance), but none of our needs is that important\n"
    )


def test_min_importance_applies_to_coverage_only(tmp_path: Path) -> None:
    path = _criteria_with(
        tmp_path,
        "{id: duplication, kind: overlap}",
        "{id: duplication, kind: overlap, min_importance: 2}",
    )
    run = run_cli("score", str(path), expect=2)
    assert "min_importance applies to coverage only, not to an overlap" in run.stderr


@pytest.mark.parametrize("method", ["topsis", "promethee_ii", "vikor"])
def test_every_method_ranks_computed_columns(method: str, in_repo: Path) -> None:
    run = run_cli("score", CANDIDATES, "--method", method, "--format", "json")
    doc = json.loads(run.stdout)
    assert sorted(c["rank"] for c in doc["candidates"]) == [1, 2, 3]


def test_weighted_product_reads_computed_scores_shifted_to_stay_positive(in_repo: Path) -> None:
    # bravo's overlap is 0 (the best value of a cost criterion): on 1..101 the product is
    # defined. alpha's score by hand: prod (x / x_best)^w over the scored columns.
    run = run_cli("score", CANDIDATES, "--method", "weighted_product", "--format", "json")
    doc = json.loads(run.stdout)
    stage = doc["stages"][1]
    alpha = next(c for c in doc["candidates"] if c["id"] == "alpha")
    raw = {k: v["raw"] for k, v in alpha["criteria"].items()}
    field = {
        k: [c["criteria"][k]["raw"] for c in doc["candidates"]]
        for k in stage["weights"]["criteria"]
    }
    product = 1.0
    for k, w in stage["weights"]["criteria"].items():
        shift = 0.0 if k == "commitment" else 1.0
        x = raw[k] + shift
        best = min(field[k]) + shift if k == "duplication" else max(field[k]) + shift
        product *= (best / x if k == "duplication" else x / best) ** w
    assert alpha["total"] == pytest.approx(100 * product, abs=1e-3)


def test_profile_in_its_own_file_gives_the_same_scores(tmp_path: Path, in_repo: Path) -> None:
    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    head, tail = text.split("profile:\n", 1)
    tail = tail[tail.index("candidates:") :]
    path = REPO / FIT / "candidates_profile_file.yaml"
    path.write_text(head + "profile: profile/us.yaml\n" + tail, encoding="utf-8")
    try:
        pool = partnerfit.load_candidates(path)
        assert pool.profile_path == "profile/us.yaml"
        other = partnerfit.evaluate(pool)
        inline = partnerfit.evaluate(partnerfit.load_candidates(CANDIDATES))
        assert [(c.id, c.total) for c in other.candidates] == [
            (c.id, c.total) for c in inline.candidates
        ]
    finally:
        path.unlink()


def test_json_carries_inputs_disagreements_and_attention(in_repo: Path) -> None:
    doc = json.loads(run_cli("score", CANDIDATES, "--format", "json").stdout)
    assert doc["profile"] == {"name": "Us", "path": None}
    assert doc["assessors"] == {"aggregation": "median", "disagreement": 1.0}
    assert doc["disagreements"] == [
        {
            "candidate": "alpha",
            "criterion": "commitment",
            "scores": {"ann": 4.0, "bob": 2.0, "cy": 5.0},
            "aggregate": 4.0,
            "spread": 3.0,
        }
    ]
    bravo = next(c for c in doc["candidates"] if c["id"] == "bravo")
    assert bravo["attention"] == {
        "low_confidence": ["commitment"],
        "no_evidence": ["culture", "size", "exchange", "commitment"],
        "judged": 4,
    }
    assert bravo["criteria"]["needs_covered"]["kind"] == "coverage"


def test_terminal_shows_disagreements_and_scores_to_check(in_repo: Path) -> None:
    out = run_cli("score", CANDIDATES, env={"COLUMNS": "80"}).stdout
    assert "Assessors disagree (spread above 1; median used)" in out
    assert "alpha      commitment ann 4, bob 2, cy 5      4      3" in out
    assert "3 bravo      commitment          4 of 4" in out


def test_csv_has_computed_scores_and_confidence_columns(in_repo: Path) -> None:
    lines = run_cli("score", CANDIDATES, "--format", "csv").stdout.splitlines()
    header = lines[0].split(",")
    assert header[header.index("size") + 1 :][:2] == ["exchange", "commitment"]
    row = dict(zip(header, lines[1].split(","), strict=True))
    assert row["needs_covered"] == "75.0" and row["size.confidence"] == "high"
    assert row["size.evidence"] == "annual report"


def test_evidence_and_confidence_of_culture_values_and_ledger_items_flow_out(
    tmp_path: Path, in_repo: Path
) -> None:
    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    old_culture = "culture: {decision_speed: 1, hierarchy: 5, risk_appetite: 5}"
    old_ledger = "we_receive: [{item: distribution, value: 5}]"
    assert old_culture in text and old_ledger in text
    text = text.replace(
        old_culture,
        "culture: {decision_speed: {value: 1, confidence: low, evidence: CULTEV}, "
        "hierarchy: {value: 5, confidence: high}, risk_appetite: 5}",
    ).replace(
        old_ledger,
        "we_receive: [{item: distribution, value: 5, evidence: LEDGEREV, confidence: 0.8}]",
    )
    (tmp_path / "criteria.yaml").write_text((REPO / FIT / "criteria.yaml").read_text())
    path = tmp_path / "candidates.yaml"
    path.write_text(text, encoding="utf-8")

    doc = json.loads(run_cli("score", str(path), "--format", "json").stdout)
    bravo = next(c for c in doc["candidates"] if c["id"] == "bravo")
    culture = bravo["criteria"]["culture"]
    assert culture["inputs"]["dimensions"]["decision_speed"] == {
        "ours": 3.0,
        "theirs": 1.0,
        "gap": round(1.5 / 3.5, 6),
        "evidence": "CULTEV",
        "confidence": "low",
    }
    assert culture["inputs"]["dimensions"]["hierarchy"]["confidence"] == "high"
    # the criterion's own fields summarise its inputs: every evidence, the lowest confidence
    assert (culture["evidence"], culture["confidence"]) == ("decision_speed: CULTEV", "low")
    exchange = bravo["criteria"]["exchange"]
    assert exchange["inputs"]["we_receive"] == [
        {"item": "distribution", "value": 5.0, "evidence": "LEDGEREV", "confidence": 0.8}
    ]
    assert (exchange["evidence"], exchange["confidence"]) == ("distribution: LEDGEREV", 0.8)
    assert bravo["attention"] == {
        "low_confidence": ["culture", "commitment"],
        "no_evidence": ["size", "commitment"],
        "judged": 4,
    }

    lines = run_cli("score", str(path), "--format", "csv").stdout.splitlines()
    header = lines[0].split(",")
    row = next(dict(zip(header, r.split(","), strict=True)) for r in lines[1:] if ",bravo," in r)
    assert (row["culture.confidence"], row["culture.evidence"]) == ("low", "decision_speed: CULTEV")
    assert (row["exchange.confidence"], row["exchange.evidence"]) == (
        "0.8",
        "distribution: LEDGEREV",
    )

    out = run_cli("score", str(path), env={"COLUMNS": "80"}).stdout
    assert "3 bravo      culture, commitment      2 of 4" in out


# -- bad input: one line naming file:line:col, exit 2, nothing written --------------------

BAD: dict[str, str] = {
    "unknown_culture_dimension.yaml": "14:34: error PF213 culture dimension 'hierachy' of "
    "'alpha' is not defined by the criteria set (did you mean 'hierarchy'?)",
    "profile_culture_out_of_scale.yaml": "8:43: error PF214 culture value 7 for 'hierarchy' "
    "is outside the scale 1..5",
    "ratio_our_value_zero.yaml": "9:25: error PF215 ratio 'size' divides by our 'revenue', "
    "which must be above 0, got 0",
    "ratio_our_value_missing.yaml": "9:15: error PF215 ratio 'size' divides by our 'revenue', "
    "which our profile's financials do not give",
    "empty_needs.yaml": "5:10: error PF216 coverage item needs_covered needs our needs: "
    "list at least one under needs:",
    "capability_twice.yaml": "12:48: error PF217 capabilities lists 'Regulatory Affairs' twice "
    "(both mean 'regulatory affairs'): first at line 12",
    "need_twice.yaml": "7:5: error PF217 needs lists 'Regulatory-Affairs' twice "
    "(both mean 'regulatory affairs'): first at line 6",
    "empty_assessor_map.yaml": "18:24: error PF220 assessor map of 'commitment' is empty: "
    "give {assessor: value}",
    "assessor_out_of_scale.yaml": "18:38: error PF204 ben's value 9 for 'commitment' is "
    "outside the scale 1..5",
    "confidence_out_of_range.yaml": "18:42: error PF103 confidence must be within 0..1, got 1.5",
    "score_for_computed.yaml": "19:7: error PF219 'needs_covered' is computed (coverage) from "
    "the profiles: remove its score here",
    "no_profile.yaml": "1:1: error PF218 the criteria set computes needs_covered, duplication, "
    "shared_goals, culture, size, exchange against our profile, but this file gives none: "
    "add profile: (a path or the profile inline)",
    "missing_profile_file.yaml": "4:10: error PF221 profile file 'no-such-profile.yaml' does "
    "not exist (resolved to tests/fixtures/relational/invalid/no-such-profile.yaml)",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_relational_input(case: str, in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ranking.json"
    path = f"{INVALID}/{case}"
    run = run_cli("score", path, "--format", "json", "--output", str(out), expect=2)
    assert run.stderr.splitlines() == [f"{path}:{BAD[case]}"]
    assert run.stdout == "" and not out.exists()


def _criteria_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (REPO / FIT / "criteria.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "criteria.yaml").write_text(text.replace(old, new))
    (tmp_path / "candidates.yaml").write_text((REPO / CANDIDATES).read_text(encoding="utf-8"))
    return tmp_path / "candidates.yaml"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    - {id: hierarchy}\n",
            "    - {id: hierarchy, tolerance: 5}\n",
            "9:34: error PF212 tolerance 5 of culture dimension 'hierarchy' exceeds the span 4 "
            "of its scale 1..5",
        ),
        (
            "  regulatory affairs: [reg-affairs, regulatory]\n",
            "  regulatory affairs: [reg-affairs, regulatory]\n  registration: [regulatory]\n",
            "12:3: error PF211 invalid synonyms: alias 'regulatory' is listed for both "
            "'regulatory affairs' and 'registration'",
        ),
    ],
)
def test_bad_relational_criteria(old: str, new: str, expected: str, tmp_path: Path) -> None:
    path = _criteria_with(tmp_path, old, new)
    run = run_cli("score", str(path), expect=2)
    assert run.stderr.splitlines() == [f"{tmp_path / 'criteria.yaml'}:{expected}"]


def test_similarity_needs_culture_dimensions(tmp_path: Path) -> None:
    text = (REPO / FIT / "criteria.yaml").read_text(encoding="utf-8")
    start, end = text.index("culture:\n"), text.index("synonyms:")
    (tmp_path / "criteria.yaml").write_text(text[:start] + text[end:])
    candidates = (REPO / CANDIDATES).read_text(encoding="utf-8")
    (tmp_path / "candidates.yaml").write_text(candidates)
    run = run_cli("score", str(tmp_path / "candidates.yaml"), expect=2)
    assert "error PF210 similarity criterion 'culture' needs culture dimensions" in run.stderr


# -- properties at pipeline level ----------------------------------------------------------

NEEDS = ["regulatory affairs", "clinical trials", "manufacturing"]


def _pool_with(tmp_path: Path, capabilities: list[str], by: dict[str, int]) -> Path:
    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    caps, assessors = "capabilities: [reg_affairs, Manufacturing]", "{by: {ann: 4, bob: 2, cy: 5}"
    assert caps in text and assessors in text, "the fixture changed: update this helper"
    text = text.replace(caps, f"capabilities: {json.dumps(capabilities)}")
    text = text.replace(assessors, f"{{by: {json.dumps(by)}")
    (tmp_path / "criteria.yaml").write_text((REPO / FIT / "criteria.yaml").read_text())
    path = tmp_path / "candidates.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=8, deadline=None)
@given(
    have=st.lists(st.sampled_from(NEEDS), unique=True),
    extra=st.sampled_from(NEEDS),
)
def test_adding_a_needed_capability_never_lowers_coverage(
    tmp_path_factory: pytest.TempPathFactory, have: list[str], extra: str
) -> None:
    by = {"ann": 3}
    before = _pool_with(tmp_path_factory.mktemp("a"), [*have, "distribution"], by)
    after_caps = [*have, "distribution"] + ([] if extra in have else [extra])
    after = _pool_with(tmp_path_factory.mktemp("b"), after_caps, by)
    score = [
        criterion(partnerfit.evaluate(partnerfit.load_candidates(p)), "alpha", "needs_covered")
        for p in (before, after)
    ]
    assert score[1].raw >= score[0].raw  # type: ignore[operator]


@settings(max_examples=8, deadline=None)
@given(st.permutations([("ann", 4), ("bob", 2), ("cy", 5), ("dee", 1)]))
def test_swapping_assessor_order_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, order: list[tuple[str, int]]
) -> None:
    first = _pool_with(tmp_path_factory.mktemp("a"), ["reg_affairs"], dict(order))
    again = _pool_with(tmp_path_factory.mktemp("b"), ["reg_affairs"], dict(sorted(order)))
    docs = [
        run_cli("score", str(p), "--format", "json").stdout.replace(str(p), "X")
        for p in (first, again)
    ]
    assert docs[0] == docs[1]


@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.floats(min_value=1, max_value=5, allow_nan=False).map(lambda v: round(v, 2)),
        min_size=3,
        max_size=3,
    )
)
def test_a_candidate_with_our_culture_scores_100(
    tmp_path_factory: pytest.TempPathFactory, ours: list[float]
) -> None:
    tmp = tmp_path_factory.mktemp("c")
    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    profile = f"{{decision_speed: {ours[0]}, hierarchy: {ours[1]}, risk_appetite: {ours[2]}}}"
    assert text.count("culture: {decision_speed: 3, hierarchy: 4, risk_appetite: 2}") == 1
    text = text.replace(
        "culture: {decision_speed: 3, hierarchy: 4, risk_appetite: 2}", "culture: " + profile
    )
    text = text.replace(
        "culture: {decision_speed: 1, hierarchy: 5, risk_appetite: 5}", "culture: " + profile
    )
    (tmp / "criteria.yaml").write_text((REPO / FIT / "criteria.yaml").read_text())
    (tmp / "candidates.yaml").write_text(text)
    result = partnerfit.evaluate(partnerfit.load_candidates(tmp / "candidates.yaml"))
    assert criterion(result, "bravo", "culture").raw == 100.0


def test_validating_names_does_not_import_numpy(tmp_path: Path) -> None:
    # Loading validates profiles, synonyms and name lists; a light `check` must not pay
    # for numpy. Only assessor maps (aggregated at load) need it.
    import subprocess
    import sys

    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    text = text.replace("{by: {ann: 4, bob: 2, cy: 5}, ", "{value: 4, ").replace(
        "{by: {ann: 3, bob: 4}, ", "{value: 3, "
    )
    assert "by:" not in text
    (tmp_path / "criteria.yaml").write_text((REPO / FIT / "criteria.yaml").read_text())
    (tmp_path / "candidates.yaml").write_text(text)
    code = (
        "import sys; from partnerfit.inputs import load_candidates; "
        f"load_candidates({str(tmp_path / 'candidates.yaml')!r}); "
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "False"


def test_reordering_candidates_keeps_the_json_byte_identical(tmp_path: Path) -> None:
    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    text = text.replace("{by: {ann: 3, bob: 4}", "{by: {ann: 1, bob: 4}")  # a second flag
    text = text.replace("hierarchy: 5, risk_appetite: 2}", "hierarchy: {by: {a: 5, b: 2}}}")
    head, body = text.split("candidates:\n", 1)
    entries = ["  - id:" + e for e in body.split("  - id:")[1:]]
    entries = [e if e.endswith("\n") else e + "\n" for e in entries]
    (tmp_path / "criteria.yaml").write_text((REPO / FIT / "criteria.yaml").read_text())
    docs = []
    for name, order in (("first.yaml", entries), ("second.yaml", entries[::-1])):
        path = tmp_path / name
        path.write_text(head + "candidates:\n" + "".join(order))
        out = run_cli("score", str(path), "--format", "json").stdout
        docs.append(out.replace(str(path), "X"))
    assert docs[0] == docs[1]
    flagged = [(d["candidate"], d["criterion"]) for d in json.loads(docs[0])["disagreements"]]
    assert flagged == [
        ("alpha", "commitment"),
        ("charlie", "culture.hierarchy"),
        ("bravo", "commitment"),
    ]


# -- names that look like typos of ours: a warning with its place, not silence ----------

TYPO = (
    f"{CANDIDATES}:33:75: warning PF222 capability 'Clinical Trails' of 'charlie' matches "
    "none of our names, so it is read as a name we do not have (did you mean 'clinical trials'?)"
)


def test_score_warns_on_stderr_about_a_name_that_looks_like_a_typo(in_repo: Path) -> None:
    run = run_cli("score", CANDIDATES, "--format", "json")
    assert run.stderr.splitlines() == [TYPO]
    assert json.loads(run.stdout)["candidates"]  # and scores as before


def test_check_reports_the_typo_as_a_warning(in_repo: Path) -> None:
    run = run_cli("check", CANDIDATES)
    assert run.stdout.splitlines()[0] == TYPO
    run_cli("check", CANDIDATES, "--strict", expect=1)


def test_only_names_a_typo_away_from_ours_are_warned_about(tmp_path: Path) -> None:
    text = (REPO / CANDIDATES).read_text(encoding="utf-8")
    old = "objectives: [market access, cost reduction, sustainability]"
    assert old in text
    text = text.replace(old, "objectives: [market acess, cost reduction, space logistics]")
    text = text.replace("capabilities: [clinical trials]", "capabilities: [clinical trials, mrkt]")
    (tmp_path / "criteria.yaml").write_text((REPO / FIT / "criteria.yaml").read_text())
    path = tmp_path / "candidates.yaml"
    path.write_text(text, encoding="utf-8")
    warned = [line.split(" PF222 ")[1] for line in run_cli("score", str(path)).stderr.splitlines()]
    assert warned == [
        "objective 'market acess' of 'bravo' matches none of our names, so it is read as "
        "a name we do not have (did you mean 'market access'?)",
        "capability 'Clinical Trails' of 'charlie' matches none of our names, so it is read "
        "as a name we do not have (did you mean 'clinical trials'?)",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("clinical trails", "clinical trials"),  # two neighbours swapped: one edit
        ("clinicaltrials", "clinical trials"),
        ("manufactoring", "manufacturing"),
        ("marketting", "marketing"),
        ("regulatory afairs", "regulatory affairs"),
        ("markting", "marketing"),
        ("manufacturing plant", None),  # a different capability
        ("distribution", None),
        ("mktg", None),  # too short to guess
        ("marksting", "marketing"),
        ("mrkting", None),  # two edits in a 9-letter name
        ("phase 2 trails", "phase 2 trials"),
        ("phase 3 trials", None),  # another number: another thing, not a typo
    ],
)
def test_near_name(name: str, expected: str | None) -> None:
    from partnerfit.validation_relational import near_name

    known = [
        "clinical trials",
        "manufacturing",
        "marketing",
        "phase 2 trials",
        "reg affairs",
        "regulatory affairs",
    ]
    assert near_name(name, known) == expected
