"""Sensitivity analysis: known answers, agreement with the pipeline, determinism."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO, run_cli
from partnerfit.engine.batched import plan, run_batch, stated_weights
from partnerfit.engine.pipeline import run_pipeline
from partnerfit.engine.problem import Problem
from partnerfit.inputs import CandidatePool, load_candidates
from partnerfit.sensitivity import analyse, to_document

EXAMPLE = REPO / "examples" / "apac-medtech-entry" / "candidates.yaml"


def write_pool(tmp_path: Path, criteria: str, candidates: str) -> Path:
    (tmp_path / "criteria.yaml").write_text(
        "partnerfit: 1\nkind: criteria\nid: test\n" + textwrap.dedent(criteria)
    )
    path = tmp_path / "candidates.yaml"
    path.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria: criteria.yaml\ncandidates:\n"
        + textwrap.indent(textwrap.dedent(candidates), "  ")
    )
    return path


def pipeline_ranks(pool: CandidatePool, shares: np.ndarray, within: np.ndarray) -> np.ndarray:
    problem = Problem.build(pool.criteria, pool.candidates)
    moved = replace(problem, dimension_weights=shares, criterion_weights=within)
    return run_pipeline(moved, pool.criteria.stages).final_ranks


def test_a_sample_at_the_stated_weights_ranks_as_the_pipeline() -> None:
    pool = load_candidates(EXAMPLE)
    problem = Problem.build(pool.criteria, pool.candidates)
    shares, within = stated_weights(problem)
    outcome = run_batch(plan(problem, pool.criteria.stages), shares[None], within[None])
    expected = run_pipeline(problem, pool.criteria.stages).final_ranks
    assert outcome.final_ranks[0].tolist() == expected.tolist()


def test_acceptability_rows_sum_to_one_and_the_json_is_reproducible() -> None:
    pool = load_candidates(EXAMPLE)
    first = analyse(pool, samples=300, seed=7)
    rows = first.rank_acceptability.sum(axis=1) + [c.unranked for c in first.candidates]
    assert np.allclose(rows, 1.0)
    second = analyse(pool, samples=300, seed=7)
    assert to_document(first) == to_document(second)


def test_cli_table_runs_on_the_example(in_repo: Path) -> None:
    run = run_cli("sensitivity", str(EXAMPLE.relative_to(REPO)), "--samples", "200")
    assert "Verdict: hoshikawa" in run.stdout
    assert run.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "error: --samples must be between 1 and 1000000, got 0\n"),
    ],
)
def test_bad_options_are_one_line_errors(args: list[str], message: str, in_repo: Path) -> None:
    run = run_cli("sensitivity", str(EXAMPLE.relative_to(REPO)), *args, expect=2)
    assert run.stderr == message
    assert run.stdout == ""
