"""Checks of relational fit inputs: our profile, candidates' facts, assessors.

Like `partnerfit.validation`, every function returns findings with the location
of the node concerned; callers decide whether to raise. See docs/relational-fit.md
for what each computed criterion kind needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from partnerfit.findings import Finding
from partnerfit.loading import Document, Loc
from partnerfit.models import CandidatesFile, CriteriaSet, Profile, Score
from partnerfit.validation import did_you_mean


def synonyms_vocabulary_error(criteria: CriteriaSet) -> str | None:
    """The reason the set's synonyms cannot form a vocabulary, or None."""
    from partnerfit.relational.names import build_vocabulary

    try:
        build_vocabulary([], criteria.synonyms)
    except ValueError as exc:
        return str(exc)
    return None


def relational_set_findings(criteria: CriteriaSet, doc: Document, base: Loc = ()) -> list[Finding]:
    """Culture dimensions, synonyms and the needs of computed criteria within one set."""
    out: list[Finding] = []
    if criteria.synonyms:
        problem = synonyms_vocabulary_error(criteria)
        if problem is not None:
            out.append(doc.finding((*base, "synonyms"), "PF211", f"invalid synonyms: {problem}"))
    culture = criteria.culture
    if culture is not None:
        scale = criteria.culture_scale()
        span = scale.max - scale.min
        seen: dict[str, int] = {}
        for index, dimension in enumerate(culture.dimensions):
            loc: Loc = (*base, "culture", "dimensions", index)
            if dimension.id in seen:
                out.append(
                    doc.finding(
                        (*loc, "id"), "PF201", f"duplicate culture dimension '{dimension.id}'"
                    )
                )
            seen.setdefault(dimension.id, index)
            if dimension.tolerance > span:
                out.append(
                    doc.finding(
                        (*loc, "tolerance"),
                        "PF212",
                        f"tolerance {dimension.tolerance:g} of culture dimension "
                        f"'{dimension.id}' exceeds the span {span:g} of its scale "
                        f"{scale.min:g}..{scale.max:g}",
                    )
                )
    for d_index, dim in enumerate(criteria.dimensions):
        for c_index, criterion in enumerate(dim.criteria):
            if criterion.kind == "similarity" and culture is None:
                out.append(
                    doc.finding(
                        (*base, "dimensions", d_index, "criteria", c_index, "kind"),
                        "PF210",
                        f"similarity criterion '{criterion.id}' needs culture dimensions: "
                        "add culture: {dimensions: [...]} to the criteria set",
                    )
                )
    for f_index, fact in enumerate(criteria.facts):
        if fact.kind == "similarity" and culture is None:
            out.append(
                doc.finding(
                    (*base, "facts", f_index, "kind"),
                    "PF210",
                    f"similarity fact '{fact.id}' needs culture dimensions: "
                    "add culture: {dimensions: [...]} to the criteria set",
                )
            )
    return out


def _duplicate_findings(
    names: Sequence[str] | Mapping[str, object],
    doc: Document,
    loc: Loc,
    what: str,
    criteria: CriteriaSet,
) -> list[Finding]:
    """Names that mean one thing twice; `names` is a list, or a mapping keyed by name."""
    from partnerfit.relational.names import build_vocabulary

    vocabulary = build_vocabulary([], criteria.synonyms)
    keyed = isinstance(names, Mapping)
    first: dict[str, str | int] = {}
    out = []
    for index, raw in enumerate(names):
        at: str | int = raw if keyed else index
        key = vocabulary.key(raw)
        if not key:
            out.append(doc.finding((*loc, at), "PF217", f"{what}: empty name '{raw}'", key=keyed))
            continue
        if key in first:
            line = doc.mark((*loc, first[key]), key=keyed)[0]
            same = "" if key == raw else f" (both mean '{key}')"
            out.append(
                doc.finding(
                    (*loc, at),
                    "PF217",
                    f"{what} lists '{raw}' twice{same}: first at line {line}",
                    key=keyed,
                )
            )
        first.setdefault(key, at)
    return out


