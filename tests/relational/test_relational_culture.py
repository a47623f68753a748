"""Culture similarity against hand-computed values (see docs/relational-fit.md)."""

import numpy as np
import pytest

from partnerfit.relational import similarity

# Three dimensions on a 1..5 scale (span 4).
OURS = np.array([3.0, 4.0, 2.0])
SPAN = np.array([4.0, 4.0, 4.0])
TOLERANCE = np.array([0.5, 0.0, 1.0])
WEIGHTS = np.array([2.0, 1.0, 1.0])
CANDIDATES = np.array(
    [
        [3.25, 4.0, 2.0],  # P: only a difference inside tolerance
        [1.0, 5.0, 5.0],  # Q: gaps 1.5/3.5, 1/4, 2/3
        [np.nan, 5.0, 2.0],  # R: first dimension missing
        [np.nan, np.nan, np.nan],  # S: nothing known
    ]
)


def test_similarity_with_tolerance_weights_and_missing_values() -> None:
    result = similarity(CANDIDATES, OURS, SPAN, TOLERANCE, WEIGHTS)
    # Q: weighted gap (2 * 3/7 + 1/4 + 2/3) / 4 = 149/336 -> 100 * 187/336
    # R: (1 * 1/4 + 1 * 0) / 2 = 1/8 -> 87.5
    np.testing.assert_allclose(
        result.scores, [100.0, 100 * 187 / 336, 87.5, np.nan], rtol=1e-12, equal_nan=True
    )
    np.testing.assert_allclose(result.gaps[1], [3 / 7, 0.25, 2 / 3], rtol=1e-12)
    np.testing.assert_array_equal(result.gaps[0], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(result.missing[2], [True, False, False])
    np.testing.assert_array_equal(result.all_missing, [False, False, False, True])


def test_similarity_defaults_no_tolerance_equal_weights() -> None:
    result = similarity([[1.0, 3.0], [5.0, 1.0]], [3.0, 3.0], [4.0, 4.0])
    # gaps: (0.5, 0) -> 75; (0.5, 0.5) -> 50
    np.testing.assert_array_equal(result.scores, [75.0, 50.0])


def test_similarity_caps_gap_of_out_of_scale_values() -> None:
    result = similarity([[9.0]], [3.0], [4.0])
    assert result.gaps[0, 0] == 1.0
    assert result.scores[0] == 0.0


def test_tolerance_equal_to_span_means_no_gap() -> None:
    result = similarity([[1.0], [5.0]], [3.0], [4.0], tolerance=[4.0])
    np.testing.assert_array_equal(result.scores, [100.0, 100.0])


def test_only_zero_weight_dimensions_present_is_missing() -> None:
    result = similarity([[np.nan, 1.0]], [3.0, 3.0], [4.0, 4.0], dim_weights=[1.0, 0.0])
    assert np.isnan(result.scores[0])
    assert result.all_missing[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"our_culture": [np.nan, 3.0]}, "our_culture must be finite"),
        ({"scale_span": [4.0, 0.0]}, "scale_span must be > 0"),
        ({"tolerance": [5.0, 0.0]}, "must not exceed scale_span"),
        ({"tolerance": [-1.0, 0.0]}, "tolerance must not be negative"),
        ({"dim_weights": [0.0, 0.0]}, "not all be 0"),
        ({"dim_weights": [1.0, -1.0]}, "dim_weights must not be negative"),
        ({"candidate_culture": [[np.inf, 3.0]]}, "infinity"),
        ({"candidate_culture": [[3.0, 3.0, 3.0]]}, "our_culture must have length 3"),
    ],
)
def test_similarity_validation(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "candidate_culture": [[3.0, 3.0]],
        "our_culture": [3.0, 3.0],
        "scale_span": [4.0, 4.0],
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        similarity(**arguments)  # type: ignore[arg-type]
