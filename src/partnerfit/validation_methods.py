"""Checks of weight elicitation blocks and of what each scoring method needs.

Split from `partnerfit.validation`; imported lazily from there because the AHP
check needs numpy.
"""

from __future__ import annotations

from typing import Any

from partnerfit.findings import Finding
from partnerfit.loading import Document, Loc
from partnerfit.models import CriteriaSet, Weighting
from partnerfit.validation import did_you_mean


def _weighting_blocks(
    criteria: CriteriaSet, base: Loc
) -> list[tuple[Weighting, tuple[str, ...], Loc, str, list[tuple[Loc, Any]]]]:
    """(block, item ids, block loc, scope name, [(item loc, item model)]) per weighting."""
    blocks: list[tuple[Weighting, tuple[str, ...], Loc, str, list[tuple[Loc, Any]]]] = []
    if criteria.weighting is not None:
        blocks.append(
            (
                criteria.weighting,
                tuple(d.id for d in criteria.dimensions),
                (*base, "weighting"),
                "the criteria set",
                [((*base, "dimensions", i), d) for i, d in enumerate(criteria.dimensions)],
            )
        )
    for i, d in enumerate(criteria.dimensions):
        if d.weighting is not None:
            d_loc: Loc = (*base, "dimensions", i)
            blocks.append(
                (
                    d.weighting,
                    tuple(c.id for c in d.criteria),
                    (*d_loc, "weighting"),
                    f"dimension '{d.id}'",
                    [((*d_loc, "criteria", j), c) for j, c in enumerate(d.criteria)],
                )
            )
    return blocks


def weighting_findings(criteria: CriteriaSet, doc: Document, base: Loc) -> list[Finding]:
    out: list[Finding] = []
    for weighting, items, w_loc, scope, children in _weighting_blocks(criteria, base):
        out.extend(
            doc.finding(
                (*c_loc, "weight"),
                "PF207",
                f"weight of '{child.id}' is stated while {scope} derives its weights by "
                f"{weighting.method}: keep one source of weights",
                key=True,
            )
            for c_loc, child in children
            if "weight" in child.model_fields_set
        )
        named: list[tuple[str, Loc]] = []
        if weighting.pairwise is not None:
            for k, (a, b, _x) in enumerate(weighting.pairwise):
                named += [(a, (*w_loc, "pairwise", k, 0)), (b, (*w_loc, "pairwise", k, 1))]
        if weighting.points is not None:
            named += [(key, (*w_loc, "points", key)) for key in weighting.points]
        listed = list(weighting.order or [])
        named += [(item, (*w_loc, "order", k)) for k, item in enumerate(listed)]
        unknown = [(name, loc) for name, loc in named if name not in items]
        out.extend(
            doc.finding(
                loc,
                "PF202",
                f"weighting of {scope} names '{name}', which is not one of its items",
                hint=did_you_mean(name, items),
                key=loc[-2] == "points",
            )
            for name, loc in unknown
        )
        if unknown:
            continue
        if weighting.order is not None:
            repeated = sorted({i for i in listed if listed.count(i) > 1})
            missing = [i for i in items if i not in listed]
            if repeated or missing:
                what = "; ".join(
                    part
                    for part in (
                        f"missing {', '.join(missing)}" if missing else "",
                        f"repeated {', '.join(repeated)}" if repeated else "",
                    )
                    if part
                )
                out.append(
                    doc.finding(
                        (*w_loc, "order"),
                        "PF209",
                        f"order must list each of {', '.join(items)} once: {what}",
                    )
                )
                continue
        if weighting.points is not None:
            missing = [i for i in items if i not in weighting.points]
            if missing:
                out.append(
                    doc.finding(
                        (*w_loc, "points"),
                        "PF209",
                        f"points must be given for every item: missing {', '.join(missing)}",
                    )
                )
        if weighting.method == "ahp":
            out.extend(_ahp_findings(weighting, items, w_loc, scope, doc))
    return out


