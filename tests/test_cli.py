"""The CLI through its real entry points: formats, files, terminals, determinism."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli

VALID = "tests/fixtures/valid/candidates.yaml"
ANSI = re.compile(r"\x1b\[")
COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)[0-9;]*m")


def test_version() -> None:
    from partnerfit import __version__

    assert run_cli("--version").stdout == f"partnerfit {__version__}\n"


def test_json_document(in_repo: Path) -> None:
    doc = json.loads(run_cli("score", VALID, "--format", "json").stdout)
    assert doc["schema_version"] == 1
    assert doc["criteria"] == {
        "id": "small",
        "name": "Small test set",
        "version": None,
        "path": "criteria.yaml",
    }
    assert doc["candidates_file"] == VALID
    assert [(c["id"], c["rank"], c["status"], c["total"]) for c in doc["candidates"]] == [
        ("alpha", 1, "ranked", 82.5),
        ("bravo", 2, "ranked", 68.75),
        ("charlie", None, "eliminated", None),
        ("delta", None, "eliminated", None),
    ]
    alpha = doc["candidates"][0]
    assert alpha["criteria"]["goals"] == {
        "dimension": "strategy",
        "raw": 5.0,
        "normalised": 100.0,
        "weight": 0.45,
        "contribution": 45.0,
        "stage": "final",
        "handling": "scored",
        "clipped": False,
        "evidence": None,
        "confidence": None,
        "kind": "rating",
        "assessors": None,
        "inputs": None,
    }
    assert doc["stages"][1]["weights"] == {
        "dimensions": {"strategy": 1.0},
        "criteria": {"goals": 0.75, "revenue": 0.25},
    }


def test_json_has_no_absolute_paths(tmp_path: Path) -> None:
    text = run_cli("score", str(REPO / VALID), "--format", "json").stdout
    doc = json.loads(text)
    assert doc["criteria"]["path"] == "criteria.yaml"
    assert str(REPO) not in json.dumps(doc["criteria"])


def test_csv_columns_and_values(in_repo: Path) -> None:
    rows = list(csv.reader(io.StringIO(run_cli("score", VALID, "--format", "csv").stdout)))
    assert rows[0] == [
        "rank", "id", "name", "type", "status", "stage", "total",
        "strategy", "finance", "goals", "revenue", "stability", "debt", "sanctions_clear",
        "goals.confidence", "goals.evidence", "revenue.confidence", "revenue.evidence",
        "stability.confidence", "stability.evidence", "debt.confidence", "debt.evidence",
    ]  # fmt: skip
    assert rows[1] == [
        "1", "alpha", "Alpha Ltd", "", "ranked", "final", "82.5",
        "87.5", "75.0", "5.0", "50.0", "3.0", "10.0", "true", *[""] * 8,
    ]  # fmt: skip
    assert rows[4][0:7] == ["", "delta", "delta", "", "eliminated", "screen", ""]
    assert rows[4][13] == "false"


def candidates_against_valid_criteria(tmp_path: Path, candidates: str) -> Path:
    """A candidates file (its `candidates:` list given as YAML lines) scored against the
    valid fixture's criteria set, copied beside it."""
    (tmp_path / "c.yaml").write_text(
        (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8")
    )
    path = tmp_path / "candidates.yaml"
    path.write_text("partnerfit: 1\nkind: candidates\ncriteria: c.yaml\ncandidates:\n" + candidates)
    return path


def test_csv_neutralises_formula_like_text(tmp_path: Path) -> None:
    path = candidates_against_valid_criteria(
        tmp_path,
        "  - {id: x, name: '=HYPERLINK(\"http://evil\")', scores: {goals: 3, revenue: 1, "
        "stability: 3, debt: -5, sanctions_clear: true}}\n"
        "  - {id: y, name: '@SUM(A1)', scores: {goals: 3, revenue: 1, stability: 3, "
        "debt: 2, sanctions_clear: true}}\n"
        "  - {id: z, name: '-2+3', scores: {goals: 3, revenue: 1, stability: 3, debt: 2, "
        "sanctions_clear: true}}\n",
    )
    rows = list(csv.reader(io.StringIO(run_cli("score", str(path), "-f", "csv").stdout)))
    names = {r[1]: r[2] for r in rows[1:]}
    assert names == {"x": '\'=HYPERLINK("http://evil")', "y": "'@SUM(A1)", "z": "'-2+3"}
    debt = rows[0].index("debt")
    assert [r[debt] for r in rows[1:] if r[1] == "x"] == ["-5.0"], "numbers are left alone"


def test_csv_keeps_one_row_per_candidate_whatever_the_text(tmp_path: Path) -> None:
    """Tabs, carriage returns and line breaks in names and evidence: every candidate is
    still one row, and text that starts with a tab or CR is neutralised too."""
    scores = "revenue: 1, stability: 3, debt: 2, sanctions_clear: true"
    path = candidates_against_valid_criteria(
        tmp_path,
        f'  - {{id: t, name: "\\tTAB", scores: {{goals: {{value: 3, evidence: "a\\rb"}}, {scores}}}}}\n'
        f'  - {{id: r, name: "\\rCR", scores: {{goals: {{value: 3, evidence: "c\\r\\nd"}}, {scores}}}}}\n'
        f'  - {{id: n, name: "two\\nlines", scores: {{goals: 3, {scores}}}}}\n',
    )
    text = run_cli("score", str(path), "-f", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert [len(r) for r in rows] == [len(rows[0])] * 4
    by_id = {r[1]: r for r in rows[1:]}
    evidence = rows[0].index("goals.evidence")
    assert (by_id["t"][2], by_id["t"][evidence]) == ("'\tTAB", "a\nb")
    assert (by_id["r"][2], by_id["r"][evidence]) == ("'\nCR", "c\nd")
    assert by_id["n"][2] == "two\nlines"


def test_attributes_are_copied_to_the_json_as_given(tmp_path: Path) -> None:
    path = candidates_against_valid_criteria(
        tmp_path,
        "  - id: x\n"
        "    attributes: {hq: no, founded: 1998, listed: true, share: 1.10, offices: [Lyon, 7],"
        " owner: {name: null}, duns: 123456789012345678901234567890}\n"
        "    scores: {goals: 3, revenue: 1, stability: 3, debt: 2, sanctions_clear: true}\n"
        "  - {id: y, scores: {goals: 3, revenue: 1, stability: 3, debt: 2, sanctions_clear: true}}\n",
    )
    doc = json.loads(run_cli("score", str(path), "-f", "json").stdout)
    attributes = {c["id"]: c["attributes"] for c in doc["candidates"]}
    assert attributes == {
        "x": {
            "hq": "no",  # YAML 1.2: text, not false
            "founded": 1998,
            "listed": True,
            "share": 1.1,
            "offices": ["Lyon", 7],
            "owner": {"name": None},
            "duns": 123456789012345678901234567890,  # never scored: no magnitude limit
        },
        "y": {},
    }


def test_output_file_is_written_and_stdout_stays_empty(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "ranking.csv"
    run = run_cli("score", VALID, "--format", "csv", "--output", str(target))
    assert run.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("rank,id,name")
    assert [p.name for p in tmp_path.iterdir()] == ["ranking.csv"]


def test_output_file_has_the_permissions_a_plain_write_gives(in_repo: Path, tmp_path: Path) -> None:
    """The atomic write's temporary file is owner-only; the result must not be."""
    import os
    import stat

    fresh = tmp_path / "fresh.csv"
    previous = os.umask(0o022)
    try:
        run_cli("score", VALID, "--format", "csv", "--output", str(fresh))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644, "a new file: 0o666 less the umask"

    shared = tmp_path / "shared.csv"
    shared.write_text("old\n", encoding="utf-8")
    shared.chmod(0o664)
    run_cli("score", VALID, "--format", "csv", "--output", str(shared))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664, "a replaced file keeps its mode"
    assert shared.read_text(encoding="utf-8").startswith("rank,id,name")


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(
    in_repo: Path, tmp_path: Path
) -> None:
    import os

    target = tmp_path / "reports" / "ranking.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    os.symlink(target, link)
    run_cli("score", VALID, "--format", "csv", "--output", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("rank,id,name")


def test_an_output_that_is_a_folder_is_refused_before_any_work(
    in_repo: Path, tmp_path: Path
) -> None:
    # the candidates file does not exist: the output is judged first, before any loading
    missing = str(tmp_path / "no-such.yaml")
    for args in (["explain", missing, "alpha"], ["sensitivity", missing, "-n", "10"]):
        run = run_cli(*args, "--output", str(tmp_path), expect=2)
        assert run.stderr == f"error: {tmp_path}: cannot write: is a directory\n", args
    run = run_cli("diff", missing, missing, "--output", str(tmp_path), expect=2)
    assert run.stderr == f"error: {tmp_path}: cannot write: is a directory\n"


def test_identical_input_gives_byte_identical_output(in_repo: Path) -> None:
    for fmt in ("json", "csv"):
        first = run_cli("score", VALID, "--format", fmt).stdout
        assert run_cli("score", VALID, "--format", fmt).stdout == first


def test_table_when_piped_has_no_ansi_and_fits_80_columns(in_repo: Path) -> None:
    run = run_cli("score", VALID, env={"COLUMNS": "80"})
    assert not ANSI.search(run.stdout)
    assert max(len(line) for line in run.stdout.splitlines()) <= 80
    assert "Alpha Ltd" in run.stdout
    assert "gate failed: sanctions_clear must be true" in run.stdout


def test_table_colours_on_a_terminal_and_respects_no_color(in_repo: Path) -> None:
    coloured = run_cli("score", VALID, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert COLOUR.search(coloured.stdout)
    plain = run_cli("score", VALID, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not COLOUR.search(plain.stdout)


def test_warnings_go_to_stderr_not_stdout(in_repo: Path) -> None:
    run = run_cli("score", VALID, "--format", "json")
    json.loads(run.stdout)  # stdout is exactly one JSON document
    doc = json.loads(run.stdout)
    bravo = next(c for c in doc["candidates"] if c["id"] == "bravo")
    assert bravo["warnings"] == [
        "'revenue' value 150 lies outside its bounds [0, 100] and was clipped"
    ]


def test_criteria_override(in_repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        (REPO / "tests/fixtures/valid/criteria.yaml")
        .read_text(encoding="utf-8")
        .replace("id: small", "id: other")
    )
    doc = json.loads(run_cli("score", VALID, "--criteria", str(other), "-f", "json").stdout)
    assert doc["criteria"]["id"] == "other"


def test_installed_console_script_runs_in_a_subprocess(in_repo: Path) -> None:
    script = Path(sys.executable).with_name("partnerfit")
    if not script.exists():
        pytest.skip("the partnerfit console script is not installed next to this Python")
    done = subprocess.run(
        [str(script), "score", VALID, "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("1,alpha,Alpha Ltd")
    bad = subprocess.run(
        [str(script), "score", "tests/fixtures/invalid/duplicate_key.yaml"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("tests/fixtures/invalid/duplicate_key.yaml:9:7: error PF005")
    assert "Traceback" not in bad.stderr


def test_python_dash_m(in_repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnerfit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("partnerfit ")
