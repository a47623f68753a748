"""`partnerfit init`: a criteria set and a candidates template for one alliance type.

The six dimensions and their criteria are those of the bundled set
(criteria/strategic-alliance.yaml, sources in docs/criteria-sources.md); the
dimension weights and the extra knock-out gates are the per-type row of the
table "Adapting weights to the alliance type" on that page. docs/init.md gives
the reasoning; a test keeps this module, that table and the bundled set in step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CRITERIA_FILE = "criteria.yaml"
CANDIDATES_FILE = "candidates.yaml"


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
    example: float = 3
    """The value the filled-in example candidate gets."""


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
            Item("objectives_alignment", "Alignment of declared objectives", 40, example=4),
            Item("partner_commitment", "Importance of the alliance to the partner", 30, example=3),
            Item(
                "competitive_overlap",
                "Competitive overlap with us",
                30,
                direction="cost",
                example=2,
            ),
        ),
    ),
    Dim(
        "complementary_capabilities",
        "Complementary capabilities",
        "Capabil.",
        (
            Item("capability_gap_coverage", "Coverage of the capabilities we lack", 35, example=4),
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
            Item("management_style_fit", "Compatibility of management styles", 40, example=3),
            Item("decision_making_fit", "Compatibility of decision making", 30, example=3),
            Item("top_management_access", "Peer access between top managements", 30, example=4),
        ),
    ),
    Dim(
        "financial_compatibility",
        "Financial compatibility",
        "Finance",
        (
            Item("financial_stability", "Financial stability", 40, example=4),
            Item("commitment_symmetry", "Commensurate commitment and risk", 35, example=3),
            Item(
                "annual_revenue",
                "Annual revenue",
                25,
                kind="measure",
                unit="EUR m",
                bounds=(0, 1000),
                example=250,
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


COMMON_FACTS = (
    Fact(
        "fills_capability_gap",
        "Covers at least one critical capability we lack",
        "no real resource need: covers none of the capabilities we lack",
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
        max_competitive_overlap=4,
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
        max_competitive_overlap=4,
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
        "Judged on market access, coverage and sales and service capacity: operational fit "
        "rises and culture falls.",
        (
            Fact(
                "no_territory_conflict",
                "No territory or exclusivity conflict",
                "territory or exclusivity conflict with existing partners",
            ),
        ),
        min_financial_stability=3,
    ),
    "technology": AllianceType(
        "Technology partnership",
        (20, 35, 10, 5, 15, 15),
        "Complementary capability counts most, more so over long horizons (Jalali 2017); "
        "IP protection belongs in the gates, not in a weight.",
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


class ScaffoldError(Exception):
    """The folder cannot be written as asked; nothing was written."""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def criteria_text(alliance_type: str) -> str:
    t = TYPES[alliance_type]
    out = [
        f"# {t.label}: partner selection criteria, written by partnerfit init.",
        "# Editors validate and complete this file when its first line is",
        "#   # yaml-language-server: $schema=<path>/criteria.schema.json",
        "# (write the schema with: partnerfit schema criteria > criteria.schema.json).",
        "#",
        "# Dimension weights are partnerfit's suggested defaults for this alliance type",
        "# (docs/criteria-sources.md, 'Adapting weights to the alliance type'); criterion",
        "# weights sum to 100 inside each dimension. Adapt them to your case and record",
        "# why in the description. Check with: partnerfit check .",
        "partnerfit: 1",
        "kind: criteria",
        f"id: {alliance_type.replace('_', '-')}-partner-selection",
        f"name: {_q(t.label + ' partner scorecard')}",
        'version: "0.1"',
        f"description: {_q(t.why)}",
        "scale: {min: 1, max: 5}",
        "",
        "dimensions:",
    ]
    for dim, weight in zip(DIMENSIONS, t.weights, strict=True):
        out += [
            f"  - id: {dim.id}",
            f"    name: {_q(dim.name)}",
            f"    short: {_q(dim.short)}",
            f"    weight: {weight}",
            "    criteria:",
        ]
        for item in dim.items:
            fields = [f"id: {item.id}", f"name: {_q(item.name)}", f"weight: {item.weight}"]
            if item.kind != "rating":
                fields.append(f"kind: {item.kind}")
            if item.direction != "benefit":
                fields.append(f"direction: {item.direction}")
            if item.unit is not None:
                fields.append(f"unit: {_q(item.unit)}")
            if item.bounds is not None:
                fields.append(f"bounds: [{item.bounds[0]}, {item.bounds[1]}]")
            if item.missing is not None:
                fields.append(f"missing: {item.missing}")
            out.append(f"      - {{{', '.join(fields)}}}")
    out += ["", "facts:", "  # Gated, never scored."]
    facts = (*COMMON_FACTS, *t.facts)
    out += [f"  - {{id: {f.id}, name: {_q(f.name)}, kind: flag}}" for f in facts]
    out += ["", "stages:", "  - id: screen", "    name: Knock-out screen", "    gates:"]
    for f in facts:
        out.append(f"      - {{criterion: {f.id}, equals: true, reason: {_q(f.reason)}}}")
    out.append(
        f"      - {{criterion: financial_stability, min: {t.min_financial_stability}, "
        f"reason: {_q('too fragile to carry a multi-year commitment')}}}"
    )
    if t.max_competitive_overlap is not None:
        out.append(
            f"      - {{criterion: competitive_overlap, max: {t.max_competitive_overlap}, "
            f"reason: {_q('direct competitor: no strategic non-conflict')}}}"
        )
    out += [
        "  - id: desk_review",
        "    name: Desk review",
        "    method: weighted_sum",
        "    dimensions: [strategic_fit, complementary_capabilities, financial_compatibility]",
        "    shortlist: {top: 5}",
        "  - id: due_diligence",
        "    name: Due diligence",
        "    method: weighted_sum",
    ]
    return "\n".join(out) + "\n"


def _value(value: float) -> str:
    return f"{value:g}"


def _candidate_type(alliance_type: str) -> str:
    return "other" if alliance_type == "general" else alliance_type


def candidates_text(alliance_type: str) -> str:
    t = TYPES[alliance_type]
    facts = (*COMMON_FACTS, *t.facts)
    out = [
        f"# Candidates for a {t.label.lower()}, written by partnerfit init.",
        "# The first candidate shows a filled-in entry (invented values: replace them);",
        "# the second is blank: every score is null until you know it. A score is a",
        "# bare value or {value, evidence, confidence}. Run: partnerfit score candidates.yaml",
        "partnerfit: 1",
        "kind: candidates",
        f"criteria: {CRITERIA_FILE}",
        "",
        "candidates:",
        "  - id: example-partner",
        "    name: Example Partner Ltd",
        f"    type: {_candidate_type(alliance_type)}",
        "    description: A filled-in example; replace it with a real candidate.",
        "    scores:",
    ]
    out += [f"      {f.id}: true" for f in facts]
    first = True
    for dim in DIMENSIONS:
        for item in dim.items:
            if first:
                out.append(
                    f"      {item.id}: {{value: {_value(item.example)}, "
                    f'evidence: "first meeting notes, 2025-03-04", confidence: medium}}'
                )
                first = False
            else:
                out.append(f"      {item.id}: {_value(item.example)}")
    out += [
        "",
        "  - id: next-candidate",
        "    name: Next Candidate",
        f"    type: {_candidate_type(alliance_type)}",
        "    scores:",
    ]
    out += [f"      {f.id}: null" for f in facts]
    out += [f"      {item.id}: null" for dim in DIMENSIONS for item in dim.items]
    return "\n".join(out) + "\n"


def scaffold(folder: Path, alliance_type: str, *, force: bool = False) -> list[Path]:
    """Write the criteria set and the candidates template into `folder`.

    Refuses (ScaffoldError, nothing written) when either file exists, unless `force`."""
    from partnerfit.output import OutputError, write_atomic

    if alliance_type not in TYPES:
        raise ScaffoldError(
            f"unknown alliance type '{alliance_type}': expected one of {', '.join(TYPES)}"
        )
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder}: exists and is not a folder")
    files = {folder / CRITERIA_FILE: criteria_text(alliance_type)}
    files[folder / CANDIDATES_FILE] = candidates_text(alliance_type)
    existing = [p for p in files if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        raise ScaffoldError(f"{names}: already {verb}, not overwritten (use --force to replace)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"{folder}: cannot create folder: {exc.strerror or exc}") from None
    written: list[Path] = []
    try:
        for path, text in files.items():
            write_atomic(path, text)
            written.append(path)
    except (OSError, OutputError) as exc:
        for path in written if not existing else []:
            path.unlink(missing_ok=True)  # all or nothing for a new scaffold
        if isinstance(exc, OutputError):
            raise ScaffoldError(str(exc)) from None
        raise ScaffoldError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return written
