"""The bundled example: cross-checked against an independent implementation, and golden.

Regenerate the golden files after an intended change of output with:

    PARTNERFIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_example.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli

EXAMPLE = "examples/apac-medtech-entry/candidates.yaml"
GOLDEN = REPO / "tests" / "golden"


def test_example_matches_the_independent_reference_implementation(in_repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "tests/reference_pipeline.py", EXAMPLE],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    reference = [
        (int(m.group(1)), m.group(2), float(m.group(3)))
        for m in re.finditer(r"^\s+(\d+)\. (.+) \(\w+\)\s+([\d.]+)$", done.stdout, re.MULTILINE)
    ]
    assert len(reference) == 5

    import partnerfit

    result = partnerfit.evaluate(partnerfit.load_candidates(EXAMPLE))
    ours = [(c.rank, c.name, round(c.total or 0.0, 2)) for c in result.ranked]
    assert ours == reference


def test_example_shows_every_stage_at_work(in_repo: Path) -> None:
    import partnerfit

    result = partnerfit.evaluate(partnerfit.load_candidates(EXAMPLE))
    stopped = {}
    for c in result.candidates:
        if c.status != "ranked":
            stopped.setdefault(c.stage_reached, []).append(c.reasons[0].code)
    assert sorted(stopped) == ["desk_review", "screen"]
    assert stopped["screen"] == ["gate_failed"] * 5
    assert set(stopped["desk_review"]) == {"not_shortlisted"}
    desk_leader = min(
        (c for c in result.candidates if "desk_review" in c.stage_scores),
        key=lambda c: -c.stage_scores["desk_review"],
    )
    assert desk_leader.rank != 1, "due diligence reorders the finalists"
    assert len({c.type for c in result.candidates}) >= 5


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("example.json", ["--format", "json"]),
        ("example.csv", ["--format", "csv"]),
        ("example.txt", []),
    ],
)
def test_golden_output(name: str, args: list[str], in_repo: Path) -> None:
    out = run_cli("score", EXAMPLE, *args, env={"COLUMNS": "80"}).stdout
    golden = GOLDEN / name
    if os.environ.get("PARTNERFIT_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
