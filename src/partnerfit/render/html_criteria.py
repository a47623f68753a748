"""The report's criteria section: stages and gates, dimensions and criteria with their
weights in every scoring stage, rating guides, facts (see docs/report.md)."""

from __future__ import annotations

from collections.abc import Sequence

from partnerfit.evaluation import StageSummary
from partnerfit.models import CriteriaSet, Criterion, Gate, Measured
from partnerfit.render.html_common import e, pct, section, stage_label, stage_rule
from partnerfit.report import Report, scoring_stages


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
        body += f"<li><b>{e(stage_label(summary))}</b>: {e(stage_rule(summary)) or 'no rule'}"
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
    head = "".join(f'<th class="num">Weight in {e(stage_label(s))}</th>' for s in stages)
    body += (
        '<h3>Dimensions</h3>\n<p class="small">Weights as shares of each stage\'s total '
        "(a dimension not scored in a stage shows -).</p>\n"
        f'<table class="dimensions"><thead><tr><th>Dimension</th>{head}</tr></thead>\n<tbody>\n'
    )
    for d in criteria.dimensions:
        cells = "".join(
            f'<td class="num">{pct(s.dimension_weights[d.id])}</td>'
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
    return section("criteria", "Criteria, weights and rating guides", body)


def _dimension_criteria(
    label: str, items: Sequence[Criterion], criteria: CriteriaSet, stages: Sequence[StageSummary]
) -> str:
    head = "".join(f'<th class="num">{e(stage_label(s))}</th>' for s in stages)
    out = (
        f"<h3>{e(label)}</h3>\n"
        f'<table class="criteria"><thead><tr><th>Criterion and rating guide</th><th>Kind</th>'
        f"{head}</tr></thead>\n<tbody>\n"
    )
    for c in items:
        cells = "".join(
            f'<td class="num">{pct(s.criterion_weights[c.id])}</td>'
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
