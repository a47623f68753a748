"""Array validation shared by the relational-fit formulas (internal).

Every public formula converts its inputs through these helpers so that shape,
dtype and range errors are reported with the parameter's name, before any
arithmetic can turn a bad input into a silent NaN or a numpy warning.
"""

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IndexArray = NDArray[np.intp]


def as_bool_matrix(values: ArrayLike, name: str) -> BoolArray:
    """Return ``values`` as a 2-D bool array (candidates x vocabulary)."""
    array = np.asarray(values)
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D (candidates x names), got shape {array.shape}")
    return _as_bool(array, name)


def as_bool_vector(values: ArrayLike, name: str, length: int) -> BoolArray:
    """Return ``values`` as a 1-D bool array of the given length."""
    array = np.asarray(values)
    _check_vector_shape(array, name, length)
    return _as_bool(array, name)


def _as_bool(array: NDArray[np.generic], name: str) -> BoolArray:
    # Accept 0/1 integers too, but never floats: 0.5 silently becoming True
    # would hide a caller passing weights where a membership mask belongs.
    if array.dtype == np.bool_:
        return array.astype(np.bool_, copy=False)
    if not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{name} must be a bool (or 0/1 integer) array, got dtype {array.dtype}")
    if array.size and not bool(np.isin(array, (0, 1)).all()):
        raise ValueError(f"{name} must contain only 0 and 1")
    return array.astype(np.bool_)


def as_float_matrix(values: ArrayLike, name: str, columns: int | None = None) -> FloatArray:
    """Return ``values`` as a 2-D float64 array, optionally with a fixed column count."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D, got shape {array.shape}")
    if columns is not None and array.shape[1] != columns:
        raise ValueError(f"{name} must have {columns} columns, got shape {array.shape}")
    return array


def as_float_vector(values: ArrayLike, name: str, length: int | None = None) -> FloatArray:
    """Return ``values`` as a 1-D float64 array, optionally of a fixed length."""
    array = np.asarray(values, dtype=np.float64)
    _check_vector_shape(array, name, length)
    return array


def _check_vector_shape(array: NDArray[np.generic], name: str, length: int | None) -> None:
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{name} must have length {length}, got {array.shape[0]}")


def require_finite(array: FloatArray, name: str) -> None:
    """Raise ValueError if ``array`` holds NaN or an infinity."""
    if not bool(np.isfinite(array).all()):
        raise ValueError(f"{name} must be finite (no NaN or infinity)")


def require_no_infinity(array: FloatArray, name: str) -> None:
    """Raise ValueError on an infinity; NaN is allowed (it means 'missing')."""
    if bool(np.isinf(array).any()):
        raise ValueError(f"{name} must not contain infinity (use NaN for a missing value)")


def require_non_negative(array: FloatArray, name: str) -> None:
    """Raise ValueError if any present (non-NaN) value is negative."""
    if bool((array < 0).any()):
        raise ValueError(f"{name} must not be negative")


def as_finite_float(value: float, name: str) -> float:
    """Return ``value`` as a Python float, rejecting NaN and infinities."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def percent_of(numerator: FloatArray, denominator: FloatArray, when_empty: float) -> FloatArray:
    """Return ``100 * numerator / denominator`` clipped to [0, 100].

    Rows whose denominator is 0 get ``when_empty`` (already on the 0..100
    scale) instead of a division warning.  The clip removes rounding excess
    such as 100.00000000000001 when a weighted sum equals its total.
    """
    share = np.divide(
        numerator,
        denominator,
        out=np.zeros(numerator.shape, dtype=np.float64),
        where=denominator > 0,
    )
    scores = np.clip(100.0 * share, 0.0, 100.0)
    scores[~(denominator > 0)] = when_empty
    return scores
