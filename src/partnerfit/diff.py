"""`diff`: what changed between two score results, who moved and why.

Works on two documents of `partnerfit score --format json` (read by `result_file`), with
no numpy or pydantic: a CI job can diff results cheaply. Reported:

* **criteria**: the criteria set's id, name or version; dimensions, criteria and facts
  added or removed (or a criterion moved to another dimension); stages added or removed;
  a stage's method, method parameters, scored dimensions or shortlist rule; gates added,
  removed or changed (a gate is known from the candidates that met it);
* **weights**: effective weights of dimensions and criteria, per stage present in both,
  for items present in both (items added or removed are reported under criteria);
* **scores**: raw values of criteria and facts, per candidate present in both, for ids
  present in both;
* **candidates**: for each candidate whose rank, total, status or stage reached changed
  (or that is in one file only), the old and new positions with the reasons a candidate
  stopped, and, as the *why*, the change of each criterion's contribution at the last stage
  that scored the candidate in both results, with its causes:
  `score` (the raw value changed), `weight` (its effective weight changed),
  `normalisation` (the same raw value normalises differently: the field's min-max moved),
  `added` or `removed`. Under the weighted sum the changes add up to the change of that
  stage's score; under other methods the contribution is weight x normalised score (the
  weighted-sum view, as in `explain`).

The **top N** is the list of ranked candidates with rank <= N, in rank order (ties at the
cut all included). It *changed* when the list differs: another member, another order or
another tie. N defaults to the `top` of the last stage with a shortlist `top` in the new
result (else the old), and to `DEFAULT_TOP` when neither has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnerfit.precision import rounded

DEFAULT_TOP = 5


@dataclass(frozen=True)
class Change:
    """One reported difference. `kind` names it; the other fields say where."""

    kind: str
    id: str
    """The dimension, criterion, fact, gate criterion or criteria-set field concerned."""
    old: Any = None
    new: Any = None
    stage: str | None = None
    candidate: str | None = None
    dimension: str | None = None


@dataclass(frozen=True)
class Cause:
    id: str
    old: float
    new: float
    change: float
    causes: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    rank: int | None
    status: str
    stage_reached: str
    total: float | None
    stage: str | None
    """The last stage that scored the candidate."""
    score: float | None
    """Its score there (the total, for a ranked candidate)."""
    reasons: tuple[str, ...] = ()
    """Why it stopped where it did (eliminated or incomplete): the result's reason messages."""


@dataclass(frozen=True)
class Movement:
    id: str
    name: str
    change: str
    """added | removed | entered_ranking | left_ranking | moved | status_changed |
    score_changed"""
    old: Position | None
    new: Position | None
    places: int | None
    """Places moved up (old rank - new rank), when ranked in both."""
    score_change: float | None
    """New minus old score at `stage`."""
    stage: str | None
    """The last stage that scored the candidate in both results (None if none did)."""
    why: tuple[Cause, ...]
    stage_scores: tuple[float, float] | None = None
    """The old and new score at `stage`."""


@dataclass(frozen=True)
class Top:
    n: int
    rule: str
    old: tuple[tuple[int, str], ...]
    new: tuple[tuple[int, str], ...]

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class ResultDiff:
    old_file: str
    new_file: str
    old_criteria: dict[str, Any]
    new_criteria: dict[str, Any]
    old_candidates_file: Any
    new_candidates_file: Any
    top: Top
    criteria: tuple[Change, ...]
    weights: tuple[Change, ...]
    scores: tuple[Change, ...]
    candidates: tuple[Movement, ...]
    unchanged: int
    """Candidates in both files with the same rank, total, status and stage reached."""


def _shortlist_top(doc: dict[str, Any]) -> tuple[int, str] | None:
    for stage in reversed(doc["stages"]):
        shortlist = stage.get("shortlist") or {}
        top = shortlist.get("top")
        if isinstance(top, int) and not isinstance(top, bool) and top > 0:
            return top, f"shortlist top of stage {stage['id']}"
    return None


