"""The `partnerfit score --format json` document, as pydantic models: its JSON Schema.

`partnerfit.render.json_format` builds the document from plain dicts; these models
describe it for `partnerfit schema result` and `schemas/result.schema.json`, and a
test validates real output against that schema, so the two cannot drift apart
unnoticed. Keys and order follow docs/output.md. Not used at run time by `score`.

The `inputs` of a computed criterion is one of the shapes below, one per kind (or the
`*_given: false` marker when the candidate gave no facts for it); the kind itself is in
the criterion's `kind`, beside it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from partnerfit.models import Aggregation, CriterionKind

Number = float
RawValue = bool | float | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


# Examples of the nested records, trimmed from the bundled example's output (a test
# validates every example against its field's schema).
_CRITERION_EXAMPLE: dict[str, Any] = {
    "dimension": "strategic_fit",
    "raw": 5.0,
    "normalised": 100.0,
    "weight": 0.06,
    "contribution": 6.0,
    "stage": "due_diligence",
    "handling": "scored",
    "clipped": False,
    "evidence": "president named a director as executive sponsor",
    "confidence": "high",
    "kind": "rating",
    "assessors": None,
    "inputs": None,
}
_GATE_EXAMPLE: dict[str, Any] = {
    "stage": "screen",
    "criterion": "sanctions_clear",
    "rule": "sanctions_clear must be true",
    "value": True,
    "passed": True,
}
_REASON_EXAMPLE: dict[str, Any] = {
    "stage": "desk_review",
    "code": "not_shortlisted",
    "message": "not shortlisted: rank 6 of 9, shortlist keeps the top 5",
    "criteria": [],
}
_STAGE_EXAMPLE: dict[str, Any] = {
    "id": "desk_review",
    "name": "Desk review",
    "method": "weighted_sum",
    "dimensions": ["strategic_fit", "financial_compatibility"],
    "gates": 0,
    "entered": 9,
    "passed": 5,
    "eliminated": 4,
    "incomplete": 0,
    "shortlist": {"top": 5, "min_score": 55.0},
    "weights": {
        "dimensions": {"strategic_fit": 0.666667, "financial_compatibility": 0.333333},
        "criteria": {"partner_commitment": 0.666667, "financial_stability": 0.333333},
    },
    "bounds": {},
    "parameters": {"normalisation": "linear over scale, bounds or field min-max"},
    "results": {},
    "weighting": [],
}
_CANDIDATE_EXAMPLE: dict[str, Any] = {
    "id": "hoshikawa",
    "name": "Hoshikawa Iryoki KK",
    "type": "channel",
    "rank": 1,
    "status": "ranked",
    "stage_reached": "due_diligence",
    "total": 84.481786,
    "stage_scores": {"desk_review": 76.898701, "due_diligence": 84.481786},
    "dimensions": {"strategic_fit": 90.0},
    "method_scores": {},
    "criteria": {"partner_commitment": _CRITERION_EXAMPLE},
    "facts": {"sanctions_clear": True},
    "attributes": {"hq": "Osaka"},
    "gates": [_GATE_EXAMPLE],
    "reasons": [],
    "warnings": [],
    "attention": {"low_confidence": [], "no_evidence": ["delivery_capacity"], "judged": 15},
}


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


class CoverageInputs(_Model):
    """`coverage`: which of our needs the candidate's capabilities cover."""

    covered: list[str] = Field(
        description="Our needs they cover, spelled as in our profile.",
        examples=[["hospital distribution", "field service"]],
    )
    missed: list[str] = Field(
        description="Our needs they do not cover.", examples=[["public tenders"]]
    )
    unknown: list[str] = Field(
        description="Their capabilities, as written, matching none of our names.",
        examples=[["reimbursement dossiers"]],
    )


class OverlapInputs(_Model):
    """`overlap`: which of our strengths the candidate also has."""

    overlapping: list[str] = Field(
        description="Our strengths they also have, spelled as in our profile.",
        examples=[["imaging software"]],
    )
    capabilities: int = Field(
        description="How many capabilities they list (the denominator).", examples=[5]
    )
    unknown: list[str] = Field(
        description="Their capabilities, as written, matching none of our names.",
        examples=[["reimbursement dossiers"]],
    )


class CapabilitiesNotGiven(_Model):
    """`coverage` or `overlap` of a candidate that lists no capabilities."""

    capabilities_given: Literal[False] = Field(
        description="The candidate lists no capabilities.", examples=[False]
    )


class AlignmentInputs(_Model):
    """`alignment`: the objectives shared with the candidate (Jaccard)."""

    shared: list[str] = Field(
        description="Our objectives they share, spelled as in our profile.",
        examples=[["market access in apac"]],
    )
    union: int = Field(description="Size of the union (the Jaccard denominator).", examples=[4])
    unknown: list[str] = Field(
        description="Their objectives, as written, matching none of our names.",
        examples=[["grow exports"]],
    )


