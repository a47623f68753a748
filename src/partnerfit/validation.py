"""Validate parsed documents: schema errors and cross-references become findings.

`schema_findings` maps pydantic's errors back to the YAML nodes they concern;
`criteria_findings` and `candidates_findings` check what a schema cannot see
(ids unique across the set, references that resolve, scores that fit their
criterion). All return lists; callers decide whether to raise.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from partnerfit.findings import Finding
from partnerfit.loading import Document, Loc
from partnerfit.models import FORMAT_VERSION, CandidatesFile, CriteriaSet, ProfileFile

KINDS: dict[str, type[BaseModel]] = {
    "criteria": CriteriaSet,
    "candidates": CandidatesFile,
    "profile": ProfileFile,
}


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


def header_findings(doc: Document, expected: str | None = None) -> list[Finding]:
    """Check `partnerfit:` and `kind:` before anything else, for a clear first message."""
    data = doc.data
    version = data.get("partnerfit")
    if version is None:
        return [
            doc.finding((), "PF104", f"missing 'partnerfit: {FORMAT_VERSION}' (format version)")
        ]
    if isinstance(version, bool) or version != FORMAT_VERSION:
        return [
            doc.finding(
                ("partnerfit",),
                "PF104",
                f"unsupported format version {version!r}; this partnerfit reads {FORMAT_VERSION}",
            )
        ]
    if "kind" not in data:
        choices = expected or " or ".join(", ".join(KINDS).rsplit(", ", 1))
        return [
            doc.finding((), "PF104", "missing required key 'kind'", hint=f"add kind: {choices}")
        ]
    kind = data["kind"]
    if kind not in KINDS:
        got = "an empty value" if kind is None else repr(kind)
        hint = did_you_mean(str(kind), KINDS) if kind is not None else None
        return [
            doc.finding(
                ("kind",), "PF104", f"kind must be one of {', '.join(KINDS)}, got {got}", hint=hint
            )
        ]
    if expected is not None and kind != expected:
        return [
            doc.finding(("kind",), "PF104", f"expected a file of kind '{expected}', got '{kind}'")
        ]
    return []


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold, looking through containers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        args = typing.get_args(annotation)
        if origin is dict:
            args = args[1:]
        return [m for a in args for m in _unwrap(a)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _fields_at(model: type[BaseModel], loc: Loc) -> set[str]:
    """The keys allowed in the mapping at `loc` of a `model` document."""
    current: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int) or not current:
            continue
        nxt: list[type[BaseModel]] = []
        for m in current:
            info = m.model_fields.get(part)
            if info is not None:
                nxt.extend(_unwrap(info.annotation))
        if nxt:
            current = nxt
        # a dict key (such as a score's criterion id) keeps the value models
    return {name for m in current for name in m.model_fields}


_MESSAGES = {
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "tuple_type": "expected a list",
}


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        return f"expected {ctx.get('expected', '')}, got {error['input']!r}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"expected at most {ctx.get('max_length')} item(s)"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {error['input']!r}"
    return _MESSAGES.get(kind, str(error["msg"]))


def schema_findings(doc: Document, model: type[BaseModel]) -> tuple[Any, list[Finding]]:
    """Validate `doc` against `model`; return the instance (or None) and findings."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        findings = []
        for error in exc.errors():
            raw_loc = tuple(error["loc"])
            is_key = "[key]" in raw_loc
            loc = tuple(p for p in raw_loc if not (isinstance(p, str) and p.startswith(("<", "["))))
            kind = error["type"]
            if kind == "extra_forbidden":
                key = str(loc[-1])
                hint = did_you_mean(key, _fields_at(model, loc[:-1]))
                findings.append(
                    doc.finding(loc, "PF101", f"unknown key '{key}'", hint=hint, key=True)
                )
            elif kind == "missing" and loc and isinstance(loc[-1], int):
                # a fixed-length list such as bounds: [low, high] given too few items
                message = f"expected more items: item {loc[-1] + 1} is missing"
                findings.append(doc.finding(loc[:-1], "PF103", message))
            elif kind == "missing":
                findings.append(doc.finding(loc[:-1], "PF102", f"missing required key '{loc[-1]}'"))
            else:
                message = _message(error)
                hint = None
                if kind == "literal_error":
                    expected = str((error.get("ctx") or {}).get("expected", ""))
                    options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
                    hint = did_you_mean(str(error["input"]), options)
                where = f"key '{loc[-1]}': " if is_key and loc else ""
                findings.append(doc.finding(loc, "PF103", where + message, hint=hint, key=is_key))
        return None, _dedupe(findings)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings))


def _key(level: float) -> str:
    return f"{level:g}"