def default_top(old: dict[str, Any], new: dict[str, Any]) -> tuple[int, str]:
    return _shortlist_top(new) or _shortlist_top(old) or (DEFAULT_TOP, "default")


def top_list(doc: dict[str, Any], n: int) -> tuple[tuple[int, str], ...]:
    ranked = [c for c in doc["candidates"] if c["rank"] is not None and c["rank"] <= n]
    return tuple(sorted((c["rank"], c["id"]) for c in ranked))


def _criteria_index(doc: dict[str, Any]) -> dict[str, str]:
    """Criterion id -> dimension, from the candidates' criteria (every criterion of the set
    is listed for every candidate) and the stages' weights."""
    found: dict[str, str] = {}
    for c in doc["candidates"]:
        for cid, score in c["criteria"].items():
            found.setdefault(cid, score["dimension"])
    return found


def _dimensions(doc: dict[str, Any], criteria: dict[str, str]) -> list[str]:
    dims = list(dict.fromkeys(criteria.values()))
    for stage in doc["stages"]:
        dims.extend(d for d in stage["dimensions"] if d not in dims)
        dims.extend(d for d in stage["weights"]["dimensions"] if d not in dims)
    return dims


def _facts(doc: dict[str, Any]) -> list[str]:
    facts: dict[str, None] = {}
    for c in doc["candidates"]:
        facts.update(dict.fromkeys(c["facts"]))
    return list(facts)


