"""`--format csv`: one row per candidate, flat columns, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from partnerfit.evaluation import Evaluation

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe, and write
    its line breaks as LF: with our LF line terminator the csv module quotes a cell with a
    LF in it but not one with a bare CR, which readers then take for the end of the row."""
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def render(evaluation: Evaluation) -> str:
    first = evaluation.candidates[0] if evaluation.candidates else None
    criteria_ids = [s.id for s in first.criteria] if first else []
    fact_ids = list(first.facts) if first else []
    header = [
        "rank", "id", "name", "type", "status", "stage", "total",
        *evaluation.dimension_ids, *criteria_ids, *fact_ids,
        *[f"{k}.{part}" for k in criteria_ids for part in ("confidence", "evidence")],
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for c in evaluation.candidates:
        raw = {s.id: s.raw for s in c.criteria}
        row = [c.rank, c.id, c.name, c.type, c.status, c.stage_reached, c.total]
        row += [c.dimension_scores.get(d) for d in evaluation.dimension_ids]
        row += [raw.get(k) for k in criteria_ids]
        row += [c.facts.get(k) for k in fact_ids]
        row += [v for s in c.criteria for v in (s.confidence, s.evidence)]
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()
