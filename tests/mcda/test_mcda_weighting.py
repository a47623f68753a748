"""Weight elicitation against published examples."""

import numpy as np
import pytest

from partnerfit.mcda.weighting import (
    SAATY_RANDOM_INDEX,
    ahp_matrix_from_judgements,
    ahp_weights,
    critic_weights,
    entropy_weights,
    points_weights,
    rank_order_weights,
)

# Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1) 83-98, Table 2: relative consumption of drinks in the United States.
# Judgements as transcribed in AHPy tests/test_ahp.py.
DRINK_ORDER = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINK_JUDGEMENTS = [
    ("coffee", "wine", 9), ("coffee", "tea", 5), ("coffee", "beer", 2), ("coffee", "soda", 1),
    ("coffee", "milk", 1), ("water", "coffee", 2), ("water", "wine", 9), ("water", "tea", 9),
    ("water", "beer", 3), ("water", "soda", 2), ("water", "milk", 3), ("tea", "wine", 3),
    ("beer", "wine", 9), ("beer", "tea", 3), ("beer", "milk", 1), ("soda", "wine", 9),
    ("soda", "tea", 4), ("soda", "beer", 2), ("soda", "milk", 2), ("milk", "wine", 9),
    ("milk", "tea", 3),
]  # fmt: skip


def test_saaty_2008_drinks_eigenvector_and_cr() -> None:
    # Saaty (2008), Table 2: eigenvector .177 .019 .042 .116 .190 .129 .327, C.R. = .022.
    built = ahp_matrix_from_judgements(DRINK_ORDER, DRINK_JUDGEMENTS)
    assert built.completed == ()
    result = ahp_weights(built.matrix)
    expected = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    np.testing.assert_allclose(result.weights, expected, atol=5e-4)
    assert result.consistency_ratio is not None
    assert result.consistency_ratio == pytest.approx(0.022, abs=5e-4)
    assert result.random_index_table == "saaty"
    assert result.random_index == 1.32
    assert result.most_inconsistent is not None
    i, j = result.most_inconsistent
    assert result.suggested_value == pytest.approx(result.weights[i] / result.weights[j])


def test_papathanasiou_ploskas_2018_ahp_hierarchy() -> None:
    # Papathanasiou & Ploskas (2018), "Multiple Criteria Decision Aid", Springer, ch. 5 AHP:
    # criteria matrix and four alternative matrices; global priorities
    # .117 .071 .095 .212 .350 .155 (as quoted in pyrepo-mcda tests/test_mcda_methods_2.py).
    criteria = np.array(
        [[1, 1, 5, 3], [1, 1, 5, 3], [1 / 5, 1 / 5, 1, 1 / 3], [1 / 3, 1 / 3, 3, 1]]
    )
    alternatives = [
        [[1, 5, 1, 1, 1/3, 3], [1/5, 1, 1/3, 1/5, 1/7, 1], [1, 3, 1, 1/3, 1/5, 1],
         [1, 5, 3, 1, 1/3, 3], [3, 7, 5, 3, 1, 7], [1/3, 1, 1, 1/3, 1/7, 1]],
        [[1, 7, 3, 1/3, 1/3, 1/3], [1/7, 1, 1/3, 1/7, 1/9, 1/7], [1/3, 3, 1, 1/5, 1/5, 1/5],
         [3, 7, 5, 1, 1, 1], [3, 9, 5, 1, 1, 1], [3, 7, 5, 1, 1, 1]],
        [[1, 1/9, 1/7, 1/9, 1, 1/5], [9, 1, 1, 1, 5, 3], [7, 1, 1, 1, 5, 1],
         [9, 1, 1, 1, 7, 3], [1, 1/5, 1/5, 1/7, 1, 1/3], [5, 1/3, 1, 1/3, 3, 1]],
        [[1, 1/5, 1/5, 1/3, 1/7, 1/5], [5, 1, 1, 3, 1/3, 1], [5, 1, 1, 1, 1/3, 1],
         [3, 1/3, 1, 1, 1/7, 1], [7, 3, 3, 7, 1, 5], [5, 1, 1, 1, 1/5, 1]],
    ]  # fmt: skip
    criterion_weights = ahp_weights(criteria).weights
    local = np.column_stack([ahp_weights(np.array(m)).weights for m in alternatives])
    np.testing.assert_allclose(
        local @ criterion_weights, [0.117, 0.071, 0.095, 0.212, 0.350, 0.155], atol=5e-4
    )


