"""`partnerfit check`: each rule fires on its failing input and is quiet on its passing one
(fixture folders, or a git repository and a forced scoring error for PF308 and PF309, as
docs/check.md says); bad input never stops a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO, fifo, needs_fifo, run_cli
from partnerfit.findings import CODES
from partnerfit.lint import check_paths
from partnerfit.lint.rules import RULES

CHECK = "tests/fixtures/check"

# rule -> the exact finding lines its failing fixture folder gives (after the folder path)
FAILING: dict[str, list[str]] = {
    "PF301": [
        "criteria.yaml:4:1: warning PF301 dimension weights look like percentages but sum to 90, not 100 (weights are relative, so scores are unchanged; make them sum to 100 or readers will misread them)"
    ],
    "PF302": [
        "criteria.yaml:8:14: warning PF302 criterion 'market_access' has no weight, so it weighs 1 beside siblings whose stated weights sum to 40 (state its weight)"
    ],
    "PF303": [
        "criteria.yaml:8:14: warning PF303 criterion 'market_access' is scored by no candidate in the 1 candidates file checked against this set (score it, rename the scores that meant it, or remove it)"
    ],
    "PF304": [
        "criteria.yaml:8:22: error PF304 the shortlist of stage 'desk' keeps no one (top: 0) (give top a positive rank, or remove it and use min_score)",
        "criteria.yaml:9:9: error PF304 stage 'final' is unreachable: the shortlist of stage 'desk' keeps no one (top: 0)",
    ],
    "PF305": [
        "criteria.yaml:11:9: error PF305 gate can pass no one: 'goals' would have to be within its scale 1..5 and >= 6",
        "criteria.yaml:16:9: error PF305 gate can pass no one: 'stability' would have to be within its scale 1..5 and >= 4 and <= 2",
        "criteria.yaml:17:46: error PF305 gate can pass no one: an earlier gate requires 'sanctions_clear' to be true",
    ],
    "PF306": [
        "candidates.yaml:6:5: warning PF306 candidate 'alpha' reaches stage 'final' without a score for style, so it stops there as incomplete (score it, or write null to record that the value is unknown)",
        "candidates.yaml:8:5: warning PF306 candidate 'bravo' reaches stage 'desk' without a score for goals, so it stops there as incomplete (score it, or write null to record that the value is unknown)",
        "candidates.yaml:10:5: warning PF306 candidate 'charlie' reaches stage 'screen' without a score for sanctions_clear, so it stops there as incomplete (score it, or write null to record that the value is unknown)",
        "candidates.yaml:11:9: warning PF306 candidate 'delta' reaches stage 'screen' without a score for sanctions_clear, so it stops there as incomplete (score it, or write null to record that the value is unknown)",
    ],
    "PF251": [
        "criteria.yaml:8:7: warning PF251 ahp judgements of dimension 'fit' are not checked for consistency: Saaty's random index covers at most 15 items, this block has 16 (CI 1.397, no CR) (split it into a hierarchy of at most 15 items per block, or use rank_order)"
    ],
    "PF307": [
        "candidates.yaml:10:10: warning PF307 candidate id 'Alpha' differs from 'alpha' (line 9) only by case (if they are one partner, merge them)",
        "candidates.yaml:11:23: warning PF307 candidate name 'ALPHA  ltd ' is the name of 'alpha' (line 9) up to case and whitespace (if they are one partner, merge them; else tell them apart)",
    ],
}


def lines(folder: str) -> list[str]:
    return [f.text() for f in check_paths([folder]).findings]


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fires_on_its_failing_fixture(code: str, in_repo: Path) -> None:
    folder = f"{CHECK}/{code}/fail"
    assert lines(folder) == [f"{folder}/{line}" for line in FAILING[code]]


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_is_quiet_on_its_passing_fixture(code: str, in_repo: Path) -> None:
    assert lines(f"{CHECK}/{code}/pass") == []


TESTED_APART = {"PF308": "a temporary git repository", "PF309": "a forced scoring error"}


def test_every_rule_has_fixtures_or_is_tested_apart_as_the_docs_say() -> None:
    folders = {p.name for p in (REPO / CHECK).iterdir() if p.is_dir()}
    assert folders == set(FAILING)
    assert sorted({r.code for r in RULES} - folders) == sorted(TESTED_APART)
    assert all((REPO / CHECK / code / "pass").is_dir() for code in folders)
    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    assert f"PF301-PF{max(folders)[2:]}: `tests/fixtures/check/<code>/fail`" in text
    for code in TESTED_APART:
        assert f"- {code} " in text, code


def test_every_rule_is_registered_documented_and_has_examples() -> None:
    import importlib

    for rule in RULES:
        assert rule.code in CODES and CODES[rule.code].summary == rule.summary
        # PF3xx are the linter's own; PF251 belongs with the weighting findings (PF2xx)
        assert rule.code.startswith("PF3") or rule.code == "PF251"
    modules = sorted((REPO / "src/partnerfit/lint/rules").glob("*.py"))
    for path in modules:
        if path.stem in ("__init__", "base"):
            continue
        module = importlib.import_module(f"partnerfit.lint.rules.{path.stem}")
        doc = module.__doc__ or ""
        assert module.RULE in RULES, path.stem
        assert doc.startswith(f"{module.RULE.code} ({module.RULE.severity})"), path.stem
        assert "Fails" in doc and "Passes" in doc, path.stem


def test_pf309_reports_a_scoring_error(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerfit import evaluation
    from partnerfit.engine.methods import ScoringError

    def fail(pool: object) -> None:
        raise ScoringError("stage 'final' (vikor): cannot rank")

    monkeypatch.setattr(evaluation, "evaluate", fail)
    path = "tests/fixtures/valid/candidates.yaml"
    found = [f.text() for f in check_paths([path]).findings if f.path == path]
    assert found == [
        f"{path}:1:1: error PF309 cannot be scored: stage 'final' (vikor): cannot rank"
    ]


ENTROPY_SET = """partnerfit: 1
kind: criteria
id: s
dimensions:
  - id: fit
    weighting: entropy
    criteria: [{id: a}, {id: b}]
