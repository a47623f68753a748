"""The default terminal output: rich tables of the ranking and of who left the field."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from partnerfit.evaluation import Evaluation

GOOD, FAIR = 70.0, 50.0
"""Colour bands of scores: >= 70 green, >= 50 yellow, below 50 red."""


def band(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= GOOD else "yellow" if score >= FAIR else "red"


def _score(score: float | None, decimals: int) -> Text:
    return Text("-" if score is None else f"{score:.{decimals}f}", style=band(score))


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 0),
        collapse_padding=True,
        pad_edge=False,
    )


def ranking_title(evaluation: Evaluation) -> str:
    final = next((s for s in reversed(evaluation.stages) if s.method is not None), None)
    title = f"{evaluation.criteria_name or evaluation.criteria_id}: ranking"
    if final is not None:
        title += f" after {final.id} ({final.method})"
    return title


def ranking_table(evaluation: Evaluation, width: int) -> Table:
    final = next((s for s in reversed(evaluation.stages) if s.method is not None), None)
    table = _table()
    dims = final.dimensions if final is not None else evaluation.dimension_ids
    # narrow terminals get whole numbers for dimensions; JSON and CSV keep 6 decimals
    decimals = 1 if width >= 100 else 0
    labels = [evaluation.dimension_labels[d] for d in dims]
    rank_width = max(2, len(str(len(evaluation.ranked))))
    used = rank_width + 1 + sum(max(len(label), 3 + 2 * decimals) + 1 for label in labels) + 6
    names = max((len(c.name) for c in evaluation.ranked), default=9)
    name_width = max(12, min(names, width - used - 1))
    table.add_column("#", justify="right", no_wrap=True, min_width=rank_width)
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=name_width)
    for d in dims:
        table.add_column(evaluation.dimension_labels[d], justify="right", no_wrap=True)
    table.add_column("Total", justify="right", no_wrap=True, style="bold", min_width=5)
    for c in evaluation.ranked:
        table.add_row(
            str(c.rank),
            c.name,
            *[_score(c.dimension_scores.get(d), decimals) for d in dims],
            _score(c.total, 1),
        )
    return table


def dropped_table(evaluation: Evaluation) -> Table | None:
    others = [c for c in evaluation.candidates if c.status != "ranked"]
    if not others:
        return None
    table = _table()
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=22, min_width=10)
    table.add_column("Stopped at", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("Why", overflow="fold", ratio=1)
    for c in others:
        style = "red" if c.status == "eliminated" else "yellow"
        stopped = Text(c.stage_reached)
        stopped.append(f"\n{c.status}", style=style)
        why = "\n".join(r.message for r in c.reasons)
        table.add_row(c.name, stopped, why)
    return table


def _percent(weight: float | None) -> str:
    return "" if weight is None else f"{100 * weight:.1f}%"


def weights_table(evaluation: Evaluation) -> tuple[str, Table] | None:
    """Effective weights of the ranking stage, shown when any weight was elicited."""
    final = next((s for s in reversed(evaluation.stages) if s.method is not None), None)
    if final is None or not evaluation.elicited:
        return None
    how = {d.scope: d.method for d in (*evaluation.weighting, *final.weighting)}
    table = _table()
    table.add_column("Dimension", overflow="ellipsis", no_wrap=True, max_width=26)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Criterion", overflow="ellipsis", no_wrap=True, max_width=26)
    table.add_column("By", no_wrap=True)
    table.add_column("In dim.", justify="right", no_wrap=True)
    table.add_column("Effective", justify="right", no_wrap=True)
    for dim in final.dimensions:
        dim_weight = final.dimension_weights[dim]
        first = True
        for criterion, dimension in evaluation.criterion_dimensions.items():
            if dimension != dim or criterion not in final.criterion_weights:
                continue
            effective = final.criterion_weights[criterion]
            table.add_row(
                evaluation.dimension_labels[dim] if first else "",
                _percent(dim_weight) if first else "",
                criterion,
                how.get(dim, "stated"),
                _percent(effective / dim_weight if dim_weight else None),
                _percent(effective),
            )
            first = False
    title = f"Weights in stage {final.id} (dimensions by {how.get('dimensions', 'stated')})"
    return title, table


def consistency_lines(evaluation: Evaluation) -> list[str]:
    """One line per AHP block: CR against its limit, and the judgement to revisit."""
    lines = []
    for d in evaluation.weighting:
        if d.method != "ahp":
            continue
        details = d.details
        cr = details["consistency_ratio"]
        table = details["random_index_table"]
        if cr is None:  # more items than the random-index table covers (a warning says so)
            from partnerfit.mcda.weighting import RANDOM_INDEX_MAX_N

            text = (
                f"AHP {d.scope}: CR not computed ({len(d.items)} items; "
                f"{table} RI covers up to {RANDOM_INDEX_MAX_N})"
            )
        else:
            text = f"AHP {d.scope}: CR {cr:.3f} (max {details['max_cr']:g}, {table} RI"
            text += f" {details['random_index']})"
        if details["completed"]:
            pairs = ", ".join(f"{a}-{b}" for a, b in details["completed"])
            text += f"; completed {pairs}"
        lines.append(text)
    return lines


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def disagreement_table(evaluation: Evaluation) -> Table | None:
    """Where assessors differ by more than the set's threshold: talk before trusting it."""
    if not evaluation.disagreements:
        return None
    names = {c.id: c.name for c in evaluation.candidates}
    table = _table()
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=22, min_width=10)
    table.add_column("Criterion", overflow="fold", max_width=24)
    table.add_column("Assessors", overflow="fold", ratio=1)
    table.add_column(evaluation.aggregation.capitalize(), justify="right", no_wrap=True)
    table.add_column("Spread", justify="right", no_wrap=True, style="yellow")
    for d in evaluation.disagreements:
        scores = ", ".join(f"{a} {_number(v)}" for a, v in d.scores.items())
        table.add_row(
            names.get(d.candidate, d.candidate),
            d.criterion,
            scores,
            _number(d.aggregate),
            _number(d.spread),
        )
    return table


