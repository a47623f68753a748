"""PROMETHEE against published examples and the Brans & Vincke (1985) definitions."""

from dataclasses import replace

import numpy as np
import pytest

from partnerfit.mcda.promethee import (
    PreferenceFunction,
    gaussian,
    level,
    linear,
    promethee_i_partial_order,
    promethee_ii,
    u_shape,
    usual,
    v_shape,
)

ZIEMBA_2019 = np.array(
    [
        [38723, 34913, 25596, 34842, 22570, 39773, 19500, 34525, 16486],
        [33207, 32085, 2123, 32095, 1445, 17485, 868, 16958, 958],
        [0, 0.2, 5, 0.2, 0.2, 0.2, 99, 99, 99],
        [3375, 3127, 3547, 3115, 3090, 4135, 3160, 4295, 3653],
        [11.36, 12.78, 12.78, 12.86, 12.86, 17, 12.86, 17, 12.86],
        [-320.9, -148.4, -148.4, -9.9, -9.9, 0, -9.9, 0, -9.9],
        [203.7, 463, 356.2, 552.5, 295, 383, 264, 352, 264],
        [0, 11.7, 44.8, 11.7, 95.9, 95.9, 116.8, 116.8, 164.9],
        [0, 4.9, 10.7, 5.4, 11.2, 11.2, 11.2, 11.2, 11.2],
        [1, 1, 1, 3.5, 4, 4, 4, 4, 4],
        [21.5, 47.9, 27.7, 39.7, 1.5, 22.7, 2.7, 23.9, 1],
        [0, 3.7, 4.5, 10.3, 11.5, 11.5, 11.3, 11.3, 11.4],
    ]
).T


def test_zhao_peng_li_2013_usual() -> None:
    # Zhao, Peng & Li (2013), "Revised PROMETHEE II for improving efficiency in emergency
    # response", Procedia Computer Science 17, 181-188: usual criteria, net flows
    # 0.1, -0.3, 0.2 (as quoted in pymcdm test/test_mcdm.py).
    matrix = [[4, 3, 2], [3, 2, 4], [5, 1, 3]]
    result = promethee_ii(matrix, [0.5, 0.3, 0.2], np.ones(3, dtype=bool), [usual()] * 3)
    np.testing.assert_allclose(result.net_flow, [0.1, -0.3, 0.2], atol=1e-12)
    # Hand-checkable flows: phi+ = .55 .35 .60, phi- = .45 .65 .40.
    np.testing.assert_allclose(result.positive_flow, [0.55, 0.35, 0.60])
    np.testing.assert_allclose(result.negative_flow, [0.45, 0.65, 0.40])


def test_papathanasiou_ploskas_2018_linear() -> None:
    # Papathanasiou & Ploskas (2018), "Multiple Criteria Decision Aid", Springer, ch. 3
    # PROMETHEE, facility location example, linear criteria q = 1, p = 2: net flows
    # -0.26 -0.52 -0.22 0.36 0.70 -0.06 (2 d.p., as quoted in pyrepo-mcda tests).
    matrix = [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]]
    result = promethee_ii(matrix, [0.4, 0.3, 0.1, 0.2], np.ones(4, dtype=bool), [linear(1, 2)] * 4)
    np.testing.assert_allclose(result.net_flow, [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], atol=5e-3)
    assert result.ranking.tolist()[:2] == [4, 3]


