"""Computed criteria: relational fit of every candidate against our profile, as columns.

`compute_fit` encodes the names, culture values, financial facts and proposals of all
candidates once (incidence matrices over our vocabulary, value matrices) and runs the
vectorised formulas of `partnerfit.relational` for each computed criterion of the set.
The scores become columns of the decision matrix before the staged pipeline runs, so
gates, every method and the shortlist use them like ratings. `FitColumns.explain`
turns the arrays back into the inputs of one candidate's score for the output.

Missing facts: a candidate without `capabilities`, `objectives`, `culture`, a needed
financial fact or a `proposal` gets NaN (missing) for the criteria that need them,
and the criterion's `missing` policy applies; an empty list is a fact (scores 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from partnerfit.engine.scoring import BoolArray, FloatArray
from partnerfit.models import Candidate, CriteriaSet, Measured, Profile
from partnerfit.relational import (
    DEFAULT_FALLOFF,
    AlignmentResult,
    BalanceResult,
    CoverageResult,
    OverlapResult,
    RatioResult,
    SimilarityResult,
    Vocabulary,
    alignment,
    balance,
    build_vocabulary,
    coverage,
    incidence,
    indicator,
    overlap,
    ratio,
    similarity,
    weight_vector,
)

DEFAULT_BAND = (0.5, 2.0)
"""Preferred band of a ratio when the criterion gives none: half to twice our size."""


class EncodedNames(NamedTuple):
    """One kind of name list (capabilities or objectives) of every candidate, encoded."""

    vocabulary: Vocabulary
    display: tuple[str, ...]
    """Our spelling of each column (the first given in our profile or the synonyms)."""
    matrix: BoolArray
    """(candidates, vocabulary + padding): padding columns stand for each candidate's
    names that are not ours, so that row counts are the lengths of the lists."""
    given: BoolArray
    """(candidates,): the candidate gave the list at all."""
    unknown: tuple[tuple[str, ...], ...]
    """Per candidate: names matching none of ours (as written)."""


def _encode(
    lists: Sequence[list[str] | None], ours: Sequence[str], synonyms: dict[str, Any]
) -> EncodedNames:
    vocabulary = build_vocabulary(ours, synonyms)
    display = list(vocabulary.names)
    for raw in reversed(list(ours)):
        column = vocabulary.index(raw)
        if column is not None:
            display[column] = raw
    given = np.array([names is not None for names in lists], dtype=bool)
    encoded = incidence([names or [] for names in lists], vocabulary)
    unknown_counts = np.array([len(u) for u in encoded.unknown_names], dtype=np.int64)
    width = int(unknown_counts.max(initial=0))
    padding = np.arange(width)[None, :] < unknown_counts[:, None]
    matrix = np.concatenate([encoded.matrix, padding], axis=1)
    return EncodedNames(vocabulary, tuple(display), matrix, given, encoded.unknown_names)


def _padded(vector: FloatArray | BoolArray, names: EncodedNames) -> Any:
    """Extend one of our vectors with zeros over the padding columns."""
    extra = names.matrix.shape[1] - len(vector)
    return np.concatenate([vector, np.zeros(extra, dtype=vector.dtype)])


class Support(NamedTuple):
    """What a computed score rests on, summarised like one rated score's own fields."""

    evidence: str | None
    """Each input's evidence as `label: text`, joined by `; ` (None when none has any)."""
    confidence: str | float | None
    """The lowest confidence given to an input, as given (None when none is given)."""
    by: None = None


def _support(inputs: Sequence[tuple[str, Any]]) -> Support | None:
    """Summarise (label, score or ledger item) pairs; None when none carries either."""
    from partnerfit.relational.assessors import confidence_value

    evidence = [f"{label}: {x.evidence}" for label, x in inputs if x.evidence]
    given = [x.confidence for _, x in inputs if x.confidence is not None]
    lowest = min(given, key=confidence_value) if given else None
    if not evidence and lowest is None:
        return None
    return Support("; ".join(evidence) or None, lowest)


def _score_values(scores: Sequence[dict[str, Any] | None], key: str) -> FloatArray:
    values = np.full(len(scores), np.nan)
    for row, mapping in enumerate(scores):
        score = (mapping or {}).get(key)
        if score is not None and score.value is not None:
            values[row] = float(score.value)
    return values