class ObjectivesNotGiven(_Model):
    """`alignment` of a candidate that states no objectives."""

    objectives_given: Literal[False] = Field(
        description="The candidate states no objectives.", examples=[False]
    )


class CultureGap(_Model):
    """One culture dimension compared."""

    ours: Number = Field(description="Our value on the dimension's scale.", examples=[4.0])
    theirs: Number | None = Field(
        description="Their value, or null when missing.", examples=[3.5, None]
    )
    gap: Number | None = Field(
        description="Normalised gap 0..1 after tolerance; null where theirs is missing.",
        examples=[0.0, 0.25],
    )
    evidence: str | None = Field(
        description="The evidence of their value, as given.", examples=["site visit"]
    )
    confidence: Literal["low", "medium", "high"] | Number | None = Field(
        description="The confidence of their value, as given.", examples=["medium"]
    )


class SimilarityInputs(_Model):
    """`similarity`: our culture against theirs, dimension by dimension."""

    dimensions: dict[str, CultureGap] = Field(
        description="Culture dimension id -> the comparison.",
        examples=[
            {
                "decision_speed": {
                    "ours": 4.0,
                    "theirs": 3.5,
                    "gap": 0.0,
                    "evidence": "site visit",
                    "confidence": "medium",
                }
            }
        ],
    )


class RatioInputs(_Model):
    """`ratio`: their financial fact over ours, against a band."""

    of: str = Field(description="The financial fact compared.", examples=["revenue"])
    ours: Number = Field(description="Our value, from our profile.", examples=[140.0])
    theirs: Number | None = Field(
        description="Their value, or null when missing.", examples=[310.0, None]
    )
    ratio: Number | None = Field(
        description="theirs / ours, or null when missing.", examples=[2.214286]
    )
    band: list[Number] = Field(
        description="[low, high]: ratios inside score 100.",
        examples=[[0.5, 4.0]],
        min_length=2,
        max_length=2,
    )
    falloff: Number = Field(
        description="Factor beyond the band at which the score reaches 0.", examples=[10.0]
    )
    position: Literal["below", "inside", "above"] | None = Field(
        description="Where the ratio lies against the band; null when missing.",
        examples=["inside"],
    )


class LedgerItem(_Model):
    """One item of a proposal's ledger."""

    item: str = Field(description="What is given.", examples=["exclusivity in Japan and Korea"])
    value: Number = Field(description="Its value, as written.", examples=[2.0])
    evidence: str | None = Field(
        description="The evidence of the estimate, as given.", examples=["term sheet draft"]
    )
    confidence: Literal["low", "medium", "high"] | Number | None = Field(
        description="The confidence of the estimate, as given.", examples=["medium"]
    )


class BalanceInputs(_Model):
    """`balance`: what each side of the proposal gives."""

    we_give: list[LedgerItem] = Field(
        description="What we give.",
        examples=[
            [
                {
                    "item": "training and demo units",
                    "value": 0.5,
                    "evidence": None,
                    "confidence": None,
                }
            ]
        ],
    )
    we_receive: list[LedgerItem] = Field(
        description="What we receive.",
        examples=[
            [
                {
                    "item": "stock held in Japan",
                    "value": 1.0,
                    "evidence": "term sheet draft 2",
                    "confidence": "medium",
                }
            ]
        ],
    )
    we_give_total: Number = Field(description="Sum of what we give.", examples=[2.5])
    we_receive_total: Number = Field(description="Sum of what we receive.", examples=[2.2])
    leans: Literal["us", "them", "even"] = Field(
        description="`us` when we receive more, `them` when we give more, else `even`.",
        examples=["them"],
    )


class ProposalNotGiven(_Model):
    """`balance` of a candidate with no proposal."""

    proposal_given: Literal[False] = Field(
        description="The candidate has no proposal.", examples=[False]
    )