@pytest.mark.parametrize(
    ("pairwise", "block_size"), [(False, None), (True, 1), (True, 4), (True, None)]
)
def test_ziemba_2019_linear_with_cost_criteria(pairwise: bool, block_size: int | None) -> None:
    # Ziemba (2019), "Towards strong sustainability management - A generalized PROSA
    # method", Sustainability 11(6) 1555: PROMETHEE II net flows with linear (type V)
    # criteria, mixed benefit/cost, per-criterion q and p (4 d.p., as quoted in
    # pyrepo-mcda tests/test_mcda_methods_2.py). Run on the sorted path and on the
    # pairwise path with several block sizes.
    weights = np.array([0.3333, 0.1667, 0.1667, 0.3333, 0.25, 0.75, 1, 1, 0.4, 0.2, 0.4, 1])
    benefit = np.array([-1, -1, 1, -1, 1, 1, -1, 1, 1, -1, -1, 1]) > 0
    p = [2100, 5000, 50, 200, 5, 20, 100, 80, 4, 2, 23, 3]
    q = [420, 1000, 10, 40, 1, 7, 50, 20, 1, 1, 4.6, 1]
    functions = [linear(qi, pi) for qi, pi in zip(q, p, strict=True)]
    result = promethee_ii(
        ZIEMBA_2019,
        weights / weights.sum(),
        benefit,
        functions,
        block_size=block_size,
        pairwise=pairwise,
    )
    expected = [-0.4143, -0.5056, -0.2317, -0.2892, 0.3313, 0.0619, 0.4296, 0.1626, 0.4554]
    np.testing.assert_allclose(result.net_flow, expected, atol=5e-5)
    np.testing.assert_allclose(result.unicriterion_net_flows @ result.weights, result.net_flow)


def test_ziemba_2017_offshore_wind_v_shape() -> None:
    # Ziemba, Watrobski, Ziolo & Karczmarczyk (2017), "Using the PROSA method in offshore
    # wind farm location problems", Energies 10(11) 1755: PROMETHEE II with V-shape criteria,
    # net flows -0.0445 0.1884 -0.0954 -0.0485 (as quoted in pyrepo-mcda tests).
    matrix = np.array(
        [
            [16347, 14219, 8160, 8160],
            [9, 8.5, 9, 8.5],
            [73.8, 55, 64.8, 62.5],
            [36.7, 36, 28.5, 29.5],
            [1.5, 2, 2, 1.5],
            [3730, 3240, 1860, 1860],
            [2, 1, 2, 1],
            [1, 1, 2, 3],
            [38.8, 33.1, 45.8, 27.3],
            [4, 2, 4, 3],
            [1720524, 1496512, 858830, 858830],
            [40012, 34803, 19973, 19973],
        ]
    ).T
    weights = np.array([20, 5, 5, 1.67, 1.67, 11.67, 11.67, 5, 5, 16.67, 8.33, 8.33])
    benefit = np.array([-1, -1, -1, -1, -1, 1, -1, -1, 1, -1, 1, 1]) > 0
    p = [7280, 4, 13.4, 7.4, 3, 1662, 3, 3, 13.8, 3, 766240, 17820]
    result = promethee_ii(matrix, weights / weights.sum(), benefit, [v_shape(x) for x in p])
    np.testing.assert_allclose(result.net_flow, [-0.0445, 0.1884, -0.0954, -0.0485], atol=5e-5)


def test_preference_functions_match_brans_vincke_definitions() -> None:
    # Shapes of the six generalised criteria (Brans & Vincke 1985, Fig. 1).
    d = np.array([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0])
    np.testing.assert_allclose(usual()(d), [0, 0, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(u_shape(1.0)(d), [0, 0, 0, 0, 1, 1, 1])
    np.testing.assert_allclose(v_shape(2.0)(d), [0, 0, 0.25, 0.5, 0.75, 1, 1])
    np.testing.assert_allclose(level(1.0, 2.0)(d), [0, 0, 0, 0, 0.5, 0.5, 1])
    np.testing.assert_allclose(linear(1.0, 2.0)(d), [0, 0, 0, 0, 0.5, 1, 1])
    # Gaussian: F(s) = 1 - exp(-1/2).
    np.testing.assert_allclose(gaussian(1.0)(d)[3], 1 - np.exp(-0.5))
    assert gaussian(1.0)(d)[0] == 0.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "linear", "q": 3.0, "p": 2.0}, "must not exceed"),
        ({"kind": "linear", "q": 1.0}, "requires threshold p"),
        ({"kind": "u_shape"}, "requires threshold q"),
        ({"kind": "gaussian", "s": 0.0}, "s must be > 0"),
        ({"kind": "v_shape", "p": -1.0}, "p must be > 0"),
        ({"kind": "usual", "q": 1.0}, "takes no threshold q"),
        ({"kind": "sigmoid"}, "unknown preference function"),
    ],
)
def test_threshold_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PreferenceFunction(**kwargs)  # type: ignore[arg-type]


