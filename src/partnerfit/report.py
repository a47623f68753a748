"""What a steering-committee report says, computed from an evaluation: no HTML here.

`build_report` gathers the sections' content (the screening funnel with who left each
stage and why, the evidence and confidence behind each candidate's total, assessor
disagreements, rank acceptability) into plain objects that `partnerfit.render.html_report`
draws. Every number comes from the `Evaluation`, so the report and `score --format json`
cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnerfit.engine.pipeline import Reason
from partnerfit.evaluation import CandidateResult, CriterionScore, Evaluation, StageSummary
from partnerfit.models import CriteriaSet

if TYPE_CHECKING:
    from partnerfit.sensitivity import SensitivityResult

MAX_RANK_COLUMNS = 10
"""Rank columns of the acceptability chart at most; the last then sums the ranks below."""
MAX_ACCEPTABILITY_ROWS = 20
"""Candidates in the acceptability chart at most (the first in the nominal order)."""

LOW_CONFIDENCE = 0.5
"""A numeric confidence below this counts as low: under "medium" (0.5), the level that
partnerfit.relational's CONFIDENCE_LEVELS gives the word "medium"."""

GATE_CODES = ("gate_failed",)
SHORTLIST_CODES = ("not_shortlisted",)


@dataclass(frozen=True)
class Leaver:
    """A candidate that stopped in a stage, with that stage's reasons."""

    candidate: CandidateResult
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class StageFunnel:
    """How many entered a stage, how many moved on, and who stopped there and why."""

    stage: StageSummary
    gate_failed: tuple[Leaver, ...]
    """Eliminated by a knock-out gate."""
    not_shortlisted: tuple[Leaver, ...]
    """Scored, but outside the shortlist (rank or min_score)."""
    incomplete: tuple[Leaver, ...]
    """Stopped for missing data: an untestable gate or scores the stage needs."""

    @property
    def entered(self) -> int:
        return self.stage.entered

    @property
    def passed(self) -> int:
        return self.stage.passed

    @property
    def left(self) -> int:
        return len(self.gate_failed) + len(self.not_shortlisted) + len(self.incomplete)


@dataclass(frozen=True)
class EvidenceProfile:
    """How well the scores behind one candidate's total are supported."""

    candidate: CandidateResult
    stage: str
    """The stage whose total the weights below refer to (where the candidate stopped)."""
    counted: tuple[CriterionScore, ...]
    """Criteria counted in that stage's total, heaviest first."""
    without_evidence: tuple[CriterionScore, ...]
    """Scores given with no evidence, heaviest first."""
    low_confidence: tuple[CriterionScore, ...]
    """Scores whose confidence is "low" or a number below LOW_CONFIDENCE, heaviest first."""
    missing: tuple[CriterionScore, ...]
    """No score given: counted as the worst value, or skipped."""

    @property
    def weight_without_evidence(self) -> float:
        """Share (0..1) of the total's weight that rests on scores without evidence."""
        return _weight(self.without_evidence)

    @property
    def weight_low_confidence(self) -> float:
        return _weight(self.low_confidence)

    @property
    def weight_missing(self) -> float:
        return _weight(self.missing)


def _weight(scores: Iterable[CriterionScore]) -> float:
    return sum(s.weight or 0.0 for s in scores)


@dataclass(frozen=True)
class AssessorDisagreement:
    """One score on which assessors differ: (candidate, criterion, values by assessor)."""

    candidate: str
    criterion: str
    values: Mapping[str, float]

    @property
    def spread(self) -> float:
        return max(self.values.values()) - min(self.values.values()) if self.values else 0.0


@dataclass(frozen=True)
class AcceptabilityRow:
    name: str
    shares: tuple[float, ...]
    """Share of samples at rank 1, 2, ...; the rest (to 1) is the share not ranked."""
    mean_rank: float | None = None
    """Mean rank over the samples in which the candidate is ranked."""
    band: tuple[int, int] | None = None
    """5th and 95th percentile of its rank over those samples."""
    unranked: float | None = None
    """Share of samples in which it is not ranked (None: 1 minus the shares)."""


@dataclass(frozen=True)
class CriticalRow:
    """The smallest change of a dimension's weight (others renormalised) that changes
    who ranks first."""

    dimension: str
    stated: float
    critical: float | None
    """None: no weight in 0..1 changes the leader (or the weight cannot move)."""
    new_leader: str | None


