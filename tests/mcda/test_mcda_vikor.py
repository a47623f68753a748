"""VIKOR against published examples."""

import numpy as np
import pytest

from partnerfit.mcda.vikor import vikor

PAPATHANASIOU_MATRIX = [
    [8, 7, 2, 1],
    [5, 3, 7, 5],
    [7, 5, 6, 4],
    [9, 9, 7, 3],
    [11, 10, 3, 7],
    [6, 9, 5, 4],
]


def test_opricovic_tzeng_2004_example() -> None:
    # Opricovic & Tzeng (2004), "Compromise solution by MCDM methods: A comparative analysis
    # of VIKOR and TOPSIS", EJOR 156(2) 445-455, numerical example (risk = cost, altitude =
    # benefit, equal weights): S = .5 .375 .5, R = .5 .25 .5, Q = 1 0 1, C1 and C2 hold,
    # compromise solution A2. Values as quoted in scikit-criteria tests/agg/test_vikor.py.
    result = vikor([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], np.array([False, True]))
    np.testing.assert_allclose(result.s, [0.5, 0.375, 0.5])
    np.testing.assert_allclose(result.r, [0.5, 0.25, 0.5])
    np.testing.assert_allclose(result.q, [1.0, 0.0, 1.0])
    assert result.acceptable_advantage and result.acceptable_stability
    assert result.compromise_set == (1,)
    assert result.ranks.tolist() == [2, 1, 2]
    assert result.dq == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("weights", "r", "s", "q", "ranks", "advantage", "compromise"),
    [
        (
            [1, 1, 1, 1, 1, 1, 1, 1],
            [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
            [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
            [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
            [5, 6, 2, 4, 1, 3],
            True,
            (4,),
        ),
        (
            [2, 2, 2, 2, 1, 1, 1, 1],
            [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
            [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
            [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
            [6, 2, 3, 4, 1, 5],
            True,
            (4,),
        ),
        (
            [1, 1, 1, 1, 2, 2, 2, 2],
            [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
            [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
            [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
            [5, 6, 2, 4, 1, 3],
            False,
            (4, 2, 5),
        ),
        (
            [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
            [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
            [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
            [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
            [5, 6, 1, 4, 2, 3],
            False,
            (2, 4, 5),
        ),
    ],
    ids=["W1", "W2", "W3", "W4"],
)
def test_opricovic_tzeng_2007_hydropower(
    weights: list[float],
    r: list[float],
    s: list[float],
    q: list[float],
    ranks: list[int],
    advantage: bool,
    compromise: tuple[int, ...],
) -> None:
    # Opricovic & Tzeng (2007), "Extended VIKOR method in comparison with outranking
    # methods", EJOR 178(2) 514-529: six hydropower alternatives, eight criteria, four
    # weight sets W1..W4; S, R, Q to 3 d.p. (as quoted in scikit-criteria test_vikor.py).
    matrix = [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
    benefit = np.array([True, False, True, True, False, False, False, True])
    w = np.asarray(weights, dtype=float)
    result = vikor(matrix, w / w.sum(), benefit)
    np.testing.assert_allclose(result.r, r, atol=1e-3)
    np.testing.assert_allclose(result.s, s, atol=1e-3)
    np.testing.assert_allclose(result.q, q, atol=1e-3)
    assert result.ranks.tolist() == ranks
    assert result.acceptable_advantage is advantage
    assert result.acceptable_stability is True
    assert result.compromise_set == compromise


def test_papathanasiou_ploskas_2018_v0625() -> None:
    # Papathanasiou & Ploskas (2018), "Multiple Criteria Decision Aid", Springer, ch. VIKOR,
    # facility location example with v = 0.625: Q = .640 1.000 .693 .271 .000 .694
    # (as quoted in pyrepo-mcda tests/test_mcda_methods.py).
    result = vikor(PAPATHANASIOU_MATRIX, [0.4, 0.3, 0.1, 0.2], np.ones(4, dtype=bool), v=0.625)
    np.testing.assert_allclose(result.q, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], atol=5e-4)


def test_invalid_v() -> None:
    for v in (-0.1, 1.1):
        with pytest.raises(ValueError, match="v must lie"):
            vikor([[1.0]], [1.0], np.array([True]), v=v)


def test_degenerate_cases_have_no_nan() -> None:
    # Two candidates with equal S and R: both Q terms are 0, with warnings, and a
    # constant criterion is reported by index.
    result = vikor([[1.0, 0.0, 3.0], [0.0, 1.0, 3.0]], [0.4, 0.4, 0.2], np.ones(3, dtype=bool))
    assert np.all(np.isfinite(result.q))
    assert any("criterion 2" in w for w in result.warnings)
    assert any("S (group utility)" in w for w in result.warnings)
    single = vikor([[1.0, 2.0]], [0.5, 0.5], np.array([True, False]))
    assert single.compromise_set == (0,)
    np.testing.assert_allclose(single.q, [0.0])