def test_a_difference_on_the_threshold_is_rounded_as_the_definition_rounds_it() -> None:
    # fl(9.1 - 8.2) = 0.9000000000000004 > 0.9, so 9.1 is strictly preferred to 8.2 under
    # a U-shape with q = 0.9 by the definition, although 8.2 < fl(9.1 - 0.9) = 8.2 fails:
    # the sorted path must decide such a pair as the pairwise path does.
    matrix = [[9.1], [8.2], [8.5], [8.9]]
    for function in (u_shape(0.9), level(0.4, 0.9), u_shape(0.4)):
        fast = promethee_ii(matrix, [1.0], np.ones(1, dtype=bool), [function])
        slow = promethee_ii(matrix, [1.0], np.ones(1, dtype=bool), [function], pairwise=True)
        np.testing.assert_array_equal(fast.positive_flow, slow.positive_flow)
        np.testing.assert_array_equal(fast.negative_flow, slow.negative_flow)
    assert promethee_ii(matrix, [1.0], np.ones(1, dtype=bool), [u_shape(0.9)]).positive_flow[
        0
    ] == pytest.approx(1 / 3)


def test_cost_criterion_reverses_difference() -> None:
    result = promethee_ii([[1.0], [2.0]], [1.0], np.array([False]), [usual()])
    np.testing.assert_allclose(result.net_flow, [1.0, -1.0])


def test_preference_matrix_and_partial_order() -> None:
    matrix = [[4, 3, 2], [3, 2, 4], [5, 1, 3]]
    result = promethee_ii(
        matrix,
        [0.5, 0.3, 0.2],
        np.ones(3, dtype=bool),
        [usual()] * 3,
        block_size=2,
        keep_preference_matrix=True,
    )
    assert result.preference_matrix is not None
    np.testing.assert_allclose(result.preference_matrix[0, 1], 0.8)
    relations = promethee_i_partial_order(result)
    # phi+ = .55 .35 .60, phi- = .45 .65 .40: candidate 2 outranks both, 0 outranks 1.
    assert sorted(relations) == [(0, 1, "P"), (2, 0, "P"), (2, 1, "P")]


def test_partial_order_incomparability_and_indifference() -> None:
    # Equal and opposite trade-offs: identical phi+ and phi-, so indifferent.
    matrix = [[2.0, 0.0], [0.0, 2.0], [1.0, 1.0]]
    result = promethee_ii(matrix, [0.5, 0.5], np.ones(2, dtype=bool), [v_shape(2.0)] * 2)
    relations = {(a, b): rel for a, b, rel in promethee_i_partial_order(result)}
    assert relations[(0, 1)] == "I"
    # PROMETHEE I rules on hand-set flows: 0 has more leaving AND more entering flow
    # than 1 (incomparable); 2 is better on both flows than 1 (preference).
    flows = replace(
        result,
        positive_flow=np.array([0.6, 0.3, 0.4]),
        negative_flow=np.array([0.5, 0.2, 0.1]),
    )
    rel = {(a, b): r for a, b, r in promethee_i_partial_order(flows)}
    assert rel[(0, 1)] == "R"
    assert rel[(2, 1)] == "P"
    assert rel[(0, 2)] == "R"


def test_single_candidate_and_bad_block_size() -> None:
    result = promethee_ii([[1.0, 2.0]], [0.5, 0.5], np.ones(2, dtype=bool), [usual()] * 2)
    np.testing.assert_allclose(result.net_flow, [0.0])
    with pytest.raises(ValueError, match="block_size"):
        promethee_ii([[1.0]], [1.0], np.ones(1, dtype=bool), [usual()], block_size=0)
    with pytest.raises(ValueError, match="one preference function per criterion"):
        promethee_ii([[1.0, 2.0]], [0.5, 0.5], np.ones(2, dtype=bool), [usual()])