@dataclass(frozen=True)
class RankAcceptability:
    """Share of weight samples in which each candidate took each final rank (SMAA-2)."""

    samples: int
    seed: int
    rows: tuple[AcceptabilityRow, ...]
    """Candidates ranked in at least one sample, in the nominal order."""
    note: str | None = None
    """How the samples were drawn, in one sentence."""
    verdict: str | None = None
    """One sentence on the top candidate's stability."""
    never_ranked: tuple[str, ...] = ()
    critical: tuple[CriticalRow, ...] = ()
    lower_from: int | None = None
    """When set, each row's last share is that of this rank and below, summed."""
    more: int = 0
    """Candidates ranked in some sample but left out of `rows` (MAX_ACCEPTABILITY_ROWS)."""


@dataclass(frozen=True)
class Report:
    evaluation: Evaluation
    criteria: CriteriaSet
    funnel: tuple[StageFunnel, ...]
    evidence: tuple[EvidenceProfile, ...]
    disagreements: tuple[AssessorDisagreement, ...] | None
    """None: the candidates file records no assessors; empty: none disagree."""
    acceptability: RankAcceptability | None
    sensitivity_skipped: str | None = None
    """Why the sensitivity analysis could not be run (its section says so), if it was not."""
    disagreement_threshold: float | None = None
    """The spread above which a score counts as a disagreement, shown in its section."""


def is_low_confidence(confidence: str | float | None) -> bool:
    if confidence is None:
        return False
    if isinstance(confidence, str):
        return confidence == "low"
    return confidence < LOW_CONFIDENCE


def stage_funnel(evaluation: Evaluation) -> tuple[StageFunnel, ...]:
    """Who left each stage, by cause. A candidate that failed a gate counts there even when
    another gate of the stage could not be tested; the counts add up to the stage summary's
    `eliminated` (gates + shortlist) and `incomplete`."""
    funnel = []
    for stage in evaluation.stages:
        groups: dict[str, list[Leaver]] = {"gate": [], "shortlist": [], "incomplete": []}
        for c in evaluation.candidates:
            if c.status == "ranked" or c.stage_reached != stage.id:
                continue
            reasons = tuple(r for r in c.reasons if r.stage == stage.id)
            codes = {r.code for r in reasons}
            if c.status == "incomplete":
                key = "incomplete"
            elif codes & set(GATE_CODES):
                key = "gate"
            else:
                key = "shortlist"
            groups[key].append(Leaver(c, reasons))
        funnel.append(
            StageFunnel(
                stage,
                tuple(groups["gate"]),
                tuple(groups["shortlist"]),
                tuple(groups["incomplete"]),
            )
        )
    return tuple(funnel)


def _heaviest_first(scores: Iterable[CriterionScore]) -> tuple[CriterionScore, ...]:
    return tuple(sorted(scores, key=lambda s: (-(s.weight or 0.0), s.id)))


def evidence_profile(candidate: CandidateResult) -> EvidenceProfile | None:
    """The scores counted in the total of the stage where the candidate stopped (for a
    ranked candidate, the final total); None if it was never scored."""
    stage = candidate.stage_reached
    counted = _heaviest_first(s for s in candidate.criteria if s.stage == stage)
    if not counted:
        return None
    given = [s for s in counted if s.raw is not None]
    return EvidenceProfile(
        candidate=candidate,
        stage=stage,
        counted=counted,
        without_evidence=tuple(s for s in given if not (s.evidence or "").strip()),
        low_confidence=tuple(s for s in given if is_low_confidence(s.confidence)),
        missing=tuple(s for s in counted if s.raw is None),
    )


def as_disagreements(
    rows: Iterable[tuple[str, str, Mapping[str, float]]],
) -> tuple[AssessorDisagreement, ...]:
    """Plain (candidate, criterion, {assessor: value}) rows, ordered by spread (largest
    first), then candidate and criterion."""
    items = [AssessorDisagreement(c, k, dict(v)) for c, k, v in rows]
    return tuple(sorted(items, key=lambda d: (-d.spread, d.candidate, d.criterion)))


def _has_assessors(evaluation: Evaluation) -> bool:
    """Whether any score was given by several assessors (the disagreements section is
    shown then, even when they all agree: "none" is an answer the committee wants)."""
    return any(s.assessors for c in evaluation.candidates for s in c.criteria)