@dataclass
class FitColumns:
    """Computed criterion scores (0..100, NaN where missing) and what explains them."""

    values: dict[str, FloatArray] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    items: dict[str, Measured] = field(default_factory=dict)
    capabilities: EncodedNames | None = None
    objectives: EncodedNames | None = None
    culture_ids: tuple[str, ...] = ()
    culture_values: FloatArray | None = None
    cultures: tuple[dict[str, Any] | None, ...] = ()
    """Each candidate's culture scores as given, for their evidence and confidence."""
    our_culture: FloatArray | None = None
    ledgers: tuple[Any, ...] = ()
    financials: dict[str, FloatArray] = field(default_factory=dict)
    ours: dict[str, float] = field(default_factory=dict)

    def explain(self, item_id: str, row: int) -> dict[str, Any] | None:
        """The inputs of one candidate's computed score, ready for JSON."""
        result = self.results.get(item_id)
        if result is None:
            return None
        item = self.items[item_id]
        if isinstance(result, CoverageResult):
            names = self.capabilities
            assert names is not None
            if not names.given[row]:
                return {"capabilities_given": False}
            return {
                "covered": [names.display[j] for j in result.covered_needs(row)],
                "missed": [names.display[j] for j in result.missed_needs(row)],
                "unknown": list(names.unknown[row]),
            }
        if isinstance(result, OverlapResult):
            names = self.capabilities
            assert names is not None
            if not names.given[row]:
                return {"capabilities_given": False}
            return {
                "overlapping": [names.display[j] for j in result.overlapping_strengths(row)],
                "capabilities": int(result.capability_counts[row]),
                "unknown": list(names.unknown[row]),
            }
        if isinstance(result, AlignmentResult):
            names = self.objectives
            assert names is not None
            if not names.given[row]:
                return {"objectives_given": False}
            return {
                "shared": [names.display[j] for j in result.shared_objectives(row)],
                "union": int(result.union_sizes[row]),
                "unknown": list(names.unknown[row]),
            }
        if isinstance(result, SimilarityResult):
            assert self.culture_values is not None and self.our_culture is not None
            given = self.cultures[row] or {}
            return {
                "dimensions": {
                    dim: {
                        "ours": float(self.our_culture[k]),
                        "theirs": None
                        if np.isnan(self.culture_values[row, k])
                        else float(self.culture_values[row, k]),
                        "gap": None if result.missing[row, k] else float(result.gaps[row, k]),
                        "evidence": given[dim].evidence if dim in given else None,
                        "confidence": given[dim].confidence if dim in given else None,
                    }
                    for k, dim in enumerate(self.culture_ids)
                }
            }
        if isinstance(result, RatioResult):
            of = item.of or ""
            band = item.band or DEFAULT_BAND
            position = (
                None
                if result.missing[row]
                else "below"
                if result.below_band[row]
                else "above"
                if result.above_band[row]
                else "inside"
            )
            theirs = self.financials[of][row]
            return {
                "of": of,
                "ours": self.ours[of],
                "theirs": None if np.isnan(theirs) else float(theirs),
                "ratio": None if result.missing[row] else float(result.ratios[row]),
                "band": [band[0], band[1]],
                "falloff": item.falloff or DEFAULT_FALLOFF,
                "position": position,
            }
        if isinstance(result, BalanceResult):
            proposal = self.ledgers[row]
            if proposal is None:
                return {"proposal_given": False}
            give, receive = float(result.we_give[row]), float(result.we_receive[row])
            return {
                "we_give": [_ledger_item(x) for x in proposal.we_give],
                "we_receive": [_ledger_item(x) for x in proposal.we_receive],
                "we_give_total": give,
                "we_receive_total": receive,
                "leans": "even" if give == receive else "us" if receive > give else "them",
            }
        return None  # pragma: no cover - every result type is handled above

    def support(self, item_id: str, row: int) -> Support | None:
        """The evidence and confidence behind a similarity (the candidate's culture values)
        or a balance (the items of both ledgers); None for the other kinds, whose inputs
        are name lists, and for a ratio, which takes its financial fact's own."""
        kind = self.items[item_id].kind
        if kind == "similarity":
            given = self.cultures[row] or {}
            return _support([(dim, given[dim]) for dim in self.culture_ids if dim in given])
        if kind == "balance" and self.ledgers[row] is not None:
            proposal = self.ledgers[row]
            return _support([(x.item, x) for x in (*proposal.we_give, *proposal.we_receive)])
        return None


