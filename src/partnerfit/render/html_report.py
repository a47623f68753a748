"""`partnerfit report`: one self-contained HTML page for a steering committee.

A pure function of the `Report` (partnerfit.report): the page frame, style sheet and
policy here; one small function per section in html_outcome (ranking, funnel, profiles),
html_robustness (sensitivity, evidence, disagreements) and html_criteria; string building
with `html.escape` on every user-supplied text, inline CSS and inline SVG
(partnerfit.render.svg_charts). The page loads nothing: a Content-Security-Policy meta
forbids every fetch (`default-src 'none'`) and admits only its own style sheet, by hash.
No timestamps, so the same input gives the same bytes. See docs/report.md.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from partnerfit import __version__
from partnerfit.evaluation import Evaluation
from partnerfit.render.html_common import e, section, stage_label
from partnerfit.render.html_criteria import criteria_section
from partnerfit.render.html_outcome import funnel_section, profiles_section, ranking_section
from partnerfit.render.html_robustness import (
    acceptability_section,
    disagreements_section,
    evidence_section,
)
from partnerfit.report import Report, final_stage

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
    stage_names = e(" \u2192 ".join(stage_label(s) for s in ev.stages))
    how = f" after {e(stage_label(final))} ({e(final.method)})" if final is not None else ""
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


def notes_section(evaluation: Evaluation) -> str:
    lines = [*evaluation.warnings]
    lines += [f"{c.name}: {w}" for c in evaluation.candidates for w in c.warnings]
    if not lines:
        return ""
    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    return section("notes", "Notes", f"<p>Warnings from the scoring run.</p>\n<ul>{items}</ul>\n")


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
                section("sensitivity", "Sensitivity to the weights", skipped),
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
        '<meta name="color-scheme" content="light">\n'
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