def _gates(doc: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """(stage, criterion) -> the rules seen, in order."""
    gates: dict[tuple[str, str], list[str]] = {}
    for c in doc["candidates"]:
        for g in c["gates"]:
            if not isinstance(g, dict):
                continue
            rules = gates.setdefault((str(g.get("stage")), str(g.get("criterion"))), [])
            if g.get("rule") not in rules:
                rules.append(str(g.get("rule")))
    return gates


def _added_removed(kind: str, old: list[str], new: list[str], **where: Any) -> list[Change]:
    changes = [Change(f"{kind}_removed", x, **where) for x in old if x not in new]
    changes += [Change(f"{kind}_added", x, **where) for x in new if x not in old]
    return changes


def criteria_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = [
        Change("criteria_set_changed", key, old["criteria"].get(key), new["criteria"].get(key))
        for key in ("id", "name", "version")
        if old["criteria"].get(key) != new["criteria"].get(key)
    ]
    old_c, new_c = _criteria_index(old), _criteria_index(new)
    changes += _added_removed("dimension", _dimensions(old, old_c), _dimensions(new, new_c))
    changes += [
        Change("criterion_removed", c, dimension=d) for c, d in old_c.items() if c not in new_c
    ]
    changes += [
        Change("criterion_added", c, dimension=d) for c, d in new_c.items() if c not in old_c
    ]
    changes += [
        Change("criterion_moved", c, old_c[c], new_c[c])
        for c in new_c
        if c in old_c and old_c[c] != new_c[c]
    ]
    changes += _added_removed("fact", _facts(old), _facts(new))
    old_s = {s["id"]: s for s in old["stages"]}
    new_s = {s["id"]: s for s in new["stages"]}
    changes += _added_removed("stage", list(old_s), list(new_s))
    for sid, a in old_s.items():
        b = new_s.get(sid)
        if b is None:
            continue
        for key, kind in (
            ("method", "method_changed"),
            ("dimensions", "stage_dimensions_changed"),
            ("shortlist", "shortlist_changed"),
        ):
            if a.get(key) != b.get(key):
                changes.append(Change(kind, sid, a.get(key), b.get(key), stage=sid))
        if a.get("method") == b.get("method") and a.get("parameters") != b.get("parameters"):
            changes.append(
                Change("parameters_changed", sid, a.get("parameters"), b.get("parameters"), sid)
            )
    old_g, new_g = _gates(old), _gates(new)
    for (sid, cid), rules in old_g.items():
        if (sid, cid) not in new_g:
            if sid in new_s:  # a removed stage's gates go with it
                changes.append(Change("gate_removed", cid, rules, None, stage=sid))
        elif new_g[(sid, cid)] != rules:
            changes.append(Change("gate_changed", cid, rules, new_g[(sid, cid)], stage=sid))
    changes += [
        Change("gate_added", cid, None, rules, stage=sid)
        for (sid, cid), rules in new_g.items()
        if (sid, cid) not in old_g and sid in old_s
    ]
    return changes


def weight_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    new_s = {s["id"]: s for s in new["stages"]}
    changes = []
    for a in old["stages"]:
        b = new_s.get(a["id"])
        if b is None:
            continue
        for scope, kind in (("dimensions", "dimension_weight"), ("criteria", "criterion_weight")):
            wa, wb = a["weights"][scope], b["weights"][scope]
            changes += [
                Change(kind, item, wa[item], wb[item], stage=a["id"])
                for item in wa
                if item in wb and wa[item] != wb[item]
            ]
    return changes


def score_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    new_c = {c["id"]: c for c in new["candidates"]}
    changes = []
    for a in old["candidates"]:
        b = new_c.get(a["id"])
        if b is None:
            continue
        for cid, score in a["criteria"].items():
            if cid in b["criteria"] and score["raw"] != b["criteria"][cid]["raw"]:
                changes.append(
                    Change("score", cid, score["raw"], b["criteria"][cid]["raw"], candidate=a["id"])
                )
        for fid, value in a["facts"].items():
            if fid in b["facts"] and value != b["facts"][fid]:
                changes.append(Change("fact", fid, value, b["facts"][fid], candidate=a["id"]))
    return changes


def _last_scored(doc: dict[str, Any], c: dict[str, Any]) -> str | None:
    scored = [s["id"] for s in doc["stages"] if s["id"] in c["stage_scores"]]
    return scored[-1] if scored else None


def _common_stage(
    old: dict[str, Any], new: dict[str, Any], a: dict[str, Any], b: dict[str, Any]
) -> str | None:
    """The last stage (in the new result's order) that scored the candidate in both."""
    in_old = {s["id"] for s in old["stages"]} & set(a["stage_scores"])
    scored = [s["id"] for s in new["stages"] if s["id"] in b["stage_scores"] and s["id"] in in_old]
    return scored[-1] if scored else None


def _position(doc: dict[str, Any], c: dict[str, Any]) -> Position:
    stage = _last_scored(doc, c)
    score = c["stage_scores"][stage] if stage is not None else None
    reasons = tuple(r["message"] for r in c.get("reasons") or ())
    return Position(c["rank"], c["status"], c["stage_reached"], c["total"], stage, score, reasons)


def _breakdown(c: dict[str, Any], stage: str | None) -> dict[str, dict[str, Any]]:
    """Criterion -> (raw, normalised, weight, contribution) at `stage`."""
    out = {}
    for cid, s in c["criteria"].items():
        if stage is None or s["stage"] != stage:
            continue
        contribution = s["contribution"]
        if contribution is None:  # not additive, or skipped: the weighted-sum view
            n, w = s["normalised"], s["weight"]
            contribution = 0.0 if n is None or w is None else n * w
        out[cid] = {**s, "contribution": float(contribution)}
    return out


def _unrecorded_at(doc: dict[str, Any], c: dict[str, Any], cid: str, stage: str) -> bool:
    """Whether `stage` scored `cid` in this result although the candidate's figures for it
    are not from `stage`: a later stage scored it again and its figures replaced them."""
    scored_here = next(
        (cid in s["weights"]["criteria"] for s in doc["stages"] if s["id"] == stage), False
    )
    return scored_here and (c["criteria"].get(cid) or {}).get("stage") != stage


def _why(
    old: dict[str, Any],
    new: dict[str, Any],
    a: dict[str, Any],
    b: dict[str, Any],
    stage: str | None,
) -> tuple[Cause, ...]:
    """Each criterion's change of contribution at `stage`, the last stage that scored the
    candidate in both results. A result keeps each criterion's figures from the last stage
    that scored it, so a criterion that a later stage scored again on one side only (the
    candidate went further there) has no figures at `stage` on that side and is left out.
    `added` and `removed`: `stage` scores the criterion in one result only (the criterion
    is new or gone, or the stage's dimensions changed)."""
    if stage is None:
        return ()
    pa, pb = _breakdown(a, stage), _breakdown(b, stage)
    causes = []
    for cid in [*pa, *(x for x in pb if x not in pa)]:
        x, y = pa.get(cid), pb.get(cid)
        if (x is None and _unrecorded_at(old, a, cid, stage)) or (
            y is None and _unrecorded_at(new, b, cid, stage)
        ):
            continue  # scored again later on that side: no figures at `stage` there
        before = x["contribution"] if x else 0.0
        after = y["contribution"] if y else 0.0
        if x is None or y is None:
            kinds: tuple[str, ...] = ("removed",) if y is None else ("added",)
        else:
            found = []
            if x["raw"] != y["raw"]:
                found.append("score")
            if x["weight"] != y["weight"]:
                found.append("weight")
            if x["raw"] == y["raw"] and x["normalised"] != y["normalised"]:
                found.append("normalisation")
            kinds = tuple(found)
        if before == after and not kinds:
            continue
        causes.append(Cause(cid, before, after, after - before, kinds))
    causes.sort(key=lambda c: (-abs(c.change), c.id))
    return tuple(causes)


def _movement(
    old: dict[str, Any], new: dict[str, Any], a: dict[str, Any] | None, b: dict[str, Any] | None
) -> Movement | None:
    if a is None or b is None:
        c = b if a is None else a
        assert c is not None
        return Movement(
            c["id"],
            c["name"],
            "added" if a is None else "removed",
            None if a is None else _position(old, a),
            None if b is None else _position(new, b),
            None,
            None,
            None,
            (),
        )
    pa, pb = _position(old, a), _position(new, b)
    if pa == pb:
        return None
    if pa.rank is None and pb.rank is not None:
        change = "entered_ranking"
    elif pa.rank is not None and pb.rank is None:
        change = "left_ranking"
    elif pa.rank != pb.rank:
        change = "moved"
    elif (pa.status, pa.stage_reached) != (pb.status, pb.stage_reached):
        change = "status_changed"
    else:
        change = "score_changed"
    places = pa.rank - pb.rank if pa.rank is not None and pb.rank is not None else None
    stage = _common_stage(old, new, a, b)
    score_change = None
    stage_scores = None
    if stage is not None:
        before, after = a["stage_scores"][stage], b["stage_scores"][stage]
        stage_scores = (before, after)
        score_change = rounded(after - before)
    why = _why(old, new, a, b, stage)
    return Movement(
        b["id"], b["name"], change, pa, pb, places, score_change, stage, why, stage_scores
    )


def diff_results(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    old_file: str = "old",
    new_file: str = "new",
    top: int | None = None,
) -> ResultDiff:
    """Every difference between two score results (documents already checked)."""
    n, rule = (top, "--top") if top is not None else default_top(old, new)
    old_c = {c["id"]: c for c in old["candidates"]}
    new_c = {c["id"]: c for c in new["candidates"]}
    order = [*new_c, *(i for i in old_c if i not in new_c)]
    moves = [_movement(old, new, old_c.get(i), new_c.get(i)) for i in order]
    movements = tuple(m for m in moves if m is not None)
    unchanged = sum(1 for i in order if i in old_c and i in new_c) - sum(
        1 for m in movements if m.old is not None and m.new is not None
    )
    return ResultDiff(
        old_file=old_file,
        new_file=new_file,
        old_criteria=old["criteria"],
        new_criteria=new["criteria"],
        old_candidates_file=old.get("candidates_file"),
        new_candidates_file=new.get("candidates_file"),
        top=Top(n, rule, top_list(old, n), top_list(new, n)),
        criteria=tuple(criteria_changes(old, new)),
        weights=tuple(weight_changes(old, new)),
        scores=tuple(score_changes(old, new)),
        candidates=movements,
        unchanged=unchanged,
    )
