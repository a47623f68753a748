"""TOPSIS against published examples."""

import numpy as np
import pytest

from partnerfit.mcda.topsis import topsis


def test_tzeng_huang_2011_vector_normalisation() -> None:
    # Tzeng & Huang (2011), "Multiple Attribute Decision Making: Methods and Applications",
    # CRC Press, TOPSIS example (as quoted in scikit-criteria tests/agg/test_topsis.py):
    # closeness 0.5037, 0.6581, 0.7482, 0.3340.
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    result = topsis(matrix, [0.3, 0.4, 0.3], np.ones(3, dtype=bool))
    np.testing.assert_allclose(result.closeness, [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-4)
    np.testing.assert_allclose(result.scores, 100 * result.closeness)
    assert result.ranking.tolist() == [2, 1, 0, 3]


def test_ersoy_2021_equipment_selection_with_cost_criteria() -> None:
    # Ersoy (2021), "Equipment selection for an e-commerce company using entropy-based
    # TOPSIS, EDAS and CODAS methods during the COVID-19", LogForum 17(3): entropy weights
    # 0.405 0.221 0.134 0.199 0.007 0.034, last two criteria are costs, closeness
    # 0.308 0.254 0.327 0.263 0.857 0.192. The paper rounds weights and intermediate
    # tables, so agreement is to 1e-3 (2 d.p. exact).
    matrix = [
        [256, 8, 41, 1.6, 1.77, 7347.16],
        [256, 8, 32, 1.0, 1.8, 6919.99],
        [256, 8, 53, 1.6, 1.9, 8400],
        [256, 8, 41, 1.0, 1.75, 6808.9],
        [512, 8, 35, 1.6, 1.7, 8479.99],
        [256, 4, 35, 1.6, 1.7, 7499.99],
    ]
    weights = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]
    benefit = np.array([True, True, True, True, False, False])
    result = topsis(matrix, weights, benefit)
    expected = [0.308, 0.254, 0.327, 0.263, 0.857, 0.192]
    np.testing.assert_allclose(result.closeness, expected, atol=1e-3)
    assert result.ranking.tolist() == [4, 2, 0, 3, 1, 5]
    # Column 0 is not constant (512), so no warning for it; none are constant here.
    assert result.warnings == ()


def test_opricovic_tzeng_2004_minmax() -> None:
    # Opricovic & Tzeng (2004), EJOR 156(2) 445-455, two-criterion example (risk is a
    # cost); TOPSIS closeness 0.500, 0.617, 0.500 as quoted by pymcdm's test suite
    # (test/test_mcdm.py), which uses linear min-max normalisation.
    result = topsis(
        [[1, 3000], [2, 3750], [5, 4500]],
        [0.5, 0.5],
        np.array([False, True]),
        normalization="minmax",
    )
    np.testing.assert_allclose(result.closeness, [0.500, 0.617, 0.500], atol=5e-4)


def test_ideal_uses_min_for_cost_criteria() -> None:
    result = topsis([[1.0, 10.0], [2.0, 20.0]], [0.5, 0.5], np.array([True, False]))
    assert result.ideal[0] == result.weighted[:, 0].max()
    assert result.ideal[1] == result.weighted[:, 1].min()
    assert result.anti_ideal[1] == result.weighted[:, 1].max()


def test_constant_column_and_single_candidate() -> None:
    result = topsis([[1.0, 3.0], [2.0, 3.0]], [0.5, 0.5], np.array([True, True]), "minmax")
    assert any("criterion 1" in w for w in result.warnings)
    assert np.all(np.isfinite(result.scores))
    single = topsis([[1.0, 3.0]], [0.5, 0.5], np.array([True, False]))
    np.testing.assert_allclose(single.scores, [50.0])
    assert any("neutral" in w for w in single.warnings)


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError, match="normalization"):
        topsis([[1.0]], [1.0], np.array([True]), normalization="sum")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sum to 1"):
        topsis([[1.0, 2.0]], [0.5, 0.6], np.array([True, True]))
    with pytest.raises(ValueError, match="non-finite"):
        topsis([[1.0, np.nan]], [0.5, 0.5], np.array([True, True]))
