"""Sensitivity analysis: known answers, agreement with the pipeline, determinism."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from partnerfit.engine.batched import batch_competition_ranks, plan, run_batch, stated_weights
from partnerfit.engine.pipeline import run_pipeline
from partnerfit.engine.scoring import competition_ranks
from partnerfit.evaluation import build_problem, evaluate
from partnerfit.inputs import CandidatePool, load_candidates
from partnerfit.models import Candidate, CriteriaSet
from partnerfit.sensitivity import analyse, to_document

EXAMPLE = REPO / "examples" / "apac-medtech-entry" / "candidates.yaml"
# rated criteria only, and a field whose shortlist moves with the weights
RATED_EXAMPLE = REPO / "tests" / "fixtures" / "sensitivity" / "rated-candidates.yaml"


def write_pool(tmp_path: Path, criteria: str, candidates: str) -> Path:
    (tmp_path / "criteria.yaml").write_text(
        "partnerfit: 1\nkind: criteria\nid: test\n" + textwrap.dedent(criteria)
    )
    path = tmp_path / "candidates.yaml"
    path.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria: criteria.yaml\ncandidates:\n"
        + textwrap.indent(textwrap.dedent(candidates), "  ")
    )
    return path


def pipeline_ranks(pool: CandidatePool, shares: np.ndarray, within: np.ndarray) -> np.ndarray:
    problem, _ = build_problem(pool)
    moved = problem._replace(dimension_weights=shares, criterion_weights=within)
    return run_pipeline(moved, pool.criteria.stages).final_ranks


def test_a_sample_at_the_stated_weights_ranks_as_the_pipeline() -> None:
    pool = load_candidates(EXAMPLE)
    problem, _ = build_problem(pool)
    shares, within = stated_weights(problem)
    outcome = run_batch(plan(problem, pool.criteria.stages), shares[None], within[None])
    expected = run_pipeline(problem, pool.criteria.stages).final_ranks
    assert outcome.final_ranks[0].tolist() == expected.tolist()


def test_acceptability_rows_sum_to_one_and_the_json_is_reproducible() -> None:
    pool = load_candidates(EXAMPLE)
    first = analyse(pool, samples=300, seed=7)
    rows = first.rank_acceptability.sum(axis=1) + [c.unranked for c in first.candidates]
    assert np.allclose(rows, 1.0)
    second = analyse(pool, samples=300, seed=7)
    assert to_document(first) == to_document(second)


def test_cli_table_runs_on_the_example(in_repo: Path) -> None:
    run = run_cli("sensitivity", str(EXAMPLE.relative_to(REPO)), "--samples", "200")
    assert "Verdict: hoshikawa" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "error: --samples must be between 1 and 1000000, got 0\n"),
    ],
)
def test_bad_options_are_one_line_errors(args: list[str], message: str, in_repo: Path) -> None:
    run = run_cli("sensitivity", str(EXAMPLE.relative_to(REPO)), *args, expect=2)
    assert run.stderr == message
    assert run.stdout == ""


STAGED = """\
scale: {min: 1, max: 5}
dimensions:
  - id: d1
    weight: 3
    criteria:
      - {id: a, weight: 2}
      - {id: size, kind: measure, missing: skip}
  - id: d2
    weight: 2
    criteria:
      - {id: b, missing: worst}
      - {id: risk, kind: measure, direction: cost, bounds: [0, 10]}
  - id: d3
    weight: 1
    criteria:
      - {id: c}
      - {id: e, weight: 3}
facts:
  - {id: ok, kind: flag}
stages:
  - id: screen
    gates:
      - {criterion: ok, equals: true}
  - id: desk
    dimensions: [d1, d2]
    shortlist: {top: 5, min_score: 20}
  - id: final
    method: METHOD
