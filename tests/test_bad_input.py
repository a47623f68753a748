"""Bad input gets one clear line per problem naming file:line:col, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, fifo, needs_fifo, run_cli

INVALID = "tests/fixtures/invalid"

# case file -> the exact lines expected on stderr
CASES: dict[str, list[str]] = {
    "unknown_key.yaml": ["6:5: error PF101 unknown key 'nmae' (did you mean 'name'?)"],
    "duplicate_key.yaml": ["9:7: error PF005 duplicate key 'goals' (first given at line 7)"],
    "duplicate_candidate_id.yaml": [
        "9:9: error PF201 duplicate candidate id 'alpha' (first used at line 5)"
    ],
    "duplicate_criterion_id.yaml": [
        "14:16: error PF201 duplicate id 'goals' (first used at line 10)"
    ],
    "unknown_score.yaml": [
        "8:7: error PF203 score for unknown criterion 'stabilty' (did you mean 'stability'?)"
    ],
    "rating_out_of_scale.yaml": [
        "7:22: error PF204 rating 7 for 'goals' is outside the scale 1..5"
    ],
    "missing_criteria_file.yaml": [
        "3:11: error PF205 criteria file '../valid/no-such-criteria.yaml' does not exist "
        "(resolved to tests/fixtures/valid/no-such-criteria.yaml)"
    ],
    "wrong_kind.yaml": [
        "2:7: error PF104 kind must be one of criteria, candidates, profile, got 'candidate' "
        "(did you mean 'candidates'?)"
    ],
    "list_document.yaml": ["1:1: error PF008 expected a mapping of keys, got a list"],
    "scalar_document.yaml": ["1:1: error PF008 expected a mapping of keys, got a single value"],
    "syntax_error.yaml": ["7:7: error PF004 YAML syntax error: did not find expected ',' or '}'"],
    "unsafe_tag.yaml": [
        "5:9: error PF006 unsupported YAML tag '!!python/object/apply:os.system' "
        "(only plain data is read)"
    ],
    "custom_tag.yaml": [
        "6:21: error PF006 unsupported YAML tag '!score' (only plain data is read)"
    ],
    "negative_weight.yaml": ["11:31: error PF103 weight must be positive, got -5"],
    "zero_weight.yaml": ["11:31: error PF103 weight must be positive, got 0"],
    "nan_weight.yaml": ["9:15: error PF103 expected a finite number, got .nan"],
    "inf_weight.yaml": ["11:31: error PF103 expected a finite number, got .inf"],
    "text_weight.yaml": ["11:31: error PF103 expected a number, got text 'heavy'"],
    "all_weights_zero.yaml": [
        "9:15: error PF103 weight must be positive, got 0",
        "11:31: error PF103 weight must be positive, got 0",
        "12:29: error PF103 weight must be positive, got 0",
    ],
    "gate_equals_yaml11_word.yaml": [
        "15:52: error PF103 expected true or false (a flag) or a number, got text 'no' "
        "(only true and false are booleans in partnerfit files)"
    ],
    "flag_score_yaml11_word.yaml": [
        "19:41: error PF103 expected a number, or true or false for a flag, got text 'yes' "
        "(only true and false are booleans in partnerfit files)"
    ],
    "shortlist_top_not_whole.yaml": [
        "13:24: error PF103 expected a whole number, got text '2'",
        "15:24: error PF103 expected a whole number, got a boolean (true)",
    ],
    "attribute_not_finite.yaml": [
        "13:37: error PF103 in [0].share: expected a finite number, got .inf"
    ],
    "number_too_large.yaml": [
        "14:33: error PF103 1.7e308 is beyond the largest magnitude partnerfit scores with "
        "(1e100): give it in a larger unit",
        "16:33: error PF103 -1.7e308 is beyond the largest magnitude partnerfit scores with "
        "(1e100): give it in a larger unit",
        "18:33: error PF103 1e400 is beyond the largest magnitude partnerfit scores with "
        "(1e100): give it in a larger unit",
        "20:33: error PF103 99999999999999999999...(5000 characters) is beyond the largest "
        "magnitude partnerfit scores with (1e100): give it in a larger unit",
    ],
    "gate_unknown_criterion.yaml": [
        "15:27: error PF202 gate names unknown criterion or fact 'goalz' (did you mean 'goals'?)"
    ],
    "alias_bomb.yaml": [
        "10:10: error PF007 document expands to more than 2000000 nodes (an alias bomb?)"
    ],
    "deep_nesting.yaml": ["3:72: error PF007 nesting deeper than 64 levels"],
    # `dimensions: []` would otherwise read as "all dimensions": refuse the slip
    "merge_key.yaml": [
        "14:14: error PF006 YAML merge keys ('<<') are not supported: write the keys out"
    ],
    "short_bounds.yaml": ["12:44: error PF103 expected more items: item 2 is missing"],
    "reversed_bounds.yaml": [
        "11:48: error PF103 bounds must be [low, high] with low < high, got [100, 0]"
    ],
    "equal_bounds.yaml": [
        "11:48: error PF103 bounds must be [low, high] with low < high, got [50, 50]"
    ],
    "scale_min_not_below_max.yaml": ["7:10: error PF103 scale min (5) must be below max (5)"],
    "gate_min_above_max.yaml": ["13:11: error PF103 gate min (4) is above its max (2)"],
    "guide_outside_scale.yaml": [
        "12:63: error PF204 guide level 6 of 'goals' is outside the scale 1..5"
    ],
    "empty_stage_dimensions.yaml": ["17:19: error PF103 expected at least 1 item(s)"],
}


def expect_rejected(args: list[str], lines: list[str], tmp_path: Path) -> None:
    out = tmp_path / "ranking.json"
    run = run_cli("score", *args, "--format", "json", "--output", str(out), expect=2)
    assert run.stderr.splitlines() == lines
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert not out.exists(), "nothing may be written on bad input"
    assert list(tmp_path.iterdir()) == [], "no temporary file may be left behind"


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_names_file_line_col(case: str, in_repo: Path, tmp_path: Path) -> None:
    path = f"{INVALID}/{case}"
    expect_rejected([path], [f"{path}:{line}" for line in CASES[case]], tmp_path)


def test_every_invalid_fixture_has_an_expectation() -> None:
    tested_apart = {"empty.yaml", "missing_kind.yaml"}
    assert sorted(p.name for p in (FIXTURES / "invalid").glob("*.yaml")) == sorted(
        {*CASES, *tested_apart}
    )


def test_missing_file(in_repo: Path, tmp_path: Path) -> None:
    expect_rejected(
        ["nowhere/candidates.yaml"], ["nowhere/candidates.yaml: error PF001 no such file"], tmp_path
    )


def test_directory(in_repo: Path, tmp_path: Path) -> None:
    expect_rejected(
        ["tests/fixtures"],
        ["tests/fixtures: error PF001 is a directory, expected a YAML file"],
        tmp_path,
    )


def test_empty_file(in_repo: Path, tmp_path: Path) -> None:
    path = f"{INVALID}/empty.yaml"
    expect_rejected(
        [path], [f"{path}: error PF003 file is empty, expected a YAML mapping"], tmp_path
    )


def test_missing_kind_is_a_missing_key_at_the_mapping(in_repo: Path, tmp_path: Path) -> None:
    # audit finding 5: it said "kind must be one of ..., got None"
    path = f"{INVALID}/missing_kind.yaml"
    expect_rejected(
        [path],
        [f"{path}:2:1: error PF104 missing required key 'kind' (add kind: candidates)"],
        tmp_path,
    )


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "in" / "candidates.yaml"
    binary.parent.mkdir()
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    expect_rejected(
        [str(binary)],
        [f"{binary}: error PF002 binary file (contains NUL bytes), expected UTF-8 YAML text"],
        out_dir,
    )


def test_non_utf8_file_points_at_the_bad_byte(tmp_path: Path) -> None:
    latin1 = tmp_path / "in" / "candidates.yaml"
    latin1.parent.mkdir()
    latin1.write_bytes(
        "partnerfit: 1\nkind: candidates\nname: Soci\u00e9t\u00e9\n".encode("latin-1")
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    expect_rejected([str(latin1)], [f"{latin1}:3:11: error PF002 not valid UTF-8 text"], out_dir)


def test_criteria_override_that_does_not_exist(in_repo: Path, tmp_path: Path) -> None:
    expect_rejected(
        ["tests/fixtures/valid/candidates.yaml", "--criteria", "nope.yaml"],
        ["nope.yaml: error PF001 no such file"],
        tmp_path,
    )


def test_candidates_file_given_where_criteria_expected(in_repo: Path, tmp_path: Path) -> None:
    expect_rejected(
        [
            "tests/fixtures/valid/candidates.yaml",
            "--criteria",
            "tests/fixtures/valid/candidates.yaml",
        ],
        [
            "tests/fixtures/valid/candidates.yaml:2:7: error PF104 expected a file of kind "
            "'criteria', got 'candidates'"
        ],
        tmp_path,
    )


def test_existing_output_survives_bad_input(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ranking.json"
    out.write_text("previous ranking\n")
    run_cli("score", f"{INVALID}/unknown_key.yaml", "-f", "json", "-o", str(out), expect=2)
    assert out.read_text() == "previous ranking\n"


def test_output_into_missing_folder_is_refused(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "ranking.csv"
    run = run_cli(
        "score", "tests/fixtures/valid/candidates.yaml", "-f", "csv", "-o", str(target), expect=2
    )
    assert run.stderr == f"error: {target}: cannot write: folder '{target.parent}' does not exist\n"
    assert not target.parent.exists()


def test_usage_error_exits_2() -> None:
    run = run_cli("score", "x.yaml", "--format", "xml", expect=2)
    assert "xml" in run.stderr
    assert run.stdout == ""


@needs_fifo
def test_a_named_pipe_is_refused_unread(tmp_path: Path) -> None:
    # audit finding 4: reading a FIFO waited forever for a writer
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with fifo(tmp_path / "candidates.yaml") as pipe:
        expect_rejected(
            [str(pipe)],
            [f"{pipe}: error PF001 is a named pipe (FIFO), expected a YAML file"],
            out_dir,
        )
        expect_rejected(
            ["tests/fixtures/valid/candidates.yaml", "--criteria", str(pipe)],
            [f"{pipe}: error PF001 is a named pipe (FIFO), expected a YAML file"],
            out_dir,
        )


@needs_fifo
def test_a_criteria_reference_to_a_named_pipe_is_refused_unread(tmp_path: Path) -> None:
    candidates = tmp_path / "candidates.yaml"
    candidates.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria: pipe.yaml\ncandidates: [{id: a}]\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with fifo(tmp_path / "pipe.yaml") as pipe:
        expect_rejected(
            [str(candidates)],
            [
                f"{candidates}:3:11: error PF205 criteria file 'pipe.yaml' is a named pipe (FIFO) "
                f"(resolved to {pipe})"
            ],
            out_dir,
        )
