"""PF307 (warning): candidate ids or names that differ only by case or whitespace.

Identical ids are an error of the loader (PF201). Ids that differ only by case
(``alpha`` and ``Alpha``), and names that are the same once case and runs of
spaces are ignored (``Alpha Ltd`` and ``ALPHA  Ltd``), are legal but almost
always one partner entered twice.

Fails::

    candidates:
      - {id: alpha, name: Alpha Ltd}
      - {id: Alpha, name: alpha  ltd}

Passes::

    candidates:
      - {id: alpha, name: Alpha Ltd}
      - {id: bravo, name: Bravo plc}
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CandidatesTarget, Rule


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def check(target: CandidatesTarget) -> Iterator[Finding]:
    doc = target.doc
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    candidates = target.pool.candidates
    for index, candidate in enumerate(candidates):
        first = ids.setdefault(_fold(candidate.id), index)
        if first != index and candidates[first].id != candidate.id:
            line = doc.mark(("candidates", first, "id"))[0]
            yield RULE.finding(
                doc,
                ("candidates", index, "id"),
                f"candidate id '{candidate.id}' differs from '{candidates[first].id}' "
                f"(line {line}) only by case",
                hint="if they are one partner, merge them",
            )
        if candidate.name is None:
            continue
        first = names.setdefault(_fold(candidate.name), index)
        if first != index:
            line = doc.mark(("candidates", first, "name"))[0]
            yield RULE.finding(
                doc,
                ("candidates", index, "name"),
                f"candidate name '{candidate.name}' is the name of '{candidates[first].id}' "
                f"(line {line}) up to case and whitespace",
                hint="if they are one partner, merge them; else tell them apart",
            )


RULE = Rule(
    code="PF307",
    severity="warning",
    summary="candidate ids or names that differ only by case or whitespace",
    on_candidates=check,
)