def profile_findings(
    profile: Profile, criteria: CriteriaSet, doc: Document, where: Loc = ()
) -> list[Finding]:
    """Our profile against the criteria set: what each computed criterion needs of us."""
    out: list[Finding] = []
    out.extend(_duplicate_findings(profile.needs, doc, (*where, "needs"), "needs", criteria))
    out.extend(
        _duplicate_findings(profile.strengths, doc, (*where, "strengths"), "strengths", criteria)
    )
    out.extend(
        _duplicate_findings(profile.objectives, doc, (*where, "objectives"), "objectives", criteria)
    )
    out.extend(_culture_keys(profile.culture, criteria, doc, (*where, "culture"), "our profile"))
    scale = criteria.culture_scale()
    for key, value in profile.culture.items():
        if not scale.min <= value <= scale.max:
            out.append(
                doc.finding(
                    (*where, "culture", key),
                    "PF214",
                    f"culture value {value:g} for '{key}' is outside the scale "
                    f"{scale.min:g}..{scale.max:g}",
                )
            )
    measured = criteria.measured()
    kinds = {item.kind for item in measured.values()}
    if "coverage" in kinds and not profile.needs:
        coverage = [i for i, item in measured.items() if item.kind == "coverage"]
        names = ", ".join(coverage)
        noun = "coverage item" if len(coverage) == 1 else "coverage items"
        out.append(
            doc.finding(
                (*where, "needs") if (*where, "needs") in doc.marks else where,
                "PF216",
                f"{noun} {names} {'needs' if len(coverage) == 1 else 'need'} our needs: "
                "list at least one under needs:",
            )
        )
    importance = profile.need_importance()
    for item_id, item in measured.items():
        floor = item.min_importance
        if profile.needs and floor is not None and max(importance.values()) < floor:
            out.append(
                doc.finding(
                    (*where, "needs"),
                    "PF216",
                    f"coverage {'fact' if item in criteria.facts else 'criterion'} {item_id} "
                    f"counts only needs of importance >= {floor:g} "
                    f"(min_importance), but none of our needs is that important",
                )
            )
    if "similarity" in kinds and criteria.culture is not None:
        absent = [d.id for d in criteria.culture.dimensions if d.id not in profile.culture]
        if absent:
            out.append(
                doc.finding(
                    (*where, "culture") if (*where, "culture") in doc.marks else where,
                    "PF218",
                    f"our profile has no culture value for {', '.join(absent)}: similarity "
                    "compares every culture dimension of the criteria set",
                )
            )
    for item_id, item in measured.items():
        if item.kind != "ratio" or item.of is None:
            continue
        ours = profile.financials.get(item.of)
        if ours is None:
            out.append(
                doc.finding(
                    (*where, "financials") if (*where, "financials") in doc.marks else where,
                    "PF215",
                    f"ratio '{item_id}' divides by our '{item.of}', which our profile's "
                    "financials do not give",
                    hint=did_you_mean(item.of, profile.financials),
                )
            )
        elif ours <= 0:
            out.append(
                doc.finding(
                    (*where, "financials", item.of),
                    "PF215",
                    f"ratio '{item_id}' divides by our '{item.of}', which must be above 0, "
                    f"got {ours:g}",
                )
            )
    return out


def _culture_keys(
    culture: Mapping[str, object], criteria: CriteriaSet, doc: Document, loc: Loc, whose: str
) -> list[Finding]:
    defined = [d.id for d in criteria.culture.dimensions] if criteria.culture else []
    out = []
    for key in culture:
        if key not in defined:
            reason = (
                "is not defined by the criteria set"
                if defined
                else "cannot be used: the criteria set defines no culture dimensions"
            )
            out.append(
                doc.finding(
                    (*loc, key),
                    "PF213",
                    f"culture dimension '{key}' of {whose} {reason}",
                    hint=did_you_mean(key, defined),
                    key=True,
                )
            )
    return out


def _assessor_findings(
    score: Score, doc: Document, loc: Loc, label: str, scale: tuple[float, float] | None
) -> list[Finding]:
    if score.by is None:
        return []
    by_loc = (*loc, "by")
    if not score.by:
        return [
            doc.finding(
                by_loc, "PF220", f"assessor map of {label} is empty: give {{assessor: value}}"
            )
        ]
    out: list[Finding] = []
    if scale is not None:
        low, high = scale
        out.extend(
            doc.finding(
                (*by_loc, assessor),
                "PF204",
                f"{assessor}'s value {value:g} for {label} is outside the scale {low:g}..{high:g}",
            )
            for assessor, value in score.by.items()
            if not low <= value <= high
        )
    return out