"""
TWINS = "candidates:\n  - {id: x, scores: {a: 3, b: 4}}\n  - {id: y, scores: {a: 3, b: 4}}\n"
ZERO_ENTROPY = (
    "error PF250 entropy weights of dimension 'fit' are all zero in stage 'score': none of its "
    "criteria varies among the 2 candidates in the field, so the data cannot weight them; "
    "state weights or use another weighting method"
)


@pytest.mark.parametrize("form", ["text", "json", "github"])
def test_weights_the_data_cannot_give_are_a_finding_not_a_traceback(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # audit finding 1: PF250 (an InputError raised while scoring) escaped the rules
    monkeypatch.chdir(tmp_path)
    Path("a-criteria.yaml").write_text(ENTROPY_SET, encoding="utf-8")
    head = "partnerfit: 1\nkind: candidates\n"
    Path("b-candidates.yaml").write_text(f"{head}criteria: a-criteria.yaml\n{TWINS}")
    inline = "criteria:\n" + "".join(f"  {line}\n" for line in ENTROPY_SET.splitlines())
    Path("c-inline.yaml").write_text(head + inline + TWINS, encoding="utf-8")
    Path("d-later.yaml").write_text(ENTROPY_SET.replace("weighting: entropy", "weight: 0"))
    run = run_cli("check", ".", "--format", form, expect=1)
    expected = [
        f"a-criteria.yaml:6:16: {ZERO_ENTROPY} (when scoring b-candidates.yaml)",
        f"c-inline.yaml:9:18: {ZERO_ENTROPY}",
        "d-later.yaml:6:13: error PF103 weight must be positive, got 0",
    ]
    if form == "json":
        doc = json.loads(run.stdout)
        assert [f"{f['path']}:{f['line']}:{f['col']}: {f['code']}" for f in doc["findings"]] == [
            "a-criteria.yaml:6:16: PF250",
            "c-inline.yaml:9:18: PF250",
            "d-later.yaml:6:13: PF103",
        ]
        assert doc["summary"]["files_checked"] == 4
    elif form == "github":
        assert run.stdout.count("title=partnerfit PF250::") == 2
        assert run.stdout.endswith("Checked 4 files: 3 errors in 3 files.\n")
    else:
        assert run.stdout.splitlines() == [
            expected[0],
            "",
            expected[1],
            "",
            expected[2],
            "",
            "Checked 4 files: 3 errors in 3 files.",
        ]
    assert run.stderr == ""


def test_the_repository_files_are_clean(in_repo: Path) -> None:
    run = run_cli("check", "criteria/", "examples/", "--strict")
    assert run.stdout == "Checked 5 files: no problems found.\n"


def test_every_loader_finding_is_reported_and_every_file_checked(in_repo: Path) -> None:
    from test_bad_input import CASES

    files = sorted(str(p.relative_to(REPO)) for p in (FIXTURES / "invalid").glob("*.yaml"))
    run = run_cli("check", *files, expect=1)
    shown = run.stdout.splitlines()
    for case, expected in CASES.items():
        for line in expected:
            assert f"tests/fixtures/invalid/{case}:{line}" in shown
    assert (
        "tests/fixtures/invalid/empty.yaml: error PF003 file is empty, expected a YAML mapping"
        in shown
    )
    assert (
        "tests/fixtures/invalid/missing_kind.yaml:2:1: error PF104 missing required key 'kind' "
        "(add kind: criteria, candidates or profile)" in shown
    )
    errors = sum(len(lines) for lines in CASES.values()) + 2  # + empty.yaml, missing_kind.yaml
    # the fixtures that refer to ../valid/criteria.yaml read it too
    assert shown[-1] == (
        f"Checked {len(files) + 1} files (1 referenced): {errors} errors in {len(files)} files."
    )
    assert run.stderr == ""


def test_output_is_grouped_by_file_with_a_summary(in_repo: Path) -> None:
    run = run_cli("check", f"{CHECK}/PF301/fail", f"{CHECK}/PF302/fail")
    assert run.stdout.splitlines() == [
        f"{CHECK}/PF301/fail/{FAILING['PF301'][0]}",
        "",
        f"{CHECK}/PF302/fail/{FAILING['PF302'][0]}",
        "",
        "Checked 2 files: 2 warnings in 2 files.",
    ]
    assert "\x1b[" not in run.stdout


def test_strict_makes_warnings_fail(in_repo: Path) -> None:
    run = run_cli("check", f"{CHECK}/PF302/fail", "--strict", expect=1)
    assert run.stdout.endswith("Checked 1 file: 1 warning in 1 file (--strict: warnings fail).\n")


def test_a_missing_argument_exits_2_and_the_rest_is_still_checked(in_repo: Path) -> None:
    run = run_cli("check", "no/such/dir", f"{CHECK}/PF302/fail", expect=2)
    assert run.stdout.splitlines()[0] == "no/such/dir: error PF001 no such file or folder"
    assert "PF302" in run.stdout


def test_binary_and_non_utf8_files_are_reported_and_skipped(tmp_path: Path) -> None:
    good = FIXTURES / "valid" / "criteria.yaml"
    (tmp_path / "a-binary.yaml").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "b-latin1.yaml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    (tmp_path / "c-good.yaml").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    result = check_paths([str(tmp_path)])
    texts = [f.text().replace(str(tmp_path), "D") for f in result.findings]
    assert texts == [
        "D/a-binary.yaml: error PF002 binary file (contains NUL bytes), expected UTF-8 YAML text",
        "D/b-latin1.yaml:1:10: error PF002 not valid UTF-8 text",
        "D/c-good.yaml:11:14: warning PF302 criterion 'revenue' has no weight, so it weighs 1 beside siblings whose stated weights sum to 3 (state its weight)",
    ]
    assert [r.status for r in result.files] == ["unreadable", "unreadable", "checked"]
    assert int(result.exit_code()) == 2


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a link to itself
    os.symlink("loop-b.yaml", tmp_path / "loop-a.yaml")
    os.symlink("loop-a.yaml", tmp_path / "loop-b.yaml")
    (tmp_path / "sub" / "c.yaml").write_text(
        (FIXTURES / "valid" / "criteria.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = check_paths([str(tmp_path)])
    assert [Path(r.path).name for r in result.files] == ["loop-a.yaml", "loop-b.yaml", "c.yaml"]
    loops = [f for f in result.findings if f.code == "PF001"]
    assert len(loops) == 2
    assert all("symbolic links" in f.message for f in loops)


@needs_fifo
def test_named_pipes_are_refused_unread_in_folders_and_by_name(tmp_path: Path) -> None:
    # audit finding 4: a FIFO called *.yaml hung the run forever
    walked = tmp_path / "walked"
    walked.mkdir()
    (walked / "b-good.yaml").write_text(
        (FIXTURES / "valid" / "criteria.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with fifo(walked / "a-pipe.yaml") as pipe, fifo(tmp_path / "named.yml") as named:
        folder = check_paths([str(walked)])
        by_name = check_paths([str(named)])
    refused = "error PF001 is a named pipe (FIFO), expected a YAML file"
    assert [f.text() for f in folder.findings if f.code == "PF001"] == [f"{pipe}: {refused}"]
    assert [(Path(r.path).name, r.status) for r in folder.files] == [
        ("a-pipe.yaml", "unreadable"),
        ("b-good.yaml", "checked"),
    ]
    assert [f.text() for f in by_name.findings] == [f"{named}: {refused}"]
    assert int(by_name.exit_code()) == 2


def test_other_yaml_files_in_folders_are_skipped_not_reported(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (tmp_path / "hooks.yaml").write_text("- id: a\n- id: b\n", encoding="utf-8")
    (tmp_path / "k8s.yaml").write_text("a: 1\n---\nb: 2\n", encoding="utf-8")
    result = check_paths([str(tmp_path)])
    assert result.findings == ()
    assert result.summary() == (
        "Checked 0 files: no problems found; skipped 3 YAML files that are not partnerfit files."
    )


def test_a_file_named_on_its_own_is_checked_as_ours_unless_told_to_skip(tmp_path: Path) -> None:
    ci = tmp_path / "ci.yml"
    ci.write_text("on: push\n", encoding="utf-8")
    named = check_paths([str(ci)])
    assert [f.text() for f in named.findings] == [
        f"{ci}:1:1: error PF104 missing 'partnerfit: 1' (format version)"
    ]
    run = run_cli("check", str(ci), "--skip-other-yaml")
    assert run.stdout == (
        "Checked 0 files: no problems found; skipped 1 YAML file that is not a partnerfit file.\n"
    )


def test_a_broken_partnerfit_list_in_a_folder_is_still_reported(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("- partnerfit: 1\n  kind: criteria\n", encoding="utf-8")
    found = [f.code for f in check_paths([str(tmp_path)]).findings]
    assert found == ["PF008"]


def write_broken_reference(tmp_path: Path) -> None:
    """candidates.yaml referencing criteria.yaml, whose only weight is 0 (PF103)."""
    (tmp_path / "criteria.yaml").write_text(
        "partnerfit: 1\nkind: criteria\nid: x\ndimensions: [{id: d, weight: 0, criteria: [{id: a}]}]\n",
        encoding="utf-8",
    )
    (tmp_path / "candidates.yaml").write_text(
        "partnerfit: 1\nkind: candidates\ncriteria: criteria.yaml\ncandidates: [{id: a}]\n",
        encoding="utf-8",
    )


def test_a_broken_criteria_reference_is_reported_on_both_files(tmp_path: Path) -> None:
    write_broken_reference(tmp_path)
    texts = [f.text().replace(str(tmp_path), "D") for f in check_paths([str(tmp_path)]).findings]
    assert texts == [
        "D/candidates.yaml:3:11: error PF205 criteria file 'criteria.yaml' cannot be used: 1 error in D/criteria.yaml",
        "D/criteria.yaml:4:30: error PF103 weight must be positive, got 0",
    ]


def test_a_referenced_file_outside_the_run_is_counted_as_referenced(tmp_path: Path) -> None:
    # audit finding 7: "Checked 1 file: 2 errors in 2 files."
    write_broken_reference(tmp_path)
    alone = check_paths([str(tmp_path / "candidates.yaml")])
    assert alone.summary() == "Checked 2 files (1 referenced): 2 errors in 2 files."
    assert [(Path(r.path).name, r.kind, r.status) for r in alone.files] == [
        ("candidates.yaml", "candidates", "checked"),
        ("criteria.yaml", "criteria", "referenced"),
    ]
    doc = json.loads(
        run_cli("check", str(tmp_path / "candidates.yaml"), "-f", "json", expect=1).stdout
    )
    assert doc["summary"]["files_checked"] == 2
    assert doc["files"][1] == {
        "path": str(tmp_path / "criteria.yaml"),
        "kind": "criteria",
        "status": "referenced",
    }
    both = check_paths([str(tmp_path / "candidates.yaml"), str(tmp_path / "criteria.yaml")])
    assert both.summary() == "Checked 2 files: 2 errors in 2 files."
    fixed = (
        (tmp_path / "criteria.yaml").read_text(encoding="utf-8").replace("weight: 0", "weight: 1")
    )
    (tmp_path / "criteria.yaml").write_text(fixed, encoding="utf-8")
    clean = check_paths([str(tmp_path / "candidates.yaml")])  # read, and fine
    assert [f.code for f in clean.findings] == ["PF306"]  # a has no score
    assert clean.summary() == "Checked 2 files (1 referenced): 1 warning in 1 file."


def test_a_referenced_profile_file_is_counted_with_its_kind(tmp_path: Path) -> None:
    relational = FIXTURES / "relational"
    text = (relational / "candidates.yaml").read_text(encoding="utf-8")
    start, end = text.index("profile:\n"), text.index("candidates:\n")
    (tmp_path / "c.yaml").write_text(
        text[:start] + "profile: profile/us.yaml\n" + text[end:], encoding="utf-8"
    )
    (tmp_path / "criteria.yaml").write_text(
        (relational / "criteria.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "profile").mkdir()
    (tmp_path / "profile" / "us.yaml").write_text(
        (relational / "profile" / "us.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = check_paths([str(tmp_path / "c.yaml")])
    assert [(Path(r.path).name, r.kind, r.status) for r in result.files] == [
        ("c.yaml", "candidates", "checked"),
        ("criteria.yaml", "criteria", "referenced"),
        ("us.yaml", "profile", "referenced"),
    ]
    assert result.summary().startswith("Checked 3 files (2 referenced): ")


def test_a_thousand_files_check_in_one_run(tmp_path: Path) -> None:
    for i in range(1000):
        folder = tmp_path / f"d{i // 100}"
        folder.mkdir(exist_ok=True)
        weight = 0 if i == 999 else 1
        (folder / f"c{i:04}.yaml").write_text(
            f"partnerfit: 1\nkind: criteria\nid: s{i}\n"
            f"dimensions: [{{id: d, weight: {weight}, criteria: [{{id: c}}]}}]\n",
            encoding="utf-8",
        )
    result = check_paths([str(tmp_path)])
    assert result.checked == 1000
    assert [f.text().replace(str(tmp_path), "D") for f in result.findings] == [
        "D/d9/c0999.yaml:4:30: error PF103 weight must be positive, got 0"
    ]


def test_github_format_annotates_each_finding(in_repo: Path) -> None:
    run = run_cli("check", f"{CHECK}/PF304/fail", "--format", "github", expect=1)
    assert run.stdout.splitlines() == [
        f"::error file={CHECK}/PF304/fail/criteria.yaml,line=8,col=22,title=partnerfit PF304::the shortlist of stage 'desk' keeps no one (top: 0) (give top a positive rank, or remove it and use min_score)",
        f"::error file={CHECK}/PF304/fail/criteria.yaml,line=9,col=9,title=partnerfit PF304::stage 'final' is unreachable: the shortlist of stage 'desk' keeps no one (top: 0)",
        "Checked 1 file: 2 errors in 1 file.",
    ]


def test_github_format_escapes_properties_and_data() -> None:
    from partnerfit.findings import Finding
    from partnerfit.lint.result import CheckResult
    from partnerfit.render import check_github

    result = CheckResult((), (Finding("a,b:c.yaml", 1, 2, "PF004", "error", "50%\nx"),))
    assert check_github.render(result).splitlines()[0] == (
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=partnerfit PF004::50%25%0Ax"
    )


def test_json_format_is_stable_and_complete(in_repo: Path) -> None:
    run = run_cli("check", f"{CHECK}/PF307/fail", "--format", "json", "--strict", expect=1)
    doc = json.loads(run.stdout)
    assert list(doc) == [
        "schema_version",
        "partnerfit_version",
        "strict",
        "exit_code",
        "summary",
        "files",
        "findings",
    ]
    assert doc["exit_code"] == 1 and doc["strict"] is True
    assert doc["summary"] == {"files_checked": 1, "files_skipped": 0, "errors": 0, "warnings": 2}
    assert doc["files"] == [
        {"path": f"{CHECK}/PF307/fail/candidates.yaml", "kind": "candidates", "status": "checked"}
    ]
    assert doc["findings"][0] == {
        "path": f"{CHECK}/PF307/fail/candidates.yaml",
        "line": 10,
        "col": 10,
        "severity": "warning",
        "code": "PF307",
        "message": "candidate id 'Alpha' differs from 'alpha' (line 9) only by case",
        "hint": "if they are one partner, merge them",
    }
    assert (
        run_cli("check", f"{CHECK}/PF307/fail", "--format", "json", "--strict", expect=1).stdout
        == run.stdout
    )


def test_a_criteria_only_check_imports_neither_numpy_nor_rich(in_repo: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from partnerfit.cli import app\n"
        "try:\n    app(['check', 'criteria/strategic-alliance.yaml'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'rich') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.splitlines()[-1] == "[]"


GIT = [
    "git",
    "-c",
    "user.email=t@example.invalid",
    "-c",
    "user.name=t",
    "-c",
    "commit.gpgsign=false",
]
SET = """partnerfit: 1
kind: criteria
id: s
version: "1.0"
dimensions:
  - {id: fit, weight: 60, criteria: [{id: goals}]}
  - {id: money, weight: 40, criteria: [{id: stability}]}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import subprocess

    monkeypatch.chdir(tmp_path)
    (tmp_path / "set.yaml").write_text(SET, encoding="utf-8")
    for args in (["init", "-q"], ["add", "set.yaml"], ["commit", "-qm", "v1"]):
        subprocess.run([*GIT, *args], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def test_pf308_weights_changed_without_a_new_version(repo: Path) -> None:
    (repo / "set.yaml").write_text(SET.replace("weight: 60", "weight: 70"), encoding="utf-8")
    run = run_cli("check", "set.yaml", "--against", "HEAD", expect=1)
    assert run.stdout.splitlines()[0] == (
        "set.yaml:4:10: error PF308 weights changed since HEAD, but version is still '1.0' "
        "(raise the version, so results scored before and after can be told apart)"
    )


def test_pf308_is_quiet_when_the_version_moved_or_the_weights_did_not(repo: Path) -> None:
    (repo / "set.yaml").write_text(SET.replace("name", "x"), encoding="utf-8")
    run_cli("check", "set.yaml", "--against", "HEAD")  # unchanged
    bumped = SET.replace("weight: 60", "weight: 70").replace('"1.0"', '"1.1"')
    (repo / "set.yaml").write_text(bumped, encoding="utf-8")
    run_cli("check", "set.yaml", "--against", "HEAD")
    (repo / "new.yaml").write_text(SET, encoding="utf-8")  # not at HEAD: not compared
    run_cli("check", "new.yaml", "--against", "HEAD")
    (repo / "set.yaml").write_text(SET.replace("weight: 60", "weight: 70"), encoding="utf-8")
    run_cli("check", "set.yaml")  # without --against the rule does not run


def test_against_an_unknown_revision_or_outside_git_exits_2(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = run_cli("check", "set.yaml", "--against", "no-such-branch", expect=2)
    assert run.stderr.startswith(
        "error: --against no-such-branch: not a commit in the repository at "
    )
    outside = tmp_path_factory.mktemp("outside")
    (outside / "set.yaml").write_text(SET, encoding="utf-8")
    run = run_cli("check", str(outside / "set.yaml"), "--against", "HEAD", expect=2)
    assert run.stderr == f"error: --against needs a git repository, but {outside} is not in one\n"


def test_on_a_terminal_the_same_lines_are_coloured(in_repo: Path) -> None:
    import io
    import re

    from rich.console import Console

    from partnerfit.render import check_text

    result = check_paths([f"{CHECK}/PF304/fail", f"{CHECK}/PF301/fail"])
    buffer = io.StringIO()
    terminal = Console(file=buffer, force_terminal=True, width=40, color_system="standard")
    check_text.print_coloured(result, terminal)
    coloured = buffer.getvalue()
    assert "\x1b[" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == check_text.render(result), "same text, never wrapped at 40 columns"


SAFE_TEXT = st.text(
    alphabet=st.sampled_from([*"abk:-[]{}, \n\t'\"&*!#|>0123456789.", "\x00", "é", "\ufeff"]),
    max_size=80,
)


@settings(max_examples=60, deadline=None)
@given(body=SAFE_TEXT, header=st.booleans())
def test_check_never_raises_and_reports_what_the_loader_reports(body: str, header: bool) -> None:
    import tempfile

    from partnerfit.findings import InputError
    from partnerfit.inputs import load_criteria

    text = ("partnerfit: 1\nkind: criteria\n" if header else "") + body
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        result = check_paths([folder])
        assert int(result.exit_code()) in (0, 1, 2)
        assert all(f.line >= 0 and f.col >= 0 for f in result.findings)
        try:
            load_criteria(path)
        except InputError as exc:
            if header:
                assert set(exc.findings) <= set(result.findings)
            else:
                assert set(exc.findings) <= set(result.findings) or result.skipped == 1


def test_docs_list_every_rule_with_its_severity() -> None:
    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.code} | {rule.severity} |" in text, rule.code


def test_pf308_removing_the_version_while_changing_weights_is_reported(repo: Path) -> None:
    # audit finding 8: a deleted version counted as "the version moved"
    changed = SET.replace("weight: 60", "weight: 70").replace('version: "1.0"\n', "")
    (repo / "set.yaml").write_text(changed, encoding="utf-8")
    run = run_cli("check", "set.yaml", "--against", "HEAD", expect=1)
    assert run.stdout.splitlines()[0] == (
        "set.yaml:1:1: error PF308 weights changed since HEAD, and version '1.0' was removed "
        "(keep version: and raise it, so results scored before and after can be told apart)"
    )
    unchanged = SET.replace('version: "1.0"\n', "")  # the weights alone decide: quiet
    (repo / "set.yaml").write_text(unchanged, encoding="utf-8")
    run_cli("check", "set.yaml", "--against", "HEAD")
