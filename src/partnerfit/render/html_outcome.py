"""The report's account of the outcome: the ranking, the screening funnel, the finalists'
profiles (see docs/report.md)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from partnerfit.evaluation import Evaluation
from partnerfit.render.html_common import (
    MAX_NAMES,
    MAX_ROWS,
    e,
    more_note,
    score_cell,
    section,
    stage_label,
    stage_rule,
)
from partnerfit.render.svg_charts import FunnelRow, funnel_chart, profile_chart
from partnerfit.report import Report, StageFunnel, final_stage, scoring_stages

MAX_PROFILES = 12
"""Profiles drawn at most (the highest ranked); a note says how many were left out."""


def stage_ranks(evaluation: Evaluation, stage_id: str) -> dict[str, int]:
    """Competition ranks (1 + number scoring strictly higher) within a stage's field."""
    totals = {
        c.id: c.stage_scores[stage_id] for c in evaluation.candidates if stage_id in c.stage_scores
    }
    ordered = sorted(totals.values())
    count = len(ordered)
    return {cid: 1 + count - bisect_right(ordered, total) for cid, total in totals.items()}


def ranking_section(report: Report) -> str:
    ev = report.evaluation
    final = final_stage(ev)
    dims = final.dimensions if final is not None else ev.dimension_ids
    earlier = [s for s in scoring_stages(ev) if final is not None and s.id != final.id]
    ranks = {s.id: stage_ranks(ev, s.id) for s in earlier}
    names = {d.id: d.label for d in report.criteria.dimensions}
    head = "".join(
        f'<th class="num"><abbr title="{e(names.get(d, d))}">'
        f"{e(ev.dimension_labels[d])}</abbr></th>"
        for d in dims
    )
    head += '<th class="num">Total</th>'
    head += "".join(f'<th class="num">{e(stage_label(s))} (rank)</th>' for s in earlier)
    rows = []
    for c in ev.ranked:
        cells = "".join(score_cell(c.dimension_scores.get(d)) for d in dims)
        total = score_cell(c.total).replace('class="num', 'class="num total', 1)
        before = "".join(
            f'<td class="num">{c.stage_scores[s.id]:.1f} ({ranks[s.id][c.id]})</td>'
            if s.id in c.stage_scores
            else '<td class="num">-</td>'
            for s in earlier
        )
        kind = f'<br><span class="tag">{e(c.type.replace("_", " "))}</span>' if c.type else ""
        rows.append(
            f'<tr class="ranked" data-id="{e(c.id)}"><td class="num">{c.rank}</td>'
            f"<td>{e(c.name)}{kind}</td>{cells}{total}{before}</tr>"
        )
    what = (
        f"Final ranking after {e(stage_label(final))}, scored by {e(final.method)}: dimension "
        "scores and the total on 0..100 (70 and above good, 50 to 70 fair, below 50 weak)."
        if final is not None
        else "No stage scores."
    )
    if earlier:
        what += (
            " The last columns give each candidate's total and rank in the earlier scoring stages."
        )
    body = f"<p>{what}</p>\n"
    body += (
        '<table class="ranking"><thead><tr><th class="num">#</th><th>Candidate</th>'
        f"{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n"
    )
    others = [c for c in ev.candidates if c.status != "ranked"]
    if others:
        stage_names = {s.id: stage_label(s) for s in ev.stages}
        body += '<h3 id="not-ranked">Not ranked</h3>\n'
        body += (
            '<table class="dropped"><thead><tr><th>Candidate</th><th>Stopped at</th>'
            "<th>Status</th><th>Why</th></tr></thead>\n<tbody>\n"
        )
        for c in others[:MAX_ROWS]:
            why = "<br>".join(e(r.message) for r in c.reasons)
            body += (
                f'<tr data-id="{e(c.id)}"><td>{e(c.name)}</td>'
                f"<td>{e(stage_names[c.stage_reached])}</td>"
                f'<td class="status-{c.status}">{c.status}</td><td>{why}</td></tr>\n'
            )
        body += "</tbody></table>\n" + more_note(len(others) - MAX_ROWS)
    return section("ranking", "Ranking", body)


def _funnel_rows(funnel: Sequence[StageFunnel]) -> list[FunnelRow]:
    return [
        FunnelRow(
            stage_label(f.stage),
            f.entered,
            f.passed,
            len(f.gate_failed),
            len(f.not_shortlisted),
            len(f.incomplete),
        )
        for f in funnel
    ]