def relational_candidate_findings(
    candidates_file: CandidatesFile, criteria: CriteriaSet, doc: Document
) -> list[Finding]:
    """Candidates' facts and assessor maps against the criteria set."""
    out: list[Finding] = []
    measured = criteria.measured()
    culture_scale = criteria.culture_scale()
    for index, candidate in enumerate(candidates_file.candidates):
        loc: Loc = ("candidates", index)
        for key, score in candidate.scores.items():
            item = measured.get(key)
            if item is None:
                continue
            s_loc: Loc = (*loc, "scores", key)
            if item.computed and (score.value is not None or score.by is not None):
                out.append(
                    doc.finding(
                        s_loc,
                        "PF219",
                        f"'{key}' is computed ({item.kind}) from the profiles: "
                        "remove its score here",
                        key=True,
                    )
                )
                continue
            if score.by is not None and item.kind == "flag":
                out.append(
                    doc.finding(
                        (*s_loc, "by"),
                        "PF220",
                        f"'{key}' is a flag: several assessors apply to ratings and measures",
                    )
                )
                continue
            scale = criteria.scale_of(item) if item.kind == "rating" else None
            out.extend(
                _assessor_findings(
                    score, doc, s_loc, f"'{key}'", (scale.min, scale.max) if scale else None
                )
            )
        for field, what in (("capabilities", "capabilities"), ("objectives", "objectives")):
            names = getattr(candidate, field)
            if names:
                out.extend(_duplicate_findings(names, doc, (*loc, field), what, criteria))
        if candidate.culture is not None:
            c_loc: Loc = (*loc, "culture")
            out.extend(_culture_keys(candidate.culture, criteria, doc, c_loc, f"'{candidate.id}'"))
            for key, score in candidate.culture.items():
                v_loc = (
                    (*c_loc, key, "value")
                    if (*c_loc, key, "value") in doc.marks
                    else (
                        *c_loc,
                        key,
                    )
                )
                value = score.value
                if isinstance(value, bool):
                    out.append(
                        doc.finding(v_loc, "PF214", f"culture value for '{key}' must be a number")
                    )
                elif value is not None and not culture_scale.min <= value <= culture_scale.max:
                    out.append(
                        doc.finding(
                            v_loc,
                            "PF214",
                            f"culture value {value:g} for '{key}' is outside the scale "
                            f"{culture_scale.min:g}..{culture_scale.max:g}",
                        )
                    )
                out.extend(
                    _assessor_findings(
                        score,
                        doc,
                        (*c_loc, key),
                        f"culture '{key}'",
                        (culture_scale.min, culture_scale.max),
                    )
                )
        for key, score in (candidate.financials or {}).items():
            f_loc: Loc = (*loc, "financials", key)
            if isinstance(score.value, bool):
                out.append(doc.finding(f_loc, "PF204", f"financial '{key}' must be a number"))
            out.extend(_assessor_findings(score, doc, f_loc, f"financial '{key}'", None))
    return out


def needs_profile_findings(criteria: CriteriaSet, doc: Document) -> list[Finding]:
    """A set with computed criteria scored against a candidates file without a profile."""
    computed = [i for i, item in criteria.measured().items() if item.computed]
    if not computed:
        return []
    return [
        doc.finding(
            (),
            "PF218",
            f"the criteria set computes {', '.join(computed)} against our profile, but this "
            "file gives none: add profile: (a path or the profile inline)",
        )
    ]


_NUMBER = re.compile(r"\d+")


def _within(a: str, b: str, limit: int) -> bool:
    """Whether the optimal-string-alignment distance of `a` and `b` (insertions, deletions,
    substitutions, swaps of neighbours) is at most `limit`."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


def near_name(name: str, known: Sequence[str]) -> str | None:
    """The known (normalised) spelling that `name` (normalised, unknown) is most likely a
    typo of: one edit away for our names of 4 to 9 characters, two from 10 on; None when none
    is that close, or the name is shorter than 4. Names whose numbers differ (phase 2 and
    phase 3) are different things, not typos (docs/relational-fit.md, "In the pipeline")."""
    if len(name) < 4:
        return None
    numbers = _NUMBER.findall(name)
    candidates = [k for k in known if len(k) >= 4 and _NUMBER.findall(k) == numbers]
    for limit in (1, 2):
        matches = [
            k for k in candidates if limit <= max(1, len(k) // 5) and _within(name, k, limit)
        ]
        if matches:
            return min(matches)
    return None


def unknown_name_findings(
    candidates_file: CandidatesFile,
    criteria: CriteriaSet,
    profile: Profile | None,
    doc: Document,
) -> list[Finding]:
    """Warnings (PF222) for candidates' capability and objective names that match none of
    ours but are a typo's distance from one; names far from all of ours are taken as
    strengths we do not need, listed only as `unknown` in the JSON inputs."""
    if profile is None:
        return []
    from partnerfit.relational.names import build_vocabulary, normalise_name

    kinds = {item.kind for item in criteria.measured().values()}
    lists: list[tuple[str, str, Sequence[str]]] = []
    if kinds & {"coverage", "overlap"}:
        lists.append(
            ("capabilities", "capability", [*profile.need_importance(), *profile.strengths])
        )
    if "alignment" in kinds:
        lists.append(("objectives", "objective", profile.objectives))
    out: list[Finding] = []
    for field, what, ours in lists:
        vocabulary = build_vocabulary(ours, criteria.synonyms)
        known = sorted(vocabulary.lookup)
        given = [getattr(c, field) or [] for c in candidates_file.candidates]
        close: dict[str, str | None] = {}
        for raw in set().union(*given):
            normalised = normalise_name(raw)
            if normalised and normalised not in vocabulary.lookup:
                close[raw] = near_name(normalised, known)
        if not any(close.values()):
            continue
        for index, (candidate, names) in enumerate(
            zip(candidates_file.candidates, given, strict=True)
        ):
            for position, raw in enumerate(names):
                match = close.get(raw)
                if match is not None:
                    out.append(
                        doc.finding(
                            ("candidates", index, field, position),
                            "PF222",
                            f"{what} '{raw}' of '{candidate.id}' matches none of our names, "
                            "so it is read as a name we do not have",
                            hint=f"did you mean '{match}'?",
                            severity="warning",
                        )
                    )
    return out
