"""`partnerfit diff`: exactly the changes made to a fixture, exit codes, bad inputs.

tests/fixtures/diff/modified/ is tests/fixtures/valid/ with three changes: the weight of
`goals` 3 -> 1, the criterion `debt` removed, and charlie's `goals` 2 -> 5. The documented
examples diff the two committed results tests/golden/diff-old.json and diff-new.json;
regenerate them after an intended change of the score output with:

    PARTNERFIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_diff.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, fifo, needs_fifo, run_cli

VALID = "tests/fixtures/valid/candidates.yaml"
MODIFIED = "tests/fixtures/diff/modified/candidates.yaml"
BAD = "tests/fixtures/diff/bad"
GOLDEN = REPO / "tests" / "golden"
OLD, NEW = "tests/golden/diff-old.json", "tests/golden/diff-new.json"


def scored(tmp_path: Path, source: str, name: str, *extra: str) -> str:
    out = tmp_path / name
    run_cli("score", source, "-f", "json", "-o", str(out), *extra)
    return str(out)


def diff_doc(old: str, new: str, *extra: str, expect: int = 1) -> dict[str, object]:
    return json.loads(run_cli("diff", old, new, "-f", "json", *extra, expect=expect).stdout)  # type: ignore[no-any-return]


def test_committed_results_are_up_to_date(in_repo: Path) -> None:
    for source, target in ((VALID, OLD), (MODIFIED, NEW)):
        text = run_cli("score", source, "-f", "json").stdout
        if os.environ.get("PARTNERFIT_UPDATE_GOLDEN"):
            (REPO / target).write_text(text, encoding="utf-8")
        assert (REPO / target).read_text(encoding="utf-8") == text, target


def test_reports_exactly_the_changes_made(in_repo: Path, tmp_path: Path) -> None:
    doc = diff_doc(scored(tmp_path, VALID, "old.json"), scored(tmp_path, MODIFIED, "new.json"))
    assert doc["criteria"] == [{"kind": "criterion_removed", "id": "debt", "dimension": "finance"}]
    # goals 3 -> 1 beside revenue 1: within strategy 0.75/0.25 -> 0.5/0.5 (x 0.6 at final);
    # debt removed: stability carries all of finance (0.5 -> 1, x 0.4)
    assert doc["weights"] == [
        {"kind": "criterion_weight", "id": "goals", "stage": "desk", "old": 0.75, "new": 0.5},
        {"kind": "criterion_weight", "id": "revenue", "stage": "desk", "old": 0.25, "new": 0.5},
        {"kind": "criterion_weight", "id": "goals", "stage": "final", "old": 0.45, "new": 0.3},
        {"kind": "criterion_weight", "id": "revenue", "stage": "final", "old": 0.15, "new": 0.3},
        {"kind": "criterion_weight", "id": "stability", "stage": "final", "old": 0.2, "new": 0.4},
    ]
    assert doc["scores"] == [
        {"kind": "score", "id": "goals", "candidate": "charlie", "old": 2.0, "new": 5.0}
    ]
    assert doc["top"] == {
        "n": 2,
        "rule": "shortlist top of stage desk",
        "changed": True,
        "old": [{"rank": 1, "id": "alpha"}, {"rank": 2, "id": "bravo"}],
        "new": [{"rank": 1, "id": "bravo"}, {"rank": 2, "id": "alpha"}],
    }
    assert doc["unchanged"] == 1  # delta: eliminated at the screen in both
    moves = {m["id"]: m for m in doc["candidates"]}  # type: ignore[attr-defined]
    assert list(moves) == ["bravo", "alpha", "charlie"]
    # bravo: goals 75 x 0.3, revenue 100 x 0.3, stability 100 x 0.4 = 92.5 (was 68.75)
    bravo = moves["bravo"]
    assert (bravo["change"], bravo["places"], bravo["stage"]) == ("moved", 1, "final")
    assert bravo["score_change"] == 23.75
    assert [(c["id"], c["change"], c["causes"]) for c in bravo["why"]] == [
        ("stability", 20.0, ["weight"]),
        ("revenue", 15.0, ["weight"]),
        ("goals", -11.25, ["weight"]),
        ("debt", 0.0, ["removed"]),  # bravo had the field's worst debt: 0 points
    ]
    alpha = moves["alpha"]
    assert (alpha["change"], alpha["places"], alpha["score_change"]) == ("moved", -1, -17.5)
    assert [(c["id"], c["change"], c["causes"]) for c in alpha["why"]] == [
        ("debt", -20.0, ["removed"]),
        ("goals", -15.0, ["weight"]),
        ("stability", 10.0, ["weight"]),
        ("revenue", 7.5, ["weight"]),
    ]
    # charlie is still cut at the desk, with a better desk score: 100 x 0.5 + 20 x 0.5
    charlie = moves["charlie"]
    assert (charlie["change"], charlie["stage"], charlie["score_change"]) == (
        "score_changed",
        "desk",
        36.25,
    )
    assert charlie["old"]["score"] == 23.75 and charlie["new"]["score"] == 60.0
    assert [(c["id"], c["change"], c["causes"]) for c in charlie["why"]] == [
        ("goals", 31.25, ["score", "weight"]),
        ("revenue", 5.0, ["weight"]),
    ]
    for m in moves.values():
        assert sum(c["change"] for c in m["why"]) == pytest.approx(m["score_change"])


def test_identical_results_exit_0_with_nothing_to_report(in_repo: Path) -> None:
    doc = diff_doc(OLD, OLD, expect=0)
    assert (doc["criteria"], doc["weights"], doc["scores"], doc["candidates"]) == ([], [], [], [])
    assert doc["unchanged"] == 4


def test_top_n_decides_the_exit_code(in_repo: Path, tmp_path: Path) -> None:
    # only charlie's score changes: still cut at the desk, the top 2 stands
    changed = tmp_path / "candidates.yaml"
    text = (REPO / VALID).read_text(encoding="utf-8").replace("goals: 2,", "goals: 3,")
    changed.write_text(text, encoding="utf-8")
    (tmp_path / "criteria.yaml").write_text(
        (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    new = scored(tmp_path, str(changed), "new.json")
    doc = diff_doc(OLD, new, expect=0)
    assert doc["scores"] == [
        {"kind": "score", "id": "goals", "candidate": "charlie", "old": 2.0, "new": 3.0}
    ]
    assert [m["change"] for m in doc["candidates"]] == ["score_changed"]  # type: ignore[attr-defined]
    # alpha and bravo swap: the top 1 changed, and so the top 2 (its order)
    run_cli("diff", OLD, NEW, "--top", "1", expect=1)
    run_cli("diff", OLD, NEW, expect=1)


def test_top_option_overrides_the_shortlist_default(in_repo: Path) -> None:
    top = diff_doc(OLD, NEW, "--top", "3")["top"]
    assert (top["n"], top["rule"], top["changed"]) == (3, "--top", True)  # type: ignore[index]


def test_results_of_different_criteria_sets_are_compared(in_repo: Path, tmp_path: Path) -> None:
    criteria = (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8")
    criteria = criteria.replace("id: small", 'id: small-v2\nversion: "2"')
    criteria = criteria.replace("method: weighted_sum", "method: topsis")
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (tmp_path / "candidates.yaml").write_text(
        (REPO / VALID).read_text(encoding="utf-8"), encoding="utf-8"
    )
    new = scored(tmp_path, str(tmp_path / "candidates.yaml"), "new.json")
    doc = diff_doc(OLD, new, expect=0)  # alpha still leads bravo under TOPSIS
    assert doc["criteria"] == [
        {"kind": "criteria_set_changed", "id": "id", "old": "small", "new": "small-v2"},
        {"kind": "criteria_set_changed", "id": "version", "old": None, "new": "2"},
        {
            "kind": "method_changed",
            "id": "final",
            "stage": "final",
            "old": "weighted_sum",
            "new": "topsis",
        },
    ]
    assert doc["weights"] == [] and doc["scores"] == []
    assert doc["new"]["criteria"]["id"] == "small-v2"  # type: ignore[index]


def test_entering_and_leaving_the_ranking(in_repo: Path, tmp_path: Path) -> None:
    old = json.loads((REPO / OLD).read_text(encoding="utf-8"))
    new = json.loads((REPO / OLD).read_text(encoding="utf-8"))
    new["candidates"] = [c for c in new["candidates"] if c["id"] != "delta"]
    for c in new["candidates"]:
        if c["id"] == "bravo":
            c.update(rank=None, status="eliminated", total=None)
        if c["id"] == "charlie":
            c.update(rank=2, status="ranked", stage_reached="final", total=50.0)
    old["candidates"].append({**old["candidates"][0], "id": "echo", "name": "Echo"})
    (tmp_path / "a.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(new), encoding="utf-8")
    doc = diff_doc(str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert [(m["id"], m["change"]) for m in doc["candidates"]] == [  # type: ignore[attr-defined]
        ("bravo", "left_ranking"),
        ("charlie", "entered_ranking"),
        ("delta", "removed"),
        ("echo", "removed"),
    ]
    assert doc["criteria"] == []


BAD_FILES = {
    "not_json.json": "tests/fixtures/diff/bad/not_json.json:4:20: error PF420 not valid JSON: Expecting property name enclosed in double quotes",
    "ranking.csv": "tests/fixtures/diff/bad/ranking.csv:1:1: error PF420 not valid JSON: Expecting value",
    "empty.json": "tests/fixtures/diff/bad/empty.json: error PF420 file is empty, expected a partnerfit score result (JSON)",
    "list.json": "tests/fixtures/diff/bad/list.json: error PF421 not a partnerfit score result: the document should be an object, got a list",
    "wrong_field.json": "tests/fixtures/diff/bad/wrong_field.json: error PF421 not a partnerfit score result: candidates[0].rank should be an integer or null, got text",
    "wrong_version.json": "tests/fixtures/diff/bad/wrong_version.json: error PF422 schema_version 2 is not supported: this partnerfit reads score results of schema_version 1",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_file_that_is_not_a_result_is_one_line_and_exit_2(name: str, in_repo: Path) -> None:
    for args in ((f"{BAD}/{name}", OLD), (OLD, f"{BAD}/{name}")):
        run = run_cli("diff", *args, expect=2)
        assert run.stdout == ""
        assert run.stderr == BAD_FILES[name] + "\n"


def test_both_bad_files_are_reported_at_once(in_repo: Path) -> None:
    run = run_cli("diff", f"{BAD}/list.json", f"{BAD}/empty.json", expect=2)
    assert run.stderr.count("\n") == 2


def test_other_partnerfit_documents_are_named(in_repo: Path, tmp_path: Path) -> None:
    explained = tmp_path / "explain.json"
    explained.write_text(run_cli("explain", VALID, "alpha", "-f", "json").stdout, encoding="utf-8")
    run = run_cli("diff", str(explained), OLD, expect=2)
    assert "looks like the output of `partnerfit explain --format json`" in run.stderr
    compared = tmp_path / "compare.json"
    compared.write_text(
        run_cli("score", VALID, "--compare-methods", "-f", "json").stdout, encoding="utf-8"
    )
    run = run_cli("diff", OLD, str(compared), expect=2)
    assert "`partnerfit score --compare-methods --format json`" in run.stderr
    differ = tmp_path / "diff.json"
    differ.write_text(run_cli("diff", OLD, NEW, "-f", "json", expect=1).stdout, encoding="utf-8")
    run = run_cli("diff", str(differ), OLD, expect=2)
    assert "`partnerfit diff --format json`" in run.stderr
    robust = tmp_path / "sensitivity.json"
    robust.write_text(
        run_cli("sensitivity", VALID, "--samples", "50", "-f", "json").stdout, encoding="utf-8"
    )
    run = run_cli("diff", OLD, str(robust), expect=2)
    assert "`partnerfit sensitivity --format json`" in run.stderr


def test_missing_file_directory_and_binary(in_repo: Path, tmp_path: Path) -> None:
    run = run_cli("diff", "nope.json", OLD, expect=2)
    assert run.stderr == "nope.json: error PF001 no such file\n"
    run = run_cli("diff", OLD, str(tmp_path), expect=2)
    assert "error PF001 is a directory" in run.stderr
    binary = tmp_path / "bin.json"
    binary.write_bytes(b'{"a": "\xff"}')
    assert ":1:8: error PF002" in run_cli("diff", str(binary), OLD, expect=2).stderr
    nan = tmp_path / "nan.json"
    nan.write_text('{"schema_version": NaN}', encoding="utf-8")
    assert "error PF420 not valid JSON: NaN is not a JSON number" in (
        run_cli("diff", str(nan), OLD, expect=2).stderr
    )


def test_top_must_be_positive(in_repo: Path) -> None:
    run = run_cli("diff", OLD, NEW, "--top", "0", expect=2)
    assert run.stderr == "error: --top must be at least 1, got 0\n"


def test_diff_json_is_deterministic(in_repo: Path) -> None:
    first = run_cli("diff", OLD, NEW, "-f", "json", expect=1).stdout
    assert first == run_cli("diff", OLD, NEW, "-f", "json", expect=1).stdout


def test_diff_stays_light() -> None:
    code = (
        "import sys\n"
        "from partnerfit.cli import app\n"
        "try:\n"
        f"    app(['diff', {OLD!r}, {NEW!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['numpy', 'rich', 'yaml', 'partnerfit.models', 'partnerfit.evaluation']\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0 and done.stderr.strip() == "[]", done.stderr


def test_every_json_field_is_documented(in_repo: Path) -> None:
    import re

    from test_explain import _keys

    doc = diff_doc(OLD, NEW)
    doc["old"]["criteria"] = doc["new"]["criteria"] = {}  # type: ignore[index]  # the score JSON's
    text = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    assert _keys(doc) - documented == set()
    kinds = {c["kind"] for section in ("criteria", "weights", "scores") for c in doc[section]}  # type: ignore[attr-defined]
    assert kinds <= documented


def test_deeply_nested_json_is_refused_without_a_traceback(in_repo: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    run = run_cli("diff", str(deep), OLD, expect=2)
    assert run.stderr == f"{deep}: error PF007 JSON nested too deeply to be a score result\n"


CARRY = """\
partnerfit: 1
kind: criteria
id: prop
dimensions:
  - id: fit
    weight: 2
    criteria:
      - {id: a, weight: 3}
      - {id: b}
  - id: money
    criteria:
      - {id: size, kind: measure}
      - {id: cost, kind: measure, direction: cost}
