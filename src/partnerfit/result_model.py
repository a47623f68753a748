"""The `partnerfit score --format json` document, as pydantic models: its JSON Schema.

`partnerfit.render.json_format` builds the document from plain dicts; these models
describe it for `partnerfit schema result` and `schemas/result.schema.json`, and a
test validates real output against that schema, so the two cannot drift apart
unnoticed. Keys and order follow docs/output.md. Not used at run time by `score`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Number = float
RawValue = bool | float | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class CriteriaRef(_Model):
    """The criteria set the candidates were scored against."""

    id: str = Field(description="Id of the criteria set.", examples=["strategic-alliance"])
    name: str | None = Field(
        description="Name of the set.", examples=["Strategic alliance partner scorecard"]
    )
    version: str | None = Field(description="Version of the set, as written.", examples=["1.0"])
    path: str | None = Field(
        description="The criteria file as referenced or given with --criteria; null when inline.",
        examples=["../../criteria/strategic-alliance.yaml"],
    )


class Derivation(_Model):
    """A weight derivation: AHP, rank order, points (static) or entropy, CRITIC (per stage)."""

    scope: str = Field(
        description="`dimensions`, or the id of the dimension whose criteria are weighted.",
        examples=["dimensions", "strategic_fit"],
    )
    method: str = Field(description="The weighting method.", examples=["ahp", "entropy"])
    weights: dict[str, Number] = Field(
        description="Item id -> derived weight (sum 1).",
        examples=[{"strategic_fit": 0.75, "finance": 0.25}],
    )
    details: dict[str, Any] = Field(
        description="Method details (AHP priorities and consistency, rank-order variant...).",
        examples=[{"consistency_ratio": 0.0, "max_cr": 0.1}],
    )


class ShortlistRule(_Model):
    """A stage's shortlist rule."""

    top: int | None = Field(description="Keep candidates ranked this or better.", examples=[5])
    min_score: Number | None = Field(description="Keep totals at least this.", examples=[55])


class StageWeights(_Model):
    """Weights in force in a stage."""

    dimensions: dict[str, Number] = Field(
        description="Dimension id -> weight normalised over the stage (sum 1).",
        examples=[{"strategic_fit": 0.36, "complementary_capabilities": 0.45}],
    )
    criteria: dict[str, Number] = Field(
        description="Criterion id -> effective weight in the stage total (sum 1).",
        examples=[{"objectives_alignment": 0.145}],
    )


class StageResult(_Model):
    """One stage of the screening."""

    id: str = Field(description="Stage id.", examples=["desk_review"])
    name: str | None = Field(description="Stage name.", examples=["Desk review"])
    method: str | None = Field(
        description="Scoring method, or null for a stage of gates alone.",
        examples=["weighted_sum", None],
    )
    dimensions: list[str] = Field(
        description="Dimensions scored (empty when the stage does not score).",
        examples=[["strategic_fit", "financial_compatibility"]],
    )
    gates: int = Field(description="Number of gates.", examples=[4])
    entered: int = Field(description="Candidates entering the stage.", examples=[12])
    passed: int = Field(description="Candidates leaving it still in the field.", examples=[9])
    eliminated: int = Field(description="Candidates eliminated here.", examples=[3])
    incomplete: int = Field(description="Candidates stopped here as incomplete.", examples=[0])
    shortlist: ShortlistRule | None = Field(
        description="The shortlist rule, or null.", examples=[{"top": 5, "min_score": 55}]
    )
    weights: StageWeights = Field(
        description="Weights in force.", examples=[{"dimensions": {"a": 1.0}, "criteria": {}}]
    )
    bounds: dict[str, list[Number] | None] = Field(
        description="Measure id -> normalisation bounds [low, high] used, or null (field).",
        examples=[{"annual_revenue": [0, 1000], "markets_covered": None}],
    )
    parameters: dict[str, Any] = Field(
        description="Every parameter of the method in force.",
        examples=[{"normalization": "vector", "distance": "euclidean"}],
    )
    results: dict[str, Any] = Field(
        description="Stage-level results of the method (empty for the weighted sum).",
        examples=[{"compromise_set": ["alpha"]}],
    )
    weighting: list[Derivation] = Field(
        description="Weights derived from the field in this stage (entropy, CRITIC).",
        examples=[[]],
    )


