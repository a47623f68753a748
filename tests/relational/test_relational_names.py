"""Name normalisation, synonyms, incidence encoding, unknown and duplicate names."""

import numpy as np
import pytest

from partnerfit.relational import (
    build_vocabulary,
    find_duplicates,
    incidence,
    indicator,
    normalise_name,
    weight_vector,
)

SYNONYMS = {"regulatory affairs": ["reg-affairs", "regulatory"]}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Regulatory--Affairs_ ", "regulatory affairs"),
        ("clinical   trials", "clinical trials"),
        ("Clinical_-_Trials", "clinical trials"),
        ("Reg\u2013Affairs", "reg affairs"),  # en dash from a word processor
        ("\uff21\uff22\uff23", "abc"),  # full-width letters
        ("Straße", "strasse"),  # casefold, not lower
        ("-_-", ""),
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_normalise_name_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        normalise_name(3)  # type: ignore[arg-type]


def test_vocabulary_maps_aliases_to_canonical_column() -> None:
    vocabulary = build_vocabulary(["Clinical Trials", "REG_AFFAIRS"], SYNONYMS)
    # The alias in the names takes its canonical name, at its first position.
    assert vocabulary.names == ("clinical trials", "regulatory affairs")
    assert vocabulary.index("Regulatory") == 1
    assert vocabulary.index("reg affairs") == 1
    assert vocabulary.canonical("Reg-Affairs") == "regulatory affairs"
    assert vocabulary.canonical("manufacturing") is None
    assert "CLINICAL-TRIALS" in vocabulary
    assert len(vocabulary) == 2


def test_vocabulary_merges_repeated_names_and_adds_synonym_keys() -> None:
    vocabulary = build_vocabulary(["b", "a", "B "], {"c": "c-alias"})
    assert vocabulary.names == ("b", "a", "c")
    assert vocabulary.index("C alias") == 2


@pytest.mark.parametrize(
    ("synonyms", "message"),
    [
        ({"a": ["x"], "b": ["x"]}, "both 'a' and 'b'"),
        ({"a": ["b"], "b": ["c"]}, "itself a canonical name"),
        ({"a": ["x"], "A ": ["y"]}, "twice"),
        ({"a": ["--"]}, "empty"),
    ],
)
def test_vocabulary_rejects_ambiguous_synonyms(
    synonyms: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_vocabulary([], synonyms)


def test_vocabulary_rejects_empty_name() -> None:
    with pytest.raises(ValueError, match="empty"):
        build_vocabulary(["ok", "  "])


def test_incidence_matrix_and_unknown_names() -> None:
    vocabulary = build_vocabulary(
        ["regulatory affairs", "clinical trials", "manufacturing"], SYNONYMS
    )
    encoded = incidence(
        [["reg_affairs", "Manufacturing"], ["Clinical Trails", "clinical-trials"], []],
        vocabulary,
    )
    expected = np.array(
        [[True, False, True], [False, True, False], [False, False, False]], dtype=bool
    )
    np.testing.assert_array_equal(encoded.matrix, expected)
    assert encoded.matrix.dtype == np.bool_
    # The typo surfaces as written instead of silently scoring 0.
    assert encoded.unknown_names == ((), ("Clinical Trails",), ())


def test_incidence_raises_on_duplicate_after_normalisation() -> None:
    vocabulary = build_vocabulary(["manufacturing"])
    with pytest.raises(ValueError, match=r"'Acme'.*'Manufacturing', 'manufacturing '"):
        incidence([["Manufacturing", "manufacturing "]], vocabulary, row_labels=["Acme"])


def test_incidence_raises_on_duplicate_through_synonym() -> None:
    vocabulary = build_vocabulary([], SYNONYMS)
    with pytest.raises(
        ValueError, match=r"row 1 .*'regulatory affairs' as 'Regulatory', 'reg-affairs'"
    ):
        incidence([["regulatory"], ["Regulatory", "reg-affairs"]], vocabulary)


def test_incidence_flags_duplicate_unknown_names_too() -> None:
    vocabulary = build_vocabulary(["a"])
    with pytest.raises(ValueError, match="'zz' as 'zz', 'ZZ'"):
        incidence([["zz", "ZZ"]], vocabulary)


def test_incidence_rejects_a_bare_string_row() -> None:
    with pytest.raises(TypeError, match="list of names"):
        incidence(["manufacturing"], build_vocabulary(["manufacturing"]))


def test_find_duplicates_collects_every_group() -> None:
    vocabulary = build_vocabulary(["x"], SYNONYMS)
    groups = find_duplicates(["X", "regulatory", "y", "x ", "reg_affairs", "Y"], vocabulary)
    assert groups == (("X", "x "), ("regulatory", "reg_affairs"), ("y", "Y"))
    assert find_duplicates(["a", "b"], vocabulary) == ()


def test_indicator_and_weight_vector() -> None:
    vocabulary = build_vocabulary(["regulatory affairs", "clinical trials", "manufacturing"])
    strengths = indicator(["Manufacturing", "logistics"], vocabulary)
    np.testing.assert_array_equal(strengths.vector, [False, False, True])
    assert strengths.unknown_names == ("logistics",)

    needs = weight_vector(
        {"Clinical-Trials": 2.0, "regulatory affairs": 3.0, "QA": 1.0}, vocabulary
    )
    np.testing.assert_array_equal(needs.vector, [3.0, 2.0, 0.0])
    assert needs.unknown_names == ("QA",)

    with pytest.raises(ValueError, match="more than once"):
        weight_vector({"manufacturing": 1.0, "Manufacturing": 2.0}, vocabulary)