stages:
  - id: long
    shortlist: {top: 3}
  - id: short
"""

_rating = st.integers(1, 5)
_measure = st.integers(0, 100)


@st.composite
def field_and_edits(draw: st.DrawFn) -> tuple[list[dict[str, object]], dict[tuple[str, str], int]]:
    n = draw(st.integers(2, 6))
    rows = [
        {
            "id": f"c{i}",
            "scores": {
                "a": draw(_rating),
                "b": draw(_rating),
                "size": draw(_measure),
                "cost": draw(_measure),
            },
        }
        for i in range(n)
    ]
    edits = draw(
        st.dictionaries(
            st.tuples(
                st.sampled_from([r["id"] for r in rows]),
                st.sampled_from(["a", "b", "size", "cost"]),
            ),
            st.integers(1, 5),
            max_size=4,
        )
    )
    return rows, edits


def _result(folder: Path, rows: list[dict[str, object]]) -> dict[str, object]:
    import partnerfit
    from partnerfit.render import json_format

    (folder / "criteria.yaml").write_text(CARRY, encoding="utf-8")
    body = {"partnerfit": 1, "kind": "candidates", "criteria": "criteria.yaml", "candidates": rows}
    (folder / "candidates.yaml").write_text(json.dumps(body), encoding="utf-8")
    evaluation = partnerfit.evaluate(partnerfit.load_candidates(folder / "candidates.yaml"))
    return json.loads(json_format.render(evaluation))  # type: ignore[no-any-return]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=field_and_edits())
def test_diff_reports_exactly_the_edited_scores(
    case: tuple[list[dict[str, object]], dict[tuple[str, str], int]], tmp_path: Path
) -> None:
    from partnerfit.diff import diff_results

    rows, edits = case
    old = _result(tmp_path, rows)
    edited = json.loads(json.dumps(rows))
    for row in edited:
        for (cid, item), value in edits.items():
            if row["id"] == cid:
                row["scores"][item] = value
    new = _result(tmp_path, edited)
    d = diff_results(old, new)
    expected = {
        (cid, item, float(r["scores"][item]), float(value))  # type: ignore[index]
        for (cid, item), value in edits.items()
        for r in rows
        if r["id"] == cid and r["scores"][item] != value  # type: ignore[index]
    }
    assert {(c.candidate, c.id, c.old, c.new) for c in d.scores} == expected
    assert d.criteria == () and d.weights == ()
    for m in d.candidates:
        assert m.old is not None and m.new is not None
        if m.stage is not None and m.old.stage == m.new.stage == m.stage:
            # last scored in the same stage on both sides: the causes add up to the change
            assert m.score_change is not None
            assert sum(c.change for c in m.why) == pytest.approx(m.score_change, abs=1e-5)
    same = diff_results(old, old)
    assert (same.scores, same.candidates, same.top.changed) == ((), (), False)


def test_stage_rules_gates_and_shortlists(in_repo: Path, tmp_path: Path) -> None:
    criteria = (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8")
    criteria = criteria.replace(
        "reason: sanctions screening}",
        "reason: sanctions screening}\n      - {criterion: stability, min: 4}",
    ).replace("shortlist: {top: 2}", "shortlist: {top: 3}")
    criteria += "  - id: board\n    gates:\n      - {criterion: goals, min: 3}\n"
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (tmp_path / "candidates.yaml").write_text(
        (REPO / VALID).read_text(encoding="utf-8"), encoding="utf-8"
    )
    new = scored(tmp_path, str(tmp_path / "candidates.yaml"), "new.json")
    doc = diff_doc(OLD, new)
    # alpha (stability 3) now fails the new gate; charlie (goals 2) reaches the board stage
    assert doc["criteria"] == [
        {"kind": "stage_added", "id": "board"},
        {
            "kind": "shortlist_changed",
            "id": "desk",
            "stage": "desk",
            "old": {"top": 2, "min_score": None},
            "new": {"top": 3, "min_score": None},
        },
        {
            "kind": "gate_added",
            "id": "stability",
            "stage": "screen",
            "old": None,
            "new": ["stability must be >= 4"],
        },
    ]
    moves = {m["id"]: m["change"] for m in doc["candidates"]}  # type: ignore[attr-defined]
    assert moves == {"bravo": "moved", "alpha": "left_ranking", "charlie": "status_changed"}
    assert doc["top"]["rule"] == "shortlist top of stage desk"  # type: ignore[index]


def test_a_candidate_that_leaves_the_ranking_shows_why_it_stopped(
    in_repo: Path, tmp_path: Path
) -> None:
    """A tighter gate eliminates alpha (stability 3): the diff names the failed gate and
    does not blame the criteria of the stages alpha no longer reaches as `removed`."""
    folder = tmp_path / "stricter"
    folder.mkdir()
    for name in ("criteria.yaml", "candidates.yaml"):
        text = (REPO / "tests" / "fixtures" / "valid" / name).read_text(encoding="utf-8")
        if name == "criteria.yaml":
            gate = "{criterion: sanctions_clear, equals: true, reason: sanctions screening}"
            assert gate in text
            text = text.replace(gate, gate + "\n      - {criterion: stability, min: 4}")
        (folder / name).write_text(text, encoding="utf-8")
    old = scored(tmp_path, VALID, "old.json")
    new = scored(tmp_path, str(folder / "candidates.yaml"), "new.json")
    doc = diff_doc(old, new)
    alpha = next(m for m in doc["candidates"] if m["id"] == "alpha")  # type: ignore[attr-defined]
    assert alpha["change"] == "left_ranking"
    assert alpha["new"]["reasons"] == ["gate failed: stability must be >= 4, got 3"]
    assert alpha["old"]["reasons"] == []
    assert (alpha["stage"], alpha["why"]) == (None, []), "no stage scored alpha in both"
    text = run_cli("diff", old, new, expect=1).stdout
    assert "    now: gate failed: stability must be >= 4, got 3" in text
    assert "(removed)" not in text


def test_output_file_gets_the_report_and_the_same_exit_code(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "diff.json"
    run = run_cli("diff", OLD, NEW, "-f", "json", "-o", str(target), expect=1)
    assert run.stdout == ""
    assert (
        target.read_text(encoding="utf-8")
        == run_cli("diff", OLD, NEW, "-f", "json", expect=1).stdout
    )
    missing = tmp_path / "no-such-folder" / "diff.txt"
    run = run_cli("diff", OLD, NEW, "-o", str(missing), expect=2)
    assert "does not exist" in run.stderr and not missing.parent.exists()


@needs_fifo
def test_a_named_pipe_is_refused_unread(in_repo: Path, tmp_path: Path) -> None:
    with fifo(tmp_path / "old.json") as pipe:
        run = run_cli("diff", str(pipe), OLD, expect=2)
    assert (
        run.stderr == f"{pipe}: error PF001 is a named pipe (FIFO), expected a JSON result file\n"
    )


def test_a_stage_that_now_scores_more_dimensions_adds_their_criteria_to_the_why(
    in_repo: Path, tmp_path: Path
) -> None:
    """desk scores finance too in the new result: charlie, eliminated at desk in both,
    gains the finance criteria there (`added`), and the causes add up to its desk change."""
    folder = tmp_path / "wider"
    folder.mkdir()
    for name in ("criteria.yaml", "candidates.yaml"):
        text = (REPO / "tests" / "fixtures" / "valid" / name).read_text(encoding="utf-8")
        if name == "criteria.yaml":
            assert "dimensions: [strategy]" in text
            text = text.replace("dimensions: [strategy]", "dimensions: [strategy, finance]")
        (folder / name).write_text(text, encoding="utf-8")
    doc = diff_doc(
        scored(tmp_path, VALID, "old.json"),
        scored(tmp_path, str(folder / "candidates.yaml"), "new.json"),
        expect=0,
    )
    charlie = next(m for m in doc["candidates"] if m["id"] == "charlie")  # type: ignore[attr-defined]
    assert charlie["stage"] == "desk"
    assert sum(c["change"] for c in charlie["why"]) == pytest.approx(
        charlie["score_change"], abs=1e-5
    )
    assert {c["id"]: c["causes"] for c in charlie["why"] if "added" in c["causes"]}.keys() == {
        "stability",
        "debt",
    }


def test_criteria_the_compared_stage_did_not_score_on_one_side_are_added_there(
    in_repo: Path, tmp_path: Path
) -> None:
    """alpha reached final in the old result and is cut at the (widened) desk in the new:
    at desk, the old result scored only strategy, so the finance criteria are `added`;
    goals and revenue were scored at desk on both sides, but the old result keeps alpha's
    figures from final, so they are left out rather than guessed."""
    folder = tmp_path / "wider"
    folder.mkdir()
    valid = REPO / "tests" / "fixtures" / "valid"
    criteria = (valid / "criteria.yaml").read_text(encoding="utf-8")
    (folder / "criteria.yaml").write_text(
        criteria.replace("dimensions: [strategy]", "dimensions: [strategy, finance]"),
        encoding="utf-8",
    )
    candidates = (valid / "candidates.yaml").read_text(encoding="utf-8")
    before = "goals: 5, revenue: 50, stability: 3, debt: 10"
    assert before in candidates
    (folder / "candidates.yaml").write_text(
        candidates.replace(before, "goals: 2, revenue: 10, stability: 1, debt: 20"),
        encoding="utf-8",
    )
    old = scored(tmp_path, VALID, "old.json")
    doc = diff_doc(old, scored(tmp_path, str(folder / "candidates.yaml"), "new.json"))
    alpha = next(m for m in doc["candidates"] if m["id"] == "alpha")  # type: ignore[attr-defined]
    assert (alpha["change"], alpha["stage"]) == ("left_ranking", "desk")
    assert {c["id"]: c["causes"] for c in alpha["why"]} == {
        "debt": ["added"],
        "stability": ["added"],
    }
