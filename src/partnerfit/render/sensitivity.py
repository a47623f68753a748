"""`partnerfit sensitivity` output: JSON document, CSV rows and the terminal tables."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from partnerfit.render.csv_format import _cell
from partnerfit.sensitivity import SensitivityResult, to_document

if TYPE_CHECKING:
    from rich.console import Console

TABLE_RANKS = 5
"""Rank-acceptability columns shown in the terminal table (JSON and CSV have all)."""


def render_json(result: SensitivityResult) -> str:
    document = to_document(result)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render_csv(result: SensitivityResult) -> str:
    """One row per candidate; the critical weights are in JSON and in the table."""
    doc = to_document(result)
    ranks = [f"rank_{r}" for r in range(1, result.ranks + 1)]
    stages = [f"stage_{s}" for s in result.stage_ids]
    central = [f"central_{d}" for d in result.dimension_ids]
    header = [
        "id", "name", "nominal_rank", *ranks, "unranked", "mean_rank", "rank_p05",
        "rank_p95", "confidence", *stages, *central,
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for c in doc["candidates"]:
        band = c["rank_band"] or [None, None]
        weights = c["central_weights"]["dimensions"] if c["central_weights"] else {}
        row = [
            c["id"],
            c["name"],
            c["nominal_rank"],
            *c["rank_acceptability"],
            c["unranked"],
            c["mean_rank"],
            *band,
            c["confidence"],
            *(c["stages"][s] for s in result.stage_ids),
            *(weights.get(d) for d in result.dimension_ids),
        ]
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _describe(result: SensitivityResult) -> str:
    s = result.settings
    varied = []
    if s.weights:
        varied.append(
            "weights uniform over the simplex"
            if s.uninformed
            else f"weights Dirichlet (concentration {s.concentration:g})"
        )
    if s.scores:
        varied.append(f"scores within their confidence (spread {s.spread:g})")
    noun = "sample" if s.samples == 1 else "samples"
    return f"{s.samples:,} {noun}, seed {s.seed}: {' and '.join(varied)}"


def print_sensitivity(result: SensitivityResult, console: Console) -> None:
    from rich import box
    from rich.table import Table

    def table() -> Table:
        return Table(
            box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 0), collapse_padding=True,
            pad_edge=False,
        )  # fmt: skip

    name = result.criteria_name or result.criteria_id
    console.print(f"{name}: sensitivity of the ranking", soft_wrap=True)
    console.print(_describe(result), soft_wrap=True)
    shown = min(TABLE_RANKS, result.ranks)
    acceptability = table()
    acceptability.add_column("#", justify="right", no_wrap=True)
    acceptability.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=24)
    for r in range(1, shown + 1):
        acceptability.add_column(f"P({r})", justify="right", no_wrap=True)
    acceptability.add_column("Out", justify="right", no_wrap=True)
    acceptability.add_column("Mean", justify="right", no_wrap=True)
    acceptability.add_column("5-95%", justify="right", no_wrap=True)
    acceptability.add_column("Conf.", justify="right", no_wrap=True)
    for c in result.candidates:
        if c.unranked >= 1.0 and c.nominal_rank is None:
            continue
        band = "-" if c.rank_band is None else f"{c.rank_band[0]}-{c.rank_band[1]}"
        acceptability.add_row(
            "-" if c.nominal_rank is None else str(c.nominal_rank),
            c.name,
            *(f"{x:.2f}" for x in c.rank_acceptability[:shown]),
            f"{c.unranked:.2f}",
            "-" if c.mean_rank is None else f"{c.mean_rank:.2f}",
            band,
            "-" if c.confidence is None else f"{c.confidence:.2f}",
        )
    console.print(acceptability)
    never = [c.id for c in result.candidates if c.unranked >= 1.0 and c.nominal_rank is None]
    if never:
        console.print(f"Never ranked: {', '.join(never)}", soft_wrap=True)
    v = result.verdict
    if v is not None:
        line = (
            f"Verdict: {v.candidate} is {v.label.replace('_', ' ')} (first in {v.first_rank:.1%})"
        )
        if v.challenger is not None:
            line += f"; {v.challenger} is first in {v.challenger_first_rank:.1%}"
        console.print(line, soft_wrap=True)
    for scope, title in (
        (
            "dimension",
            "Critical weights: the share each dimension must reach for the lead to change",
        ),
        ("criterion", "Critical weights of criteria, within their dimension"),
    ):
        rows = [w for w in result.critical_weights if w.scope == scope]
        if not rows:
            continue
        critical = table()
        critical.add_column(scope.capitalize(), overflow="ellipsis", no_wrap=True, max_width=28)
        critical.add_column("Stated", justify="right", no_wrap=True)
        critical.add_column("Critical", justify="right", no_wrap=True)
        critical.add_column("Change", justify="right", no_wrap=True)
        critical.add_column("New leader", overflow="ellipsis", no_wrap=True, max_width=16)
        critical.add_column("Method", no_wrap=True)
        for w in rows:
            critical.add_row(
                w.id,
                f"{w.weight:.3f}",
                "-" if w.critical_weight is None else f"{w.critical_weight:.3f}",
                "-" if w.change is None else f"{w.change:+.3f}",
                w.new_leader or "-",
                w.method,
            )
        console.print()
        console.print(title, soft_wrap=True)
        console.print(critical)