def _ledger_item(x: Any) -> dict[str, Any]:
    return {"item": x.item, "value": x.value, "evidence": x.evidence, "confidence": x.confidence}


def computed_items(criteria: CriteriaSet) -> dict[str, Measured]:
    return {i: item for i, item in criteria.measured().items() if item.computed}


def compute_fit(
    criteria: CriteriaSet, profile: Profile | None, candidates: Sequence[Candidate]
) -> FitColumns:
    """Every computed criterion of the set, for all candidates at once."""
    items = computed_items(criteria)
    fit = FitColumns(items=items)
    if not items:
        return fit
    assert profile is not None, "validated: computed criteria need a profile"
    kinds = {item.kind for item in items.values()}
    synonyms: dict[str, Any] = dict(criteria.synonyms)
    needs = profile.need_importance()
    by_kind: dict[str, Any] = {}
    if kinds & {"coverage", "overlap"}:
        names = _encode(
            [c.capabilities for c in candidates], [*needs, *profile.strengths], synonyms
        )
        fit.capabilities = names
        vocabulary = names.vocabulary
        for floor in {i.min_importance for i in items.values() if i.kind == "coverage"}:
            counted = {n: w for n, w in needs.items() if floor is None or w >= floor}
            importance = _padded(weight_vector(counted, vocabulary).vector, names)
            by_kind[f"coverage/{floor}"] = coverage(names.matrix, importance)
        if "overlap" in kinds:
            strengths = _padded(indicator(profile.strengths, vocabulary).vector, names)
            by_kind["overlap"] = overlap(names.matrix, strengths)
    if "alignment" in kinds:
        names = _encode([c.objectives for c in candidates], profile.objectives, synonyms)
        fit.objectives = names
        ours = _padded(indicator(profile.objectives, names.vocabulary).vector, names)
        by_kind["alignment"] = alignment(names.matrix, ours)
    if "similarity" in kinds and criteria.culture is not None:
        dims = criteria.culture.dimensions
        scale = criteria.culture_scale()
        fit.culture_ids = tuple(d.id for d in dims)
        cultures = [c.culture for c in candidates]
        fit.cultures = tuple(cultures)
        fit.culture_values = np.column_stack([_score_values(cultures, d.id) for d in dims])
        fit.our_culture = np.array([profile.culture[d.id] for d in dims])
        by_kind["similarity"] = similarity(
            fit.culture_values,
            fit.our_culture,
            np.full(len(dims), scale.max - scale.min),
            tolerance=np.array([d.tolerance for d in dims]),
            dim_weights=np.array([d.weight for d in dims]),
        )
    if "balance" in kinds:
        fit.ledgers = tuple(c.proposal for c in candidates)
        give = np.array(
            [np.nan if p is None else sum(x.value for x in p.we_give) for p in fit.ledgers]
        )
        receive = np.array(
            [np.nan if p is None else sum(x.value for x in p.we_receive) for p in fit.ledgers]
        )
        by_kind["balance"] = balance(give, receive)

    for item_id, item in items.items():
        if item.kind == "ratio":
            of = item.of or ""
            if of not in fit.financials:
                fit.financials[of] = _score_values([c.financials for c in candidates], of)
                fit.ours[of] = float(profile.financials[of])
            result = ratio(
                fit.financials[of],
                fit.ours[of],
                item.band or DEFAULT_BAND,
                item.falloff or DEFAULT_FALLOFF,
            )
            fit.results[item_id] = result
            fit.values[item_id] = result.scores
            continue
        shared = by_kind[
            f"coverage/{item.min_importance}" if item.kind == "coverage" else item.kind
        ]
        fit.results[item_id] = shared
        scores = shared.scores.copy()
        given = {
            "coverage": fit.capabilities.given if fit.capabilities else None,
            "overlap": fit.capabilities.given if fit.capabilities else None,
            "alignment": fit.objectives.given if fit.objectives else None,
        }.get(item.kind)
        if given is not None:
            scores[~given] = np.nan
        fit.values[item_id] = scores
    return fit
