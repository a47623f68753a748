"""The result of a sensitivity analysis: plain frozen dataclasses (a stable public API).

Names are kept stable; fields may be added. docs/sensitivity.md defines every index.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerfit.engine.scoring import FloatArray


@dataclass(frozen=True)
class Settings:
    samples: int
    seed: int
    weights: bool
    """Weights were sampled."""
    scores: bool
    """Scores were jittered."""
    concentration: float | None
    """Dirichlet concentration K; None with `uninformed` or when weights are not sampled."""
    uninformed: bool
    spread: float
    default_confidence: float
    block_size: int
    """Samples per block; each block draws from its own generator, seeded [seed, block]."""


@dataclass(frozen=True)
class CentralWeights:
    dimensions: dict[str, float]
    """Mean dimension shares over the samples where the candidate ranks first."""
    criteria: dict[str, float]
    """Mean weight of each criterion within its dimension over those samples."""


@dataclass(frozen=True)
class CandidateSensitivity:
    id: str
    name: str
    nominal_rank: int | None
    """Rank at the stated weights and scores (None: not ranked)."""
    rank_acceptability: tuple[float, ...]
    """Share of samples in which the candidate takes rank 1, 2, ... (`ranks` entries)."""
    unranked: float
    """Share of samples in which it is not ranked (left at a shortlist or a gate);
    with `rank_acceptability` it sums to 1."""
    mean_rank: float | None
    """Mean rank over the samples in which it is ranked."""
    rank_band: tuple[int, int] | None
    """5th and 95th percentiles of its rank over the samples in which it is ranked."""
    stages: dict[str, float]
    """Share of samples in which it is still in the field after each stage."""
    central_weights: CentralWeights | None
    """None when it never ranks first."""
    confidence: float | None
    """Share of samples in which it ranks first when scored at its central weights."""

    @property
    def first_rank(self) -> float:
        return self.rank_acceptability[0] if self.rank_acceptability else 0.0


@dataclass(frozen=True)
class Verdict:
    candidate: str
    """The top candidate at the stated weights."""
    label: str
    """stable, fairly_stable, contested or unstable (see `VERDICTS`)."""
    first_rank: float
    challenger: str | None
    """The other candidate that ranks first most often (None: no other ever does)."""
    challenger_first_rank: float


@dataclass(frozen=True)
class CriticalWeight:
    scope: str
    """dimension or criterion."""
    id: str
    weight: float
    """The stated weight: a dimension's share, or a criterion's weight within its dimension."""
    critical_weight: float | None
    """The nearest weight at which another candidate ties for first; beyond it that
    candidate leads. None when no weight in 0..1 changes the leader."""
    change: float | None
    """critical_weight - weight."""
    new_leader: str | None
    method: str
    """exact (linear crossing), bisection (on the pipeline), none (no change found) or
    fixed (the only item of its level: its weight cannot change)."""


@dataclass(frozen=True)
class SensitivityResult:
    criteria_id: str
    criteria_name: str | None
    criteria_version: str | None
    criteria_path: str | None
    candidates_path: str
    settings: Settings
    stage_ids: tuple[str, ...]
    dimension_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    stated_dimension_weights: dict[str, float]
    stated_criterion_weights: dict[str, float]
    """Within-dimension weights."""
    ranks: int
    """Number of rank columns: the candidates that can be ranked in some sample (they pass
    every gate and have the scores of every stage)."""
    candidate_ids: tuple[str, ...]
    """In the order of the nominal ranking (as `evaluate` lists them)."""
    rank_acceptability: FloatArray
    """(candidates, ranks): row i is `candidates[i].rank_acceptability`."""
    candidates: tuple[CandidateSensitivity, ...]
    verdict: Verdict | None
    critical_weights: tuple[CriticalWeight, ...]
    warnings: tuple[str, ...]

    @property
    def samples(self) -> int:
        return self.settings.samples

    @property
    def seed(self) -> int:
        return self.settings.seed