def _ahp_findings(
    weighting: Weighting, items: tuple[str, ...], w_loc: Loc, scope: str, doc: Document
) -> list[Finding]:
    import numpy as np

    from partnerfit.weights import check_ahp, is_upper_triangle

    if weighting.matrix is not None:
        matrix, n = weighting.matrix, len(weighting.order or [])
        m_loc: Loc = (*w_loc, "matrix")
        triangle = is_upper_triangle(matrix) and len(matrix) == n
        for i, row in enumerate(matrix):
            if triangle:
                break
            if len(row) != n or len(matrix) != n:
                return [
                    doc.finding(
                        m_loc,
                        "PF209",
                        f"the ahp matrix must be {n} x {n} (a row and a column per id in "
                        f"order) or its upper triangle (rows of {n}, {n - 1}, ... 1 values), "
                        f"got {len(matrix)} rows; row {i + 1} has {len(row)} values",
                    )
                ]
        for i, row in enumerate(matrix):
            for k, value in enumerate(row):
                j = i + k if triangle else k
                if value <= 0:
                    return [
                        doc.finding(
                            (*m_loc, i, k),
                            "PF209",
                            f"ahp matrix entries must be positive, got {value:g}",
                        )
                    ]
                if i == j and abs(value - 1) > 1e-9:
                    return [
                        doc.finding(
                            (*m_loc, i, k),
                            "PF209",
                            f"the ahp matrix diagonal must be 1, got {value:g}",
                        )
                    ]
                if i > j and abs(value * matrix[j][i] - 1) > 1e-2:
                    return [
                        doc.finding(
                            (*m_loc, i, j),
                            "PF209",
                            f"row {i + 1}, column {j + 1} must be the reciprocal of row "
                            f"{j + 1}, column {i + 1} (1/{matrix[j][i]:g}), got {value:g}",
                        )
                    ]
    try:
        ahp = check_ahp(weighting, items)
    except ValueError as exc:
        where: Loc = (*w_loc, "pairwise" if weighting.pairwise is not None else "matrix")
        return [doc.finding(where, "PF209", f"ahp judgements of {scope}: {exc}")]
    r = ahp.result
    if r.consistency_ratio is None or r.consistency_ratio <= weighting.max_cr:
        return []
    message = (
        f"ahp judgements of {scope} are inconsistent: consistency ratio {r.consistency_ratio:.3f} "
        f"exceeds max_cr {weighting.max_cr:g} (Saaty's random index {r.random_index})"
    )
    loc = w_loc
    if r.most_inconsistent is not None:
        a, b = items[r.most_inconsistent[0]], items[r.most_inconsistent[1]]
        given = np.exp(np.log(r.error_matrix[r.most_inconsistent]) + np.log(r.suggested_value or 1))
        message += (
            f"; the most inconsistent judgement is {a} vs {b} (given {given:.3g}, "
            f"{r.suggested_value:.3g} would agree with the others)"
        )
        for k, (x, y, _v) in enumerate(weighting.pairwise or []):
            if {x, y} == {a, b}:
                loc = (*w_loc, "pairwise", k)
        if weighting.matrix is not None and weighting.order is not None:
            first, second = weighting.order.index(a), weighting.order.index(b)
            if is_upper_triangle(weighting.matrix):  # row i holds columns i..n-1
                first, second = min(first, second), abs(second - first)
            loc = (*w_loc, "matrix", first, second)
    return [doc.finding(loc, "PF208", message)]


def unchecked_ahp_blocks(criteria: CriteriaSet, base: Loc = ()) -> list[tuple[Loc, str]]:
    """(block loc, message) for each AHP block larger than Saaty's random-index table (15),
    whose consistency cannot be checked. Blocks the loader rejects are not reached here."""
    from partnerfit.mcda.weighting import RANDOM_INDEX_MAX_N
    from partnerfit.weights import check_ahp, unchecked_consistency

    out = []
    for weighting, items, w_loc, scope, _children in _weighting_blocks(criteria, base):
        if weighting.method != "ahp" or len(items) <= RANDOM_INDEX_MAX_N:
            continue
        r = check_ahp(weighting, items).result
        if r.consistency_ratio is None:
            out.append((w_loc, unchecked_consistency(scope, len(items), r.consistency_index)))
    return out


def method_findings(criteria: CriteriaSet, doc: Document, base: Loc) -> list[Finding]:
    out: list[Finding] = []
    for d_index, dimension in enumerate(criteria.dimensions):
        for c_index, criterion in enumerate(dimension.criteria):
            c_loc: Loc = (*base, "dimensions", d_index, "criteria", c_index)
            for stage in criteria.stages:
                if not stage.scores or (stage.dimensions and dimension.id not in stage.dimensions):
                    continue
                method = stage.scoring_method
                if method != "weighted_sum" and criterion.missing == "skip":
                    out.append(
                        doc.finding(
                            (*c_loc, "missing"),
                            "PF103",
                            f"missing: skip needs a weighted_sum stage, but stage '{stage.id}' "
                            f"scores '{criterion.id}' with {method}: use exclude or worst",
                        )
                    )
                if method == "weighted_product":
                    scale = criteria.scale_of(criterion)
                    if criterion.kind == "flag" or (criterion.kind == "rating" and scale.min <= 0):
                        what = (
                            "a flag (false is 0)"
                            if criterion.kind == "flag"
                            else "a rating whose scale reaches 0"
                        )
                        out.append(
                            doc.finding(
                                c_loc,
                                "PF103",
                                f"stage '{stage.id}' multiplies values (weighted_product), so "
                                f"'{criterion.id}' cannot be {what}",
                            )
                        )
    return out
