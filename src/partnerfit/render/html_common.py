"""Pieces shared by the report's sections: table cells, numbers in words, section frames.

Every text from the input goes through `e` (html.escape, quotes too).
"""

from __future__ import annotations

from partnerfit.evaluation import StageSummary
from partnerfit.models import CriteriaSet
from partnerfit.render.svg_charts import band, e

__all__ = [
    "MAX_NAMES",
    "MAX_ROWS",
    "confidence_text",
    "criterion_names",
    "e",
    "more_note",
    "pct",
    "score_cell",
    "section",
    "share_text",
    "stage_label",
    "stage_rule",
    "value_text",
]

MAX_ROWS = 100
"""Rows of the long tables (not ranked, evidence) at most, in the evaluation's order."""

MAX_NAMES = 12
"""Names listed per cause in the funnel at most."""


def score_cell(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return '<td class="num">-</td>'
    return f'<td class="num {band(value)}">{value:.{decimals}f}</td>'


def pct(share: float, decimals: int = 1) -> str:
    return f"{share * 100:.{decimals}f}%"


def share_text(count: int, weight: float) -> str:
    """'3 (24% of weight)', or '0'."""
    return f"{count} ({pct(weight, 0)} of weight)" if count else "0"


def value_text(value: bool | float | None) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}"


def confidence_text(value: str | float | None) -> str:
    if value is None:
        return "not stated"
    return value if isinstance(value, str) else f"{value:g}"


def stage_label(stage: StageSummary) -> str:
    return stage.name or stage.id


def stage_rule(stage: StageSummary) -> str:
    parts = []
    if stage.gates:
        parts.append(f"{stage.gates} gate{'s' if stage.gates != 1 else ''}")
    if stage.method is not None:
        parts.append(f"scored by {stage.method}")
    if stage.shortlist is not None:
        keep = []
        if stage.shortlist.top is not None:
            keep.append(f"the top {stage.shortlist.top}")
        if stage.shortlist.min_score is not None:
            keep.append(f"total at least {stage.shortlist.min_score:g}")
        parts.append("shortlist keeps " + " with ".join(keep))
    return "; ".join(parts)


def more_note(count: int, what: str = "candidates") -> str:
    if count <= 0:
        return ""
    return (
        f'<p class="note">{count:,} more {what} not shown; '
        "<code>partnerfit score --format json</code> has them all.</p>\n"
    )


def section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}">\n<h2>{e(title)}</h2>\n{body}</section>\n'


def criterion_names(criteria: CriteriaSet) -> dict[str, str]:
    return {item_id: item.label for item_id, item in criteria.measured().items()}
