"""`diff`: the plain-text report and the JSON document (json and the standard library
only, so that `diff` stays light in every format)."""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import Any

from partnerfit import __version__
from partnerfit.diff import Cause, Change, Movement, Position, ResultDiff
from partnerfit.precision import rounded

SCHEMA_VERSION = 1


# --- JSON ------------------------------------------------------------------------------


def _change(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": c.kind, "id": c.id}
    if c.stage is not None:
        out["stage"] = c.stage
    if c.candidate is not None:
        out["candidate"] = c.candidate
    if c.dimension is not None:
        out["dimension"] = c.dimension
    if c.kind.endswith(("_added", "_removed")) and c.old is None and c.new is None:
        return out
    out["old"], out["new"] = c.old, c.new
    return out


def _position(p: Position | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "rank": p.rank,
        "status": p.status,
        "stage_reached": p.stage_reached,
        "total": p.total,
        "stage": p.stage,
        "score": p.score,
        "reasons": list(p.reasons),
    }


def _cause(c: Cause) -> dict[str, Any]:
    return {
        "id": c.id,
        "old": rounded(c.old),
        "new": rounded(c.new),
        "change": rounded(c.change),
        "causes": list(c.causes),
    }


def _movement(m: Movement) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "change": m.change,
        "old": _position(m.old),
        "new": _position(m.new),
        "places": m.places,
        "score_change": m.score_change,
        "stage": m.stage,
        "stage_scores": (
            None
            if m.stage_scores is None
            else {"old": rounded(m.stage_scores[0]), "new": rounded(m.stage_scores[1])}
        ),
        "why": [_cause(c) for c in m.why],
    }


def to_document(d: ResultDiff) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "partnerfit_version": __version__,
        "old": {
            "file": d.old_file,
            "criteria": d.old_criteria,
            "candidates_file": d.old_candidates_file,
        },
        "new": {
            "file": d.new_file,
            "criteria": d.new_criteria,
            "candidates_file": d.new_candidates_file,
        },
        "top": {
            "n": d.top.n,
            "rule": d.top.rule,
            "changed": d.top.changed,
            "old": [{"rank": r, "id": i} for r, i in d.top.old],
            "new": [{"rank": r, "id": i} for r, i in d.top.new],
        },
        "criteria": [_change(c) for c in d.criteria],
        "weights": [_change(c) for c in d.weights],
        "scores": [_change(c) for c in d.scores],
        "candidates": [_movement(m) for m in d.candidates],
        "unchanged": d.unchanged,
    }


def render_json(d: ResultDiff) -> str:
    return json.dumps(to_document(d), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# --- text ------------------------------------------------------------------------------


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items()) or "none"
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value) or "none"
    return str(value)


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text


def _criteria_line(c: Change) -> str:
    label = c.kind.replace("_", " ")
    if c.kind == "criterion_removed" or c.kind == "criterion_added":
        return f"{label}: {c.id} (dimension {c.dimension})"
    if c.kind.endswith(("_added", "_removed")) and c.stage is None:
        return f"{label}: {c.id}"
    if c.kind in ("gate_added", "gate_removed", "gate_changed"):
        return f"{label} at {c.stage}: {_value(c.old)} -> {_value(c.new)}"
    if c.kind == "criteria_set_changed":
        return f"criteria set {c.id}: {_value(c.old)} -> {_value(c.new)}"
    if c.kind == "criterion_moved":
        return f"{label}: {c.id} from dimension {c.old} to {c.new}"
    return f"{label} at {c.stage}: {_value(c.old)} -> {_value(c.new)}"


def _where(p: Position) -> str:
    if p.rank is not None:
        return f"rank {p.rank}"
    return f"{p.status} at {p.stage_reached}"


def _movement_lines(m: Movement, width: int) -> list[str]:
    if m.old is None or m.new is None:
        p = m.new or m.old
        assert p is not None
        verb = "only in the new result" if m.old is None else "only in the old result"
        return textwrap.wrap(f"{m.id}: {verb} ({_where(p)})", width=width, subsequent_indent="    ")
    before, after = _where(m.old), _where(m.new)
    head = f"{m.id}: {before} in both" if before == after else f"{m.id}: {before} -> {after}"
    if m.places:
        head += f" ({'up' if m.places > 0 else 'down'} {abs(m.places)})"
    if m.old.stage != m.new.stage:
        head += f"; last scored at {m.old.stage or 'no stage'} -> {m.new.stage or 'no stage'}"
    if m.stage is not None and m.stage_scores is not None and m.score_change is not None:
        was, now = m.stage_scores
        head += f"; {m.stage} score {was:.2f} -> {now:.2f} ({_signed(m.score_change)})"
    lines = textwrap.wrap(head, width=width, subsequent_indent="    ", break_on_hyphens=False)
    for label, p in (("was", m.old), ("now", m.new)):
        if p.reasons and m.old.reasons != m.new.reasons:
            lines += textwrap.wrap(
                f"{label}: " + "; ".join(p.reasons),
                width=width,
                initial_indent="  ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
    if m.why:
        parts = [
            f"{c.id} {_signed(c.change)}" + (f" ({', '.join(c.causes)})" if c.causes else "")
            for c in m.why
            if round(c.change, 2) != 0 or c.causes
        ]
        if parts:
            lines += textwrap.wrap(
                "why: " + ", ".join(parts),
                width=width,
                initial_indent="  ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
    return lines


def render_text(d: ResultDiff, width: int | None = None) -> str:
    width = width or shutil.get_terminal_size((80, 24)).columns
    out = [f"Diff of {d.old_file} -> {d.new_file}"]
    a, b = d.old_criteria, d.new_criteria
    if (a.get("id"), a.get("version")) == (b.get("id"), b.get("version")):
        version = f" {a['version']}" if a.get("version") else ""
        out.append(f"Criteria set: {a.get('id')}{version} in both")
    else:
        out.append(
            f"Criteria sets differ: {a.get('id')} {a.get('version') or ''}".rstrip()
            + f" -> {b.get('id')} {b.get('version') or ''}".rstrip()
        )
    state = "CHANGED" if d.top.changed else "unchanged"
    out.append(f"Top {d.top.n} ({d.top.rule}): {state}")
    for label, top in (("old", d.top.old), ("new", d.top.new)):
        listed = ", ".join(f"{r} {i}" for r, i in top) or "nobody ranked"
        out += textwrap.wrap(
            f"{label}: {listed}", width=width, initial_indent="  ", subsequent_indent="       "
        )
    sections: list[tuple[str, list[str]]] = [
        ("Criteria", [_criteria_line(c) for c in d.criteria]),
        (
            "Weights",
            [
                f"{c.stage}: {c.kind.split('_')[0]} {c.id} {_value(c.old)} -> {_value(c.new)}"
                for c in d.weights
            ],
        ),
        (
            "Scores",
            [f"{c.candidate}: {c.id} {_value(c.old)} -> {_value(c.new)}" for c in d.scores],
        ),
    ]
    for title, lines in sections:
        out.append("")
        count = f"{len(lines)} change{'' if len(lines) == 1 else 's'}" if lines else "no changes"
        out.append(f"{title}: {count}")
        for line in lines:
            out += textwrap.wrap(
                line, width=width, initial_indent="  ", subsequent_indent="    ",
                break_on_hyphens=False,
            )  # fmt: skip
    out.append("")
    out.append(f"Candidates: {len(d.candidates)} changed, {d.unchanged} unchanged")
    for m in d.candidates:
        out += ["  " + line for line in _movement_lines(m, width - 2)]
    return "\n".join(out) + "\n"