def criteria_findings(criteria: CriteriaSet, doc: Document, base: Loc = ()) -> list[Finding]:
    """Cross-reference checks within one criteria set."""
    out: list[Finding] = []
    seen: dict[str, Loc] = {}

    def claim(item_id: str, loc: Loc) -> None:
        if item_id in seen:
            line = doc.mark((*base, *seen[item_id]))[0]
            out.append(
                doc.finding(
                    (*base, *loc, "id"),
                    "PF201",
                    f"duplicate id '{item_id}' (first used at line {line})",
                )
            )
        else:
            seen[item_id] = (*loc, "id")

    for d_index, dimension in enumerate(criteria.dimensions):
        claim(dimension.id, ("dimensions", d_index))
        for c_index, criterion in enumerate(dimension.criteria):
            claim(criterion.id, ("dimensions", d_index, "criteria", c_index))
    for f_index, fact in enumerate(criteria.facts):
        claim(fact.id, ("facts", f_index))

    measured = criteria.measured()
    for item_id, item in measured.items():
        if item.kind == "rating" and item.guide:
            scale = criteria.scale_of(item)
            loc = seen[item_id][:-1]
            out.extend(
                doc.finding(
                    (*base, *loc, "guide", _key(level)),
                    "PF204",
                    f"guide level {level:g} of '{item_id}' is outside the scale "
                    f"{scale.min:g}..{scale.max:g}",
                    key=True,
                )
                for level in item.guide
                if not scale.min <= level <= scale.max
            )

    dimension_ids = {d.id for d in criteria.dimensions}
    stage_ids: dict[str, int] = {}
    for s_index, stage in enumerate(criteria.stages):
        s_loc: Loc = (*base, "stages", s_index)
        if stage.id in stage_ids:
            out.append(doc.finding((*s_loc, "id"), "PF201", f"duplicate stage id '{stage.id}'"))
        stage_ids.setdefault(stage.id, s_index)
        for i, dim in enumerate(stage.dimensions or []):
            if dim not in dimension_ids:
                out.append(
                    doc.finding(
                        (*s_loc, "dimensions", i),
                        "PF202",
                        f"stage '{stage.id}' names unknown dimension '{dim}'",
                        hint=did_you_mean(dim, dimension_ids),
                    )
                )
        for g_index, gate in enumerate(stage.gates):
            g_loc: Loc = (*s_loc, "gates", g_index)
            gated = measured.get(gate.criterion)
            if gated is None:
                out.append(
                    doc.finding(
                        (*g_loc, "criterion"),
                        "PF202",
                        f"gate names unknown criterion or fact '{gate.criterion}'",
                        hint=did_you_mean(gate.criterion, measured),
                    )
                )
                continue
            if gated.kind == "flag" and (gate.min is not None or gate.max is not None):
                out.append(
                    doc.finding(
                        g_loc, "PF103", f"'{gated.id}' is a flag: gate it with equals: true/false"
                    )
                )
            if (
                gated.kind == "flag"
                and gate.equals is not None
                and not isinstance(gate.equals, bool)
            ):
                out.append(
                    doc.finding(
                        (*g_loc, "equals"),
                        "PF103",
                        f"'{gated.id}' is a flag: equals takes true or false",
                    )
                )
            if gated.kind != "flag" and isinstance(gate.equals, bool):
                out.append(
                    doc.finding(
                        (*g_loc, "equals"),
                        "PF103",
                        f"'{gated.id}' is a {gated.kind}: equals takes a number",
                    )
                )
    from partnerfit.validation_methods import method_findings, weighting_findings
    from partnerfit.validation_relational import relational_set_findings

    out.extend(weighting_findings(criteria, doc, base))
    out.extend(method_findings(criteria, doc, base))
    out.extend(relational_set_findings(criteria, doc, base))
    if not any(stage.scores for stage in criteria.stages):
        out.append(
            doc.finding(
                (*base, "stages"),
                "PF206",
                "no stage scores candidates: give at least one stage a method, "
                "dimensions or shortlist",
            )
        )
    return out


def candidates_findings(
    candidates_file: CandidatesFile, criteria: CriteriaSet, doc: Document
) -> list[Finding]:
    """Checks of the candidates against their criteria set."""
    out: list[Finding] = []
    measured = criteria.measured()
    product_scored = {
        c.id
        for stage in criteria.stages
        if stage.scores and stage.scoring_method == "weighted_product"
        for d in criteria.dimensions
        if not stage.dimensions or d.id in stage.dimensions
        for c in d.criteria
    }
    seen: dict[str, int] = {}
    for index, candidate in enumerate(candidates_file.candidates):
        loc: Loc = ("candidates", index)
        if candidate.id in seen:
            line = doc.mark(("candidates", seen[candidate.id], "id"))[0]
            out.append(
                doc.finding(
                    (*loc, "id"),
                    "PF201",
                    f"duplicate candidate id '{candidate.id}' (first used at line {line})",
                )
            )
        seen.setdefault(candidate.id, index)
        for key, score in candidate.scores.items():
            s_loc: Loc = (*loc, "scores", key)
            item = measured.get(key)
            if item is None:
                out.append(
                    doc.finding(
                        s_loc,
                        "PF203",
                        f"score for unknown criterion '{key}'",
                        hint=did_you_mean(key, measured),
                        key=True,
                    )
                )
                continue
            value = score.value
            if value is None:
                continue
            v_loc = (*s_loc, "value") if (*s_loc, "value") in doc.marks else s_loc
            if item.kind == "flag":
                if not isinstance(value, bool):
                    out.append(
                        doc.finding(
                            v_loc,
                            "PF204",
                            f"'{key}' is a flag: expected true or false, got {value:g}",
                        )
                    )
            elif isinstance(value, bool):
                out.append(
                    doc.finding(
                        v_loc,
                        "PF204",
                        f"'{key}' is a {item.kind}: expected a number, got {str(value).lower()}",
                    )
                )
            elif item.kind == "measure" and value <= 0 and key in product_scored:
                out.append(
                    doc.finding(
                        v_loc,
                        "PF204",
                        f"'{key}' is scored by weighted_product, which needs values > 0, "
                        f"got {value:g}",
                    )
                )
            elif item.kind == "rating":
                scale = criteria.scale_of(item)
                if not scale.min <= value <= scale.max:
                    out.append(
                        doc.finding(
                            v_loc,
                            "PF204",
                            f"rating {value:g} for '{key}' is outside the scale "
                            f"{scale.min:g}..{scale.max:g}",
                        )
                    )
    return out
