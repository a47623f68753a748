"""Pydantic models of the two file kinds: criteria sets and candidate lists.

Field names are the YAML keys; every field carries a description that the docs
and the JSON Schemas are generated from. Cross-references (ids that must exist,
scores that must fit their criterion) are checked in `partnerfit.validation`,
which has the whole set in view.
"""

import math
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    model_validator,
)

from partnerfit.loading import YamlFloat, YamlInt, resolve_plain

FORMAT_VERSION = 1

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def as_text(value: Any) -> str:
    """Text as written: numbers keep their source text, booleans their word."""
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise ValueError(f"expected text, got {_describe(value)}")


def as_id(value: Any) -> str:
    text = as_text(value)
    if not _ID.match(text):
        raise ValueError(
            f"'{text}' is not a valid id: use letters, digits, '_', '-' or '.', "
            "starting with a letter or digit"
        )
    return text


MAX_MAGNITUDE = 1e100
"""The largest magnitude a scored or tested number may have. TOPSIS squares values and
sums the squares, and min-max normalisation subtracts them: well below the float limit
(~1.8e308) these overflow to inf and tie candidates falsely. No real quantity comes near
1e100 (a large company's revenue in Indonesian rupiah is ~1e15)."""
_MAX_MAGNITUDE_TEXT = "1e100"


def _finite(value: int | float) -> float:
    """`value` as a float; a ValueError quoting it as written for `.nan` and `.inf`.

    A numeral too large for a float (an integer past the float range, `1e400`) is finite
    as written: it comes back infinite for the caller's magnitude limit to name."""
    try:
        number = float(value)
    except OverflowError:  # an integer beyond the float range
        return math.inf if value > 0 else -math.inf
    written = str(getattr(value, "text", "")).lstrip("+-").lower()
    if math.isnan(number) or (math.isinf(number) and (not written or written.startswith("."))):
        raise ValueError(f"expected a finite number, got {_source(value)}")
    return number


def as_number(value: Any) -> float:
    """A finite YAML number within +/-MAX_MAGNITUDE; text, booleans and null are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {_describe(value)}")
    number = _finite(value)
    if abs(number) > MAX_MAGNITUDE:
        raise ValueError(
            f"{_source(value)} is beyond the largest magnitude partnerfit scores with "
            f"({_MAX_MAGNITUDE_TEXT}): give it in a larger unit"
        )
    return number


def as_weight(value: Any) -> float:
    number = as_number(value)
    if number <= 0:
        raise ValueError(f"weight must be positive, got {_source(value)}")
    return number


def as_level(value: Any) -> float:
    """A rating level used as a mapping key: keys are read as text, so parse it."""
    if isinstance(value, str) and not isinstance(value, (YamlInt, YamlFloat)):
        parsed = resolve_plain(value)
        if isinstance(parsed, (YamlInt, YamlFloat)):
            value = parsed
    return as_number(value)


_YAML11_BOOLEANS = ("yes", "no", "on", "off", "y", "n")


def _flag_or_number(value: Any, expected: str) -> bool | float:
    """true/false or a finite number; YAML 1.1's yes/no/on/off stay text and are refused
    with a word on why (a gate or flag score must not flip its meaning silently)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return as_number(value)
    note = ""
    if isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
        note = " (only true and false are booleans in partnerfit files)"
    raise ValueError(f"expected {expected}, got {_describe(value)}{note}")


def as_score_value(value: Any) -> bool | float | None:
    if value is None:
        return None
    return _flag_or_number(value, "a number, or true or false for a flag")


def as_gate_value(value: Any) -> bool | float:
    return _flag_or_number(value, "true or false (a flag) or a number")


