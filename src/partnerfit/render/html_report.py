"""`partnerfit report`: one self-contained HTML page for a steering committee.

A pure function of the `Report` (partnerfit.report): one small function per section,
string building with `html.escape` on every user-supplied text, inline CSS and inline SVG
(partnerfit.render.svg_charts). The page loads nothing: a Content-Security-Policy meta
forbids every fetch (`default-src 'none'`) and admits only its own style sheet, by hash.
No timestamps, so the same input gives the same bytes. See docs/report.md.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence

from partnerfit import __version__
from partnerfit.evaluation import CriterionScore, Evaluation, StageSummary
from partnerfit.models import CriteriaSet, Criterion, Gate, Measured
from partnerfit.render.svg_charts import (
    FunnelRow,
    acceptability_chart,
    band,
    e,
    funnel_chart,
    profile_chart,
    rank_labels,
)
from partnerfit.report import (
    LOW_CONFIDENCE,
    AssessorDisagreement,
    CriticalRow,
    EvidenceProfile,
    RankAcceptability,
    Report,
    StageFunnel,
    as_disagreements,
    final_stage,
    scoring_stages,
)

MAX_PROFILES = 12
"""Profiles drawn at most (the highest ranked); a note says how many were left out."""
MAX_ROWS = 100
"""Rows of the long tables (not ranked, evidence) at most, in the evaluation's order."""
MAX_NAMES = 12
"""Names listed per cause in the funnel at most."""

CSS = """\
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --panel: #f5f6f8;
  --good: #2e7d32; --fair: #8a5d00; --weak: #c62828; --accent: #2f5d8a; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem 2rem 3rem; color: var(--ink);
  background: #fff; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p { margin: .4rem 0 .7rem; }
.meta, .note, .small { color: var(--muted); font-size: .87rem; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: .75rem; margin: 1rem 0; padding: 0; }
.summary li { list-style: none; background: var(--panel); border-radius: 6px;
  padding: .55rem .9rem; min-width: 9rem; }
.summary b { display: block; font-size: 1.25rem; }
nav ol { columns: 2; margin: .5rem 0 0; padding-left: 1.4rem; }
nav a, a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.ranking td:nth-child(2) { min-width: 10rem; }
td.total { font-weight: 700; }
abbr[title] { text-decoration: none; }
.good { color: var(--good); } .fair { color: var(--fair); } .weak { color: var(--weak); }
.tag { display: inline-block; font-size: .78rem; color: var(--muted); }
.status-eliminated { color: var(--weak); } .status-incomplete { color: var(--fair); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr));
  gap: 1rem; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem;
  break-inside: avoid; }
.card h3 { margin: 0 0 .3rem; }
svg.chart { display: block; max-width: 100%; height: auto; margin: .4rem 0; }
svg text { font-size: 12px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
svg text:not([fill]) { fill: var(--ink); }
svg text.small, svg text.axis { font-size: 11px; }
svg text.small:not([fill]), svg text.axis { fill: var(--muted); }
svg text.strong { font-weight: 700; }
svg .grid { stroke: #c8c8c8; stroke-dasharray: 3 3; }
svg .axisline { stroke: #8c8c8c; }
svg .ref { stroke: #1b1b1b; stroke-width: 2; }
table.criteria { table-layout: fixed; }
table.criteria th:nth-child(2) { width: 10.5rem; }
table.criteria th:nth-child(n+3) { width: 6.5rem; }
ul.guide { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .85rem; color: var(--muted); }
.desc { display: block; font-size: .85rem; color: var(--muted); }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .6rem; }
@media print {
  html { font-size: 10pt; }
  table { font-size: 8.5pt; }
  th, td { padding: .25rem .35rem; }
  body { max-width: none; padding: 0;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
  h2 { break-after: avoid; }
  section { break-inside: auto; }
  table, svg.chart, .card { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 16mm 14mm; }
"""


