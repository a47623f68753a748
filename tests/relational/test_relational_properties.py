"""Property-based checks of the relational-fit formulas."""

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from partnerfit.relational import (
    aggregate_assessors,
    alignment,
    balance,
    coverage,
    overlap,
    ratio,
    similarity,
)

settings.register_profile("relational", max_examples=60, deadline=None)
settings.load_profile("relational")

shapes = st.tuples(st.integers(0, 12), st.integers(1, 10))


@st.composite
def capabilities_and_importance(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    rows, columns = draw(shapes)
    capabilities = draw(hnp.arrays(np.bool_, (rows, columns)))
    importance = draw(
        hnp.arrays(
            np.float64,
            columns,
            elements=st.one_of(st.just(0.0), st.floats(1e-6, 1e6)),
        ).filter(lambda values: bool((values > 0).any()))
    )
    return capabilities, importance


@given(capabilities_and_importance(), st.data())
def test_adding_a_needed_capability_never_lowers_coverage(
    inputs: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    capabilities, importance = inputs
    need = data.draw(st.sampled_from(np.flatnonzero(importance > 0).tolist()))
    before = coverage(capabilities, importance).scores
    more = capabilities.copy()
    more[:, need] = True
    after = coverage(more, importance).scores
    assert (after >= before).all()


@given(capabilities_and_importance(), st.data())
def test_set_scores_are_finite_and_within_0_100(
    inputs: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    capabilities, importance = inputs
    ours = data.draw(hnp.arrays(np.bool_, capabilities.shape[1]))
    for scores in (
        coverage(capabilities, importance).scores,
        overlap(capabilities, ours).scores,
        alignment(capabilities, ours).scores,
    ):
        assert np.isfinite(scores).all()
        assert ((scores >= 0) & (scores <= 100)).all()


@st.composite
def culture_setup(draw: st.DrawFn) -> dict[str, np.ndarray]:
    dimensions = draw(st.integers(1, 8))
    low = draw(hnp.arrays(np.float64, dimensions, elements=st.floats(-100, 100)))
    span = draw(hnp.arrays(np.float64, dimensions, elements=st.floats(0.01, 100)))
    position = draw(hnp.arrays(np.float64, dimensions, elements=st.floats(0, 1)))
    tolerance_share = draw(hnp.arrays(np.float64, dimensions, elements=st.floats(0, 1)))
    weights = draw(
        hnp.arrays(np.float64, dimensions, elements=st.floats(0, 10)).filter(
            lambda w: bool((w > 0).any())
        )
    )
    return {
        "low": low,
        "span": span,
        "ours": low + position * span,
        "tolerance": tolerance_share * span,
        "weights": weights,
    }


@given(culture_setup(), st.integers(1, 5))
def test_identical_culture_scores_100(setup: dict[str, np.ndarray], rows: int) -> None:
    candidates = np.tile(setup["ours"], (rows, 1))
    result = similarity(
        candidates, setup["ours"], setup["span"], setup["tolerance"], setup["weights"]
    )
    np.testing.assert_array_equal(result.scores, np.full(rows, 100.0))


@given(culture_setup(), st.data())
def test_similarity_within_0_100_or_missing(
    setup: dict[str, np.ndarray], data: st.DataObject
) -> None:
    rows = data.draw(st.integers(0, 6))
    dimensions = setup["span"].size
    share = data.draw(
        hnp.arrays(
            np.float64, (rows, dimensions), elements=st.one_of(st.floats(0, 1), st.just(np.nan))
        )
    )
    candidates = setup["low"] + share * setup["span"]
    result = similarity(
        candidates, setup["ours"], setup["span"], setup["tolerance"], setup["weights"]
    )
    present = ~result.all_missing
    assert np.isnan(result.scores[result.all_missing]).all()
    assert np.isfinite(result.scores[present]).all()
    assert ((result.scores[present] >= 0) & (result.scores[present] <= 100)).all()


@given(
    hnp.arrays(np.float64, st.integers(0, 20), elements=st.floats(-1e6, 1e12)),
    st.floats(1e-6, 1e9),
    st.floats(1e-3, 10),
    st.floats(1, 100),
    st.floats(1.0001, 1e3),
)
def test_ratio_scores_finite_and_within_0_100(
    values: np.ndarray, ours: float, low: float, width: float, falloff: float
) -> None:
    scores = ratio(values, ours, (low, low * width), falloff).scores
    assert np.isfinite(scores).all()
    assert ((scores >= 0) & (scores <= 100)).all()


@given(
    hnp.arrays(np.float64, 8, elements=st.floats(0, 1e12)),
    hnp.arrays(np.float64, 8, elements=st.floats(0, 1e12)),
)
def test_balance_within_0_100_and_symmetric(give: np.ndarray, receive: np.ndarray) -> None:
    scores = balance(give, receive).scores
    assert np.isfinite(scores).all()
    assert ((scores >= 0) & (scores <= 100)).all()
    np.testing.assert_array_equal(scores, balance(receive, give).scores)


assessor_tables = st.tuples(st.integers(0, 8), st.integers(1, 6)).flatmap(
    lambda shape: hnp.arrays(
        np.float64, shape, elements=st.one_of(st.floats(0, 100), st.just(np.nan))
    )
)


@given(assessor_tables, st.randoms(use_true_random=False))
def test_swapping_assessor_order_changes_nothing(
    table: np.ndarray, shuffler: random.Random
) -> None:
    order = list(range(table.shape[1]))
    shuffler.shuffle(order)
    shuffled = table[:, order]
    for method in ("median", "mean", "min"):
        original = aggregate_assessors(table, method)
        swapped = aggregate_assessors(shuffled, method)
        np.testing.assert_array_equal(swapped.aggregate, original.aggregate)
        np.testing.assert_array_equal(swapped.spread, original.spread)


@given(assessor_tables)
def test_aggregate_lies_between_min_and_max_of_present_scores(table: np.ndarray) -> None:
    present = ~np.isnan(table)
    for method in ("median", "mean", "min"):
        aggregate, spread = aggregate_assessors(table, method)
        for row in range(table.shape[0]):
            scored = table[row][present[row]]
            if scored.size == 0:
                assert np.isnan(aggregate[row]) and np.isnan(spread[row])
            else:
                assert scored.min() <= aggregate[row] <= scored.max()
                assert spread[row] == scored.max() - scored.min()
