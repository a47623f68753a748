"""Assessor aggregation, disagreement flags and confidence levels."""

import math

import numpy as np
import pytest

from partnerfit.relational import aggregate_assessors, confidence_value, disagreements

NAN = np.nan
SCORES = np.array(
    [
        [70, 90, 80, NAN],  # sorted 70 80 90
        [60, NAN, 100, 90],  # sorted 60 90 100
        [NAN, 50, NAN, NAN],  # one assessor
        [NAN, NAN, NAN, NAN],  # nobody scored
        [40, 10, 30, 20],  # even count: median of 20 and 30
    ]
)
SPREAD = [20.0, 40.0, 0.0, NAN, 30.0]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("median", [80.0, 90.0, 50.0, NAN, 25.0]),
        ("mean", [80.0, 250 / 3, 50.0, NAN, 25.0]),
        ("min", [70.0, 60.0, 50.0, NAN, 10.0]),
    ],
)
def test_aggregate_assessors(method: str, expected: list[float]) -> None:
    aggregate, spread = aggregate_assessors(SCORES, method)  # type: ignore[arg-type]
    np.testing.assert_allclose(aggregate, expected, rtol=1e-12, equal_nan=True)
    np.testing.assert_array_equal(spread, SPREAD)


def test_aggregate_default_is_median() -> None:
    assert aggregate_assessors([[1.0, 2.0, 9.0]]).aggregate[0] == 2.0


def test_aggregate_without_assessors_is_missing() -> None:
    aggregate, spread = aggregate_assessors(np.empty((2, 0)))
    assert np.isnan(aggregate).all()
    assert np.isnan(spread).all()


def test_aggregate_rejects_unknown_method_and_infinity() -> None:
    with pytest.raises(ValueError, match="method"):
        aggregate_assessors(SCORES, "max")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="infinity"):
        aggregate_assessors([[1.0, np.inf]])


def test_disagreements_flag_spread_strictly_above_threshold() -> None:
    np.testing.assert_array_equal(disagreements(SPREAD, 25.0), [False, True, False, False, True])
    # 30 does not exceed 30; a NaN spread (nobody scored) is never a disagreement.
    np.testing.assert_array_equal(disagreements(SPREAD, 30.0), [False, True, False, False, False])
    with pytest.raises(ValueError, match="threshold"):
        disagreements(SPREAD, -1.0)


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("low", 0.25),
        ("medium", 0.5),
        ("high", 0.75),
        (" High ", 0.75),
        (0.9, 0.9),
        (1, 1.0),
        (0, 0.0),
    ],
)
def test_confidence_value(level: str | float, expected: float) -> None:
    assert confidence_value(level) == expected


@pytest.mark.parametrize("level", ["very high", "", 1.5, -0.1, math.nan, True, None])
def test_confidence_value_rejects(level: object) -> None:
    with pytest.raises(ValueError, match="confidence"):
        confidence_value(level)  # type: ignore[arg-type]