def build_report(
    evaluation: Evaluation,
    criteria: CriteriaSet,
    *,
    disagreements: Iterable[tuple[str, str, Mapping[str, float]]] | None = None,
    acceptability: RankAcceptability | None = None,
    sensitivity_skipped: str | None = None,
    disagreement_threshold: float | None = None,
) -> Report:
    if disagreements is None and _has_assessors(evaluation):
        names = {c.id: c.name for c in evaluation.candidates}
        disagreements = [
            (names.get(d.candidate, d.candidate), d.criterion, d.scores)
            for d in evaluation.disagreements
        ]
        disagreement_threshold = evaluation.disagreement_threshold
    profiles = (evidence_profile(c) for c in evaluation.candidates)
    return Report(
        evaluation=evaluation,
        criteria=criteria,
        funnel=stage_funnel(evaluation),
        evidence=tuple(p for p in profiles if p is not None),
        disagreements=None if disagreements is None else as_disagreements(disagreements),
        acceptability=acceptability,
        sensitivity_skipped=sensitivity_skipped,
        disagreement_threshold=disagreement_threshold,
    )


def final_stage(evaluation: Evaluation) -> StageSummary | None:
    """The last stage that scores: its total is the ranking."""
    return next((s for s in reversed(evaluation.stages) if s.method is not None), None)


def scoring_stages(evaluation: Evaluation) -> Sequence[StageSummary]:
    return [s for s in evaluation.stages if s.method is not None]


def rank_acceptability(result: SensitivityResult, criteria: CriteriaSet) -> RankAcceptability:
    """The report's view of a sensitivity analysis: rank columns up to the last rank any
    candidate takes, candidates never ranked named apart, the verdict in words and the
    dimensions' critical weights."""
    names = {c.id: c.name for c in result.candidates}
    ever = [c for c in result.candidates if c.unranked < 1.0]
    shown = max(
        (k + 1 for c in ever for k, share in enumerate(c.rank_acceptability) if share > 0),
        default=0,
    )
    lower_from = MAX_RANK_COLUMNS if shown > MAX_RANK_COLUMNS else None
    rows = tuple(
        AcceptabilityRow(
            c.name, _columns(c.rank_acceptability, shown), c.mean_rank, c.rank_band, c.unranked
        )
        for c in ever[:MAX_ACCEPTABILITY_ROWS]
    )
    settings = result.settings
    if not settings.weights:
        how = "Weights were held at their stated values"
    elif settings.uninformed:
        how = "Weights were drawn uniformly over every possible weighting"
    else:
        how = (
            "Weights were drawn from a Dirichlet distribution centred on the stated weights "
            f"(concentration {settings.concentration:g}: higher keeps them closer)"
        )
    how += "; scores were jittered within their confidence." if settings.scores else "."
    verdict = None
    if result.verdict is not None:
        from partnerfit.sensitivity import VERDICTS

        v = result.verdict
        bar = next((t for t, label in VERDICTS if label == v.label), 0.0)
        lowest = min(t for t, _ in VERDICTS if t > 0)
        meaning = f"first in {bar:.0%} or more" if bar > 0 else f"first in under {lowest:.0%}"
        verdict = (
            f"{names.get(v.candidate, v.candidate)} ranks first in {v.first_rank:.1%} of "
            f"samples: {v.label.replace('_', ' ')} ({meaning})"
        )
        if v.challenger is not None:
            verdict += (
                f"; {names.get(v.challenger, v.challenger)} is first in "
                f"{v.challenger_first_rank:.1%}"
            )
        verdict += "."
    labels = {d.id: d.label for d in criteria.dimensions}
    critical = tuple(
        CriticalRow(
            labels.get(w.id, w.id),
            w.weight,
            w.critical_weight,
            names.get(w.new_leader, w.new_leader) if w.new_leader else None,
        )
        for w in result.critical_weights
        if w.scope == "dimension"
    )
    return RankAcceptability(
        samples=result.samples,
        seed=result.seed,
        rows=rows,
        note=how,
        verdict=verdict,
        never_ranked=tuple(c.name for c in result.candidates if c.unranked >= 1.0),
        critical=critical,
        lower_from=lower_from,
        more=max(0, len(ever) - MAX_ACCEPTABILITY_ROWS),
    )


def _columns(shares: Sequence[float], shown: int) -> tuple[float, ...]:
    """The first `shown` rank shares; past MAX_RANK_COLUMNS the last column sums the rest."""
    if shown <= MAX_RANK_COLUMNS:
        return tuple(shares[:shown])
    head = tuple(shares[: MAX_RANK_COLUMNS - 1])
    return (*head, float(sum(shares[MAX_RANK_COLUMNS - 1 : shown])))