ComputedInputs = (
    CoverageInputs
    | OverlapInputs
    | CapabilitiesNotGiven
    | AlignmentInputs
    | ObjectivesNotGiven
    | SimilarityInputs
    | RatioInputs
    | BalanceInputs
    | ProposalNotGiven
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
    evidence: str | None = Field(
        description=(
            "As given in the score (for a ratio, in the financial fact; for a similarity "
            "or balance, each input's as `label: text`, joined by `; `)."
        ),
        examples=["FY2024 report"],
    )
    confidence: Literal["low", "medium", "high"] | Number | None = Field(
        description=(
            "As given in the score (for a ratio, in the financial fact; for a similarity "
            "or balance, the lowest given to an input)."
        ),
        examples=["high", 0.8],
    )
    kind: CriterionKind = Field(
        description="`rating`, `measure`, `flag` or a computed kind.",
        examples=["rating", "coverage"],
    )
    assessors: dict[str, Number] | None = Field(
        description="Assessor -> value when several scored it (`raw` is their aggregate).",
        examples=[{"ana": 5.0, "ben": 3.0}, None],
    )
    inputs: ComputedInputs | None = Field(
        description="Computed kinds: what the score was computed from; null for rated ones.",
        examples=[{"shared": ["market access in apac"], "union": 4, "unknown": []}, None],
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


class Attention(_Model):
    """The judged scores of a candidate to check: low confidence or no evidence."""

    low_confidence: list[str] = Field(
        description="Criteria scored with a confidence below 0.5.", examples=[["market_access"]]
    )
    no_evidence: list[str] = Field(
        description="Criteria scored without evidence.", examples=[["delivery_capacity"]]
    )
    judged: int = Field(description="How many judged scores were checked.", examples=[15])


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
    criteria: dict[str, CriterionResult] = Field(
        description="Criterion id -> result.",
        examples=[{"partner_commitment": _CRITERION_EXAMPLE}],
    )
    facts: dict[str, RawValue] = Field(
        description="Fact id -> raw value.", examples=[{"sanctions_clear": True}]
    )
    attributes: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "The candidate's free attributes from the candidates file, as given (absent "
            "from results written before partnerfit copied them)."
        ),
        examples=[{"hq": "Singapore", "founded": 1998}],
    )
    gates: list[GateResult] = Field(
        description="Every gate the candidate met.", examples=[[_GATE_EXAMPLE]]
    )
    reasons: list[ReasonResult] = Field(
        description="Why it stopped; empty when ranked.", examples=[[_REASON_EXAMPLE], []]
    )
    warnings: list[str] = Field(
        description="Clipped values, skipped or worst-filled scores.",
        examples=[["'alliance_experience_years' value 25 lies outside its bounds [0, 15]"]],
    )
    attention: Attention | None = Field(
        description="Judged scores to check; null when none was scored.",
        examples=[{"low_confidence": [], "no_evidence": ["delivery_capacity"], "judged": 15}],
    )


class ProfileRef(_Model):
    """Our organisation's profile, which computed criteria compare candidates with."""

    name: str | None = Field(
        description="The profile's name; null without a profile.",
        examples=["Arvalen Medical GmbH", None],
    )
    path: str | None = Field(
        description="The profile file as referenced; null when inline or absent.",
        examples=["profile.yaml", None],
    )


class AssessorPolicy(_Model):
    """How the scores of several assessors are combined."""

    aggregation: Aggregation = Field(
        description="How assessors' values are combined into the one used.", examples=["median"]
    )
    disagreement: Number = Field(
        description="Spread (max - min) above which assessors disagree.", examples=[1.0]
    )


class DisagreementResult(_Model):
    """A score whose assessors differ by more than the threshold."""

    candidate: str = Field(description="Candidate id.", examples=["sahyadri"])
    criterion: str = Field(
        description="A criterion or fact id, `culture.<dimension>` or `financials.<fact>`.",
        examples=["partner_commitment", "culture.hierarchy"],
    )
    scores: dict[str, Number] = Field(
        description="Assessor -> value.", examples=[{"ana": 5.0, "ben": 3.0}]
    )
    aggregate: Number = Field(description="The value used.", examples=[4.0])
    spread: Number = Field(description="max - min of the assessors' values.", examples=[2.0])


class ScoreResult(_Model):
    """The document `partnerfit score --format json` writes (docs/output.md)."""

    schema_version: Literal[1] = Field(
        description="Version of this document's shape.", examples=[1]
    )
    partnerfit_version: str = Field(description="Version that wrote it.", examples=["0.1.0"])
    criteria: CriteriaRef = Field(
        description="The criteria set.",
        examples=[
            {
                "id": "strategic-alliance",
                "name": "Strategic alliance partner scorecard",
                "version": "1.0",
                "path": "../../criteria/strategic-alliance.yaml",
            }
        ],
    )
    candidates_file: str = Field(
        description="The candidates file as given.",
        examples=["examples/apac-medtech-entry/candidates.yaml"],
    )
    profile: ProfileRef = Field(
        description="Our profile.",
        examples=[{"name": "Arvalen Medical GmbH", "path": "profile.yaml"}],
    )
    assessors: AssessorPolicy = Field(
        description="The set's policy for several assessors.",
        examples=[{"aggregation": "median", "disagreement": 1.0}],
    )
    weighting: list[Derivation] = Field(description="Static weight derivations.", examples=[[]])
    stages: list[StageResult] = Field(
        description="One entry per stage, in order.", examples=[[_STAGE_EXAMPLE]]
    )
    candidates: list[CandidateResult] = Field(
        description="Ranked first, then the others.", examples=[[_CANDIDATE_EXAMPLE]]
    )
    disagreements: list[DisagreementResult] = Field(
        description="Scores whose assessors disagree, in the order of candidates, then criteria.",
        examples=[[]],
    )
    warnings: list[str] = Field(description="Warnings about the whole run.", examples=[[]])
