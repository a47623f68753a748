"""Inline SVG charts for the HTML report: plain strings, no scripts, no external fonts.

Each chart is one function from plain numbers to an `<svg>` element. Coordinates are
written with one decimal so the same input gives the same bytes. Colours are set with
presentation attributes or classes of the report's one style sheet (a Content-Security-
Policy without 'unsafe-inline' blocks `style=""` attributes). Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

GOOD, FAIR = 70.0, 50.0
"""Score bands, as in the terminal table: >= 70 good, >= 50 fair, below 50 weak."""

BAND_COLOURS = {"good": "#2e7d32", "fair": "#c98a00", "weak": "#c62828"}
PASSED = "#2f5d8a"
GATE = "#c62828"
SHORTLIST = "#d99a00"
INCOMPLETE = "#8c8c8c"
NOT_RANKED = "#d9d9d9"
RANK_SCALE = ((68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37))
"""viridis at 0, 1/4, 1/2, 3/4 and 1: rank 1 darkest, the last rank lightest; perceptually
ordered, readable with the common colour-vision deficiencies and in greyscale."""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def n(value: float) -> str:
    """A coordinate: one decimal, no trailing zero, no negative zero."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def band(score: float | None) -> str:
    if score is None:
        return "none"
    return "good" if score >= GOOD else "fair" if score >= FAIR else "weak"