def style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def content_security_policy(css: str = CSS) -> str:
    """Nothing may be fetched, run or submitted; only this page's own style sheet applies."""
    return (
        f"default-src 'none'; style-src '{style_hash(css)}'; img-src 'none'; "
        "font-src 'none'; connect-src 'none'; script-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


# --- small helpers ---------------------------------------------------------------


def _score(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return '<td class="num">-</td>'
    return f'<td class="num {band(value)}">{value:.{decimals}f}</td>'


def _pct(share: float, decimals: int = 1) -> str:
    return f"{share * 100:.{decimals}f}%"


def _share(count: int, weight: float) -> str:
    """'3 (24% of weight)', or '0'."""
    return f"{count} ({_pct(weight, 0)} of weight)" if count else "0"


def _value(value: bool | float | None) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}"


def _confidence(value: str | float | None) -> str:
    if value is None:
        return "not stated"
    return value if isinstance(value, str) else f"{value:g}"


def _stage_label(stage: StageSummary) -> str:
    return stage.name or stage.id


def _more(count: int, what: str = "candidates") -> str:
    if count <= 0:
        return ""
    return (
        f'<p class="note">{count:,} more {what} not shown; '
        "<code>partnerfit score --format json</code> has them all.</p>\n"
    )


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}">\n<h2>{e(title)}</h2>\n{body}</section>\n'


def _criterion_names(criteria: CriteriaSet) -> dict[str, str]:
    return {item_id: item.label for item_id, item in criteria.measured().items()}


def _stage_ranks(evaluation: Evaluation, stage_id: str) -> dict[str, int]:
    """Competition ranks (1 + number scoring strictly higher) within a stage's field."""
    totals = {
        c.id: c.stage_scores[stage_id] for c in evaluation.candidates if stage_id in c.stage_scores
    }
    ordered = sorted(totals.values())
    count = len(ordered)
    return {cid: 1 + count - bisect_right(ordered, total) for cid, total in totals.items()}


# --- sections ------------------------------------------------------------------


def header(report: Report) -> str:
    ev = report.evaluation
    title = ev.criteria_name or ev.criteria_id
    final = final_stage(ev)
    ranked = ev.ranked
    version = f" version {e(ev.criteria_version)}" if ev.criteria_version else ""
    source = e(ev.criteria_path) if ev.criteria_path else "inline in the candidates file"
    firsts = [c for c in ranked if c.rank == 1]
    if firsts and firsts[0].total is not None:
        tied = " (tied)" if len(firsts) > 1 else ""
        names = e(" and ".join(c.name for c in firsts))
        lead = f"<li>Ranked first<b>{names}</b>{firsts[0].total:.1f} of 100{tied}</li>"
    else:
        lead = "<li>Ranked first<b>nobody</b>no candidate reached the end</li>"
    stage_names = e(" \u2192 ".join(_stage_label(s) for s in ev.stages))
    how = f" after {e(_stage_label(final))} ({e(final.method)})" if final is not None else ""
    return (
        "<header>\n"
        f"<h1>Partner selection: {e(title)}</h1>\n"
        f'<p class="meta">Candidates <code>{e(ev.candidates_path)}</code>; criteria set '
        f"<code>{e(ev.criteria_id)}</code>{version} ({source}); ranking{how}. "
        f"Written by partnerfit {e(__version__)}.</p>\n"
        '<ul class="summary">\n'
        f"<li>Candidates<b>{len(ev.candidates)}</b>long-listed</li>\n"
        f"<li>Ranked<b>{len(ranked)}</b>reached the end</li>\n"
        f"{lead}\n"
        f"<li>Stages<b>{len(ev.stages)}</b>{stage_names}</li>\n"
        "</ul>\n</header>\n"
    )