"""

CANDIDATES = """\
- {id: p1, scores: {ok: true, a: 5, size: 120, b: 2, risk: 3, c: 4, e: 1}}
- {id: p2, scores: {ok: true, a: 3, size: 300, b: 4, risk: 6, c: 2, e: 5}}
- {id: p3, scores: {ok: true, a: 4, b: 5, risk: 1, c: 3, e: 3}}
- {id: p4, scores: {ok: true, a: 2, size: 80, risk: 2, c: 5, e: 4}}
- {id: p5, scores: {ok: false, a: 5, size: 500, b: 5, risk: 0.5, c: 5, e: 5}}
- {id: p6, scores: {ok: true, a: 1, size: 40, b: 3, risk: 9, c: 1, e: 2}}
- {id: p7, scores: {ok: true, a: 4, size: 200, b: 3, risk: 4, c: 4, e: 4}}
- {id: p8, scores: {ok: true, a: 3, size: 150, b: 1, risk: 5, c: 5, e: 2}}
"""

# No skipped scores: the other methods take every value of the field.
COMPLETE = CANDIDATES.replace("{ok: true, a: 4, b: 5,", "{ok: true, a: 4, size: 90, b: 5,")
COMPLETE = COMPLETE.replace("size: 80, risk", "size: 80, b: 2, risk")

positive = st.floats(min_value=0.05, max_value=1.0)


@pytest.fixture(scope="module")
def pools(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CandidatePool]:
    out = {}
    for method in ("weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor"):
        folder = tmp_path_factory.mktemp(method)
        candidates = CANDIDATES if method == "weighted_sum" else COMPLETE
        criteria = STAGED.replace("METHOD", method)
        if method != "weighted_sum":
            criteria = criteria.replace("missing: skip", "missing: worst")
        out[method] = load_candidates(write_pool(folder, criteria, candidates))
    return out


@settings(max_examples=25, deadline=None)
@given(
    method=st.sampled_from(["weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor"]),
    rows=st.lists(st.lists(positive, min_size=9, max_size=9), min_size=1, max_size=4),
)
def test_every_sample_ranks_as_the_pipeline_at_its_weights(
    pools: dict[str, CandidatePool], method: str, rows: list[list[float]]
) -> None:
    pool = pools[method]
    problem, _ = build_problem(pool)
    draws = np.array(rows)
    shares = draws[:, :3] / draws[:, :3].sum(axis=1, keepdims=True)
    within = draws[:, 3:].copy()
    for d in range(3):
        cols = problem.dimension_of == d
        within[:, cols] /= within[:, cols].sum(axis=1, keepdims=True)
    outcome = run_batch(plan(problem, pool.criteria.stages), shares, within)
    for s in range(len(rows)):
        expected = pipeline_ranks(pool, shares[s], within[s])
        assert outcome.final_ranks[s].tolist() == expected.tolist()


@settings(max_examples=25, deadline=None)
@given(
    method=st.sampled_from(["weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_jittered_scores_rank_as_the_pipeline_on_those_scores(
    pools: dict[str, CandidatePool], method: str, seed: int
) -> None:
    from partnerfit.sensitivity.analysis import jitter_model
    from partnerfit.sensitivity.sampling import sample_scores

    pool = pools[method]
    problem, _ = build_problem(pool)
    the_plan = plan(problem, pool.criteria.stages)
    k = problem.n_criteria
    values = sample_scores(jitter_model(the_plan, pool.candidates), np.random.default_rng(seed), 3)
    shares, within = stated_weights(problem)
    outcome = run_batch(
        the_plan, np.broadcast_to(shares, (3, 3)), np.broadcast_to(within, (3, k)), values
    )
    for s in range(3):
        full = problem.values.copy()
        full[:, :k] = values[s]
        expected = run_pipeline(problem._replace(values=full), pool.criteria.stages).final_ranks
        assert outcome.final_ranks[s].tolist() == expected.tolist()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([1.0, 2.0, 2.5, 3.0, -np.inf]), min_size=6, max_size=6),
        min_size=1,
        max_size=5,
    )
)
def test_batched_competition_ranks_match_the_engine_row_by_row(rows: list[list[float]]) -> None:
    totals = np.array(rows)
    ranks = batch_competition_ranks(totals)
    for row, expected in zip(ranks, totals, strict=True):
        finite = expected > -np.inf
        assert row[finite].tolist() == competition_ranks(expected[finite]).tolist()


def make_pool(criteria: dict[str, Any], rows: dict[str, dict[str, Any]]) -> CandidatePool:
    base = {"partnerfit": 1, "kind": "criteria", "id": "t"}
    candidates = tuple(
        Candidate.model_validate({"id": cid, "scores": scores}) for cid, scores in rows.items()
    )
    return CandidatePool(
        "candidates.yaml",
        "criteria.yaml",
        CriteriaSet.model_validate({**base, **criteria}),
        candidates,
    )


def with_weight(pool: CandidatePool, scope: str, item: str, t: float) -> CandidatePool:
    """The pool with one weight set to t and its level's other weights scaled to 1 - t,
    written as plain stated weights: an independent route through `evaluate`."""
    dims = pool.criteria.dimensions
    if scope == "dimension":
        total = sum(d.weight for d in dims)
        w = next(d.weight for d in dims if d.id == item) / total
        dims = [
            d.model_copy(
                update={"weight": t if d.id == item else d.weight / total * (1 - t) / (1 - w)}
            )
            for d in dims
        ]
    else:
        moved = []
        for d in dims:
            ids = [c.id for c in d.criteria]
            if item in ids:
                total = sum(c.weight for c in d.criteria)
                w = next(c.weight for c in d.criteria if c.id == item) / total
                criteria = [
                    c.model_copy(
                        update={
                            "weight": t if c.id == item else c.weight / total * (1 - t) / (1 - w)
                        }
                    )
                    for c in d.criteria
                ]
                d = d.model_copy(update={"criteria": criteria})
            moved.append(d)
        dims = moved
    return pool._replace(criteria=pool.criteria.model_copy(update={"dimensions": dims}))


def first(pool: CandidatePool) -> list[str]:
    return [c.id for c in evaluate(pool).ranked if c.rank == 1]


SWAP = {
    "dimensions": [
        {"id": "P", "weight": 5, "criteria": [{"id": "p"}]},
        {"id": "Q", "weight": 3, "criteria": [{"id": "q"}]},
        {"id": "R", "weight": 2, "criteria": [{"id": "r"}]},
    ]
}
# x and y are the same candidate with their p and q ratings swapped
SWAP_ROWS = {
    "x": {"p": 5, "q": 2, "r": 3},
    "y": {"p": 2, "q": 5, "r": 3},
    "z": {"p": 1, "q": 1, "r": 1},
}


def test_a_swapped_pair_trades_places_exactly_at_the_critical_weight() -> None:
    pool = make_pool(SWAP, SWAP_ROWS)
    result = analyse(pool, samples=20)
    by_id = {w.id: w for w in result.critical_weights}
    # x leads while P's share exceeds Q's: P = t ties with Q = 0.3 (1 - t) / 0.5 at
    # t = 0.3 / 0.8; Q = t ties with P = 0.5 (1 - t) / 0.7 at t = 0.5 / 1.2
    assert by_id["P"].critical_weight == pytest.approx(0.375, abs=1e-12)
    assert by_id["Q"].critical_weight == pytest.approx(0.5 / 1.2, abs=1e-12)
    assert by_id["P"].method == by_id["Q"].method == "exact"
    assert by_id["P"].new_leader == by_id["Q"].new_leader == "y"
    assert by_id["P"].change == pytest.approx(0.375 - 0.5, abs=1e-12)
    # r is the same for both: moving R alone only ties them once R is nearly everything
    assert by_id["R"].critical_weight is None or by_id["R"].critical_weight > 0.9999
    for item in ("P", "Q"):
        t = by_id[item].critical_weight
        assert t is not None
        toward = 1 if by_id[item].change < 0 else -1  # type: ignore[operator]
        assert first(with_weight(pool, "dimension", item, t + toward * 1e-4)) == ["x"]
        assert first(with_weight(pool, "dimension", item, t - toward * 1e-4)) == ["y"]
        assert first(with_weight(pool, "dimension", item, t)) == ["x", "y"]


@pytest.mark.parametrize("example", [EXAMPLE, RATED_EXAMPLE], ids=["bundled", "rated"])
def test_critical_weights_of_the_example_are_where_evaluate_changes_its_leader(
    example: Path,
) -> None:
    pool = load_candidates(example)
    result = analyse(pool, samples=10, critical_criteria=True)
    leader = first(pool)
    checked = 0
    for w in result.critical_weights:
        if w.critical_weight is None or not 1e-3 < w.critical_weight < 1 - 1e-3:
            continue
        assert w.change is not None
        away = 1e-4 if w.change > 0 else -1e-4
        before = first(with_weight(pool, w.scope, w.id, w.critical_weight - away))
        after = first(with_weight(pool, w.scope, w.id, w.critical_weight + away))
        assert before == leader, w
        assert w.new_leader in after and after != leader, w
        checked += 1
    assert checked >= 3  # dimensions and criteria
    methods = {w.method for w in result.critical_weights}
    if example == RATED_EXAMPLE:  # one dimension exact, one through a moved shortlist
        assert {"exact", "bisection", "none"} <= methods


ratings_1_to_4 = st.integers(min_value=1, max_value=4)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(ratings_1_to_4, ratings_1_to_4, ratings_1_to_4, st.integers(0, 99)),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 2**32 - 1),
)
def test_a_dominant_candidate_ranks_first_under_any_weights(
    others: list[tuple[int, int, int, int]], seed: int
) -> None:
    criteria = {
        "dimensions": [
            {"id": "d1", "weight": 2, "criteria": [{"id": "a"}, {"id": "size", "kind": "measure"}]},
            {"id": "d2", "criteria": [{"id": "b"}, {"id": "cost", "direction": "cost"}]},
        ]
    }
    rows = {"best": {"a": 5, "size": 100, "b": 5, "cost": 1}}
    for i, (a, b, cost, size) in enumerate(others):
        rows[f"o{i}"] = {"a": a, "size": size, "b": b, "cost": cost + 1}
    result = analyse(make_pool(criteria, rows), samples=200, seed=seed, uninformed=True)
    best = result.candidates[0]
    assert best.id == "best"
    assert best.rank_acceptability[0] == 1.0
    assert best.confidence == 1.0
    assert best.rank_band == (1, 1)
    assert result.verdict is not None and result.verdict.label == "stable"
    assert all(c.first_rank == 0.0 for c in result.candidates[1:])
    rows_sum = result.rank_acceptability.sum(axis=1) + [c.unranked for c in result.candidates]
    assert np.allclose(rows_sum, 1.0)


def test_dirichlet_weights_have_the_documented_mean_and_variance() -> None:
    from partnerfit.sensitivity.sampling import WeightModel, sample_weights

    shares = np.array([0.5, 0.3, 0.2])
    within = np.array([0.25, 0.75, 1.0, 0.6, 0.4])
    model = WeightModel(shares, within, np.array([0, 0, 1, 2, 2]), 50.0)
    s, w = sample_weights(model, np.random.default_rng(3), 40_000)
    assert np.allclose(s.sum(axis=1), 1.0)
    assert np.allclose(w[:, :2].sum(axis=1), 1.0) and np.all(w[:, 2] == 1.0)
    # mean w, variance w (1 - w) / (K + 1)
    assert np.allclose(s.mean(axis=0), shares, atol=0.002)
    assert np.allclose(s.var(axis=0), shares * (1 - shares) / 51, rtol=0.05)
    assert np.allclose(w[:, 3].var(), 0.6 * 0.4 / 51, rtol=0.05)
    uniform = WeightModel(shares, within, np.array([0, 0, 1, 2, 2]), None)
    u, _ = sample_weights(uniform, np.random.default_rng(3), 40_000)
    # uniform on the 3-simplex: Dirichlet(1, 1, 1), mean 1/3, variance 2/36
    assert np.allclose(u.mean(axis=0), 1 / 3, atol=0.005)
    assert np.allclose(u.var(axis=0), 2 / 36, rtol=0.05)


def test_jittered_scores_stay_on_their_scale_with_the_documented_spread(tmp_path: Path) -> None:
    from partnerfit.sensitivity.sampling import confidences, sample_scores, score_model

    path = write_pool(
        tmp_path,
        """\
        scale: {min: 1, max: 5}
        dimensions:
          - id: d
            criteria:
              - {id: a}
              - {id: m, kind: measure, bounds: [0, 200]}
              - {id: f, kind: flag}
        """,
        """\
        - {id: x, scores: {a: {value: 3, confidence: high}, m: {value: 100, confidence: 0.2}, f: true}}
        - {id: y, scores: {a: {value: 5, confidence: 1}, m: 200, f: false}}
        """,
    )
    pool = load_candidates(path)
    problem, _ = build_problem(pool)
    model = score_model(problem, confidences(pool.candidates, ["a", "m", "f"], 0.5))
    # (1 - confidence) x 0.25 x range: high = 0.75 on 1..5 -> 0.25; 0.2 on 0..200 -> 40;
    # no confidence on 0..200 -> 0.5 default -> 25; confidence 1 -> 0; flags never
    assert model.sd.tolist() == [[0.25, 40.0, 0.0], [0.0, 25.0, 0.0]]
    values = sample_scores(model, np.random.default_rng(5), 20_000)
    assert values[:, :, 0].min() >= 1 and values[:, :, 0].max() <= 5
    assert values[:, :, 1].min() >= 0 and values[:, :, 1].max() <= 200
    assert np.all(values[:, 1, 0] == 5) and np.all(values[:, :, 2] == problem.values[:, 2])
    assert values[:, 0, 0].std() == pytest.approx(0.25, rel=0.03)
    assert values[:, 0, 1].std() == pytest.approx(40.0, rel=0.03)


def test_score_uncertainty_alone_with_full_confidence_changes_nothing(tmp_path: Path) -> None:
    path = write_pool(
        tmp_path,
        """\
        dimensions:
          - id: d
            criteria: [{id: a}, {id: b}]
        """,
        """\
        - {id: x, scores: {a: {value: 4, confidence: 1}, b: {value: 3, confidence: 1}}}
        - {id: y, scores: {a: {value: 3, confidence: 1}, b: {value: 3, confidence: 1}}}
        """,
    )
    result = analyse(load_candidates(path), samples=50, weights=False, scores=True)
    assert [c.rank_acceptability for c in result.candidates] == [(1.0, 0.0), (0.0, 1.0)]
    assert result.candidates[0].confidence == 1.0
    assert result.settings.concentration is None and not result.settings.weights


def test_central_weights_of_a_candidate_that_always_wins_are_the_mean_weights() -> None:
    pool = make_pool(SWAP, {"x": {"p": 5, "q": 5, "r": 5}, "y": {"p": 1, "q": 1, "r": 1}})
    result = analyse(pool, samples=4000, seed=9, critical=False)
    central = result.candidates[0].central_weights
    assert central is not None
    assert central.dimensions == pytest.approx({"P": 0.5, "Q": 0.3, "R": 0.2}, abs=0.005)
    assert result.candidates[1].central_weights is None
    assert result.critical_weights == ()


def test_rank_band_is_the_5th_and_95th_percentile_of_the_ranks() -> None:
    from partnerfit.sensitivity.analysis import _band

    # ranks 1 x 4, 2 x 90, 3 x 6 of 100: 5th percentile 2 (cumulative 0.94), 95th 3
    assert _band(np.array([4, 90, 6])) == (2, 3)
    assert _band(np.array([5, 90, 5])) == (1, 2)
    assert _band(np.array([0, 10, 0])) == (2, 2)


def test_single_item_levels_have_fixed_weights() -> None:
    result = analyse(make_pool(SWAP, SWAP_ROWS), samples=10, critical_criteria=True)
    fixed = [w.id for w in result.critical_weights if w.method == "fixed"]
    assert fixed == ["p", "q", "r"]  # each is the only criterion of its dimension


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([0.01, 3.0, 1000.0]), st.randoms(use_true_random=False))
def test_scaling_weights_or_reordering_candidates_changes_nothing(factor: float, rnd: Any) -> None:
    rows = {
        "a": {"p": 5, "q": 2, "r": 3},
        "b": {"p": 2, "q": 5, "r": 3},
        "c": {"p": 4, "q": 4, "r": 1},
        "d": {"p": 3, "q": 3, "r": 5},
    }
    base = to_document(analyse(make_pool(SWAP, rows), samples=300, seed=4, critical=False))
    scaled = {
        "dimensions": [
            {**d, "weight": d["weight"] * factor}
            for d in SWAP["dimensions"]  # type: ignore[attr-defined]
        ]
    }
    order = list(rows)
    rnd.shuffle(order)
    shuffled = {cid: rows[cid] for cid in order}
    again = analyse(make_pool(scaled, shuffled), samples=300, seed=4, critical=False)
    assert to_document(again) == base


def test_a_method_is_never_run_on_candidates_that_cannot_reach_its_stage(tmp_path: Path) -> None:
    # z has a zero, which the weighted product refuses (`--method weighted_product`, so the
    # file itself is valid); z never survives the desk review, where only `a` counts
    path = write_pool(
        tmp_path,
        """\
        dimensions:
          - id: d1
            criteria: [{id: a}]
          - id: d2
            criteria: [{id: m, kind: measure, bounds: [0, 10]}]
        stages:
          - id: desk
            dimensions: [d1]
            shortlist: {top: 2}
          - id: final
            method: weighted_sum
        """,
        """\
        - {id: x, scores: {a: 5, m: 4}}
        - {id: y, scores: {a: 4, m: 9}}
        - {id: z, scores: {a: 1, m: 0}}
        """,
    )
    from partnerfit.comparison import with_method

    result = analyse(with_method(load_candidates(path), "weighted_product"), samples=50)
    assert [c.id for c in result.candidates][:2] == ["y", "x"]
    assert result.candidates[2].unranked == 1.0


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    uninformed=st.booleans(),
    scores=st.booleans(),
)
def test_indices_are_consistent_whatever_the_options(
    pools: dict[str, CandidatePool], seed: int, uninformed: bool, scores: bool
) -> None:
    result = analyse(
        pools["weighted_sum"], samples=60, seed=seed, uninformed=uninformed, scores=scores,
        critical=False,
    )  # fmt: skip
    a = result.rank_acceptability
    assert np.allclose(a.sum(axis=1) + [c.unranked for c in result.candidates], 1.0)
    assert a[:, 0].sum() >= 1.0 - 1e-12  # someone ranks first in every sample (ties: more)
    for c in result.candidates:
        shares = list(c.stages.values())
        assert all(later <= earlier for earlier, later in itertools.pairwise(shares))
        assert shares[-1] == pytest.approx(1.0 - c.unranked)
        if c.rank_band is not None:
            low, high = c.rank_band
            assert 1 <= low <= high <= result.ranks
            assert c.mean_rank is not None and low - 1 < c.mean_rank < high + 1
        assert (c.central_weights is None) == (c.first_rank == 0.0)
        if c.central_weights is not None:
            assert sum(c.central_weights.dimensions.values()) == pytest.approx(1.0)


def test_uniform_weights_over_two_dimensions_give_the_hand_computed_acceptability() -> None:
    # w ~ U(0, 1) on A (1 - w on B): x = 100w wins above 0.6, y = 100(1 - w) below 0.4,
    # the compromise z = 60 in between; central weights are the means of those intervals
    criteria = {
        "dimensions": [
            {"id": "A", "criteria": [{"id": "a", "kind": "measure", "bounds": [0, 100]}]},
            {"id": "B", "criteria": [{"id": "b", "kind": "measure", "bounds": [0, 100]}]},
        ]
    }
    rows = {"x": {"a": 100, "b": 0}, "y": {"a": 0, "b": 100}, "z": {"a": 60, "b": 60}}
    result = analyse(make_pool(criteria, rows), samples=20_000, seed=1, uninformed=True)
    got = {c.id: c for c in result.candidates}
    # standard errors are at most sqrt(0.24 / 20000) = 0.0035: allow 4 of them
    assert got["x"].first_rank == pytest.approx(0.4, abs=0.014)
    assert got["y"].first_rank == pytest.approx(0.4, abs=0.014)
    assert got["z"].first_rank == pytest.approx(0.2, abs=0.014)
    # z is never last: it beats whichever of x, y is behind (P(3) of z = 0)
    assert got["z"].rank_acceptability[2] == 0.0
    assert got["x"].central_weights is not None and got["z"].central_weights is not None
    assert got["x"].central_weights.dimensions["A"] == pytest.approx(0.8, abs=0.005)
    assert got["z"].central_weights.dimensions["A"] == pytest.approx(0.5, abs=0.005)
    # at the stated w = 0.5, z leads (60 against 50); y ties it at w = 0.4 and x at 0.6,
    # equally far: the decrease is reported
    by_id = {w.id: w for w in result.critical_weights}
    assert by_id["A"].critical_weight == pytest.approx(0.4, abs=1e-12)
    assert by_id["A"].method == "exact" and by_id["A"].new_leader == "y"


def test_a_very_high_concentration_keeps_the_stated_ranking() -> None:
    result = analyse(make_pool(SWAP, SWAP_ROWS), samples=500, concentration=1e6, critical=False)
    assert [c.rank_acceptability for c in result.candidates] == [
        (1.0, 0.0, 0.0),
        (0.0, 1.0, 0.0),
        (0.0, 0.0, 1.0),
    ]