class CriterionResult(_Model):
    """One criterion of a candidate, from the last stage that scored it for this candidate."""

    dimension: str = Field(description="Its dimension.", examples=["strategic_fit"])
    raw: RawValue = Field(description="The value as given.", examples=[4, True, None])
    normalised: Number | None = Field(description="0..100, or null.", examples=[75.0])
    weight: Number | None = Field(
        description="Effective weight in the stage total.", examples=[0.08]
    )
    contribution: Number | None = Field(
        description="weight x normalised (weighted sum only).", examples=[6.0]
    )
    stage: str | None = Field(
        description="The stage these numbers come from.", examples=["due_diligence"]
    )
    handling: Literal["scored", "worst", "skipped", "unscored"] = Field(
        description="How the value was used.", examples=["scored"]
    )
    clipped: bool = Field(description="The value was clipped to the bounds.", examples=[False])
    evidence: str | None = Field(description="As given in the score.", examples=["FY2024 report"])
    confidence: Literal["low", "medium", "high"] | Number | None = Field(
        description="As given in the score.", examples=["high", 0.8]
    )


class GateResult(_Model):
    """A gate the candidate met."""

    stage: str = Field(description="The gate's stage.", examples=["screen"])
    criterion: str = Field(
        description="The criterion or fact tested.", examples=["sanctions_clear"]
    )
    rule: str = Field(description="The rule, in words.", examples=["sanctions_clear must be true"])
    value: RawValue = Field(description="The value tested.", examples=[True])
    passed: bool | None = Field(description="null when the value was missing.", examples=[True])


class ReasonResult(_Model):
    """Why a candidate stopped."""

    stage: str = Field(description="Where it stopped.", examples=["desk_review"])
    code: Literal[
        "gate_failed", "gate_missing", "missing_scores", "no_scores", "not_shortlisted"
    ] = Field(description="The kind of reason.", examples=["not_shortlisted"])
    message: str = Field(
        description="The reason in words.",
        examples=["not shortlisted: rank 6 of 9, shortlist keeps the top 5"],
    )
    criteria: list[str] = Field(description="Criteria concerned.", examples=[["goals"]])


class CandidateResult(_Model):
    """One candidate and how it fared."""

    id: str = Field(description="Candidate id.", examples=["hoshikawa"])
    name: str = Field(description="Name (defaults to the id).", examples=["Hoshikawa Iryoki KK"])
    type: str | None = Field(description="Alliance type, as given.", examples=["channel"])
    rank: int | None = Field(description="Final rank; null unless ranked.", examples=[1])
    status: Literal["ranked", "eliminated", "incomplete"] = Field(
        description="Where the candidate ended.", examples=["ranked"]
    )
    stage_reached: str = Field(description="The last stage entered.", examples=["due_diligence"])
    total: Number | None = Field(
        description="0..100 in the last scoring stage.", examples=[80.551786]
    )
    stage_scores: dict[str, Number] = Field(
        description="Stage id -> total.", examples=[{"desk_review": 76.571429}]
    )
    dimensions: dict[str, Number | None] = Field(
        description="Dimension id -> score.", examples=[{"strategic_fit": 100.0}]
    )
    method_scores: dict[str, dict[str, Any]] = Field(
        description="Stage id -> the method's own quantities.",
        examples=[{"final": {"closeness": 0.71}}],
    )
    criteria: dict[str, CriterionResult] = Field(description="Criterion id -> result.")
    facts: dict[str, RawValue] = Field(
        description="Fact id -> raw value.", examples=[{"sanctions_clear": True}]
    )
    gates: list[GateResult] = Field(description="Every gate the candidate met.")
    reasons: list[ReasonResult] = Field(description="Why it stopped; empty when ranked.")
    warnings: list[str] = Field(
        description="Clipped values, skipped or worst-filled scores.",
        examples=[["'alliance_experience_years' value 25 lies outside its bounds [0, 15]"]],
    )


class ScoreResult(_Model):
    """The document `partnerfit score --format json` writes (docs/output.md)."""

    schema_version: Literal[1] = Field(
        description="Version of this document's shape.", examples=[1]
    )
    partnerfit_version: str = Field(description="Version that wrote it.", examples=["0.1.0"])
    criteria: CriteriaRef = Field(description="The criteria set.")
    candidates_file: str = Field(
        description="The candidates file as given.",
        examples=["examples/apac-medtech-entry/candidates.yaml"],
    )
    weighting: list[Derivation] = Field(description="Static weight derivations.", examples=[[]])
    stages: list[StageResult] = Field(description="One entry per stage, in order.")
    candidates: list[CandidateResult] = Field(description="Ranked first, then the others.")
    warnings: list[str] = Field(description="Warnings about the whole run.", examples=[[]])
