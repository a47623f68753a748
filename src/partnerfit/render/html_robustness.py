"""The report's account of how far to trust the ranking: its sensitivity to the weights,
the evidence and confidence behind the scores, and assessor disagreements (see
docs/report.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from partnerfit.evaluation import CriterionScore
from partnerfit.render.html_common import (
    MAX_ROWS,
    confidence_text,
    criterion_names,
    e,
    more_note,
    pct,
    section,
    share_text,
    stage_label,
    value_text,
)
from partnerfit.render.svg_charts import acceptability_chart, rank_labels
from partnerfit.report import (
    LOW_CONFIDENCE,
    AssessorDisagreement,
    CriticalRow,
    EvidenceProfile,
    RankAcceptability,
    Report,
    as_disagreements,
)


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
        return section("sensitivity", "Sensitivity to the weights", body)
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
        cells = "".join(f'<td class="num">{pct(share)}</td>' for share in r.shares)
        cells += '<td class="num"></td>' * (ranks - len(r.shares))
        rest = r.unranked if r.unranked is not None else max(0.0, 1.0 - sum(r.shares))
        mean = "-" if r.mean_rank is None else f"{r.mean_rank:.2f}"
        band = "-" if r.band is None else f"{r.band[0]}-{r.band[1]}"
        body += (
            f'<tr><td>{e(r.name)}</td>{cells}<td class="num">{pct(rest)}</td>'
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
    return section("sensitivity", "Sensitivity to the weights", body)


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
                f'<td class="num">{pct(r.critical)}</td>'
                f'<td class="num">{"+" if change >= 0 else "-"}{pct(abs(change))}</td>'
                f"<td>{e(r.new_leader or '-')}</td>"
            )
        out += f'<tr><td>{e(r.dimension)}</td><td class="num">{pct(r.stated)}</td>{tail}</tr>\n'
    return out + "</tbody></table>\n"


HEAVIEST = 6
"""Criteria named per candidate in the list of scores without evidence; the rest summed."""


def _criterion_list(scores: Sequence[CriterionScore], names: Mapping[str, str]) -> str:
    """The heaviest few by name, with value and weight; the lighter rest as a count."""
    text = ", ".join(
        f"{e(names.get(s.id, s.id))} ({value_text(s.raw)}, weight {pct(s.weight or 0.0)})"
        for s in scores[:HEAVIEST]
    )
    rest = scores[HEAVIEST:]
    if rest:
        weight = sum(s.weight or 0.0 for s in rest)
        text += f" and {len(rest)} lighter ones (weight {pct(weight)} together)"
    return text


def evidence_section(report: Report) -> str:
    names = criterion_names(report.criteria)
    stages = {s.id: stage_label(s) for s in report.evaluation.stages}
    body = (
        "<p>How well each candidate's total is supported: the scores counted in the total of "
        "the stage where it stopped, how many were given without evidence or with low "
        f'confidence ("low", or a number below {LOW_CONFIDENCE:g}), and the share of the '
        "total's weight that rests on them.</p>\n"
    )
    if not report.evidence:
        return section(
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
            f'<td class="num">{share_text(len(p.without_evidence), p.weight_without_evidence)}</td>'
            f'<td class="num">{share_text(len(p.low_confidence), p.weight_low_confidence)}</td>'
            f'<td class="num">{share_text(len(p.missing), p.weight_missing)}</td></tr>\n'
        )
    body += "</tbody></table>\n" + more_note(len(report.evidence) - MAX_ROWS)
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
    return section("evidence", "Evidence and confidence", body)


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
            f'<td class="num">{value_text(s.raw)}</td><td>{e(confidence_text(s.confidence))}</td>'
            f'<td class="num">{pct(s.weight or 0.0)}</td><td>{e(s.evidence or "none")}</td></tr>\n'
        )
    return out + "</tbody></table>\n" + more_note(len(every) - MAX_ROWS, "low-confidence scores")


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
        return section("disagreements", "Assessor disagreements", body + "<p>None.</p>\n")
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
    return section("disagreements", "Assessor disagreements", body)
