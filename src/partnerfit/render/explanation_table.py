"""`explain`: the terminal view, rich tables with bar charts (docs/explain.md).

Bars are drawn with block characters at 1/8-cell resolution; colour (score bands, green
and red gaps) only adds to what the numbers and words already say, so piped plain text
loses nothing.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from partnerfit.explanation import Contribution, Explanation, StageStep, Versus
from partnerfit.render.table import band

BLOCKS = " ▏▎▍▌▋▊▉█"
"""Eighths of a character cell."""


def bar(value: float, scale: float, width: int) -> str:
    """A horizontal bar of `value` where `scale` fills `width` cells (1/8-cell steps)."""
    if scale <= 0 or value <= 0:
        return ""
    eighths = round(min(value / scale, 1.0) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[part] if part else "")).rstrip()


def diverging_bar(value: float, scale: float, half: int) -> str:
    """Negative values grow left of the axis, positive ones right (whole cells)."""
    cells = 0 if scale <= 0 else round(min(abs(value) / scale, 1.0) * half)
    left = " " * (half - cells) + "█" * cells if value < 0 else " " * half
    right = "█" * cells if value > 0 else ""
    return f"{left}│{right}"


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), pad_edge=False, collapse_padding=True
    )


def _value(value: bool | float | None) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}"


def _shortlist_text(s: StageStep) -> str:
    if s.shortlist is None:
        return ""
    rule = []
    if s.shortlist.top is not None:
        rule.append(f"top {s.shortlist.top}")
    if s.shortlist.min_score is not None:
        rule.append(f"min_score {s.shortlist.min_score:g}")
    return f"shortlist ({', '.join(rule)})"


def headline(e: Explanation) -> str:
    c = e.candidate
    where = {
        "ranked": f"ranked {c.rank}, total {c.total:.2f}" if c.total is not None else "ranked",
        "eliminated": f"eliminated at {c.stage_reached}",
        "incomplete": f"incomplete at {c.stage_reached}",
    }[c.status]
    name = c.name if c.name == c.id else f"{c.name} ({c.id})"
    return f"{name}: {where}"


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text


RESULT_STYLES = {
    "passed": "green",
    "FAILED": "red",
    "eliminated": "red",
    "untestable": "yellow",
    "incomplete": "yellow",
}


def path_table(e: Explanation) -> Table:
    table = _table()
    table.add_column("Stage", no_wrap=True)
    table.add_column("Result", no_wrap=True, justify="right")
    table.add_column("Detail", overflow="fold")
    for s in e.path:
        rows: list[tuple[Text, str]] = []
        for g in s.gates:
            word = "untestable" if g.passed is None else "passed" if g.passed else "FAILED"
            rows.append((Text(word, RESULT_STYLES[word]), f"{g.rule}, got {_value(g.value)}"))
        if s.score is not None:
            detail = f"{s.method} score, rank {s.rank} of {s.field}"
            rule = _shortlist_text(s)
            if rule:
                detail += f"; {rule}: {'kept' if s.outcome == 'passed' else 'not kept'}"
            rows.append((Text(f"{s.score:.2f}", band(s.score)), detail))
        rows.extend(
            (Text(s.outcome, RESULT_STYLES[s.outcome]), r.message)
            for r in s.reasons
            # a failed gate or a missed shortlist is already shown above
            if r.code not in ("gate_failed", "gate_missing", "not_shortlisted")
        )
        if not rows:
            rows.append((Text(s.outcome, RESULT_STYLES[s.outcome]), "nothing tested"))
        for i, (result, detail) in enumerate(rows):
            table.add_row(s.stage if i == 0 else "", result, detail)
    return table


def _method_note(e: Explanation) -> str:
    total = e.breakdown_total or 0.0
    if e.additive:
        return f"Points = weight x score; they sum to the stage total {total:.2f}."
    own = e.candidate.method_scores.get(e.stage or "", {})
    quantities = "".join(f", {name} {value:g}" for name, value in own.items())
    return (
        f"{e.method} totals are not additive: points are weight x normalised score, the "
        f"weighted-sum view of the same scores (sum {total:.2f}); the {e.method} score is "
        f"{e.score or 0.0:.2f}{quantities}."
    )


def _criterion_score(p: Contribution) -> str:
    if p.normalised is None:
        return "skipped"
    # a worst-filled missing score is marked: it is a 0 by policy, not by rating
    return f"{p.normalised:.1f}" + ("w" if p.handling == "worst" else "")


def contributions_table(e: Explanation, width: int) -> Table:
    table = _table()
    labels = [f"  {p.criterion}" for p in e.contributions] + [d.label for d in e.dimensions]
    label_width = min(max([len(x) for x in labels] + [21]), 28)
    # label, weight (6), score (7: "skipped"), points (6), bar; two spaces between columns
    bar_width = max(8, width - label_width - 6 - 7 - 6 - 4 * 2)
    scale = max((d.contribution for d in e.dimensions), default=0.0)
    table.add_column(
        "Dimension / criterion", no_wrap=True, overflow="ellipsis", max_width=label_width
    )
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, width=bar_width)
    for d in e.dimensions:
        table.add_row(
            d.label,
            f"{d.weight:.3f}",
            "-" if d.score is None else f"{d.score:.1f}",
            f"{d.contribution:.2f}",
            bar(d.contribution, scale, bar_width),
            style="bold",
        )
        for p in e.contributions:
            if p.dimension != d.dimension:
                continue
            table.add_row(
                f"  {p.criterion}",
                f"{p.weight:.3f}",
                _criterion_score(p),
                f"{p.contribution:.2f}",
                Text(bar(p.contribution, scale, bar_width), style=band(p.normalised)),
            )
    total = "Total" if e.additive else "Sum (not the total)"
    table.add_row(total, "", "", f"{e.breakdown_total or 0.0:.2f}", "", style="bold")
    return table


def field_table(e: Explanation) -> Table:
    table = _table()
    table.add_column("Criterion", no_wrap=True, overflow="ellipsis", max_width=30)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Mean", justify="right", no_wrap=True)
    table.add_column("Median", justify="right", no_wrap=True)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Edge", justify="right", no_wrap=True)
    for title, points in (("Strongest", e.strongest), ("Weakest", e.weakest)):
        if not points:
            continue
        table.add_row(title, style="bold")
        for p in points:
            table.add_row(
                f"  {p.criterion}",
                f"{p.normalised:.1f}",
                f"{p.field_mean:.1f}",
                f"{p.field_median:.1f}",
                f"{p.weight:.3f}",
                _signed(p.edge),
            )
    return table


def versus_table(v: Versus, width: int) -> Table:
    table = _table()
    label_width = min(max([len(p.criterion) for p in v.parts] + [9]), 28)
    # label, this (6), other (6), gap (7), bar; two spaces between columns
    half = max(4, (width - label_width - 6 - 6 - 7 - 4 * 2 - 1) // 2)
    scale = max((abs(p.difference) for p in v.parts), default=0.0)
    table.add_column("Criterion", no_wrap=True, overflow="ellipsis", max_width=label_width)
    table.add_column("This", justify="right", no_wrap=True, min_width=6)
    table.add_column("Other", justify="right", no_wrap=True, min_width=6)
    table.add_column("Gap", justify="right", no_wrap=True, min_width=7)
    table.add_column("", no_wrap=True, width=2 * half + 1)
    for p in v.parts:
        table.add_row(
            p.criterion,
            "-" if p.normalised is None else f"{p.normalised:.1f}",
            "-" if p.other_normalised is None else f"{p.other_normalised:.1f}",
            _signed(p.difference),
            Text(
                diverging_bar(p.difference, scale, half),
                style="green" if p.difference > 0 else "red",
            ),
        )
    table.add_row(
        "Total",
        f"{v.breakdown_total:.2f}",
        f"{v.other_breakdown_total:.2f}",
        _signed(v.difference),
        "",
        style="bold",
    )
    return table


def print_explanation(e: Explanation, console: Console) -> None:
    width = console.width
    console.print(headline(e), style="bold")
    console.print()
    console.print("Path through the stages")
    console.print(path_table(e))
    if e.stage is None:
        console.print()
        console.print("Not scored in any stage: nothing to break down.")
        return
    console.print()
    if e.additive:
        console.print(f"Contributions at {e.stage} ({e.method})")
    else:
        console.print(f"Weighted-sum view at {e.stage} ({e.method} is not additive)")
    console.print(contributions_table(e, width))
    console.print(_method_note(e), soft_wrap=False)
    console.print()
    console.print(
        f"Against the field at {e.stage} ({e.field_size} candidates): edge = weight x "
        "(score - field mean), in points"
    )
    if e.strongest or e.weakest:
        console.print(field_table(e))
    else:
        console.print("Level with the field mean on every criterion.")
    v = e.versus
    if v is not None:
        other = v.other.name if v.other.name == v.other.id else f"{v.other.name} ({v.other.id})"
        console.print()
        console.print(
            f"Versus {other} at {v.stage} ({v.method}): scores 0..100, gap = difference "
            "of the contributions, in points"
        )
        console.print(versus_table(v, width))
        if v.method not in ("weighted_sum",):
            console.print(
                f"{v.method} scores: {v.score:.2f} vs {v.other_score:.2f}; the gap above is "
                "in weighted-sum points (weight x normalised score)."
            )
