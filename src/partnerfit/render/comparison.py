"""`score --compare-methods`: the rank of every candidate under every method."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from partnerfit import __version__
from partnerfit.comparison import FLAG_SPREAD, ComparedCandidate, MethodComparison
from partnerfit.render.csv_format import neutralise

if TYPE_CHECKING:
    from rich.console import Console

SHORT = {
    "weighted_sum": "WSum",
    "weighted_product": "WProd",
    "topsis": "TOPSIS",
    "promethee_ii": "PROM-II",
    "vikor": "VIKOR",
}


def render_json(comparison: MethodComparison) -> str:
    doc = {
        "schema_version": 1,
        "partnerfit_version": __version__,
        "methods": list(comparison.methods),
        "flag_spread": FLAG_SPREAD,
        "errors": comparison.errors,
        "candidates": [
            {
                "id": c.id,
                "name": c.name,
                "ranks": c.ranks,
                "spread": c.spread,
                "partly_ranked": c.partly_ranked,
                "flagged": c.flagged,
            }
            for c in comparison.candidates
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render_csv(comparison: MethodComparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", *comparison.methods, "spread", "partly_ranked", "flagged"])
    for c in comparison.candidates:
        ranks = ["" if c.ranks[m] is None else str(c.ranks[m]) for m in comparison.methods]
        spread = "" if c.spread is None else str(c.spread)
        writer.writerow(
            [
                neutralise(c.id),
                neutralise(c.name),
                *ranks,
                spread,
                _bool(c.partly_ranked),
                _bool(c.flagged),
            ]
        )
    return buffer.getvalue()


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _spread_cell(c: ComparedCandidate) -> str:
    """The spread, `*` when ranked under some methods only, ` !` when flagged."""
    if c.spread is None:
        return "-"
    return f"{c.spread}{'*' if c.partly_ranked else ''}{' !' if c.flagged else ''}"


def print_comparison(comparison: MethodComparison, console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 0),
        collapse_padding=True,
        pad_edge=False,
    )
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=30)
    for m in comparison.methods:
        table.add_column(SHORT.get(m, m), justify="right", no_wrap=True)
    table.add_column("Spread", justify="right", no_wrap=True)
    for c in comparison.candidates:
        ranks = ["-" if c.ranks[m] is None else str(c.ranks[m]) for m in comparison.methods]
        spread = Text(_spread_cell(c), style="bold yellow" if c.flagged else "")
        table.add_row(c.name, *ranks, spread)
    console.print("Rank under each method (- = not ranked)")
    console.print(table)
    flagged = sum(c.flagged for c in comparison.candidates)
    console.print(
        f"{flagged} candidate(s) flagged (!): rank differs by more than {FLAG_SPREAD} place "
        "between methods,"
    )
    console.print("or (*) ranked under some methods and not under others.")
    for method, error in comparison.errors.items():
        console.print(f"{method}: not computed: {error}")