def clip(text: str, limit: int) -> str:
    """Shorten a label to `limit` characters (SVG has no text overflow); the full text
    goes in a <title> beside it."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def rank_colours(count: int) -> list[str]:
    """`count` colours spread evenly along RANK_SCALE (linear between its anchors)."""
    colours = []
    steps = len(RANK_SCALE) - 1
    for k in range(count):
        t = k / (count - 1) if count > 1 else 0.0
        segment = min(int(t * steps), steps - 1)
        f = t * steps - segment
        low, high = RANK_SCALE[segment], RANK_SCALE[segment + 1]
        rgb = (round(a + (b - a) * f) for a, b in zip(low, high, strict=True))
        colours.append("#{:02x}{:02x}{:02x}".format(*rgb))
    return colours


def ink(fill: str) -> str:
    """Black or white text, whichever reads better on `fill` (#rrggbb)."""
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else "#1b1b1b"


def _svg(width: float, height: float, label: str, body: list[str], cls: str) -> str:
    return (
        f'<svg class="chart {cls}" viewBox="0 0 {n(width)} {n(height)}" '
        f'width="{n(width)}" height="{n(height)}" role="img" aria-label="{e(label)}">'
        f"<title>{e(label)}</title>" + "".join(body) + "</svg>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, title: str | None = None) -> str:
    tip = f"<title>{e(title)}</title>" if title else ""
    end = f">{tip}</rect>" if tip else "/>"
    return f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" fill="{fill}"{end}'


def _line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" class="{cls}"/>'


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", fill: str | None = None, cls: str = ""
) -> str:
    attrs = f' text-anchor="{anchor}"' if anchor != "start" else ""
    attrs += f' fill="{fill}"' if fill else ""
    attrs += f' class="{cls}"' if cls else ""
    return f'<text x="{n(x)}" y="{n(y)}"{attrs}>{e(text)}</text>'


def _legend(
    x: float, y: float, items: Sequence[tuple[str, str]], right: float = 640.0
) -> tuple[list[str], float]:
    """Swatches in one row (wrapping at `right`); returns the parts and the height used."""
    parts, cx, cy = [], x, y
    for label, colour in items:
        width = 17 + 6.4 * len(label) + 12
        if cx + width > right and cx > x:
            cx, cy = x, cy + 20
        parts.append(_rect(cx, cy, 12, 12, colour))
        parts.append(_text(cx + 17, cy + 10.5, label, cls="small"))
        cx += width
    return parts, cy - y + 20


@dataclass(frozen=True)
class FunnelRow:
    label: str
    entered: int
    passed: int
    gate_failed: int
    not_shortlisted: int
    incomplete: int


def funnel_chart(rows: Sequence[FunnelRow]) -> str:
    """One bar per stage, as long as the number who entered: the part that moved on, then
    the parts that stopped, by cause."""
    label_w, bar_w, row_h, gap = 170.0, 400.0, 26.0, 12.0
    total = max((r.entered for r in rows), default=0) or 1
    unit = bar_w / total
    body: list[str] = []
    y = 4.0
    for r in rows:
        body.append(_text(0, y + 17, clip(r.label, 24)))
        x = label_w
        segments = [
            (r.passed, PASSED, "moved on"),
            (r.gate_failed, GATE, "failed a gate"),
            (r.not_shortlisted, SHORTLIST, "not shortlisted"),
            (r.incomplete, INCOMPLETE, "incomplete"),
        ]
        for count, colour, what in segments:
            if count == 0:
                continue
            width = count * unit
            body.append(_rect(x, y, width, row_h, colour, f"{r.label}: {count} {what}"))
            if width >= 18:
                body.append(
                    _text(x + width / 2, y + 17.5, str(count), anchor="middle", fill=ink(colour))
                )
            x += width
        body.append(
            _text(
                label_w + r.entered * unit + 8,
                y + 17.5,
                f"{r.entered} \u2192 {r.passed}",
                cls="strong",
            )
        )
        y += row_h + gap
    legend, used = _legend(
        label_w,
        y + 2,
        [
            ("moved on", PASSED),
            ("failed a gate", GATE),
            ("not shortlisted", SHORTLIST),
            ("incomplete", INCOMPLETE),
        ],
    )
    body.extend(legend)
    return _svg(label_w + bar_w + 80, y + used + 4, "Screening funnel", body, "funnel")


def profile_chart(
    title: str,
    rows: Sequence[tuple[str, float | None]],
    reference: Sequence[float | None] | None = None,
    reference_label: str = "mean of the finalists",
) -> str:
    """Horizontal bars 0..100 per dimension, coloured by band, with an optional tick per
    row for a reference value (e.g. the finalists' mean)."""
    label_w, bar_w, row_h, gap, top = 190.0, 200.0, 16.0, 7.0, 18.0
    unit = bar_w / 100.0
    body = [
        _text(label_w + mark * unit, 11, str(mark), anchor="middle", cls="axis")
        for mark in (0, 50, 70, 100)
    ]
    height = top + len(rows) * (row_h + gap)
    for mark in (0, 50, 70, 100):
        x = label_w + mark * unit
        cls = "grid" if mark else "axisline"
        body.append(_line(x, top - 3, x, height - gap + 3, cls))
    for k, (label, score) in enumerate(rows):
        y = top + k * (row_h + gap)
        body.append(_text(label_w - 6, y + 12, clip(label, 27), anchor="end"))
        if score is None:
            body.append(_text(label_w + 4, y + 12, "not scored", cls="small"))
            continue
        fill = BAND_COLOURS[band(score)]
        body.append(_rect(label_w, y, max(score, 0.0) * unit, row_h, fill, f"{label}: {score:.1f}"))
        body.append(_text(label_w + bar_w + 6, y + 12, f"{score:.1f}", cls="strong"))
        ref = reference[k] if reference is not None else None
        if ref is not None:
            x = label_w + ref * unit
            body.append(_line(x, y - 2, x, y + row_h + 2, "ref"))
    if reference is not None:
        y = height + 2
        body.append(
            f'<line x1="{n(label_w)}" y1="{n(y)}" x2="{n(label_w)}" y2="{n(y + 12)}" class="ref"/>'
        )
        body.append(_text(label_w + 6, y + 10, reference_label, cls="small"))
        height += 18
    return _svg(label_w + bar_w + 44, height + 2, f"Profile of {title}", body, "profile")


def share_label(share: float) -> str:
    """A whole percentage, or one decimal where rounding would claim 0% or 100%."""
    text = f"{share:.0%}"
    if text in ("0%", "100%") and 0.0 < share < 1.0:
        text = f"{share:.1%}"
    return text


def rank_labels(ranks: int, lower_from: int | None = None) -> list[str]:
    """'rank 1', 'rank 2', ...; the last 'rank K or lower' when it sums ranks K and below."""
    labels = [f"rank {k + 1}" for k in range(ranks)]
    if lower_from is not None and labels:
        labels[-1] = f"rank {lower_from} or lower"
    return labels


def acceptability_chart(
    rows: Sequence[tuple[str, Sequence[float]]], lower_from: int | None = None
) -> str:
    """One stacked bar per candidate: its share of samples at rank 1, 2, ...; the rest of
    the bar (grey) is the share of samples in which it was not ranked. With `lower_from`,
    each row's last share is that of ranks `lower_from` and below together."""
    label_w, bar_w, row_h, gap = 190.0, 420.0, 22.0, 8.0
    ranks = max((len(shares) for _, shares in rows), default=0)
    colours = rank_colours(ranks)
    labels = rank_labels(ranks, lower_from)
    body: list[str] = []
    y = 4.0
    for name, shares in rows:
        body.append(_text(label_w - 8, y + 15, clip(name, 26), anchor="end"))
        x = label_w
        for k, share in enumerate(shares):
            width = share * bar_w
            if width <= 0:
                continue
            body.append(
                _rect(
                    x,
                    y,
                    width,
                    row_h,
                    colours[k],
                    f"{name}: {labels[k]} in {share:.1%} of samples",
                )
            )
            if width >= 30:
                body.append(
                    _text(
                        x + width / 2,
                        y + 15,
                        share_label(share),
                        anchor="middle",
                        fill=ink(colours[k]),
                        cls="small",
                    )
                )
            x += width
        rest = max(0.0, label_w + bar_w - x)
        if rest > 0.05:
            body.append(
                _rect(
                    x,
                    y,
                    rest,
                    row_h,
                    NOT_RANKED,
                    f"{name}: not ranked in {rest / bar_w:.1%} of samples",
                )
            )
        y += row_h + gap
    items = [*zip(labels, colours, strict=True), ("not ranked", NOT_RANKED)]
    legend, used = _legend(label_w, y + 2, items, right=label_w + bar_w + 10)
    body.extend(legend)
    return _svg(label_w + bar_w + 10, y + used + 4, "Rank acceptability", body, "acceptability")
