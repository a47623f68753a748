"""What `partnerfit init` writes: dimensions, criteria, culture, our profile, types.

The six dimensions and their criteria, kinds included, are those of the bundled set
(criteria/strategic-alliance.yaml, sources in docs/criteria-sources.md); the
dimension weights and the extra knock-out gates are the per-type row of the table
"Adapting weights to the alliance type" on that page. Where a type's emphasis lies on
single criteria (market access for a channel, knowledge leakage for a technology
partnership), it also shifts criterion weights inside their dimension. The profile and the example
candidate's facts are invented placeholders chosen so that every computed criterion
has something to compare. docs/init.md gives the reasoning; tests keep this module,
that table and the bundled set in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

COMPUTED = ("coverage", "overlap", "alignment", "similarity", "ratio", "balance")
"""Kinds scored from our profile and the candidate's facts, never given a score."""


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    weight: int
    kind: str = "rating"
    direction: str = "benefit"
    unit: str | None = None
    bounds: tuple[int, int] | None = None
    missing: str | None = None
    of: str | None = None
    """A ratio's financial fact."""
    band: tuple[float, float] | None = None
    """A ratio's band of full score."""
    description: str | None = None
    example: float = 3
    """The value the filled-in example candidate gets (rated kinds only)."""

    @property
    def computed(self) -> bool:
        return self.kind in COMPUTED


@dataclass(frozen=True)
class Dim:
    id: str
    name: str
    short: str
    items: tuple[Item, ...]