def attention_table(evaluation: Evaluation) -> Table | None:
    """Ranked candidates whose judged scores include low-confidence or evidence-free ones.

    Only drawn when the file records evidence or confidence at all: a file that never
    does would list every candidate, which says nothing."""
    recorded = any(
        s.evidence is not None or s.confidence is not None
        for c in evaluation.candidates
        for s in c.criteria
    )
    if not recorded:
        return None
    rows = [
        c
        for c in evaluation.ranked
        if c.attention is not None and (c.attention.low_confidence or c.attention.no_evidence)
    ]
    if not rows:
        return None
    table = _table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Candidate", overflow="ellipsis", no_wrap=True, max_width=22, min_width=10)
    table.add_column("Low confidence", overflow="fold", ratio=1)
    table.add_column("No evidence", justify="right", no_wrap=True)
    for c in rows:
        attention = c.attention
        assert attention is not None
        table.add_row(
            str(c.rank),
            c.name,
            Text(", ".join(attention.low_confidence) or "-", style="yellow"),
            f"{len(attention.no_evidence)} of {attention.judged}",
        )
    return table


def compromise_lines(evaluation: Evaluation) -> list[str]:
    """VIKOR stages whose leader is not clearly ahead (C1) or not stable (C2): Opricovic
    and Tzeng then propose a compromise set rather than one winner, best Q first."""
    names = {c.id: c.name for c in evaluation.candidates}
    lines = []
    for stage in evaluation.stages:
        members = stage.results.get("compromise_set", ())
        if len(members) < 2:
            continue
        failed = [
            what
            for key, what in (
                ("acceptable_advantage", f"acceptable advantage fails, DQ {stage.results['dq']:g}"),
                ("acceptable_stability", "acceptable stability fails"),
            )
            if not stage.results[key]
        ]
        listed = ", ".join(names.get(m, m) for m in members)
        lines.append(f"VIKOR {stage.id}: compromise set {listed} ({'; '.join(failed)})")
    return lines


def funnel_line(evaluation: Evaluation) -> str:
    parts = [f"{s.id} {s.entered}->{s.passed}" for s in evaluation.stages]
    return "Stages: " + ", ".join(parts)


def print_evaluation(evaluation: Evaluation, console: Console) -> None:
    console.print(ranking_title(evaluation))
    console.print(ranking_table(evaluation, console.width))
    for line in compromise_lines(evaluation):
        console.print(line, soft_wrap=True)
    dropped = dropped_table(evaluation)
    if dropped is not None:
        console.print()
        console.print("Not ranked")
        console.print(dropped)
    weights = weights_table(evaluation)
    if weights is not None:
        console.print()
        console.print(weights[0])
        console.print(weights[1])
        for line in consistency_lines(evaluation):
            console.print(line)
    disagreeing = disagreement_table(evaluation)
    if disagreeing is not None:
        console.print()
        console.print(
            f"Assessors disagree (spread above {_number(evaluation.disagreement_threshold)}; "
            f"{evaluation.aggregation} used)"
        )
        console.print(disagreeing)
    attention = attention_table(evaluation)
    if attention is not None:
        console.print()
        console.print("Scores to check: ranked on low-confidence or evidence-free scores")
        console.print(attention)
    console.print()
    console.print(funnel_line(evaluation))
