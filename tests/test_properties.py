"""Invariants of the engine, checked on generated candidate pools."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from partnerfit.evaluation import Evaluation, evaluate
from partnerfit.inputs import CandidatePool
from partnerfit.models import Candidate, CriteriaSet
from partnerfit.render import json_format

CRITERIA = ["a", "b", "size", "risk"]

ratings = st.integers(min_value=10, max_value=50).map(lambda v: v / 10)
weights = st.integers(min_value=1, max_value=100).map(float)


def criteria_set(w: list[float], size_bounds: list[float] | None = None) -> CriteriaSet:
    size: dict[str, Any] = {"id": "size", "kind": "measure", "weight": w[2]}
    if size_bounds is not None:
        size["bounds"] = size_bounds
    return CriteriaSet.model_validate(
        {
            "partnerfit": 1,
            "kind": "criteria",
            "id": "prop",
            "dimensions": [
                {"id": "d1", "weight": w[0], "criteria": [
                    {"id": "a", "weight": w[1]},
                    size,
                ]},
                {"id": "d2", "weight": w[3], "criteria": [
                    {"id": "b", "weight": w[4]},
                    {"id": "risk", "kind": "measure", "direction": "cost", "weight": w[5],
                     "bounds": [0, 10]},
                ]},
            ],
            "stages": [{"id": "desk", "dimensions": ["d1"], "shortlist": {"top": 3}}, {"id": "final"}],
        }
    )  # fmt: skip


candidate_scores = st.fixed_dictionaries(
    {
        "a": ratings,
        "b": ratings,
        "size": st.integers(min_value=0, max_value=1000).map(float),
        "risk": st.integers(min_value=0, max_value=12).map(float),
    }
)
pools = st.tuples(
    st.lists(weights, min_size=6, max_size=6),
    st.lists(candidate_scores, min_size=1, max_size=8),
)


def pool(
    w: list[float],
    rows: list[dict[str, float]],
    order: list[int] | None = None,
    size_bounds: list[float] | None = None,
) -> CandidatePool:
    candidates = [
        Candidate.model_validate({"id": f"c{i}", "scores": row}) for i, row in enumerate(rows)
    ]
    if order is not None:
        candidates = [candidates[i] for i in order]
    return CandidatePool(
        "candidates.yaml", "criteria.yaml", criteria_set(w, size_bounds), tuple(candidates)
    )


def ranks(result: Evaluation) -> dict[str, Any]:
    return {c.id: (c.status, c.rank) for c in result.candidates}


@settings(max_examples=60, deadline=None)
@given(pools, st.sampled_from([0.001, 0.5, 3.0, 1000.0]))
def test_scaling_every_weight_leaves_ranks_unchanged(data: Any, factor: float) -> None:
    w, rows = data
    before = evaluate(pool(w, rows))
    after = evaluate(pool([x * factor for x in w], rows))
    assert ranks(after) == ranks(before)


@settings(max_examples=60, deadline=None)
@given(pools, st.randoms(use_true_random=False))
def test_reordering_candidates_gives_byte_identical_json(data: Any, rnd: Any) -> None:
    w, rows = data
    order = list(range(len(rows)))
    rnd.shuffle(order)
    assert json_format.render(evaluate(pool(w, rows, order))) == json_format.render(
        evaluate(pool(w, rows))
    )


@settings(max_examples=80, deadline=None)
@given(pools, st.sampled_from(["a", "b", "size"]), st.integers(min_value=0, max_value=7))
def test_raising_a_benefit_score_never_lowers_the_total(
    data: Any, criterion: str, who: int
) -> None:
    # With fixed bounds. Min-max over the field is excluded on purpose: there, raising one
    # score can change who reaches a later stage and so that stage's bounds (docs/scoring.md).
    w, rows = data
    bounds = [0.0, 1e6]
    who = who % len(rows)
    before = evaluate(pool(w, rows, size_bounds=bounds)).candidate(f"c{who}")
    raised = [dict(r) for r in rows]
    step = 100.0 if criterion == "size" else 0.5
    ceiling = 1e6 if criterion == "size" else 5.0
    raised[who][criterion] = min(ceiling, raised[who][criterion] + step)
    after = evaluate(pool(w, raised, size_bounds=bounds)).candidate(f"c{who}")
    for stage, score in before.stage_scores.items():
        if stage in after.stage_scores:
            assert after.stage_scores[stage] >= score - 1e-9
    if before.status == "ranked":
        assert after.status == "ranked"
        assert after.total is not None and before.total is not None
        assert after.total >= before.total - 1e-9


@settings(max_examples=40, deadline=None)
@given(pools)
def test_totals_lie_in_0_100_and_contributions_add_up(data: Any) -> None:
    w, rows = data
    for c in evaluate(pool(w, rows)).ranked:
        assert c.total is not None and 0.0 <= c.total <= 100.0
        assert abs(sum(s.contribution or 0.0 for s in c.criteria) - c.total) < 1e-4
