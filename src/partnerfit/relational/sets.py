"""Set-based relational fit: coverage of our needs, overlap with our strengths,
alignment of objectives.

Inputs are bool incidence arrays over one vocabulary (see ``names``): a
candidates x vocabulary matrix and one vector for our side.  Every formula is
a handful of whole-array operations; no Python loop runs per candidate.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.relational._arrays import (
    BoolArray,
    FloatArray,
    IndexArray,
    as_bool_matrix,
    as_bool_vector,
    as_float_vector,
    percent_of,
    require_finite,
    require_non_negative,
)

# Conventions for empty sets (documented in docs/relational-fit.md).
OVERLAP_WITHOUT_CAPABILITIES = 0.0
"""Overlap of a candidate that lists no capabilities: nothing of theirs duplicates us."""
ALIGNMENT_WITHOUT_OBJECTIVES = 0.0
"""Alignment when neither side lists objectives: no evidence of shared goals."""


@dataclass(frozen=True, eq=False)
class CoverageResult:
    """Coverage scores and what each candidate covers.

    ``need_indices``: vocabulary columns of our needs (importance > 0).
    ``need_importance``: their importance, aligned with ``need_indices``.
    ``covered[i, k]``: candidate ``i`` has need ``need_indices[k]``.
    """

    scores: FloatArray
    need_indices: IndexArray
    need_importance: FloatArray
    covered: BoolArray

    def covered_needs(self, candidate: int) -> IndexArray:
        """Vocabulary columns of the needs candidate ``candidate`` covers."""
        covered: IndexArray = self.need_indices[self.covered[candidate]]
        return covered

    def missed_needs(self, candidate: int) -> IndexArray:
        """Vocabulary columns of the needs candidate ``candidate`` lacks."""
        missed: IndexArray = self.need_indices[~self.covered[candidate]]
        return missed


@dataclass(frozen=True, eq=False)
class OverlapResult:
    """Overlap scores and which of our strengths each candidate duplicates.

    ``overlapping[i, k]``: candidate ``i`` also has strength ``strength_indices[k]``.
    ``capability_counts[i]``: |C_i|, the denominator of candidate ``i``'s score.
    """

    scores: FloatArray
    strength_indices: IndexArray
    overlapping: BoolArray
    capability_counts: IndexArray

    def overlapping_strengths(self, candidate: int) -> IndexArray:
        """Vocabulary columns of our strengths that candidate ``candidate`` duplicates."""
        overlapping: IndexArray = self.strength_indices[self.overlapping[candidate]]
        return overlapping


@dataclass(frozen=True, eq=False)
class AlignmentResult:
    """Alignment scores and which of our objectives each candidate shares.

    ``shared[i, k]``: candidate ``i`` also pursues objective ``objective_indices[k]``.
    ``union_sizes[i]``: |A_i | B| (the union), the denominator of candidate ``i``'s score.
    """

    scores: FloatArray
    objective_indices: IndexArray
    shared: BoolArray
    union_sizes: IndexArray

    def shared_objectives(self, candidate: int) -> IndexArray:
        """Vocabulary columns of the objectives candidate ``candidate`` shares with us."""
        shared: IndexArray = self.objective_indices[self.shared[candidate]]
        return shared


# Speed notes (100k candidates): np.take gathers columns ~3x faster than fancy
# indexing, einsum multiplies bools by floats without materialising a float
# copy, and summing bytes into uint16 is ~3x faster than count_nonzero(axis=1).
def _columns(matrix: BoolArray, indices: IndexArray) -> BoolArray:
    """``matrix[:, indices]``: a view when the indices are one contiguous run (callers
    that list our names first get it), which halves the time of what follows."""
    if indices.size and indices[-1] - indices[0] == indices.size - 1:
        view: BoolArray = matrix[:, indices[0] : indices[-1] + 1]
        return view
    taken: BoolArray = np.take(matrix, indices, axis=1)
    return taken


def _row_dot(matrix: BoolArray, weights: FloatArray) -> FloatArray:
    """``matrix @ weights`` per row, for a bool matrix and float weights."""
    result: FloatArray = np.einsum("ij,j->i", matrix, weights)
    return result


def _row_counts(matrix: BoolArray) -> IndexArray:
    """Number of True values in each row."""
    # uint16 cannot overflow while a row has fewer than 65536 columns.
    dtype = np.uint16 if matrix.shape[1] < 2**16 else np.int64
    counts: IndexArray = np.add.reduce(matrix.view(np.uint8), axis=1, dtype=dtype).astype(np.intp)
    return counts


def coverage(candidate_capabilities: ArrayLike, need_importance: ArrayLike) -> CoverageResult:
    """Importance-weighted share of our needs each candidate covers.

    ``coverage_i = 100 * sum_j imp_j * has_ij / sum_j imp_j``

    ``candidate_capabilities``: bool (n, v); ``need_importance``: float (v,),
    finite and >= 0, with 0 for names that are not needs.  Raises ValueError
    when no importance is positive: coverage of nothing is undefined, and an
    empty needs list is a configuration error worth stopping for.
    """
    capabilities = as_bool_matrix(candidate_capabilities, "candidate_capabilities")
    importance = as_float_vector(need_importance, "need_importance", capabilities.shape[1])
    require_finite(importance, "need_importance")
    require_non_negative(importance, "need_importance")
    need_indices = np.flatnonzero(importance > 0)
    if need_indices.size == 0:
        raise ValueError("coverage needs at least one need with importance > 0")
    weights = importance[need_indices]
    # Slice to the need columns first: 50 needs, not the whole vocabulary, get multiplied.
    covered = _columns(capabilities, need_indices)
    achieved = _row_dot(covered, weights)
    total = np.full(achieved.shape, weights.sum())
    scores = percent_of(achieved, total, when_empty=0.0)
    return CoverageResult(scores, need_indices, weights, covered)


def overlap(candidate_capabilities: ArrayLike, our_strengths: ArrayLike) -> OverlapResult:
    """Share of each candidate's capabilities that duplicate our strengths (a cost).

    ``overlap_i = 100 * |C_i & S| / |C_i|``

    A candidate with no capabilities scores ``OVERLAP_WITHOUT_CAPABILITIES``
    (0): it duplicates nothing.  Its coverage is 0 as well, so it is not
    rewarded overall.  With no strengths of ours, every candidate scores 0.
    """
    capabilities = as_bool_matrix(candidate_capabilities, "candidate_capabilities")
    strengths = as_bool_vector(our_strengths, "our_strengths", capabilities.shape[1])
    strength_indices = np.flatnonzero(strengths)
    overlapping = _columns(capabilities, strength_indices)
    shared = _row_counts(overlapping)
    capability_counts = _row_counts(capabilities)
    scores = percent_of(
        shared.astype(np.float64),
        capability_counts.astype(np.float64),
        when_empty=OVERLAP_WITHOUT_CAPABILITIES,
    )
    return OverlapResult(scores, strength_indices, overlapping, capability_counts)


def alignment(candidate_objectives: ArrayLike, our_objectives: ArrayLike) -> AlignmentResult:
    """Jaccard similarity of each candidate's objectives with ours.

    ``alignment_i = 100 * |A_i & B| / |A_i | B|`` (intersection over union),
    with ``|A_i | B| = |A_i| + |B| - |A_i & B|``.

    When both sets are empty the score is ``ALIGNMENT_WITHOUT_OBJECTIVES``
    (0): blank profiles are no evidence of shared goals, and 100 would reward
    candidates for declaring nothing.
    """
    objectives = as_bool_matrix(candidate_objectives, "candidate_objectives")
    ours = as_bool_vector(our_objectives, "our_objectives", objectives.shape[1])
    objective_indices = np.flatnonzero(ours)
    shared = _columns(objectives, objective_indices)
    intersection = _row_counts(shared)
    union_sizes = _row_counts(objectives) + objective_indices.size - intersection
    scores = percent_of(
        intersection.astype(np.float64),
        union_sizes.astype(np.float64),
        when_empty=ALIGNMENT_WITHOUT_OBJECTIVES,
    )
    return AlignmentResult(scores, objective_indices, shared, union_sizes)
