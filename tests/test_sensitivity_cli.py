"""`partnerfit sensitivity` on the command line: output, determinism and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from test_bad_input import CASES, INVALID

EXAMPLE = "examples/apac-medtech-entry/candidates.yaml"
VALID = "tests/fixtures/valid/candidates.yaml"


def rejected(args: list[str], tmp_path: Path) -> list[str]:
    """Run with --output into tmp_path, expect exit 2, nothing written; return stderr lines."""
    out = tmp_path / "sensitivity.json"
    run = run_cli("sensitivity", *args, "--format", "json", "--output", str(out), expect=2)
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert not out.exists(), "nothing may be written on bad input"
    assert list(tmp_path.iterdir()) == [], "no temporary file may be left behind"
    return run.stderr.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "--samples must be between 1 and 1000000, got 0"),
        (["--samples", "-5"], "--samples must be between 1 and 1000000, got -5"),
        (["--samples", "1000001"], "--samples must be between 1 and 1000000, got 1000001"),
        (["--samples", "10k"], "--samples must be an integer, got '10k'"),
        (["--seed", "-1"], "--seed must be between 0 and 4294967295, got -1"),
        (["--seed", "4294967296"], "--seed must be between 0 and 4294967295, got 4294967296"),
        (["--seed", "lucky"], "--seed must be an integer, got 'lucky'"),
        (["--concentration", "0"], "--concentration must be above 0 and at most 1e+06, got 0"),
        (["--concentration", "-3"], "--concentration must be above 0 and at most 1e+06, got -3"),
        (["--concentration", "nan"], "--concentration must be above 0 and at most 1e+06, got nan"),
        (["--concentration", "inf"], "--concentration must be above 0 and at most 1e+06, got inf"),
        (
            ["--concentration", "2e6"],
            "--concentration must be above 0 and at most 1e+06, got 2e+06",
        ),
        (["--concentration", "firm"], "--concentration must be a number, got 'firm'"),
        (
            ["--uninformed", "--concentration", "10"],
            "--concentration and --uninformed exclude each other",
        ),
        (
            ["--no-weights", "--scores", "--uninformed"],
            "--concentration and --uninformed apply to weight sampling (--weights)",
        ),
        (["--no-weights"], "nothing to vary: --no-weights needs --scores"),
    ],
)
def test_bad_options_are_one_line_errors_naming_the_limit(
    args: list[str], message: str, in_repo: Path, tmp_path: Path
) -> None:
    assert rejected([EXAMPLE, *args], tmp_path) == [f"error: {message}"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_files_are_reported_as_score_reports_them(
    case: str, in_repo: Path, tmp_path: Path
) -> None:
    path = f"{INVALID}/{case}"
    assert rejected([path], tmp_path) == [f"{path}:{line}" for line in CASES[case]]


def test_missing_file_and_missing_criteria_file(in_repo: Path, tmp_path: Path) -> None:
    assert rejected(["nowhere.yaml"], tmp_path) == ["nowhere.yaml: error PF001 no such file"]
    assert rejected([VALID, "--criteria", "nope.yaml"], tmp_path) == [
        "nope.yaml: error PF001 no such file"
    ]


def test_output_into_a_missing_folder_writes_nothing(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    run = run_cli("sensitivity", VALID, "-n", "10", "-f", "json", "-o", str(target), expect=2)
    assert run.stderr == f"error: {target}: cannot write: folder '{target.parent}' does not exist\n"
    assert not target.parent.exists()


def test_data_derived_weights_are_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "criteria.yaml").write_text(
        "partnerfit: 1\nkind: criteria\nid: t\n"
        "dimensions:\n"
        "  - id: d\n    weighting: entropy\n    criteria: [{id: a}, {id: b}]\n"
    )
    path = tmp_path / "candidates.yaml"
    path.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria: criteria.yaml\ncandidates:\n"
        "  - {id: x, scores: {a: 1, b: 5}}\n  - {id: y, scores: {a: 4, b: 2}}\n"
    )
    run = run_cli("sensitivity", str(path), "-n", "10", expect=2)
    assert run.stderr.startswith("error: weights derived from the data (entropy, CRITIC) in d ")
    assert run.stderr.count("\n") == 1
    assert run.stdout == ""


def test_the_same_seed_gives_byte_identical_json_and_records_it(in_repo: Path) -> None:
    args = ["sensitivity", EXAMPLE, "-n", "300", "--scores", "-f", "json"]
    first = run_cli(*args, "--seed", "11").stdout
    assert run_cli(*args, "--seed", "11").stdout == first
    other = run_cli(*args, "--seed", "12").stdout
    assert other != first
    document = json.loads(first)
    assert document["settings"]["seed"] == 11
    assert document["settings"]["samples"] == 300
    assert document["kind"] == "sensitivity"


def test_default_seed_is_fixed_and_recorded(in_repo: Path) -> None:
    a = run_cli("sensitivity", VALID, "-n", "50", "-f", "json").stdout
    assert a == run_cli("sensitivity", VALID, "-n", "50", "-f", "json").stdout
    assert json.loads(a)["settings"]["seed"] == 2026


def test_output_file_matches_stdout(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.csv"
    printed = run_cli("sensitivity", EXAMPLE, "-n", "100", "-f", "csv").stdout
    run = run_cli("sensitivity", EXAMPLE, "-n", "100", "-f", "csv", "-o", str(target))
    assert run.stdout == ""
    assert target.read_text(encoding="utf-8") == printed


def test_csv_has_one_row_per_candidate_and_rows_sum_to_one(in_repo: Path) -> None:
    import csv
    import io

    text = run_cli("sensitivity", EXAMPLE, "-n", "200", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12
    assert rows[0]["id"] == "hoshikawa"
    ranks = [k for k in rows[0] if k.startswith("rank_") and k[5:].isdigit()]
    # nine pass the gates, but only the five that had due diligence have its scores
    assert ranks == [f"rank_{r}" for r in range(1, 6)]
    for row in rows:
        total = sum(float(row[k]) for k in ranks) + float(row["unranked"])
        assert total == pytest.approx(1.0)


def test_no_progress_bar_or_colour_when_not_a_terminal(in_repo: Path) -> None:
    run = run_cli("sensitivity", EXAMPLE, "-n", "100")
    assert all(line.startswith("warning: ") for line in run.stderr.splitlines())
    assert "\x1b[" not in run.stdout + run.stderr


def test_candidates_without_later_scores_are_warned_about_as_documented(in_repo: Path) -> None:
    """docs/sensitivity.md quotes the warnings of its example (an indented block, since a
    console block compares stdout only): they must be what the command prints."""
    from conftest import REPO

    run = run_cli("sensitivity", EXAMPLE, "-n", "2000")
    assert run.stderr.splitlines()[0] == (
        "warning: southcross reached stage 'due_diligence' in 8.5% of the samples without "
        "the scores it needs there, so was left unranked in them"
    )
    doc = (REPO / "docs" / "sensitivity.md").read_text(encoding="utf-8")
    assert (
        "$ partnerfit sensitivity examples/apac-medtech-entry/candidates.yaml --samples 2000" in doc
    )
    quoted = [line.strip() for line in doc.splitlines() if line.startswith("    warning: ")]
    assert quoted == run.stderr.splitlines()


def test_every_method_runs_on_the_example(in_repo: Path) -> None:
    for method in ("weighted_product", "topsis", "promethee_ii", "vikor"):
        run = run_cli(
            "sensitivity", EXAMPLE, "-n", "40", "-m", method, "--no-critical", "-f", "json"
        )
        document = json.loads(run.stdout)
        assert document["critical_weights"] == []
        for c in document["candidates"]:
            assert sum(c["rank_acceptability"]) + c["unranked"] == pytest.approx(1.0)


def test_progress_bar_on_stderr_when_it_is_a_terminal(in_repo: Path) -> None:
    run = run_cli("sensitivity", EXAMPLE, "-n", "3000", "-f", "json", env={"FORCE_COLOR": "1"})
    assert "sampling" in run.stderr
    assert json.loads(run.stdout)["settings"]["samples"] == 3000  # stdout stays pure data


@pytest.mark.parametrize("method", ["weighted_product", "topsis", "promethee_ii", "vikor"])
def test_score_uncertainty_under_another_method(method: str, in_repo: Path) -> None:
    # the weighted product needs values above 0: jitter never takes a measure that
    # starts at 0 below its smallest stated value
    run = run_cli(
        "sensitivity", EXAMPLE, "-n", "20", "-m", method, "--scores", "--no-critical", "-f", "json"
    )
    document = json.loads(run.stdout)
    assert document["settings"]["scores"]["sampled"] is True
    assert document["verdict"]["candidate"] == "hoshikawa"
