"""`partnerfit init`: a criteria set, our profile and a candidates template for one type.

What is written (dimensions, criteria, culture, the profile's placeholders, per-type
weights and gates) is in `partnerfit.scaffold_catalogue`; this module renders it as
YAML and writes the three files, all or nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from partnerfit.scaffold_catalogue import (
    COMMON_FACTS,
    CULTURE,
    DIMENSIONS,
    EXAMPLE_CAPABILITIES,
    EXAMPLE_OBJECTIVES,
    EXAMPLE_PROPOSAL,
    EXAMPLE_REVENUE,
    NEEDS,
    OBJECTIVES,
    REVENUE,
    STRENGTHS,
    SYNONYMS,
    TYPES,
    AllianceType,
    Item,
)

CRITERIA_FILE = "criteria.yaml"
CANDIDATES_FILE = "candidates.yaml"
PROFILE_FILE = "profile.yaml"


class ScaffoldError(Exception):
    """The folder cannot be written as asked; nothing was written."""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _value(value: float) -> str:
    return f"{value:g}"


def _names(names: tuple[str, ...]) -> str:
    return f"[{', '.join(_q(n) for n in names)}]"


def _criterion(item: Item, weight: int) -> str:
    fields = [f"id: {item.id}", f"name: {_q(item.name)}", f"weight: {weight}"]
    if item.kind != "rating":
        fields.append(f"kind: {item.kind}")
    if item.direction != "benefit":
        fields.append(f"direction: {item.direction}")
    if item.of is not None:
        fields.append(f"of: {item.of}")
    if item.band is not None:
        fields.append(f"band: [{_value(item.band[0])}, {_value(item.band[1])}]")
    if item.unit is not None:
        fields.append(f"unit: {_q(item.unit)}")
    if item.bounds is not None:
        fields.append(f"bounds: [{item.bounds[0]}, {item.bounds[1]}]")
    if item.missing is not None:
        fields.append(f"missing: {item.missing}")
    if item.description is not None:
        fields.append(f"description: {_q(item.description)}")
    return f"      - {{{', '.join(fields)}}}"


def _schema_hint(kind: str) -> list[str]:
    """How to point an editor at the file's schema. The line itself is not written: where
    the schemas live is the user's choice, and a wrong path would only mislead."""
    return [
        "# Editors validate and complete this file when its first line is",
        f"#   # yaml-language-server: $schema=<path>/{kind}.schema.json",
        f"# (write the schema with: partnerfit schema {kind} > {kind}.schema.json).",
    ]


def _shifted_weights(t: AllianceType) -> list[str]:
    """A comment naming the criterion weights this type moved away from the bundled set."""
    shifted = [
        f"#   {item.id}: {t.criterion_weight(item)} (bundled set: {item.weight})"
        for dim in DIMENSIONS
        for item in dim.items
        if t.criterion_weight(item) != item.weight
    ]
    if not shifted:
        return []
    return ["# For this type, these criterion weights differ from the bundled set's:", *shifted]


