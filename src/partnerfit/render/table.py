"""The default terminal output: rich tables of the ranking and of who left the field."""

from __future__ import annotations

from rich.console import Console
from rich import box
from rich.table import Table
from rich.text import Text

from partnerfit.evaluation import Evaluation

GOOD, FAIR = 70.0, 50.0
"""Colour bands of scores: >= 70 green, >= 50 yellow, below 50 red."""


def band(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= GOOD else "yellow" if score >= FAIR else "red"


def _score(score: float | None) -> Text:
    return Text("-" if score is None else f"{score:.1f}", style=band(score))


def ranking_table(evaluation: Evaluation) -> Table:
    final = next((s for s in reversed(evaluation.stages) if s.method is not None), None)
    title = f"{evaluation.criteria_name or evaluation.criteria_id}: final ranking"
    if final is not None:
        title += f" (stage {final.id})"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=28, min_width=8)
    dims = final.dimensions if final is not None else evaluation.dimension_ids
    for d in dims:
        table.add_column(
            evaluation.dimension_labels[d], justify="right", no_wrap=True, overflow="ellipsis"
        )
    table.add_column("Total", justify="right", no_wrap=True, style="bold")
    for c in evaluation.ranked:
        table.add_row(
            str(c.rank),
            c.name,
            *[_score(c.dimension_scores.get(d)) for d in dims],
            _score(c.total),
        )
    return table


def dropped_table(evaluation: Evaluation) -> Table | None:
    others = [c for c in evaluation.candidates if c.status != "ranked"]
    if not others:
        return None
    table = Table(title="Not ranked", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=24, min_width=8)
    table.add_column("Status", no_wrap=True)
    table.add_column("Stage", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("Why", overflow="fold", ratio=1)
    for c in others:
        style = "red" if c.status == "eliminated" else "yellow"
        why = "; ".join(r.message for r in c.reasons)
        table.add_row(c.name, Text(c.status, style=style), c.stage_reached, why)
    return table


def funnel_line(evaluation: Evaluation) -> str:
    parts = [f"{s.id} {s.entered}->{s.passed}" for s in evaluation.stages]
    return "Stages: " + ", ".join(parts)


def print_evaluation(evaluation: Evaluation, console: Console) -> None:
    console.print(ranking_table(evaluation))
    dropped = dropped_table(evaluation)
    if dropped is not None:
        console.print()
        console.print(dropped)
    console.print()
    console.print(funnel_line(evaluation))