DIMENSIONS: tuple[Dim, ...] = (
    Dim(
        "strategic_fit",
        "Strategic fit",
        "Strategy",
        (
            Item(
                "objectives_alignment",
                "Alignment of declared objectives",
                40,
                kind="alignment",
                description="Computed: share of objectives in common (profile and candidate).",
            ),
            Item("partner_commitment", "Importance of the alliance to the partner", 30, example=4),
            Item(
                "competitive_overlap",
                "Overlap with our own strengths",
                30,
                kind="overlap",
                direction="cost",
                description="Computed cost: share of their capabilities that duplicate ours.",
            ),
        ),
    ),
    Dim(
        "complementary_capabilities",
        "Complementary capabilities",
        "Capabil.",
        (
            Item(
                "capability_gap_coverage",
                "Coverage of the capabilities we lack",
                35,
                kind="coverage",
                description="Computed: importance-weighted share of our needs they cover.",
            ),
            Item("market_access", "Access to target customers and channels", 25, example=4),
            Item(
                "markets_covered",
                "Target markets with active operations",
                20,
                kind="measure",
                unit="markets",
                bounds=(0, 10),
                example=6,
            ),
            Item("learning_potential", "Knowledge we can learn from the partner", 20, example=3),
        ),
    ),
    Dim(
        "cultural_compatibility",
        "Cultural compatibility",
        "Culture",
        (
            Item(
                "culture_similarity",
                "Similarity of culture profiles",
                70,
                kind="similarity",
                description="Computed: closeness of their culture ratings to ours.",
            ),
            Item("top_management_access", "Peer access between top managements", 30, example=4),
        ),
    ),
    Dim(
        "financial_compatibility",
        "Financial compatibility",
        "Finance",
        (
            Item("financial_stability", "Financial stability", 40, example=4),
            Item(
                "commitment_symmetry",
                "Commensurate commitment and risk",
                35,
                kind="balance",
                description="Computed: what we put in against what they put in (proposal).",
            ),
            Item(
                "size_ratio",
                "Commensurate size",
                25,
                kind="ratio",
                of="revenue",
                band=(0.5, 4),
                description="Computed: their revenue over ours; full score from 0.5 to 4 times.",
            ),
        ),
    ),
    Dim(
        "operational_fit",
        "Operational fit",
        "Ops",
        (
            Item("quality_system_fit", "Quality and compliance system fit", 35, example=4),
            Item("delivery_capacity", "Capacity to deliver the alliance's work", 35, example=3),
            Item("interfaces_governance", "Defined interfaces and governance", 30, example=3),
        ),
    ),
    Dim(
        "relationship_risk",
        "Relationship and risk",
        "Rel/Risk",
        (
            Item("prior_relationship", "Track record with us", 20, missing="worst", example=3),
            Item("reputation_integrity", "Reputation and integrity", 20, example=4),
            Item(
                "alliance_experience_years",
                "Years of alliance experience",
                15,
                kind="measure",
                unit="years",
                bounds=(0, 15),
                example=8,
            ),
            Item(
                "knowledge_leakage_risk",
                "Risk of knowledge leakage",
                25,
                direction="cost",
                example=2,
            ),
            Item(
                "dependence_risk", "Our dependence on the partner", 20, direction="cost", example=2
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Fact:
    id: str
    name: str
    reason: str
    min_importance: int | None = None
    """Set: computed, the coverage of our needs of this importance, gated at min 1."""


@dataclass(frozen=True)
class AllianceType:
    label: str
    weights: tuple[int, int, int, int, int, int]
    """Dimension weights in the order of DIMENSIONS (docs/criteria-sources.md)."""
    why: str
    facts: tuple[Fact, ...]
    """Gate-only facts added for this type, each gated `equals: true`."""
    min_financial_stability: int = 2
    max_competitive_overlap: int | None = None
    """Gate on the computed overlap (0..100): above it, a competitor rather than a complement."""
    criterion_weights: Mapping[str, int] = field(default_factory=dict)
    """Criterion id -> weight inside its dimension, where this type departs from the
    bundled set (each dimension's criteria still sum to 100)."""

    def criterion_weight(self, item: Item) -> int:
        return self.criterion_weights.get(item.id, item.weight)


COMMON_FACTS = (
    Fact(
        "fills_capability_gap",
        "Covers at least one critical capability we lack",
        "no real resource need: covers none of the critical capabilities we lack",
        min_importance=3,
    ),
    Fact(
        "sanctions_clear",
        "Sanctions, export-control and anti-bribery screening clear",
        "sanctions, export-control or anti-bribery screening not clear",
    ),
)

IP_TERMS = Fact(
    "ip_terms_accepted",
    "Accepts our confidentiality and IP terms",
    "refuses our confidentiality and IP terms",
)

TYPES: dict[str, AllianceType] = {
    "general": AllianceType(
        "General-purpose alliance",
        (20, 25, 15, 10, 15, 15),
        "The weights of the bundled strategic-alliance set: filling our capability gap is "
        "the reason to ally, so complementary capabilities weigh most.",
        (IP_TERMS,),
    ),
    "joint_venture": AllianceType(
        "Joint venture",
        (20, 20, 20, 20, 5, 15),
        "Shared equity, governance and P&L for years: culture and commensurate financial "
        "commitment weigh most; daily operations run inside the new entity, so operational "
        "fit with us counts less.",
        (
            Fact(
                "governance_terms_agreed",
                "Governance and control terms agreed",
                "governance and control terms not agreed",
            ),
        ),
        min_financial_stability=3,
        max_competitive_overlap=50,
    ),
    "equity": AllianceType(
        "Equity alliance (minority stake)",
        (25, 20, 15, 20, 5, 15),
        "We share the partner's value but do not run operations with it: strategic and "
        "financial fit lead.",
        (
            Fact(
                "financial_due_diligence_passed",
                "Financial due diligence passed",
                "financial due diligence not passed",
            ),
        ),
        max_competitive_overlap=50,
    ),
    "non_equity": AllianceType(
        "Non-equity (contractual) alliance",
        (25, 30, 10, 10, 10, 15),
        "A contract with a limited term: what the partner brings matters most; culture "
        "matters less because the contact is narrow.",
        (
            IP_TERMS,
            Fact("term_and_exit_defined", "Defined term and exit", "no defined term or exit"),
        ),
    ),
    "channel": AllianceType(
        "Channel partnership",
        (20, 25, 5, 10, 25, 15),
        "Judged on market access, coverage and sales and service capacity: market access "
        "leads the capabilities, markets covered and operational fit rise, culture falls.",
        (
            Fact(
                "no_territory_conflict",
                "No territory or exclusivity conflict",
                "territory or exclusivity conflict with existing partners",
            ),
        ),
        min_financial_stability=3,
        criterion_weights={
            # complementary capabilities (bundled: 35 25 20 20)
            "capability_gap_coverage": 25,
            "market_access": 40,
            "markets_covered": 25,
            "learning_potential": 10,
        },
    ),
    "technology": AllianceType(
        "Technology partnership",
        (20, 35, 10, 5, 15, 15),
        "Complementary technological capability and what we can learn count most, market "
        "access less, the more so over long horizons (Jalali 2017); IP protection is gated "
        "and weighed: knowledge-leakage risk leads the relationship and risk criteria.",
        (
            Fact(
                "ip_improvements_agreed",
                "Ownership of IP in improvements agreed",
                "ownership of IP in improvements not agreed",
            ),
            Fact(
                "security_review_passed",
                "Security and compliance review passed",
                "security or compliance review not passed",
            ),
            Fact(
                "interfaces_available",
                "Interfaces (APIs, data formats) available to us",
                "the interfaces we need are not available",
            ),
        ),
        criterion_weights={
            # complementary capabilities (bundled: 35 25 20 20)
            "capability_gap_coverage": 45,
            "market_access": 15,
            "markets_covered": 10,
            "learning_potential": 30,
            # relationship and risk (bundled: 20 20 15 25 20)
            "prior_relationship": 15,
            "reputation_integrity": 15,
            "alliance_experience_years": 10,
            "knowledge_leakage_risk": 40,
        },
    ),
    "nonprofit": AllianceType(
        "Nonprofit partnership",
        (30, 20, 15, 5, 10, 20),
        "Mission alignment and eligibility come first (CARE emergency toolkit); reputation "
        "and safeguarding risk weigh more than finances.",
        (
            Fact(
                "eligible_legal_status",
                "Legal status and eligibility confirmed",
                "legal status or eligibility not confirmed",
            ),
            Fact(
                "safeguarding_screen_passed",
                "Ethics, reputation and safeguarding screen passed",
                "ethics, reputation or safeguarding screen not passed",
            ),
        ),
    ),
}


@dataclass(frozen=True)
class CultureDim:
    id: str
    name: str
    description: str
    weight: float | None = None
    tolerance: float | None = None
    ours: float = 3
    """Our value in the profile template."""
    theirs: float = 3
    """The filled-in example candidate's value."""


CULTURE: tuple[CultureDim, ...] = (
    CultureDim(
        "decision_speed",
        "Decision speed",
        "1: decisions take quarters and committees; 5: days, by one owner",
        weight=2,
        tolerance=0.5,
        ours=4,
        theirs=3.5,
    ),
    CultureDim(
        "hierarchy",
        "Hierarchy",
        "1: flat, delegated teams; 5: every commitment signed off at the top",
        weight=2,
        tolerance=0.5,
        ours=2,
        theirs=3,
    ),
    CultureDim(
        "risk_appetite",
        "Risk appetite",
        "1: only proven products and channels; 5: early bets on new segments",
        tolerance=1,
    ),
    CultureDim(
        "formality",
        "Formality",
        "1: handshake and e-mail; 5: written procedure for every step",
        tolerance=1,
        theirs=4,
    ),
    CultureDim(
        "time_horizon",
        "Time horizon",
        "1: this year's numbers; 5: a ten-year market build",
        tolerance=1,
        ours=4,
        theirs=4,
    ),
)
"""The culture dimensions of the bundled set, with the template's invented values."""

NEEDS: dict[str, int] = {
    "access to target customers": 3,
    "local distribution": 3,
    "regulatory approvals": 2,
    "after-sales service": 1,
}
"""Our gap list in the profile template: importance 3 (critical) to 1 (useful)."""
STRENGTHS = ("product design", "manufacturing", "brand")
OBJECTIVES = ("enter new markets", "recurring revenue", "joint product roadmap")
REVENUE = 100
"""Our revenue in the profile template (EUR m), the denominator of the size ratio."""
SYNONYMS: dict[str, tuple[str, ...]] = {
    "regulatory approvals": ("registrations", "regulatory affairs"),
    "after-sales service": ("field service", "service"),
}

EXAMPLE_CAPABILITIES = (
    "access to target customers",
    "local distribution",
    "registrations",
    "brand",
)
"""Three of our four needs (one through a synonym) and one of our strengths."""
EXAMPLE_OBJECTIVES = ("enter new markets", "recurring revenue", "volume growth")
EXAMPLE_REVENUE = 250
EXAMPLE_PROPOSAL: dict[str, tuple[tuple[str, float], ...]] = {
    "we_give": (("exclusivity in the territory for 3 years", 2), ("sales training", 0.5)),
    "we_receive": (("dedicated sales team", 1.5), ("local stock", 0.5)),
}
"""Both ledgers of the example's proposal, each item valued in EUR m."""
