"""Size ratio with logarithmic fall-off, and balance of exchange (see docs/relational-fit.md)."""

import math

import numpy as np
import pytest

from partnerfit.relational import balance, ratio

LOG10_2 = math.log(2) / math.log(10)  # 0.30103: share of the fall-off used at 2x beyond


def test_ratio_band_and_log_falloff_at_known_points() -> None:
    # Ours = 100, band (0.5, 2), falloff 10: zero at 10x beyond either edge.
    values = [100, 50, 200, 400, 25, 200 * math.sqrt(10), 2000, 5000, 5, 0, -3, np.nan]
    result = ratio(values, 100.0, band=(0.5, 2.0), falloff=10.0)
    expected = [
        100.0,  # r = 1
        100.0,  # r = 0.5, lower edge
        100.0,  # r = 2, upper edge
        100 * (1 - LOG10_2),  # r = 4: 2x above the edge -> 69.897
        100 * (1 - LOG10_2),  # r = 0.25: 2x below the edge, same as 2x above
        50.0,  # r = 2 * sqrt(10): half-way, on a log scale, to 10x beyond
        0.0,  # r = 20: 10x beyond
        0.0,  # r = 50: clamped at 0
        0.0,  # r = 0.05: 10x below
        0.0,  # value 0: documented 0
        0.0,  # negative value: documented 0
        np.nan,  # missing
    ]
    np.testing.assert_allclose(result.scores, expected, atol=1e-9, equal_nan=True)
    np.testing.assert_array_equal(result.below_band, [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0])
    np.testing.assert_array_equal(result.above_band, [0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(result.missing, [0] * 11 + [1])
    assert result.ratios[3] == 4.0


def test_ratio_default_falloff_is_ten() -> None:
    assert ratio([2000.0], 100.0, band=(0.5, 2.0)).scores[0] == pytest.approx(0.0, abs=1e-9)


def test_ratio_point_band() -> None:
    # band (1, 1), falloff 4: r = 2 is half the log distance to 4x -> 50
    assert ratio([2.0], 1.0, band=(1.0, 1.0), falloff=4.0).scores[0] == pytest.approx(50.0)


def test_ratio_extreme_values_do_not_warn() -> None:
    result = ratio([1e308, 1e-300], 1e-10, band=(0.5, 2.0))
    np.testing.assert_array_equal(result.scores, [0.0, 0.0])


@pytest.mark.parametrize(
    ("our_value", "band", "falloff", "message"),
    [
        (0.0, (0.5, 2.0), 10.0, "our_value must be > 0"),
        (-5.0, (0.5, 2.0), 10.0, "our_value must be > 0"),
        (math.inf, (0.5, 2.0), 10.0, "our_value must be finite"),
        (math.nan, (0.5, 2.0), 10.0, "our_value must be finite"),
        (1.0, (2.0, 0.5), 10.0, "0 < lo <= hi"),
        (1.0, (0.0, 2.0), 10.0, "0 < lo <= hi"),
        (1.0, (0.5, math.inf), 10.0, "band hi must be finite"),
        (1.0, (0.5, 2.0), 1.0, "falloff must be > 1"),
    ],
)
def test_ratio_validation(
    our_value: float, band: tuple[float, float], falloff: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ratio([1.0], our_value, band, falloff)


def test_ratio_rejects_infinite_candidate() -> None:
    with pytest.raises(ValueError, match="infinity"):
        ratio([np.inf], 1.0, band=(0.5, 2.0))


def test_balance_min_over_max() -> None:
    result = balance([10.0, 10.0, 2.0, 0.0, 0.0, np.nan], [10.0, 5.0, 8.0, 0.0, 4.0, 1.0])
    np.testing.assert_array_equal(result.scores, [100.0, 50.0, 25.0, 0.0, 0.0, np.nan])
    np.testing.assert_array_equal(result.we_gain_more, [False, False, True, False, True, False])
    np.testing.assert_array_equal(result.missing, [False] * 5 + [True])


def test_balance_is_symmetric_and_broadcasts_scalars() -> None:
    forward = balance([3.0, 12.0], 6.0)
    backward = balance(6.0, [3.0, 12.0])
    np.testing.assert_array_equal(forward.scores, [50.0, 50.0])
    np.testing.assert_array_equal(backward.scores, forward.scores)
    assert balance(4.0, 1.0).scores.shape == (1,)


@pytest.mark.parametrize(("give", "receive"), [(-1.0, 1.0), (1.0, -0.5), (np.inf, 1.0)])
def test_balance_rejects_negative_or_infinite_totals(give: float, receive: float) -> None:
    with pytest.raises(ValueError, match="we_"):
        balance(give, receive)


def test_ratio_non_positive_candidate_scores_zero_even_near_band() -> None:
    # With ours = 1 a placeholder ratio of 1 would sit inside the band: must still be 0.
    result = ratio([0.0, -2.0], 1.0, band=(0.5, 2.0))
    np.testing.assert_array_equal(result.scores, [0.0, 0.0])
    np.testing.assert_array_equal(result.below_band, [True, True])
