"""Name handling: normalise names, map synonyms, encode name lists as bool arrays.

Capabilities, needs, strengths and objectives are written by people in YAML,
so "Regulatory Affairs", "regulatory-affairs" and "reg_affairs" must meet in
one column.  Matching is exact after normalisation and synonym mapping: no
fuzzy matching, because a fuzzy match would silently score a typo.  Instead,
names outside the vocabulary are returned so the caller can report them.

Normalisation and vocabularies are plain Python, so validating names (as the
loader does) does not import numpy; only the encoders import it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from partnerfit.relational._arrays import BoolArray, FloatArray

# Runs of whitespace, hyphens, underscores and Unicode dashes (U+2010..U+2015,
# which word processors substitute for "-") all separate words the same way.
_SEPARATOR_RUN = re.compile(r"[\s\-_\u2010-\u2015]+")


def normalise_name(text: str) -> str:
    """Return the matching key of a name.

    Steps: Unicode NFKC (so full-width or ligature letters match their plain
    forms), casefold, collapse each run of spaces, hyphens, underscores or
    dashes to one space, trim.  ``"  Reg--Affairs_ "`` -> ``"reg affairs"``.
    A name made only of separators normalises to ``""``.
    """
    if not isinstance(text, str):
        raise TypeError(f"a name must be a string, got {type(text).__name__}: {text!r}")
    folded = unicodedata.normalize("NFKC", text.casefold())
    return _SEPARATOR_RUN.sub(" ", folded).strip()


@dataclass(frozen=True)
class Vocabulary:
    """The set of known names; each canonical name owns one column.

    ``names[j]`` is the canonical (normalised) name of column ``j``;
    ``lookup`` maps every normalised spelling, canonical or alias, to its column.
    """

    names: tuple[str, ...]
    lookup: Mapping[str, int] = field(repr=False)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalise_name(name) in self.lookup

    def index(self, name: str) -> int | None:
        """Column of ``name`` (any spelling or alias), or None if unknown."""
        return self.lookup.get(normalise_name(name))

    def canonical(self, name: str) -> str | None:
        """Canonical name that ``name`` stands for, or None if unknown."""
        column = self.index(name)
        return None if column is None else self.names[column]

    def key(self, name: str) -> str:
        """Identity of ``name`` for duplicate detection.

        The canonical name when known, else the normalised name, so two
        spellings of one unknown name are still recognised as the same.
        """
        normalised = normalise_name(name)
        column = self.lookup.get(normalised)
        return normalised if column is None else self.names[column]


def build_vocabulary(
    names: Iterable[str],
    synonyms: Mapping[str, Iterable[str] | str] | None = None,
) -> Vocabulary:
    """Build a vocabulary from ``names`` and an optional synonyms map.

    ``synonyms`` maps a canonical name to its aliases, e.g.
    ``{"regulatory affairs": ["reg-affairs", "regulatory"]}``; a single alias
    may be given as a plain string.  Every alias counts as its canonical name,
    including when an alias appears in ``names``.  Canonical names of the
    synonyms map are always part of the vocabulary.  Columns follow first
    appearance in ``names``, then the remaining synonym keys; repeated names
    are merged (the vocabulary is a set, built from many lists).

    Raises ValueError for an empty name, a canonical name given twice, an
    alias claimed by two canonical names, or an alias that is itself a
    canonical name of the synonyms map (chains are ambiguous).
    """
    alias_to_canonical = _alias_table(synonyms or {})
    columns: dict[str, int] = {}
    for raw in names:
        normalised = _non_empty(raw, "vocabulary name")
        canonical = alias_to_canonical.get(normalised, normalised)
        columns.setdefault(canonical, len(columns))
    for canonical in dict.fromkeys(alias_to_canonical.values()):
        columns.setdefault(canonical, len(columns))
    lookup = dict(columns)
    for alias, canonical in alias_to_canonical.items():
        lookup[alias] = columns[canonical]
    return Vocabulary(names=tuple(columns), lookup=lookup)


def _alias_table(synonyms: Mapping[str, Iterable[str] | str]) -> dict[str, str]:
    """Map each normalised alias (and each canonical name) to its canonical name."""
    canonical_names: dict[str, str] = {}
    for raw_canonical in synonyms:
        canonical = _non_empty(raw_canonical, "synonym canonical name")
        if canonical in canonical_names:
            raise ValueError(
                f"synonyms list {canonical!r} twice "
                f"({canonical_names[canonical]!r} and {raw_canonical!r})"
            )
        canonical_names[canonical] = raw_canonical
    table = {canonical: canonical for canonical in canonical_names}
    for raw_canonical, raw_aliases in synonyms.items():
        canonical = normalise_name(raw_canonical)
        aliases = [raw_aliases] if isinstance(raw_aliases, str) else list(raw_aliases)
        for raw_alias in aliases:
            alias = _non_empty(raw_alias, f"alias of {canonical!r}")
            if alias == canonical:
                continue
            if alias in canonical_names:
                raise ValueError(
                    f"alias {raw_alias!r} of {canonical!r} is itself a canonical name "
                    "in synonyms; list its aliases under one canonical name instead"
                )
            claimed_by = table.get(alias)
            if claimed_by is not None and claimed_by != canonical:
                raise ValueError(
                    f"alias {raw_alias!r} is listed for both {claimed_by!r} and {canonical!r}"
                )
            table[alias] = canonical
    return table


def _non_empty(raw: str, what: str) -> str:
    normalised = normalise_name(raw)
    if not normalised:
        raise ValueError(f"{what} {raw!r} is empty after normalisation")
    return normalised


class Incidence(NamedTuple):
    """Name lists encoded against a vocabulary.

    ``matrix[i, j]`` is True when row ``i`` lists column ``j``'s name;
    ``unknown_names[i]`` holds row ``i``'s names (as written) that are not in
    the vocabulary, in input order.
    """

    matrix: BoolArray
    unknown_names: tuple[tuple[str, ...], ...]


class IndicatorVector(NamedTuple):
    """One name list encoded as a bool vector, plus its unknown names."""

    vector: BoolArray
    unknown_names: tuple[str, ...]


class WeightVector(NamedTuple):
    """A name -> weight map encoded as a float vector (0 elsewhere), plus unknown names."""

    vector: FloatArray
    unknown_names: tuple[str, ...]


def find_duplicates(names: Iterable[str], vocabulary: Vocabulary) -> tuple[tuple[str, ...], ...]:
    """Groups of spellings in ``names`` that mean the same name.

    Two entries are duplicates when they normalise to the same name or map
    to the same canonical name through synonyms.  Each group lists the
    spellings as written, in input order; groups follow their first entry.
    """
    groups: dict[str, list[str]] = {}
    for raw in names:
        groups.setdefault(vocabulary.key(raw), []).append(raw)
    return tuple(tuple(group) for group in groups.values() if len(group) > 1)


def incidence(
    lists_of_names: Sequence[Iterable[str]],
    vocabulary: Vocabulary,
    row_labels: Sequence[str] | None = None,
) -> Incidence:
    """Encode one name list per row as a bool matrix (rows x len(vocabulary)).

    Raises ValueError naming the row and both spellings when a list names the
    same thing twice (after normalisation and synonym mapping): a capability
    listed twice is an input error, not a stronger capability.  Use
    ``find_duplicates`` to collect every duplicate without raising.
    ``row_labels`` (e.g. candidate names) make the error messages readable.
    """
    if row_labels is not None and len(row_labels) != len(lists_of_names):
        raise ValueError("row_labels must have one label per list of names")
    # The same spellings recur across thousands of candidates, so memoise the
    # normalisation + lookup rather than re-running the regex for each entry,
    # and keep the per-row work in comprehensions and set() (C speed).
    resolved: dict[str, tuple[str, int | None]] = {}

    def resolve(raw: str) -> tuple[str, int | None]:
        key = vocabulary.key(raw)
        resolved[raw] = (key, vocabulary.lookup.get(key))
        return resolved[raw]

    column_positions: list[int] = []
    columns_per_row: list[int] = []
    unknown_names: list[tuple[str, ...]] = []
    for row, names in enumerate(lists_of_names):
        if isinstance(names, str):
            raise TypeError(f"row {row}: expected a list of names, got the string {names!r}")
        raw_names = list(names)
        entries = [resolved[raw] if raw in resolved else resolve(raw) for raw in raw_names]
        if len({key for key, _ in entries}) != len(entries):
            label = f"row {row}" if row_labels is None else repr(row_labels[row])
            raise ValueError(f"{label} {_describe_duplicates(raw_names, vocabulary)}")
        columns = [column for _, column in entries if column is not None]
        column_positions.extend(columns)
        columns_per_row.append(len(columns))
        unknown_names.append(
            tuple(
                raw for raw, (_, column) in zip(raw_names, entries, strict=True) if column is None
            )
            if len(columns) != len(entries)
            else ()
        )
    import numpy as np

    matrix = np.zeros((len(lists_of_names), len(vocabulary)), dtype=np.bool_)
    row_positions = np.repeat(np.arange(len(columns_per_row)), columns_per_row)
    matrix[row_positions, np.asarray(column_positions, dtype=np.intp)] = True
    return Incidence(matrix, tuple(unknown_names))


def _describe_duplicates(names: Sequence[str], vocabulary: Vocabulary) -> str:
    """Error text naming every name a list gives more than once, with its spellings."""
    groups = find_duplicates(names, vocabulary)
    described = "; ".join(
        f"{vocabulary.key(group[0])!r} as " + ", ".join(repr(raw) for raw in group)
        for group in groups
    )
    return f"lists the same name more than once: {described}"


def indicator(names: Iterable[str], vocabulary: Vocabulary) -> IndicatorVector:
    """Encode one name list (e.g. our strengths) as a bool vector.

    Same rules as ``incidence``: duplicates raise ValueError, unknown names
    are returned.
    """
    encoded = incidence([list(names)], vocabulary, row_labels=["our list"])
    return IndicatorVector(encoded.matrix[0], encoded.unknown_names[0])


def weight_vector(weights: Mapping[str, float], vocabulary: Vocabulary) -> WeightVector:
    """Encode a name -> weight map (e.g. our needs' importance) as a float vector.

    Unlisted columns get 0.  Keys that mean the same name raise ValueError;
    unknown keys are returned, not placed.  Weights are stored as given;
    the formula using them validates their range.
    """
    encoded = incidence([list(weights)], vocabulary, row_labels=["our weights"])
    import numpy as np

    vector = np.zeros(len(vocabulary), dtype=np.float64)
    for raw, weight in weights.items():
        column = vocabulary.index(raw)
        if column is not None:
            vector[column] = float(weight)
    return WeightVector(vector, encoded.unknown_names[0])