def criteria_text(alliance_type: str) -> str:
    t = TYPES[alliance_type]
    out = [
        f"# {t.label}: partner selection criteria, written by partnerfit init.",
        *_schema_hint("criteria"),
        "#",
        "# Dimension weights are partnerfit's suggested defaults for this alliance type",
        "# (docs/criteria-sources.md, 'Adapting weights to the alliance type'); criterion",
        "# weights sum to 100 inside each dimension. Adapt them to your case and record",
        "# why in the description. Check with: partnerfit check .",
        *_shifted_weights(t),
        "#",
        "# Criteria of a computed kind (coverage, overlap, alignment, similarity, ratio,",
        "# balance) are never scored by hand: they compare our profile (profile.yaml) with",
        "# each candidate's capabilities, objectives, culture, financials and proposal",
        "# (docs/relational-fit.md).",
        "partnerfit: 1",
        "kind: criteria",
        f"id: {alliance_type.replace('_', '-')}-partner-selection",
        f"name: {_q(t.label + ' partner scorecard')}",
        'version: "0.1"',
        f"description: {_q(t.why)}",
        "scale: {min: 1, max: 5}",
        "",
        "# Rated 1..5 for us (profile.yaml) and for each candidate, compared by",
        "# culture_similarity; a gap within the tolerance costs nothing.",
        "culture:",
        "  scale: {min: 1, max: 5}",
        "  dimensions:",
    ]
    for culture in CULTURE:
        fields = [f"id: {culture.id}", f"name: {_q(culture.name)}"]
        if culture.weight is not None:
            fields.append(f"weight: {_value(culture.weight)}")
        if culture.tolerance is not None:
            fields.append(f"tolerance: {_value(culture.tolerance)}")
        fields.append(f"description: {_q(culture.description)}")
        out.append(f"    - {{{', '.join(fields)}}}")
    out += [
        "# Other spellings of our needs, strengths and objectives (matching is exact",
        "# after lower-casing and synonyms, never fuzzy).",
        "synonyms:",
    ]
    out += [f"  {name}: {_names(aliases)}" for name, aliases in SYNONYMS.items()]
    out += [
        "# Several assessors may score one value ({by: {ana: 4, ben: 3}}): their median is",
        "# used, and a spread above 1 is listed as a disagreement.",
        "assessors: {aggregation: median, disagreement: 1}",
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
        out += [_criterion(item, t.criterion_weight(item)) for item in dim.items]
    out += ["", "facts:", "  # Gated, never scored."]
    facts = (*COMMON_FACTS, *t.facts)
    out += [
        f"  - {{id: {f.id}, name: {_q(f.name)}, kind: flag}}"
        if f.min_importance is None
        else f"  - {{id: {f.id}, name: {_q(f.name)}, kind: coverage, "
        f"min_importance: {f.min_importance}}}"
        for f in facts
    ]
    out += ["", "stages:", "  - id: screen", "    name: Knock-out screen", "    gates:"]
    for f in facts:
        rule = "equals: true" if f.min_importance is None else "min: 1"
        out.append(f"      - {{criterion: {f.id}, {rule}, reason: {_q(f.reason)}}}")
    out.append(
        f"      - {{criterion: financial_stability, min: {t.min_financial_stability}, "
        f"reason: {_q('too fragile to carry a multi-year commitment')}}}"
    )
    if t.max_competitive_overlap is not None:
        reason = "direct competitor: most of what they bring duplicates our strengths"
        out.append(
            f"      - {{criterion: competitive_overlap, max: {t.max_competitive_overlap}, "
            f"reason: {_q(reason)}}}"
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


def profile_text() -> str:
    out = [
        "# Our organisation, written by partnerfit init: the side every computed",
        "# criterion of criteria.yaml compares candidates with. The values are invented",
        "# placeholders: replace them with ours. Names are free text, matched against the",
        "# candidates' after lower-casing and the synonyms of criteria.yaml.",
        *_schema_hint("profile"),
        "partnerfit: 1",
        "kind: profile",
        "name: Our Company",
        "description: Who we are, in a sentence or two.",
        "needs:",
        "  # The capabilities we lack and a partner must bring (capability_gap_coverage),",
        "  # with importance 3 (critical) to 1 (useful).",
    ]
    out += [f"  {name}: {importance}" for name, importance in NEEDS.items()]
    out += [
        "strengths:",
        "  # What we already have: a partner that has it too overlaps with us",
        "  # (competitive_overlap, a cost).",
    ]
    out += [f"  - {name}" for name in STRENGTHS]
    out += ["objectives:", "  # Our objectives for the alliance (objectives_alignment)."]
    out += [f"  - {name}" for name in OBJECTIVES]
    out += ["culture:", "  # Our own ratings on the culture dimensions of criteria.yaml, 1..5."]
    out += [f"  {dim.id}: {_value(dim.ours)}" for dim in CULTURE]
    out += [
        "financials:",
        "  # In the unit the candidates' financials use (here EUR m): size_ratio divides",
        "  # their revenue by ours.",
        f"  revenue: {REVENUE}",
    ]
    return "\n".join(out) + "\n"


def _candidate_type(alliance_type: str) -> str:
    return "other" if alliance_type == "general" else alliance_type


def candidates_text(alliance_type: str) -> str:
    t = TYPES[alliance_type]
    facts = [f for f in (*COMMON_FACTS, *t.facts) if f.min_importance is None]
    rated = [item for dim in DIMENSIONS for item in dim.items if not item.computed]
    out = [
        f"# Candidates for a {t.label.lower()}, written by partnerfit init.",
        "# The first candidate shows a filled-in entry (invented values: replace them);",
        "# the second is blank: every fact and score is null until you know it. A score is",
        "# a bare value or {value, evidence, confidence}. Computed criteria read the",
        "# candidate's capabilities, objectives, culture, financials and proposal, and",
        "# compare them with our profile; null means not known yet, while an empty list",
        "# is a fact (capabilities: [] covers none of our needs).",
        "# Run: partnerfit score candidates.yaml",
        *_schema_hint("candidates"),
        "partnerfit: 1",
        "kind: candidates",
        f"criteria: {CRITERIA_FILE}",
        f"profile: {PROFILE_FILE}",
        "",
        "candidates:",
        "  - id: example-partner",
        "    name: Example Partner Ltd",
        f"    type: {_candidate_type(alliance_type)}",
        "    description: A filled-in example; replace it with a real candidate.",
        f"    capabilities: {_names(EXAMPLE_CAPABILITIES)}",
        f"    objectives: {_names(EXAMPLE_OBJECTIVES)}",
        "    culture:",
    ]
    out += [f"      {dim.id}: {_value(dim.theirs)}" for dim in CULTURE]
    out += [
        "    financials:",
        f"      revenue: {{value: {EXAMPLE_REVENUE}, "
        'evidence: "annual report 2024", confidence: high}',
        "    proposal:",
    ]
    for side, ledger in EXAMPLE_PROPOSAL.items():
        out.append(f"      {side}:")
        out += [f"        - {{item: {_q(item)}, value: {_value(v)}}}" for item, v in ledger]
    out.append("    scores:")
    out += [f"      {f.id}: true" for f in facts]
    for n, item in enumerate(rated):
        if n == 0:
            out.append(
                f"      {item.id}: {{value: {_value(item.example)}, "
                f'evidence: "first meeting notes, 2025-03-04", confidence: medium}}'
            )
        else:
            out.append(f"      {item.id}: {_value(item.example)}")
    out += [
        "",
        "  - id: next-candidate",
        "    name: Next Candidate",
        f"    type: {_candidate_type(alliance_type)}",
        "    capabilities: null",
        "    objectives: null",
        "    culture:",
    ]
    out += [f"      {dim.id}: null" for dim in CULTURE]
    out += ["    financials:", "      revenue: null", "    proposal: null", "    scores:"]
    out += [f"      {f.id}: null" for f in facts]
    out += [f"      {item.id}: null" for item in rated]
    return "\n".join(out) + "\n"


def scaffold(folder: Path, alliance_type: str, *, force: bool = False) -> list[Path]:
    """Write the criteria set, the candidates template and our profile into `folder`.

    Refuses (ScaffoldError, nothing written) when any of them exists, unless `force`."""
    from partnerfit.output import OutputError, write_atomic

    if alliance_type not in TYPES:
        raise ScaffoldError(
            f"unknown alliance type '{alliance_type}': expected one of {', '.join(TYPES)}"
        )
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder}: exists and is not a folder")
    files = {folder / CRITERIA_FILE: criteria_text(alliance_type)}
    files[folder / CANDIDATES_FILE] = candidates_text(alliance_type)
    files[folder / PROFILE_FILE] = profile_text()
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