def as_count(value: Any) -> int:
    """A whole number >= 0 written as a YAML integer: no text, booleans or fractions."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {_describe(value)}")
    if value < 0:
        raise ValueError(f"expected a whole number >= 0, got {_source(value)}")
    return int(value)


def as_attribute(value: Any, where: str = "") -> Any:
    """Free data as plain JSON-ready values: text as written, finite numbers, true/false,
    null, and lists and mappings of them. An error inside a list or mapping names the
    item's path from the attribute (the location is the attribute's)."""
    try:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int):  # YamlInt too: an identifier may be long
            return int(value)
        if isinstance(value, float):  # never scored: finite is all JSON needs
            number = _finite(value)
            if math.isinf(number):
                raise ValueError(f"{_source(value)} is too large for a JSON number")
            return number
        if isinstance(value, str):
            return str(value)
    except ValueError as exc:
        raise ValueError(f"in {where}: {exc}" if where else str(exc)) from None
    if isinstance(value, list):
        return [as_attribute(v, f"{where}[{k}]") for k, v in enumerate(value)]
    if isinstance(value, dict):
        return {
            as_text(k): as_attribute(v, f"{where}.{k}" if where else str(k))
            for k, v in value.items()
        }
    raise ValueError(f"expected plain data, got {_describe(value)}")


def as_confidence(value: Any) -> str | float | None:
    if value is None:
        return None
    if isinstance(value, str) and not isinstance(value, (YamlInt, YamlFloat)):
        if value in ("low", "medium", "high"):
            return value
        raise ValueError(f"expected low, medium, high or a number in 0..1, got '{value}'")
    number = as_number(value)
    if not 0 <= number <= 1:
        raise ValueError(f"confidence must be within 0..1, got {_source(value)}")
    return number


def _source(value: Any) -> str:
    """The value as written, shortened past 40 characters (a 5,000-digit number)."""
    text = getattr(value, "text", None) or repr(value)
    return text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text '{value}'"
    return f"{_source(value)}"


Text = Annotated[str, PlainValidator(as_text, json_schema_input_type=str)]
Id = Annotated[str, PlainValidator(as_id, json_schema_input_type=str)]
Number = Annotated[float, PlainValidator(as_number, json_schema_input_type=float)]
Weight = Annotated[float, PlainValidator(as_weight, json_schema_input_type=float)]
Level = Annotated[float, PlainValidator(as_level, json_schema_input_type=float)]
Attribute = Annotated[Any, PlainValidator(as_attribute)]
GateValue = Annotated[
    bool | float, PlainValidator(as_gate_value, json_schema_input_type=bool | float)
]
Count = Annotated[int, PlainValidator(as_count, json_schema_input_type=Annotated[int, Field(ge=0)])]
ScoreValue = Annotated[
    bool | float | None, PlainValidator(as_score_value, json_schema_input_type=bool | float | None)
]
Confidence = Annotated[
    Literal["low", "medium", "high"] | float | None,
    PlainValidator(
        as_confidence,
        json_schema_input_type=Literal["low", "medium", "high"]
        | Annotated[float, Field(ge=0, le=1)]
        | None,
    ),
]
CriterionKind = Literal[
    "rating",
    "measure",
    "flag",
    "coverage",
    "overlap",
    "alignment",
    "similarity",
    "ratio",
    "balance",
]
COMPUTED_KINDS = ("coverage", "overlap", "alignment", "similarity", "ratio", "balance")
"""Criterion kinds computed from our profile and the candidate's facts (docs/relational-fit.md)."""
Aggregation = Literal["median", "mean", "min"]
Direction = Literal["benefit", "cost"]
MissingPolicy = Literal["exclude", "worst", "skip"]
AllianceType = Literal[
    "joint_venture", "equity", "non_equity", "technology", "channel", "nonprofit", "other"
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _or_bare(*bare: dict[str, Any]) -> Any:
    """JSON Schema hook for a model that also accepts a bare value (a before-validator
    turns it into the mapping): the schema says "this value, or the mapping"."""

    def extra(schema: dict[str, Any]) -> None:
        mapping = {k: v for k, v in schema.items() if k not in ("title", "description")}
        for key in mapping:
            del schema[key]
        schema["anyOf"] = [*bare, mapping]

    return extra


class Scale(Model):
    """The range of a rating scale."""

    min: Number = Field(description="Lowest rating (worst for a benefit criterion).", examples=[1])
    max: Number = Field(description="Highest rating (best for a benefit criterion).", examples=[5])

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min >= self.max:
            raise ValueError(f"scale min ({self.min:g}) must be below max ({self.max:g})")
        return self


def _ordered_bounds(bounds: tuple[float, float] | None) -> tuple[float, float] | None:
    if bounds is not None and bounds[0] >= bounds[1]:
        raise ValueError(
            f"bounds must be [low, high] with low < high, got [{bounds[0]:g}, {bounds[1]:g}]"
        )
    return bounds


Bounds = Annotated[tuple[Number, Number], AfterValidator(_ordered_bounds)]


def _unit_interval(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError(f"expected a number within 0..1, got {value:g}")
    return value


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError(f"expected a positive number, got {value:g}")
    return value


def _band(bounds: tuple[float, float]) -> tuple[float, float]:
    if not 0 < bounds[0] <= bounds[1]:
        raise ValueError(
            f"band must be [lo, hi] with 0 < lo <= hi, got [{bounds[0]:g}, {bounds[1]:g}]"
        )
    return bounds


def _above_one(value: float) -> float:
    if value <= 1:
        raise ValueError(f"falloff must be above 1, got {value:g}")
    return value


def _non_negative(value: float) -> float:
    if value < 0:
        raise ValueError(f"expected a number >= 0, got {value:g}")
    return value


def _list_or_mapping(value: Any) -> str:
    # One branch per shape, so a bad value gets the errors of its own shape only (a plain
    # union would also report "expected a list" for a bad mapping). The tags start with
    # "<" so that validation.schema_findings leaves them out of the location.
    return "<mapping>" if isinstance(value, dict) else "<list>"


def _a(word: str) -> str:
    """The word with its indefinite article: "a rating", "an overlap"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _list_or_text(value: Any) -> str:
    return "<list>" if isinstance(value, list) else "<text>"


UnitInterval = Annotated[Number, AfterValidator(_unit_interval)]
Band = Annotated[tuple[Number, Number], AfterValidator(_band)]
Falloff = Annotated[Number, AfterValidator(_above_one)]
NonNegative = Annotated[Number, AfterValidator(_non_negative)]
PositiveNumber = Annotated[Number, AfterValidator(_positive)]


Method = Literal["weighted_sum", "weighted_product", "topsis", "promethee_ii", "vikor"]
PreferenceType = Literal["usual", "u_shape", "v_shape", "level", "linear", "gaussian"]
WeightingMethod = Literal["ahp", "rank_order", "points", "swing", "entropy", "critic"]


class Preference(Model):
    """PROMETHEE preference function of a criterion; thresholds in the criterion's raw units."""

    type: PreferenceType = Field(
        "usual",
        description="usual, u_shape, v_shape, level, linear or gaussian.",
        examples=["linear"],
    )
    q: Number | None = Field(
        None, description="Indifference threshold (u_shape, level, linear).", examples=[0.5]
    )
    p: Number | None = Field(
        None, description="Preference threshold (v_shape, level, linear).", examples=[2]
    )
    s: Number | None = Field(
        None, description="Inflection point of the gaussian function.", examples=[1.5]
    )

    @model_validator(mode="after")
    def _thresholds(self) -> Self:
        from partnerfit.mcda.promethee import PreferenceFunction

        PreferenceFunction(self.type, q=self.q, p=self.p, s=self.s)  # raises ValueError
        return self


Judgement = tuple[Id, Id, Number]


class Weighting(Model):
    """Weights derived instead of stated: pairwise (AHP), ranked, points or from the data."""

    model_config = ConfigDict(
        json_schema_extra=_or_bare(
            {"enum": ["ahp", "rank_order", "points", "swing", "entropy", "critic"]}
        )
    )

    method: WeightingMethod = Field(
        description=(
            "ahp, rank_order, points, swing (points, the most important swing at 100), "
            "entropy or critic (the last two are data-driven)."
        ),
        examples=["ahp", "rank_order"],
    )
    pairwise: list[Judgement] | None = Field(
        None,
        description="AHP judgements [a, b, x]: a is x times as important as b (Saaty 1-9 scale).",
        examples=[[["strategic_fit", "financial_fit", 3]]],
    )
    matrix: list[list[Number]] | None = Field(
        None,
        description="AHP: the full pairwise comparison matrix, rows and columns in `order`.",
        examples=[[[1, 3], [0.3333, 1]]],
    )
    order: list[Id] | None = Field(
        None,
        description="rank_order: ids from most to least important; ahp with matrix: row order.",
        examples=[["strategic_fit", "capabilities", "finance"]],
    )
    priorities: Literal["eigenvector", "geometric_mean"] = Field(
        "eigenvector",
        description="AHP: how priorities are derived from the matrix.",
        examples=["geometric_mean"],
    )
    max_cr: PositiveNumber = Field(
        0.10,
        description="AHP: largest consistency ratio accepted (Saaty's random index).",
        examples=[0.1],
    )
    variant: Literal["roc", "rank_sum", "reciprocal"] = Field(
        "roc",
        description="rank_order: rank-order centroid, rank sum or rank reciprocal.",
        examples=["rank_sum"],
    )
    points: dict[Id, PositiveNumber] | None = Field(
        None,
        description="points and swing: positive points per id, normalised to weights.",
        examples=[{"strategic_fit": 60, "finance": 40}],
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_word(cls, data: Any) -> Any:
        return {"method": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _keys_fit_method(self) -> Self:
        given = {
            k for k in ("pairwise", "matrix", "order", "points") if getattr(self, k) is not None
        }
        allowed = {
            "ahp": {"pairwise", "matrix", "order"},
            "rank_order": {"order"},
            "points": {"points"},
            "swing": {"points"},
            "entropy": set(),
            "critic": set(),
        }[self.method]
        if given - allowed:
            extra = ", ".join(sorted(given - allowed))
            raise ValueError(f"{extra} does not apply to weighting method {self.method}")
        if self.method == "ahp":
            if (self.pairwise is None) == (self.matrix is None):
                raise ValueError("ahp weighting takes either pairwise or matrix (with order)")
            if self.matrix is not None and self.order is None:
                raise ValueError("an ahp matrix needs order: the ids of its rows")
        if self.method == "rank_order" and self.order is None:
            raise ValueError("rank_order weighting needs order: ids from most to least important")
        if self.method in ("points", "swing") and self.points is None:
            raise ValueError(f"{self.method} weighting needs points: {{id: points}}")
        return self


class Measured(Model):
    """What criteria and facts have in common: an id and how values are read."""

    id: Id = Field(
        description="Unique id; dimensions, criteria and facts share one namespace.",
        examples=["objectives_alignment"],
    )
    name: Text | None = Field(
        None,
        description="Human-readable name (defaults to the id).",
        examples=["Alignment of declared objectives"],
    )
    description: Text | None = Field(
        None,
        description="What is assessed and how.",
        examples=["Compare their stated goals for the alliance with ours."],
    )
    kind: CriterionKind = Field(
        "rating",
        description=(
            "rating: a judgement on the scale; measure: a numeric fact; flag: true/false; "
            "coverage, overlap, alignment, similarity, ratio, balance: computed 0..100 from "
            "our profile and the candidate's facts."
        ),
        examples=["measure"],
    )
    direction: Direction = Field(
        "benefit",
        description="benefit: more is better; cost: less is better (overlap defaults to cost).",
        examples=["cost"],
    )
    scale: Scale | None = Field(
        None,
        description="Rating scale of this criterion (ratings only; default: the set's scale).",
        examples=[{"min": 0, "max": 10}],
    )
    guide: dict[Level, Text] | None = Field(
        None,
        description="Meaning of rating levels, e.g. {1: poor, 3: adequate, 5: excellent}.",
        examples=[{"1": "poor", "3": "adequate", "5": "excellent"}],
    )
    unit: Text | None = Field(
        None, description="Unit of a measure, shown in output.", examples=["EUR m"]
    )
    bounds: Bounds | None = Field(
        None,
        description=(
            "Fixed normalisation bounds [low, high] of a measure; values outside are clipped. "
            "Without bounds a measure is normalised min-max over the candidates in the stage."
        ),
        examples=[[0, 1000]],
    )
    missing: MissingPolicy = Field(
        "exclude",
        description=(
            "A missing score makes the candidate incomplete (exclude), counts as the worst "
            "value (worst), or is left out with weights renormalised (skip)."
        ),
        examples=["worst"],
    )
    of: Id | None = Field(
        None,
        description="ratio: the financial fact compared (ours and the candidate's).",
        examples=["revenue"],
    )
    band: Band | None = Field(
        None,
        description="ratio: preferred band [lo, hi] of candidate / ours (default [0.5, 2]).",
        examples=[[0.5, 4]],
    )
    falloff: Falloff | None = Field(
        None,
        description="ratio: factor beyond the band edge where the score reaches 0 (default 10).",
        examples=[10],
    )
    min_importance: PositiveNumber | None = Field(
        None,
        description=(
            "coverage: count only our needs of at least this importance (e.g. 3: the "
            "critical ones); default: every need."
        ),
        examples=[3],
    )

    @model_validator(mode="before")
    @classmethod
    def _overlap_is_a_cost(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") == "overlap" and "direction" not in data:
            return {**data, "direction": "cost"}
        return data

    @model_validator(mode="after")
    def _kind_specific(self) -> Self:
        if self.kind != "rating" and (self.scale is not None or self.guide is not None):
            raise ValueError(f"scale and guide apply to ratings only, not to {_a(self.kind)}")
        if self.kind != "measure" and self.bounds is not None:
            raise ValueError(f"bounds apply to measures only, not to {_a(self.kind)}")
        if self.kind != "ratio":
            given = [k for k in ("of", "band", "falloff") if getattr(self, k) is not None]
            if given:
                raise ValueError(f"{', '.join(given)} apply to ratio only, not to {_a(self.kind)}")
        elif self.of is None:
            raise ValueError("a ratio needs of: the financial fact compared, e.g. of: revenue")
        if self.kind != "coverage" and self.min_importance is not None:
            raise ValueError(f"min_importance applies to coverage only, not to {_a(self.kind)}")
        return self

    @property
    def computed(self) -> bool:
        return self.kind in COMPUTED_KINDS

    @property
    def label(self) -> str:
        return self.name or self.id


class Criterion(Measured):
    """A scored criterion inside a dimension."""

    weight: Weight = Field(
        1.0, description="Relative weight within its dimension (positive).", examples=[40]
    )
    preference: Preference | None = Field(
        None,
        description="PROMETHEE preference function (default: usual).",
        examples=[{"type": "linear", "q": 0.5, "p": 2}],
    )


class Fact(Measured):
    """Data that gates may test but that is never scored."""

    kind: CriterionKind = Field(
        "flag",
        description="flag (default), measure, rating or a computed kind (coverage...).",
        examples=["flag", "coverage"],
    )

    @model_validator(mode="after")
    def _no_skip(self) -> Self:
        if self.missing == "skip":
            raise ValueError("missing: skip applies to scored criteria, not to facts")
        return self


class Dimension(Model):
    """A group of criteria scored together, e.g. strategic fit."""

    id: Id = Field(
        description="Unique id; shares the namespace of criteria and facts.",
        examples=["strategic_fit"],
    )
    name: Text | None = Field(
        None, description="Human-readable name (defaults to the id).", examples=["Strategic fit"]
    )
    short: Text | None = Field(
        None,
        description="Short column label for narrow terminal tables (defaults to the name).",
        examples=["Strategy"],
    )
    description: Text | None = Field(
        None,
        description="What the dimension covers.",
        examples=["Compatible goals: strategic goals converge, competitive goals diverge."],
    )
    weight: Weight = Field(
        1.0, description="Relative weight among the dimensions of a stage.", examples=[20]
    )
    weighting: Weighting | None = Field(
        None,
        description="Derive the weights of this dimension's criteria instead of stating them.",
        examples=["entropy", {"method": "rank_order", "order": ["goals", "commitment"]}],
    )
    criteria: list[Criterion] = Field(
        min_length=1,
        description="The criteria of this dimension.",
        examples=[
            [
                {"id": "objectives_alignment", "weight": 60},
                {"id": "partner_commitment", "weight": 40},
            ]
        ],
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class Gate(Model):
    """A knock-out rule: a candidate failing it is eliminated."""

    criterion: Id = Field(
        description="Id of the criterion or fact tested.", examples=["sanctions_clear"]
    )
    equals: GateValue | None = Field(
        None,
        description="Required value (true/false for flags, a number otherwise).",
        examples=[True],
    )
    min: Number | None = Field(
        None, description="Lowest acceptable value (inclusive).", examples=[2]
    )
    max: Number | None = Field(
        None, description="Highest acceptable value (inclusive).", examples=[3]
    )
    reason: Text | None = Field(
        None,
        description="Why the rule exists, shown when it eliminates.",
        examples=["sanctions, export-control or anti-bribery screening not clear"],
    )

    @model_validator(mode="after")
    def _one_rule(self) -> Self:
        if self.equals is None and self.min is None and self.max is None:
            raise ValueError("a gate needs equals, min or max")
        if self.equals is not None and (self.min is not None or self.max is not None):
            raise ValueError("a gate takes either equals or min/max, not both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"gate min ({self.min:g}) is above its max ({self.max:g})")
        return self


class Shortlist(Model):
    """Who moves on from a scoring stage: every condition given must hold."""

    top: Count | None = Field(
        None,
        description="Keep candidates ranked at or above this rank (ties kept).",
        examples=[5],
    )
    min_score: Number | None = Field(
        None, description="Keep candidates whose total (0..100) is at least this.", examples=[55]
    )

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.top is None and self.min_score is None:
            raise ValueError("a shortlist needs top, min_score or both")
        if self.min_score is not None and not 0 <= self.min_score <= 100:
            raise ValueError(f"min_score must be within 0..100, got {self.min_score:g}")
        return self


class Stage(Model):
    """One step of the screening: gates, then optionally scoring and a shortlist."""

    id: Id = Field(description="Unique stage id.", examples=["desk_review"])
    name: Text | None = Field(None, description="Human-readable name.", examples=["Desk review"])
    description: Text | None = Field(
        None,
        description="What this stage is for.",
        examples=["Weighted scoring on what desk research can establish."],
    )
    gates: list[Gate] = Field(
        default_factory=list,
        description="Knock-out rules tested first.",
        examples=[[{"criterion": "sanctions_clear", "equals": True}]],
    )
    method: Method | None = Field(
        None,
        description=(
            "Scoring method (default weighted_sum). A stage scores when it has a method, "
            "dimensions or a shortlist, or no gates at all; a stage of gates alone scores nothing."
        ),
        examples=["topsis"],
    )
    normalization: Literal["vector", "minmax"] | None = Field(
        None, description="TOPSIS normalisation (default vector).", examples=["minmax"]
    )
    v: UnitInterval | None = Field(
        None,
        description="VIKOR weight of the group-utility strategy, 0..1 (default 0.5).",
        examples=[0.5],
    )
    dimensions: list[Id] | None = Field(
        None,
        min_length=1,
        description="Dimensions scored in this stage (default: all; an empty list is an error).",
        examples=[["strategic_fit", "financial_compatibility"]],
    )
    shortlist: Shortlist | None = Field(
        None, description="Who moves on to the next stage.", examples=[{"top": 5, "min_score": 55}]
    )

    @model_validator(mode="after")
    def _method_parameters(self) -> Self:
        if self.normalization is not None and self.method != "topsis":
            raise ValueError("normalization applies to method topsis only")
        if self.v is not None and self.method != "vikor":
            raise ValueError("v applies to method vikor only")
        return self

    @property
    def scoring_method(self) -> Method:
        return self.method or "weighted_sum"

    @property
    def scores(self) -> bool:
        """A stage scores when it says how (method, dimensions, shortlist) or has no gates."""
        said = self.method is not None or self.dimensions is not None or self.shortlist is not None
        return said or not self.gates


class CultureDimension(Model):
    """One named dimension of the culture profiles (e.g. decision speed)."""

    id: Id = Field(
        description="Dimension id, the key in culture profiles.", examples=["decision_speed"]
    )
    name: Text | None = Field(None, description="Human-readable name.", examples=["Decision speed"])
    description: Text | None = Field(
        None,
        description="What low and high values mean.",
        examples=["1: decisions take quarters and committees; 5: days, by one owner"],
    )
    weight: Weight = Field(
        1.0, description="Relative weight in similarity (positive).", examples=[2]
    )
    tolerance: NonNegative = Field(
        0.0,
        description="A difference up to this costs nothing (scale points, at most the span).",
        examples=[0.5],
    )


class Culture(Model):
    """The culture dimensions and the scale both profiles are rated on."""

    scale: Scale | None = Field(
        None,
        description="Scale of every culture dimension (default: the set's scale).",
        examples=[{"min": 1, "max": 5}],
    )
    dimensions: list[CultureDimension] = Field(
        min_length=1,
        description="The named dimensions.",
        examples=[[{"id": "decision_speed", "weight": 2, "tolerance": 0.5}, {"id": "hierarchy"}]],
    )


class Assessors(Model):
    """How several assessors' scores of one criterion are combined."""

    aggregation: Aggregation = Field(
        "median", description="median, mean or min of the assessors' scores.", examples=["mean"]
    )
    disagreement: NonNegative = Field(
        1.0,
        description=(
            "Flag a score whose assessors differ by more than this (max - min, in the "
            "criterion's own units)."
        ),
        examples=[1.5],
    )


def _default_stages() -> list[Stage]:
    return [Stage(id="score", method="weighted_sum")]


class CriteriaSet(Model):
    """A criteria set: dimensions of weighted criteria, facts and screening stages."""

    partnerfit: Literal[1] = Field(description="File format version.", examples=[1])
    kind: Literal["criteria"] = Field(description="File kind.", examples=["criteria"])
    id: Id = Field(
        description="Id of the criteria set, echoed in results.", examples=["strategic-alliance"]
    )
    name: Text | None = Field(
        None, description="Human-readable name.", examples=["Strategic alliance partner scorecard"]
    )
    version: Text | None = Field(None, description="Version of the set, as text.", examples=["1.0"])
    description: Text | None = Field(
        None,
        description="Purpose and sources of the set.",
        examples=["Staged partner selection for technology partnerships."],
    )
    scale: Scale = Field(
        default_factory=lambda: Scale(min=1, max=5),
        description="Default rating scale (default 1..5).",
        examples=[{"min": 1, "max": 5}],
    )
    weighting: Weighting | None = Field(
        None,
        description="Derive the dimension weights instead of stating them.",
        examples=[{"method": "rank_order", "order": ["strategic_fit", "finance"]}],
    )
    dimensions: list[Dimension] = Field(
        min_length=1,
        description="The scored dimensions.",
        examples=[
            [{"id": "strategic_fit", "weight": 60, "criteria": [{"id": "objectives_alignment"}]}]
        ],
    )
    facts: list[Fact] = Field(
        default_factory=list,
        description="Gate-only data, never scored.",
        examples=[[{"id": "sanctions_clear", "kind": "flag"}]],
    )
    stages: list[Stage] = Field(
        default_factory=_default_stages,
        description="Stages run in order (default: one stage scoring every dimension).",
        examples=[
            [
                {"id": "screen", "gates": [{"criterion": "sanctions_clear", "equals": True}]},
                {"id": "score"},
            ]
        ],
    )
    culture: Culture | None = Field(
        None,
        description="Culture dimensions and their scale, compared by similarity criteria.",
        examples=[{"scale": {"min": 1, "max": 5}, "dimensions": [{"id": "decision_speed"}]}],
    )
    synonyms: dict[
        Text,
        Annotated[
            Annotated[list[Text], Tag("<list>")] | Annotated[Text, Tag("<text>")],
            Discriminator(_list_or_text),
        ],
    ] = Field(
        default_factory=dict,
        description="Capability and objective names that count as one: {canonical: [aliases]}.",
        examples=[{"regulatory affairs": ["reg-affairs", "ra"]}],
    )
    assessors: Assessors = Field(
        default_factory=lambda: Assessors(),
        description="How the scores of several assessors are combined and compared.",
        examples=[{"aggregation": "median", "disagreement": 1.5}],
    )

    def criteria(self) -> list[Criterion]:
        return [c for d in self.dimensions for c in d.criteria]

    def measured(self) -> dict[str, Measured]:
        """Every criterion and fact by id."""
        items: dict[str, Measured] = {c.id: c for c in self.criteria()}
        items.update((f.id, f) for f in self.facts)
        return items

    def scale_of(self, item: Measured) -> Scale:
        return item.scale or self.scale

    def culture_scale(self) -> Scale:
        return (self.culture.scale if self.culture else None) or self.scale


class Score(Model):
    """One score: a bare value, or a mapping with evidence and confidence."""

    model_config = ConfigDict(
        json_schema_extra=_or_bare({"type": "number"}, {"type": "boolean"}, {"type": "null"})
    )

    value: ScoreValue = Field(
        None,
        description="A number, true/false for flags; null means missing.",
        examples=[4, True, None],
    )
    evidence: Text | None = Field(
        None,
        description="Where the value comes from (text or link).",
        examples=["FY2024 annual report, p. 12"],
    )
    confidence: Confidence = Field(
        None, description="low, medium, high, or a number in 0..1.", examples=["high", 0.8]
    )
    by: dict[Id, Number] | None = Field(
        None,
        description=(
            "Scores of several assessors, {assessor: value}; the value used is their "
            "aggregate (the set's assessors.aggregation)."
        ),
        examples=[{"analyst-a": 4, "analyst-b": 2}],
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: Any) -> Any:
        return data if isinstance(data, dict) else {"value": data}

    @model_validator(mode="after")
    def _value_or_assessors(self) -> Self:
        if self.by is not None and self.value is not None:
            raise ValueError("give either value or by (several assessors), not both")
        return self


class LedgerItem(Model):
    """One item of a proposal's ledger: a contribution and its estimated value."""

    item: Text = Field(description="What is contributed.", examples=["local distribution network"])
    value: NonNegative = Field(
        description="Estimated value or weight (>= 0, one unit per file).", examples=[3]
    )
    evidence: Text | None = Field(
        None, description="Where the estimate comes from.", examples=["term sheet draft, s. 4"]
    )
    confidence: Confidence = Field(
        None, description="low, medium, high, or a number in 0..1.", examples=["medium"]
    )


class Proposal(Model):
    """Both ledgers of the exchange a candidate proposes."""

    we_give: list[LedgerItem] = Field(
        default_factory=list,
        description="What we contribute (what the candidate receives).",
        examples=[[{"item": "probe supply at transfer price", "value": 3}]],
    )
    we_receive: list[LedgerItem] = Field(
        default_factory=list,
        description="What we receive (what the candidate contributes).",
        examples=[[{"item": "local distribution network", "value": 3}]],
    )


class Profile(Model):
    """Our own organisation, the side every relational criterion compares against."""

    name: Text | None = Field(
        None, description="Our organisation's name.", examples=["Arvalen Medical GmbH"]
    )
    description: Text | None = Field(
        None,
        description="Notes on our side.",
        examples=["Freiburg, about EUR 140 m revenue; handheld ultrasound probes."],
    )
    needs: Annotated[
        Annotated[dict[Text, Weight], Tag("<mapping>")] | Annotated[list[Text], Tag("<list>")],
        Discriminator(_list_or_mapping),
    ] = Field(
        default_factory=list,
        description="Capabilities we lack: a list, or {name: importance} (importance > 0).",
        examples=[{"hospital distribution": 3, "field service": 2}, ["hospital distribution"]],
    )
    strengths: list[Text] = Field(
        default_factory=list,
        description="Capabilities we already have.",
        examples=[["probe design", "ultrasound software"]],
    )
    objectives: list[Text] = Field(
        default_factory=list,
        description="Our declared objectives for the alliance.",
        examples=[["market access in apac", "recurring revenue"]],
    )
    culture: dict[Id, Number] = Field(
        default_factory=dict,
        description="Our culture profile: a value per culture dimension.",
        examples=[{"decision_speed": 4, "hierarchy": 2}],
    )
    financials: dict[Id, Number] = Field(
        default_factory=dict,
        description="Our financial facts (revenue, headcount...).",
        examples=[{"revenue": 140, "headcount": 620}],
    )

    def need_importance(self) -> dict[str, float]:
        if isinstance(self.needs, dict):
            return dict(self.needs)
        return dict.fromkeys(self.needs, 1.0)


class ProfileFile(Profile):
    """A profile in a file of its own, referenced from candidates files."""

    partnerfit: Literal[1] = Field(description="File format version.", examples=[1])
    kind: Literal["profile"] = Field(description="File kind.", examples=["profile"])


class Candidate(Model):
    """A candidate partner and its scores."""

    id: Id = Field(description="Unique candidate id.", examples=["coralbay"])
    name: Text | None = Field(
        None,
        description="Human-readable name (defaults to the id).",
        examples=["Coralbay Health Distribution Pte Ltd"],
    )
    type: AllianceType | None = Field(
        None, description="Kind of partnership on offer.", examples=["channel"]
    )
    description: Text | None = Field(
        None,
        description="Notes on the candidate.",
        examples=["Singapore-based pan-APAC distributor."],
    )
    scores: dict[Id, Score] = Field(
        default_factory=dict,
        description="Scores by criterion or fact id.",
        examples=[
            {
                "objectives_alignment": 4,
                "sanctions_clear": True,
                "annual_revenue": {
                    "value": 2400,
                    "evidence": "FY2024 report",
                    "confidence": "high",
                },
            }
        ],
    )
    capabilities: list[Text] | None = Field(
        None,
        description="What the candidate brings (names, matched against our needs).",
        examples=[["hospital distribution", "field service"]],
    )
    objectives: list[Text] | None = Field(
        None,
        description="The candidate's declared objectives for the alliance.",
        examples=[["market access in apac", "recurring revenue"]],
    )
    culture: dict[Id, Score] | None = Field(
        None,
        description="Culture profile: a score per culture dimension of the criteria set.",
        examples=[{"decision_speed": 4, "hierarchy": {"value": 3, "confidence": "low"}}],
    )
    financials: dict[Id, Score] | None = Field(
        None,
        description="Financial facts (revenue, headcount...), compared by ratio criteria.",
        examples=[{"revenue": 310, "headcount": 900}],
    )
    attributes: dict[Text, Attribute] = Field(
        default_factory=dict,
        description="Free attributes, never scored, copied to the JSON result as given.",
        examples=[{"hq": "Singapore", "founded": 1998}],
    )
    proposal: Proposal | None = Field(
        None,
        description="The exchange on offer: what each side gives, scored by balance.",
        examples=[
            {
                "we_give": [{"item": "probe supply", "value": 3}],
                "we_receive": [{"item": "distribution", "value": 2}],
            }
        ],
    )

    @property
    def label(self) -> str:
        return self.name or self.id


def as_criteria_reference(value: Any) -> str | dict[str, Any]:
    """A path (text) or an inline criteria set (a mapping, validated on its own later)."""
    if isinstance(value, dict):
        return value
    return as_text(value)


def as_profile_reference(value: Any) -> str | dict[str, Any] | None:
    """A path (text) or an inline profile (a mapping, validated on its own later)."""
    if value is None or isinstance(value, dict):
        return value
    return as_text(value)


class CandidatesFile(Model):
    """A list of candidates and the criteria set they are scored against."""

    partnerfit: Literal[1] = Field(description="File format version.", examples=[1])
    kind: Literal["candidates"] = Field(description="File kind.", examples=["candidates"])
    # An inline set is validated separately (partnerfit.inputs) so that the criteria
    # model is built once per process, not once more inside this one.
    criteria: Annotated[
        str | dict[str, Any],
        # partnerfit.schema points the mapping alternative at the criteria schema
        PlainValidator(as_criteria_reference, json_schema_input_type=str | dict[str, Any]),
    ] = Field(
        description="Path of the criteria file (relative to this file), or the set inline.",
        examples=["../../criteria/strategic-alliance.yaml"],
    )
    candidates: list[Candidate] = Field(
        min_length=1,
        description="The candidates.",
        examples=[
            [
                {
                    "id": "coralbay",
                    "name": "Coralbay Health Distribution Pte Ltd",
                    "scores": {"objectives_alignment": 4},
                }
            ]
        ],
    )
    profile: Annotated[
        str | dict[str, Any] | None,
        # partnerfit.schema points the mapping alternative at the profile schema
        PlainValidator(as_profile_reference, json_schema_input_type=str | dict[str, Any] | None),
    ] = Field(
        None,
        description="Our profile: a path (relative to this file) of a kind: profile file, "
        "or the profile inline.",
        examples=["profile.yaml"],
    )