def contents(sections: Sequence[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{a}">{e(t)}</a></li>' for a, t in sections)
    return f'<nav aria-label="Contents"><ol>{items}</ol></nav>\n'


def ranking_section(report: Report) -> str:
    ev = report.evaluation
    final = final_stage(ev)
    dims = final.dimensions if final is not None else ev.dimension_ids
    earlier = [s for s in scoring_stages(ev) if final is not None and s.id != final.id]
    ranks = {s.id: _stage_ranks(ev, s.id) for s in earlier}
    names = {d.id: d.label for d in report.criteria.dimensions}
    head = "".join(
        f'<th class="num"><abbr title="{e(names.get(d, d))}">'
        f"{e(ev.dimension_labels[d])}</abbr></th>"
        for d in dims
    )
    head += '<th class="num">Total</th>'
    head += "".join(f'<th class="num">{e(_stage_label(s))} (rank)</th>' for s in earlier)
    rows = []
    for c in ev.ranked:
        cells = "".join(_score(c.dimension_scores.get(d)) for d in dims)
        total = _score(c.total).replace('class="num', 'class="num total', 1)
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
        f"Final ranking after {e(_stage_label(final))}, scored by {e(final.method)}: dimension "
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
        stage_names = {s.id: _stage_label(s) for s in ev.stages}
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
        body += "</tbody></table>\n" + _more(len(others) - MAX_ROWS)
    return _section("ranking", "Ranking", body)


def _funnel_rows(funnel: Sequence[StageFunnel]) -> list[FunnelRow]:
    return [
        FunnelRow(
            _stage_label(f.stage),
            f.entered,
            f.passed,
            len(f.gate_failed),
            len(f.not_shortlisted),
            len(f.incomplete),
        )
        for f in funnel
    ]


def _stage_rule(stage: StageSummary) -> str:
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
            f'<tr data-stage="{e(f.stage.id)}"><td>{e(_stage_label(f.stage))}</td>'
            f"<td>{e(_stage_rule(f.stage))}</td>"
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
            stopped.append(f"<li><b>{e(_stage_label(f.stage))}</b>: {'; '.join(parts)}.</li>")
    if stopped:
        body += (
            "<p>Who stopped where (the reasons, with values and thresholds, are in "
            '<a href="#not-ranked">Not ranked</a>):</p>\n<ul class="stopped">\n'
            + "\n".join(stopped)
            + "\n</ul>\n"
        )
    return _section("funnel", "Screening funnel", body)


def profiles_section(report: Report) -> str:
    ev = report.evaluation
    final = final_stage(ev)
    dims = final.dimensions if final is not None else ev.dimension_ids
    finalists = ev.ranked
    if not finalists:
        return _section("profiles", "Finalist profiles", "<p>No candidate was ranked.</p>\n")
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
    return _section("profiles", "Finalist profiles", body)


def acceptability_section(acceptability: RankAcceptability) -> str:
    rows = acceptability.rows
    ranks = max((len(r.shares) for r in rows), default=0)
    body = (
        "<p>How robust the ranking is to the weights: the whole screening was rerun for "
        f"{acceptability.samples:,} weight samples (seed {acceptability.seed}), and each bar "
        "shows the share of samples in which the candidate took each final rank (rank "
        "acceptability, SMAA-2). A long dark first segment is a winner that does not depend "
        "on the exact weights.</p>\n"
    )
    if acceptability.note:
        body += f'<p class="note">{e(acceptability.note)}</p>\n'
    if acceptability.verdict:
        body += f'<p class="verdict"><b>{e(acceptability.verdict)}</b></p>\n'
    if not rows:
        body += "<p>No candidate is ranked in any sample.</p>\n"
        return _section("sensitivity", "Sensitivity to the weights", body)
    lower = acceptability.lower_from
    body += acceptability_chart([(r.name, r.shares) for r in rows], lower) + "\n"
    head = "".join(
        f'<th class="num">{e(label.capitalize())}</th>' for label in rank_labels(ranks, lower)
    )
    body += (
        f'<table class="acceptability"><thead><tr><th>Candidate</th>{head}'
        '<th class="num">Not ranked</th><th class="num">Mean rank</th>'
        '<th class="num">5-95% rank</th></tr></thead>\n<tbody>\n'
    )
    for r in rows:
        cells = "".join(f'<td class="num">{_pct(share)}</td>' for share in r.shares)
        cells += '<td class="num"></td>' * (ranks - len(r.shares))
        rest = r.unranked if r.unranked is not None else max(0.0, 1.0 - sum(r.shares))
        mean = "-" if r.mean_rank is None else f"{r.mean_rank:.2f}"
        band = "-" if r.band is None else f"{r.band[0]}-{r.band[1]}"
        body += (
            f'<tr><td>{e(r.name)}</td>{cells}<td class="num">{_pct(rest)}</td>'
            f'<td class="num">{mean}</td><td class="num">{band}</td></tr>\n'
        )
    body += "</tbody></table>\n"
    if acceptability.more:
        body += (
            f'<p class="small">{acceptability.more} more candidates are ranked in some samples; '
            "<code>partnerfit sensitivity</code> lists them all.</p>\n"
        )
    if acceptability.never_ranked:
        body += (
            f'<p class="small">Never ranked in any sample: '
            f"{e(', '.join(acceptability.never_ranked))}.</p>\n"
        )
    if acceptability.critical:
        body += _critical_table(acceptability.critical)
    return _section("sensitivity", "Sensitivity to the weights", body)


def _critical_table(rows: Sequence[CriticalRow]) -> str:
    out = (
        "<h3>Critical weights</h3>\n<p>For each dimension, the nearest weight (the others "
        "scaled to keep the sum) at which another candidate takes the lead, the weights "
        "being otherwise as stated.</p>\n"
        '<table class="critical"><thead><tr><th>Dimension</th><th class="num">Stated</th>'
        '<th class="num">Critical</th><th class="num">Change</th><th>New leader</th>'
        "</tr></thead>\n<tbody>\n"
    )
    for r in rows:
        if r.critical is None:
            tail = (
                '<td class="num">-</td><td class="num">-</td><td>no weight changes the leader</td>'
            )
        else:
            change = r.critical - r.stated
            tail = (
                f'<td class="num">{_pct(r.critical)}</td>'
                f'<td class="num">{"+" if change >= 0 else "-"}{_pct(abs(change))}</td>'
                f"<td>{e(r.new_leader or '-')}</td>"
            )
        out += f'<tr><td>{e(r.dimension)}</td><td class="num">{_pct(r.stated)}</td>{tail}</tr>\n'
    return out + "</tbody></table>\n"


def _criterion_list(scores: Iterable[CriterionScore], names: Mapping[str, str]) -> str:
    return ", ".join(
        f"{e(names.get(s.id, s.id))} ({_value(s.raw)}, weight {_pct(s.weight or 0.0)})"
        for s in scores
    )


def evidence_section(report: Report) -> str:
    names = _criterion_names(report.criteria)
    stages = {s.id: _stage_label(s) for s in report.evaluation.stages}
    body = (
        "<p>How well each candidate's total is supported: the scores counted in the total of "
        "the stage where it stopped, how many were given without evidence or with low "
        f'confidence ("low", or a number below {LOW_CONFIDENCE:g}), and the share of the '
        "total's weight that rests on them.</p>\n"
    )
    if not report.evidence:
        return _section(
            "evidence", "Evidence and confidence", body + "<p>No candidate was scored.</p>\n"
        )
    body += (
        '<table class="evidence"><thead><tr><th>Candidate</th><th>Total of</th>'
        '<th class="num">Scores</th><th class="num">Without evidence</th>'
        '<th class="num">Low confidence</th><th class="num">Missing</th></tr></thead>\n<tbody>\n'
    )
    shown = report.evidence[:MAX_ROWS]
    for p in shown:
        body += (
            f'<tr data-id="{e(p.candidate.id)}"><td>{e(p.candidate.name)}</td>'
            f"<td>{e(stages[p.stage])}</td>"
            f'<td class="num">{len(p.counted)}</td>'
            f'<td class="num">{_share(len(p.without_evidence), p.weight_without_evidence)}</td>'
            f'<td class="num">{_share(len(p.low_confidence), p.weight_low_confidence)}</td>'
            f'<td class="num">{_share(len(p.missing), p.weight_missing)}</td></tr>\n'
        )
    body += "</tbody></table>\n" + _more(len(report.evidence) - MAX_ROWS)
    body += _low_confidence_table(shown, names)
    body += "<h3>Scores without evidence</h3>\n"
    listed = [p for p in shown if p.without_evidence or p.missing]
    if not listed:
        body += "<p>Every score counted has evidence.</p>\n"
    else:
        body += (
            '<p class="small">Heaviest first: the value given and its weight in the total.</p>\n'
            '<ul class="gaps">\n'
        )
        for p in listed:
            parts = []
            if p.without_evidence:
                parts.append(_criterion_list(p.without_evidence, names))
            if p.missing:
                parts.append("missing: " + _criterion_list(p.missing, names))
            body += f"<li><b>{e(p.candidate.name)}</b>: {'; '.join(parts)}</li>\n"
        body += "</ul>\n"
    return _section("evidence", "Evidence and confidence", body)


def _low_confidence_table(profiles: Sequence[EvidenceProfile], names: Mapping[str, str]) -> str:
    every = [(p, s) for p in profiles for s in p.low_confidence]
    rows = every[:MAX_ROWS]
    out = "<h3>Low-confidence scores</h3>\n"
    if not rows:
        return out + "<p>No score counted is marked low confidence.</p>\n"
    out += (
        '<table class="low-confidence"><thead><tr><th>Candidate</th><th>Criterion</th>'
        '<th class="num">Value</th><th>Confidence</th><th class="num">Weight</th>'
        "<th>Evidence</th></tr></thead>\n<tbody>\n"
    )
    for p, s in rows:
        out += (
            f"<tr><td>{e(p.candidate.name)}</td><td>{e(names.get(s.id, s.id))}</td>"
            f'<td class="num">{_value(s.raw)}</td><td>{e(_confidence(s.confidence))}</td>'
            f'<td class="num">{_pct(s.weight or 0.0)}</td><td>{e(s.evidence or "none")}</td></tr>\n'
        )
    return out + "</tbody></table>\n" + _more(len(every) - MAX_ROWS, "low-confidence scores")


def disagreements_section(
    rows: Iterable[tuple[str, str, Mapping[str, float]]] | Sequence[AssessorDisagreement],
    threshold: float | None = None,
) -> str:
    """Assessor disagreements from plain (candidate, criterion, {assessor: value}) rows,
    largest spread first. The caller decides what counts as a disagreement (e.g. the
    relational-fit `disagreements(spread, threshold)`); `threshold` is only shown."""
    items = [
        r if isinstance(r, AssessorDisagreement) else AssessorDisagreement(r[0], r[1], r[2])
        for r in rows
    ]
    ordered = as_disagreements((d.candidate, d.criterion, d.values) for d in items)
    limit = f" by more than {threshold:g}" if threshold is not None else ""
    body = (
        f"<p>Scores on which the assessors differ{limit} (spread: highest minus lowest value). "
        "A wide spread is a question to settle before the decision, not a number to average "
        "away.</p>\n"
    )
    if not ordered:
        return _section("disagreements", "Assessor disagreements", body + "<p>None.</p>\n")
    body += (
        '<table class="disagreements"><thead><tr><th>Candidate</th><th>Criterion</th>'
        '<th>Values by assessor</th><th class="num">Spread</th></tr></thead>\n<tbody>\n'
    )
    for d in ordered:
        values = ", ".join(f"{e(who)}: {v:g}" for who, v in sorted(d.values.items()))
        body += (
            f"<tr><td>{e(d.candidate)}</td><td>{e(d.criterion)}</td><td>{values}</td>"
            f'<td class="num">{d.spread:g}</td></tr>\n'
        )
    body += "</tbody></table>\n"
    return _section("disagreements", "Assessor disagreements", body)


def _kind(item: Measured, criteria: CriteriaSet) -> str:
    if item.kind == "rating":
        scale = criteria.scale_of(item)
        text = f"rating {scale.min:g}-{scale.max:g}"
    elif item.kind == "measure":
        text = "measure" + (f" ({item.unit})" if item.unit else "")
        text += (
            f", bounds {item.bounds[0]:g}-{item.bounds[1]:g}" if item.bounds else ", field min-max"
        )
    else:
        text = str(item.kind)
    if item.direction == "cost":
        text += ", cost (less is better)"
    if item.missing != "exclude":
        text += f", missing: {item.missing}"
    return text


def _guide(item: Measured) -> str:
    if not item.guide:
        return ""
    levels = "".join(f"<li>{level:g}: {e(text)}</li>" for level, text in sorted(item.guide.items()))
    return f'<ul class="guide">{levels}</ul>'


def _gate_rule(gate: Gate, criteria: CriteriaSet) -> str:
    item = criteria.measured().get(gate.criterion)
    name = item.label if item is not None else gate.criterion
    if gate.equals is not None:
        if isinstance(gate.equals, bool):
            rule = "must be " + ("true" if gate.equals else "false")
        else:
            rule = f"must equal {gate.equals:g}"
    else:
        bounds = []
        if gate.min is not None:
            bounds.append(f"at least {gate.min:g}")
        if gate.max is not None:
            bounds.append(f"at most {gate.max:g}")
        rule = "must be " + " and ".join(bounds)
    return f"{e(name)} {rule}"


def criteria_section(report: Report) -> str:
    criteria = report.criteria
    ev = report.evaluation
    stages = scoring_stages(ev)
    body = f"<p>{e(criteria.description)}</p>\n" if criteria.description else ""
    body += "<h3>Stages</h3>\n<ol>\n"
    for stage_model, summary in zip(criteria.stages, ev.stages, strict=True):
        body += f"<li><b>{e(_stage_label(summary))}</b>: {e(_stage_rule(summary)) or 'no rule'}"
        if stage_model.description:
            body += f'<span class="desc">{e(stage_model.description)}</span>'
        if stage_model.gates:
            body += (
                "<ul>"
                + "".join(
                    f"<li>{_gate_rule(g, criteria)}"
                    + (f' <span class="small">({e(g.reason)})</span>' if g.reason else "")
                    + "</li>"
                    for g in stage_model.gates
                )
                + "</ul>"
            )
        body += "</li>\n"
    body += "</ol>\n"
    head = "".join(f'<th class="num">Weight in {e(_stage_label(s))}</th>' for s in stages)
    body += (
        '<h3>Dimensions</h3>\n<p class="small">Weights as shares of each stage\'s total '
        "(a dimension not scored in a stage shows -).</p>\n"
        f'<table class="dimensions"><thead><tr><th>Dimension</th>{head}</tr></thead>\n<tbody>\n'
    )
    for d in criteria.dimensions:
        cells = "".join(
            f'<td class="num">{_pct(s.dimension_weights[d.id])}</td>'
            if d.id in s.dimension_weights
            else '<td class="num">-</td>'
            for s in stages
        )
        desc = f'<span class="desc">{e(d.description)}</span>' if d.description else ""
        body += f'<tr data-dimension="{e(d.id)}"><td><b>{e(d.label)}</b>{desc}</td>{cells}</tr>\n'
    body += "</tbody></table>\n"
    body += (
        '<p class="small">Per criterion, its effective weight in each scoring stage\'s total '
        "(dimension weight times its share within the dimension).</p>\n"
    )
    for d in criteria.dimensions:
        body += _dimension_criteria(d.label, d.criteria, criteria, stages)
    if criteria.facts:
        body += (
            "<h3>Facts (tested by gates, never scored)</h3>\n"
            '<table class="facts"><thead><tr><th>Fact</th><th>Kind</th></tr></thead>\n<tbody>\n'
        )
        for f in criteria.facts:
            body += f"<tr><td>{e(f.label)}</td><td>{e(_kind(f, criteria))}</td></tr>\n"
        body += "</tbody></table>\n"
    return _section("criteria", "Criteria, weights and rating guides", body)


def _dimension_criteria(
    label: str, items: Sequence[Criterion], criteria: CriteriaSet, stages: Sequence[StageSummary]
) -> str:
    head = "".join(f'<th class="num">{e(_stage_label(s))}</th>' for s in stages)
    out = (
        f"<h3>{e(label)}</h3>\n"
        f'<table class="criteria"><thead><tr><th>Criterion and rating guide</th><th>Kind</th>'
        f"{head}</tr></thead>\n<tbody>\n"
    )
    for c in items:
        cells = "".join(
            f'<td class="num">{_pct(s.criterion_weights[c.id])}</td>'
            if c.id in s.criterion_weights
            else '<td class="num">-</td>'
            for s in stages
        )
        desc = f'<span class="desc">{e(c.description)}</span>' if c.description else ""
        out += (
            f'<tr data-criterion="{e(c.id)}"><td><b>{e(c.label)}</b>{desc}{_guide(c)}</td>'
            f"<td>{e(_kind(c, criteria))}</td>{cells}</tr>\n"
        )
    return out + "</tbody></table>\n"


def notes_section(evaluation: Evaluation) -> str:
    lines = [*evaluation.warnings]
    lines += [f"{c.name}: {w}" for c in evaluation.candidates for w in c.warnings]
    if not lines:
        return ""
    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    return _section("notes", "Notes", f"<p>Warnings from the scoring run.</p>\n<ul>{items}</ul>\n")


def render(report: Report) -> str:
    """The whole page: deterministic bytes for the same report."""
    ev = report.evaluation
    sections: list[tuple[str, str, str]] = [
        ("ranking", "Ranking", ranking_section(report)),
        ("funnel", "Screening funnel", funnel_section(report)),
        ("profiles", "Finalist profiles", profiles_section(report)),
    ]
    if report.acceptability is not None:
        sections.append(
            (
                "sensitivity",
                "Sensitivity to the weights",
                acceptability_section(report.acceptability),
            )
        )
    elif report.sensitivity_skipped is not None:
        skipped = f"<p>Not computed: {e(report.sensitivity_skipped)}</p>\n"
        sections.append(
            (
                "sensitivity",
                "Sensitivity to the weights",
                _section("sensitivity", "Sensitivity to the weights", skipped),
            )
        )
    sections.append(("evidence", "Evidence and confidence", evidence_section(report)))
    if report.disagreements is not None:
        sections.append(
            (
                "disagreements",
                "Assessor disagreements",
                disagreements_section(report.disagreements, report.disagreement_threshold),
            )
        )
    sections.append(("criteria", "Criteria, weights and rating guides", criteria_section(report)))
    notes = notes_section(ev)
    if notes:
        sections.append(("notes", "Notes", notes))
    title = f"Partner selection: {ev.criteria_name or ev.criteria_id}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(content_security_policy())}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="partnerfit {e(__version__)}">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + header(report)
        + contents([(a, t) for a, t, _ in sections])
        + "<main>\n"
        + "".join(html for _, _, html in sections)
        + "</main>\n"
        f'<footer class="small">Written by partnerfit {e(__version__)} from '
        f"<code>{e(ev.candidates_path)}</code>. Every number is also in "
        "<code>partnerfit score --format json</code>; see docs/report.md for how each "
        "section is computed.</footer>\n"
        "</body>\n</html>\n"
    )