def test_bozoki_fulop_ronyai_2010_incomplete_4x4() -> None:
    # Bozoki, Fulop & Ronyai (2010), "On optimal completions of incomplete pairwise
    # comparison matrices", Math. Comput. Modelling 52, 318-333, Example 3: one missing
    # element x = a_cd; the paper's lambda_max-optimal x = 0.7302965066047, which it says
    # agrees with van Uden's sqrt(2/5 * 4/3) = 0.73029674334 "up to 6 digits".
    # Note: the exact optimum of this example is sqrt(8/15) = 0.7302967433 (the slope of
    # lambda_max vanishes there and lambda_max is lower than at the printed value), so
    # the paper's 13-digit figure is accurate to about 6 significant digits; we check 6.
    built = ahp_matrix_from_judgements(
        list("abcd"),
        [("a", "b", 1), ("a", "c", 5), ("a", "d", 2), ("b", "c", 3), ("b", "d", 4)],
    )
    assert built.completed == (("c", "d"),)
    assert built.completed_cells == ((2, 3),)
    assert built.completion_method == "bozoki-fulop-ronyai-2010-lambda-max"
    assert built.matrix[2, 3] == pytest.approx(0.7302965066047, rel=1e-6)
    assert built.matrix[3, 2] == pytest.approx(1 / built.matrix[2, 3])
    # Cross-check, not a published value: AHPy (PhilipGriffith/AHPy tests) reports
    # weights .3738 .392 .0985 .1357 for the completed matrix.
    np.testing.assert_allclose(
        ahp_weights(built.matrix).weights, [0.3738, 0.392, 0.0985, 0.1357], atol=5e-4
    )


def test_completion_of_a_consistent_matrix_recovers_it() -> None:
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    judgements = [
        ("a", "b", 4 / 3), ("a", "c", 2.0), ("b", "c", 1.5), ("c", "d", 2.0),
    ]  # fmt: skip
    built = ahp_matrix_from_judgements(list("abcd"), judgements)
    np.testing.assert_allclose(built.matrix, weights[:, None] / weights[None, :], rtol=1e-9)
    result = ahp_weights(built.matrix)
    np.testing.assert_allclose(result.weights, weights, rtol=1e-9)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)


def test_judgement_errors_name_the_culprits() -> None:
    with pytest.raises(ValueError, match=r"\('a', 'b', 3\).*\('b', 'a', 3\)"):
        ahp_matrix_from_judgements(list("ab"), [("a", "b", 3), ("b", "a", 3)])
    with pytest.raises(ValueError, match=r"\('a', 'b', 3\).*\('a', 'b', 5\)"):
        ahp_matrix_from_judgements(list("ab"), [("a", "b", 3), ("a", "b", 5)])
    # A consistent repeat in the other direction is accepted.
    ok = ahp_matrix_from_judgements(list("ab"), [("a", "b", 3), ("b", "a", 1 / 3)])
    assert ok.matrix[0, 1] == pytest.approx(3.0)
    with pytest.raises(ValueError, match="Saaty's scale"):
        ahp_matrix_from_judgements(list("ab"), [("a", "b", 12)])
    with pytest.raises(ValueError, match=r"\{a, b\}; \{c, d\}"):
        ahp_matrix_from_judgements(list("abcd"), [("a", "b", 2), ("c", "d", 2)])
    with pytest.raises(ValueError, match="unknown item 'z'"):
        ahp_matrix_from_judgements(list("ab"), [("a", "z", 2)])


def test_matrix_validation_names_cell() -> None:
    with pytest.raises(ValueError, match=r"row 1, col 0"):
        ahp_weights(np.array([[1, 3], [0.5, 1]]))
    with pytest.raises(ValueError, match=r"row 1, col 1"):
        ahp_weights(np.array([[1, 3], [1 / 3, 2]]))
    with pytest.raises(ValueError, match=r"row 0, col 1"):
        ahp_weights(np.array([[1, -3], [1 / 3, 1]]))
    with pytest.raises(ValueError, match="square"):
        ahp_weights([[1, 2, 3]])
    # Rounded reciprocals (0.333) are within tolerance.
    result = ahp_weights(np.array([[1, 3], [0.333, 1]]))
    assert result.consistency_ratio == 0.0


def test_saaty_random_index_table() -> None:
    assert [SAATY_RANDOM_INDEX[n] for n in range(1, 16)] == [
        0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ]  # fmt: skip
    big = ahp_weights(np.ones((16, 16)))
    assert big.consistency_ratio is None
    assert any("n <= 15" in w for w in big.warnings)


def test_geometric_mean_method() -> None:
    # Row geometric means of the drinks matrix, checked for internal consistency:
    # the weights are proportional to prod_j a_ij ** (1/n).
    built = ahp_matrix_from_judgements(DRINK_ORDER, DRINK_JUDGEMENTS)
    result = ahp_weights(built.matrix, method="geometric_mean")
    geometric = np.prod(built.matrix, axis=1) ** (1 / 7)
    np.testing.assert_allclose(result.weights, geometric / geometric.sum())
    assert result.method == "geometric_mean"


