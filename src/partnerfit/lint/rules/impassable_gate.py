"""PF305 (error): a gate that no candidate can pass.

Ratings must lie within their scale (PF204), so a rating gate whose threshold is
outside the scale eliminates every candidate; so do gates on one criterion or
fact that contradict each other (``min: 4`` in one stage, ``max: 2`` in a later
one; ``equals: true`` then ``equals: false``), since every stage's gates test
the same raw value. The finding points at the gate that leaves no value.

Fails (the scale is 1..5)::

    gates:
      - {criterion: financial_stability, min: 6}

Passes::

    gates:
      - {criterion: financial_stability, min: 2}
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from partnerfit.findings import Finding
from partnerfit.lint.rules.base import CriteriaTarget, Rule


def check(target: CriteriaTarget) -> Iterator[Finding]:
    criteria = target.criteria
    measured = criteria.measured()
    # criterion id -> (low, high, what the rules so far say), or a flag's required value
    ranges: dict[str, tuple[float, float, list[str]]] = {}
    flags: dict[str, bool] = {}
    for s_index, stage in enumerate(criteria.stages):
        for g_index, gate in enumerate(stage.gates):
            item = measured.get(gate.criterion)
            if item is None:
                continue
            loc = ("stages", s_index, "gates", g_index)
            if item.kind == "flag":
                if not isinstance(gate.equals, bool):
                    continue
                required = flags.setdefault(item.id, gate.equals)
                if required != gate.equals:
                    yield RULE.finding(
                        target.doc,
                        (*loc, "equals"),
                        f"gate can pass no one: an earlier gate requires '{item.id}' to be "
                        f"{str(required).lower()}",
                    )
                continue
            if item.id not in ranges:
                if item.kind == "rating":
                    scale = criteria.scale_of(item)
                    scope = f"within its scale {scale.min:g}..{scale.max:g}"
                    ranges[item.id] = (scale.min, scale.max, [scope])
                else:
                    ranges[item.id] = (-math.inf, math.inf, [])
            low, high, said = ranges[item.id]
            if isinstance(gate.equals, (int, float)) and not isinstance(gate.equals, bool):
                low, high = max(low, gate.equals), min(high, gate.equals)
                said = [*said, f"equal to {gate.equals:g}"]
            if gate.min is not None:
                low = max(low, gate.min)
                said = [*said, f">= {gate.min:g}"]
            if gate.max is not None:
                high = min(high, gate.max)
                said = [*said, f"<= {gate.max:g}"]
            if low > high and ranges[item.id][0] <= ranges[item.id][1]:
                yield RULE.finding(
                    target.doc,
                    loc,
                    f"gate can pass no one: '{item.id}' would have to be {' and '.join(said)}",
                )
            ranges[item.id] = (low, high, said)


RULE = Rule(
    code="PF305",
    severity="error",
    summary="a gate no candidate can pass (a rating threshold outside the scale)",
    on_criteria=check,
)
