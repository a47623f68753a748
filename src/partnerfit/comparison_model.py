"""The `partnerfit score --compare-methods --format json` document, as pydantic models.

`partnerfit.render.comparison` builds the document from plain dicts; these models
describe it for `partnerfit schema comparison` and `schemas/comparison.schema.json`,
and a test validates real output against that schema, so the two cannot drift apart
unnoticed. Keys and order follow docs/methods/README.md ("Comparing methods"). Not
used at run time by `score`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from partnerfit.models import Method

Rank = Annotated[int, Field(ge=1)] | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


_RANKS_EXAMPLE: dict[str, Rank] = {
    "weighted_sum": 1,
    "weighted_product": 2,
    "topsis": 3,
    "promethee_ii": 2,
    "vikor": 2,
}
_CANDIDATE_EXAMPLE = {
    "id": "kestrel",
    "name": "Kestrel Edge Systems Ltd",
    "ranks": _RANKS_EXAMPLE,
    "spread": 2,
    "partly_ranked": False,
    "flagged": True,
}


class ComparedCandidate(_Model):
    """One candidate's rank under every method."""

    id: str = Field(description="Candidate id.", examples=["kestrel"])
    name: str = Field(
        description="Name (defaults to the id).", examples=["Kestrel Edge Systems Ltd"]
    )
    ranks: dict[Method, Rank] = Field(
        description=(
            "Method -> final rank under it, one entry per method of `methods`; null when not "
            "ranked (eliminated, incomplete, or the method could not score the pool)."
        ),
        examples=[_RANKS_EXAMPLE, {**dict.fromkeys(_RANKS_EXAMPLE), "promethee_ii": 1}],
    )
    spread: int | None = Field(
        description=(
            "Largest minus smallest rank over the methods that ranked it; null when none did."
        ),
        examples=[2, 0, None],
        ge=0,
    )
    partly_ranked: bool = Field(
        description=(
            "Ranked under some methods and not under others (methods in `errors` not counted)."
        ),
        examples=[False, True],
    )
    flagged: bool = Field(
        description="`spread` above `flag_spread`, or `partly_ranked`.", examples=[True]
    )


class MethodComparison(_Model):
    """The document `partnerfit score --compare-methods --format json` writes."""

    schema_version: Literal[1] = Field(
        description="Version of this document's shape.", examples=[1]
    )
    partnerfit_version: str = Field(description="Version that wrote it.", examples=["0.1.0"])
    methods: list[Method] = Field(
        description="The methods compared, in the order of the columns.",
        examples=[["weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor"]],
    )
    flag_spread: int = Field(
        description="A rank spread above this flags the candidate.", examples=[1], ge=0
    )
    errors: dict[Method, str] = Field(
        description="Method -> why it could not score the pool; empty when all did.",
        examples=[
            {},
            {
                "promethee_ii": (
                    "stage 'final' (promethee_ii): linear preference function requires threshold p"
                )
            },
        ],
    )
    candidates: list[ComparedCandidate] = Field(
        description=(
            "Every candidate of the pool, by rank under the weighted sum (else its best "
            "rank), unranked last, ties by id."
        ),
        examples=[[_CANDIDATE_EXAMPLE]],
    )