def test_rank_order_weights_barron_barrett_1996() -> None:
    # Barron & Barrett (1996), "Decision quality using ranked attribute weights",
    # Management Science 42(11): ROC weights for 4 attributes .5208 .2708 .1458 .0625.
    np.testing.assert_allclose(
        rank_order_weights(4, "roc"), [0.5208, 0.2708, 0.1458, 0.0625], atol=5e-5
    )
    np.testing.assert_allclose(rank_order_weights(4, "rank_sum"), [0.4, 0.3, 0.2, 0.1])
    np.testing.assert_allclose(rank_order_weights(4, "reciprocal"), [0.48, 0.24, 0.16, 0.12])
    np.testing.assert_allclose(rank_order_weights(1), [1.0])
    with pytest.raises(ValueError):
        rank_order_weights(0)


def test_points_weights() -> None:
    np.testing.assert_allclose(points_weights([50, 30, 20]), [0.5, 0.3, 0.2])
    with pytest.raises(ValueError, match=r"points\[1\]"):
        points_weights([10, 0, 5])
    with pytest.raises(ValueError, match=r"points\[2\]"):
        points_weights([10, 5, -1])


def test_entropy_xu_2004() -> None:
    # Xu (2004), "A note on the subjective and objective integrated approach to determine
    # attribute weights", EJOR 156(2) 530-532: entropy weights .4630 .3992 .1378 .0000
    # (as quoted in pyrepo-mcda tests/test_weighting_methods.py).
    matrix = np.array([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
    result = entropy_weights(matrix)
    np.testing.assert_allclose(result.weights, [0.4630, 0.3992, 0.1378, 0.0000], atol=5e-5)
    assert result.warnings == ()


def test_entropy_zavadskas_podvezko_2016_and_ersoy_2021() -> None:
    # Zavadskas & Podvezko (2016), IJITDM 15(2) 267-283: .1146 .1981 .4185 .2689.
    zp = [[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]]
    np.testing.assert_allclose(
        entropy_weights(zp).weights, [0.1146, 0.1981, 0.4185, 0.2689], atol=5e-5
    )
    # Ersoy (2021), LogForum 17(3): .405 .221 .134 .199 .007 .034; column 0 is nearly
    # constant (one 512 among 256s) but not constant.
    ersoy = [
        [256, 8, 41, 1.6, 1.77, 7347.16],
        [256, 8, 32, 1.0, 1.8, 6919.99],
        [256, 8, 53, 1.6, 1.9, 8400],
        [256, 8, 41, 1.0, 1.75, 6808.9],
        [512, 8, 35, 1.6, 1.7, 8479.99],
        [256, 4, 35, 1.6, 1.7, 7499.99],
    ]
    np.testing.assert_allclose(
        entropy_weights(ersoy).weights, [0.405, 0.221, 0.134, 0.199, 0.007, 0.034], atol=5e-4
    )


def test_critic_tus_aytac_adali_2019() -> None:
    # Tus & Aytac Adali (2019), Opsearch 56(2) 528-538, time and attendance software
    # (vendor) selection: CRITIC weights .157 .249 .168 .121 .154 .151 (as quoted in
    # pymcdm and pyrepo-mcda tests). Erratum/choice: the published weights are reproduced
    # only when price (a cost criterion in the paper) is scaled like a benefit criterion;
    # with Diakoulaki's best/worst scaling for a cost column the weights differ
    # (.184 .213 .142 .158 .168 .134). We follow Diakoulaki and test the paper as computed.
    matrix = np.array(
        [
            [5000, 3, 3, 4, 3, 2],
            [680, 5, 3, 2, 2, 1],
            [2000, 3, 2, 3, 4, 3],
            [600, 4, 3, 1, 2, 2],
            [800, 2, 4, 3, 3, 4],
        ],
        dtype=float,
    )
    result = critic_weights(matrix, np.ones(6, dtype=bool))
    np.testing.assert_allclose(
        result.weights, [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], atol=5e-4
    )
    as_cost = critic_weights(matrix, np.array([False, True, True, True, True, True]))
    assert not np.allclose(as_cost.weights, result.weights, atol=5e-3)


def test_data_weights_constant_columns() -> None:
    matrix = [[1.0, 5.0, 2.0], [2.0, 5.0, 1.0], [3.0, 5.0, 4.0]]
    for result in (entropy_weights(matrix), critic_weights(matrix, np.ones(3, dtype=bool))):
        assert result.weights[1] == 0.0
        assert np.all(np.isfinite(result.weights))
        assert result.weights.sum() == pytest.approx(1.0)
        assert any("criterion 1" in w for w in result.warnings)
    with pytest.raises(ValueError, match="no criterion varies"):
        entropy_weights([[1.0, 2.0], [1.0, 2.0]])
    with pytest.raises(ValueError, match="no criterion varies"):
        critic_weights([[1.0, 2.0], [1.0, 2.0]], np.ones(2, dtype=bool))
    with pytest.raises(ValueError, match="non-negative"):
        entropy_weights([[1.0, -2.0], [1.0, 2.0]])