def funnel_section(report: Report) -> str:
    body = (
        "<p>How many candidates entered each stage, how many moved on, and why the others "
        "stopped: a knock-out gate failed, outside the shortlist, or incomplete (a gate could "
        "not be tested or scores the stage needs are missing).</p>\n"
    )
    body += funnel_chart(_funnel_rows(report.funnel)) + "\n"
    body += (
        '<table class="funnel"><thead><tr><th>Stage</th><th>Rule</th>'
        '<th class="num">Entered</th><th class="num">Moved on</th>'
        '<th class="num">Failed a gate</th><th class="num">Not shortlisted</th>'
        '<th class="num">Incomplete</th></tr></thead>\n<tbody>\n'
    )
    for f in report.funnel:
        body += (
            f'<tr data-stage="{e(f.stage.id)}"><td>{e(stage_label(f.stage))}</td>'
            f"<td>{e(stage_rule(f.stage))}</td>"
            f'<td class="num">{f.entered}</td><td class="num">{f.passed}</td>'
            f'<td class="num">{len(f.gate_failed)}</td>'
            f'<td class="num">{len(f.not_shortlisted)}</td>'
            f'<td class="num">{len(f.incomplete)}</td></tr>\n'
        )
    body += "</tbody></table>\n"
    stopped = []
    for f in report.funnel:
        causes = [
            ("failed a gate", f.gate_failed),
            ("not shortlisted", f.not_shortlisted),
            ("incomplete", f.incomplete),
        ]
        parts = [
            f"{what} ({len(leavers)}): "
            + ", ".join(e(x.candidate.name) for x in leavers[:MAX_NAMES])
            + (f" and {len(leavers) - MAX_NAMES:,} more" if len(leavers) > MAX_NAMES else "")
            for what, leavers in causes
            if leavers
        ]
        if parts:
            stopped.append(f"<li><b>{e(stage_label(f.stage))}</b>: {'; '.join(parts)}.</li>")
    if stopped:
        body += (
            "<p>Who stopped where (the reasons, with values and thresholds, are in "
            '<a href="#not-ranked">Not ranked</a>):</p>\n<ul class="stopped">\n'
            + "\n".join(stopped)
            + "\n</ul>\n"
        )
    return section("funnel", "Screening funnel", body)


def profiles_section(report: Report) -> str:
    ev = report.evaluation
    final = final_stage(ev)
    dims = final.dimensions if final is not None else ev.dimension_ids
    finalists = ev.ranked
    if not finalists:
        return section("profiles", "Finalist profiles", "<p>No candidate was ranked.</p>\n")
    means: list[float | None] = []
    for d in dims:
        values = [s for c in finalists if (s := c.dimension_scores.get(d)) is not None]
        means.append(sum(values) / len(values) if values else None)
    body = (
        "<p>Each finalist's dimension scores (0..100) in the final stage; the black tick marks "
        "the mean of the finalists on that dimension.</p>\n"
    )
    shown = finalists[:MAX_PROFILES]
    if len(finalists) > len(shown):
        body += (
            f'<p class="note">The {len(shown)} highest ranked of {len(finalists)} '
            "finalists are shown.</p>\n"
        )
    body += '<div class="cards">\n'
    names = {d.id: d.label for d in report.criteria.dimensions}
    for c in shown:
        rows = [(names.get(d, d), c.dimension_scores.get(d)) for d in dims]
        scored = [(label, s) for label, s in rows if s is not None]
        extremes = ""
        if len(scored) > 1:
            best = max(scored, key=lambda r: r[1])
            worst = min(scored, key=lambda r: r[1])
            extremes = (
                f'<p class="small">Strongest: {e(best[0])} {best[1]:.1f}; '
                f"weakest: {e(worst[0])} {worst[1]:.1f}.</p>"
            )
        total = f"{c.total:.1f}" if c.total is not None else "-"
        body += (
            f'<div class="card" data-id="{e(c.id)}"><h3>{c.rank}. {e(c.name)} '
            f'<span class="tag">total {total}</span></h3>'
            f"{profile_chart(c.name, rows, means)}{extremes}</div>\n"
        )
    body += "</div>\n"
    return section("profiles", "Finalist profiles", body)
