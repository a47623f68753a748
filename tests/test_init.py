"""`partnerfit init`: per-type scaffolds that pass check and score, never overwriting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from partnerfit.inputs import load_criteria
from partnerfit.scaffold_catalogue import COMPUTED, CULTURE, DIMENSIONS, TYPES

DOC_ROWS = {
    "general": "General (this file)",
    "joint_venture": "Joint venture",
    "equity": "Equity alliance (minority stake)",
    "non_equity": "Non-equity (contractual)",
    "technology": "Technology partnership",
    "channel": "Channel partnership",
    "nonprofit": "Nonprofit partnership",
}


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_init_output_passes_check_and_scores(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "search"
    run = run_cli("init", str(folder), "--type", kind)
    assert run.stdout == ""
    assert run.stderr.splitlines()[:3] == [
        f"wrote {folder}/criteria.yaml",
        f"wrote {folder}/candidates.yaml",
        f"wrote {folder}/profile.yaml",
    ]
    checked = run_cli("check", str(folder), "--strict")
    assert checked.stdout == "Checked 3 files: no problems found.\n"
    scored = run_cli("score", str(folder / "candidates.yaml"), "--format", "csv")
    rows = scored.stdout.splitlines()
    assert rows[1].startswith("1,example-partner,Example Partner Ltd,")
    assert ",next-candidate,Next Candidate," in rows[2] and ",incomplete,screen," in rows[2]


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_default_weights_are_the_documented_row(kind: str, tmp_path: Path) -> None:
    table = (REPO / "docs" / "criteria-sources.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| {re.escape(DOC_ROWS[kind])} \|(.*)$", table, re.MULTILINE)
    assert row is not None
    documented = [int(c) for c in row.group(1).split("|")[:6]]
    run_cli("init", str(tmp_path), "--type", kind)
    criteria = load_criteria(tmp_path / "criteria.yaml")
    assert [d.weight for d in criteria.dimensions] == documented
    assert sum(documented) == 100


def test_dimensions_and_criteria_are_those_of_the_bundled_set() -> None:
    bundled = load_criteria(REPO / "criteria" / "strategic-alliance.yaml")
    assert [d.id for d in bundled.dimensions] == [d.id for d in DIMENSIONS]
    for ours, theirs in zip(DIMENSIONS, bundled.dimensions, strict=True):
        assert [(i.id, i.weight, i.kind, i.direction) for i in ours.items] == [
            (c.id, c.weight, c.kind, c.direction) for c in theirs.criteria
        ]
    assert [d.weight for d in bundled.dimensions] == list(TYPES["general"].weights)
    ratios = [(i.id, i.of, i.band) for d in DIMENSIONS for i in d.items if i.kind == "ratio"]
    assert ratios == [
        (c.id, c.of, None if c.band is None else tuple(c.band))
        for d in bundled.dimensions
        for c in d.criteria
        if c.kind == "ratio"
    ]
    assert bundled.culture is not None
    assert [(d.id, d.weight, d.tolerance) for d in bundled.culture.dimensions] == [
        (d.id, d.weight or 1, d.tolerance or 0) for d in CULTURE
    ]


def test_the_example_candidate_gets_every_computed_score(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path))
    document = json.loads(
        run_cli("score", str(tmp_path / "candidates.yaml"), "--format", "json").stdout
    )
    assert document["profile"] == {"name": "Our Company", "path": "profile.yaml"}
    example, blank = document["candidates"]
    computed = {k: v for k, v in example["criteria"].items() if v["kind"] in COMPUTED}
    assert {v["kind"] for v in computed.values()} == set(COMPUTED)
    assert all(v["normalised"] is not None and v["inputs"] for v in computed.values()), computed
    assert example["warnings"] == [] and blank["status"] == "incomplete"


def test_the_capability_need_gate_is_computed_from_critical_needs(tmp_path: Path) -> None:
    # not a hand-set flag: coverage of our importance-3 needs, gated at min 1
    run_cli("init", str(tmp_path))
    criteria = load_criteria(tmp_path / "criteria.yaml")
    fact = next(f for f in criteria.facts if f.id == "fills_capability_gap")
    assert (fact.kind, fact.min_importance) == ("coverage", 3)
    gate = next(g for g in criteria.stages[0].gates if g.criterion == "fills_capability_gap")
    assert (gate.equals, gate.min) == (None, 1)
    assert "fills_capability_gap" not in (tmp_path / "candidates.yaml").read_text()
    document = json.loads(
        run_cli("score", str(tmp_path / "candidates.yaml"), "--format", "json").stdout
    )
    assert document["candidates"][0]["facts"]["fills_capability_gap"] == 100.0


def test_type_specific_gates_are_written(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path), "--type", "technology")
    gates = [g.criterion for g in load_criteria(tmp_path / "criteria.yaml").stages[0].gates]
    assert {"ip_improvements_agreed", "security_review_passed", "interfaces_available"} <= set(
        gates
    )


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "criteria.yaml").write_text("mine\n", encoding="utf-8")
    run = run_cli("init", str(tmp_path), expect=2)
    assert run.stderr == (
        f"error: {tmp_path}/criteria.yaml: already exists, not overwritten (use --force to replace)\n"
    )
    assert (tmp_path / "criteria.yaml").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria.yaml"], "nothing written"
    run_cli("init", str(tmp_path), "--force")
    assert (tmp_path / "criteria.yaml").read_text(encoding="utf-8").startswith("# General")


def test_init_never_overwrites_our_profile(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text("ours\n", encoding="utf-8")
    run = run_cli("init", str(tmp_path), expect=2)
    assert run.stderr == (
        f"error: {tmp_path}/profile.yaml: already exists, not overwritten (use --force to replace)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml"], "nothing written"


def test_init_refuses_a_file_as_folder_and_an_unknown_type(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    run = run_cli("init", str(target), expect=2)
    assert run.stderr == f"error: {target}: exists and is not a folder\n"
    run = run_cli("init", str(tmp_path / "new"), "--type", "franchise", expect=2)
    assert "Invalid value for '--type'" in run.stderr
    assert not (tmp_path / "new").exists()


def test_init_under_a_file_says_so_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = run_cli("init", str(tmp_path / "file" / "sub"), expect=2)
    assert run.stderr == f"error: {tmp_path}/file/sub: cannot create folder: Not a directory\n"


def test_init_writes_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerfit import output

    real = output.write_atomic

    def fail_second(path: Path, text: str) -> None:
        if path.name == "candidates.yaml":
            raise output.OutputError(f"{path}: cannot write: disk full")
        real(path, text)

    monkeypatch.setattr(output, "write_atomic", fail_second)
    run = run_cli("init", str(tmp_path), expect=2)
    assert run.stderr == f"error: {tmp_path}/candidates.yaml: cannot write: disk full\n"
    assert list(tmp_path.iterdir()) == []


def test_every_file_says_how_to_name_its_schema_and_validates_against_it(tmp_path: Path) -> None:
    import jsonschema

    from partnerfit.loading import load_document
    from partnerfit.schema import json_schema

    run_cli("init", str(tmp_path), "--type", "channel")
    for name in ("criteria.yaml", "candidates.yaml", "profile.yaml"):
        path = tmp_path / name
        kind = load_document(path).data["kind"]
        text = path.read_text(encoding="utf-8")
        assert f"#   # yaml-language-server: $schema=<path>/{kind}.schema.json\n" in text, name
        assert f"# (write the schema with: partnerfit schema {kind} > {kind}.schema.json)" in text
        jsonschema.Draft202012Validator(json_schema(kind)).validate(load_document(path).data)


def init_docs() -> str:
    return (REPO / "docs" / "init.md").read_text(encoding="utf-8")


def effective_weights(path: Path) -> dict[str, float]:
    """Criterion id -> dimension share x criterion share, in percent."""
    criteria = load_criteria(path)
    total = sum(d.weight for d in criteria.dimensions)
    return {
        c.id: 100 * d.weight / total * c.weight / sum(x.weight for x in d.criteria)
        for d in criteria.dimensions
        for c in d.criteria
    }


WEIGHED = re.compile(r"`(\w+)` ([\d.]+)% \(([\d.]+)%\)")
"""`criterion` effective% (general's%), as in the table of docs/init.md."""


def documented_emphasis() -> dict[str, list[tuple[str, float, float]]]:
    section = init_docs().split("### What each type weighs more", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| (`.*) \|$", section, re.MULTILINE)
    return {
        kind: [(c, float(ours), float(general)) for c, ours, general in WEIGHED.findall(cell)]
        for kind, cell in rows
    }


def test_each_type_weighs_its_documented_emphasis_more_than_general(tmp_path: Path) -> None:
    emphasis = documented_emphasis()
    assert set(emphasis) == set(TYPES) - {"general"}
    weights = {}
    for kind in TYPES:
        run_cli("init", str(tmp_path / kind), "--type", kind)
        weights[kind] = effective_weights(tmp_path / kind / "criteria.yaml")
        scored = run_cli("score", str(tmp_path / kind / "candidates.yaml"), "--format", "json")
        in_force = json.loads(scored.stdout)["stages"][-1]["weights"]["criteria"]
        assert in_force == pytest.approx({c: w / 100 for c, w in weights[kind].items()}, abs=1e-6)
    for kind, rows in emphasis.items():
        assert rows, kind
        for criterion, ours, general in rows:
            assert weights[kind][criterion] == pytest.approx(ours), (kind, criterion)
            assert weights["general"][criterion] == pytest.approx(general), criterion
            assert ours > general, (kind, criterion)
    # the issue's own examples: technology weighs complementary capabilities and IP
    # protection higher, channel weighs market access
    assert {"capability_gap_coverage", "knowledge_leakage_risk"} <= {
        c for c, *_ in emphasis["technology"]
    }
    assert "market_access" in {c for c, *_ in emphasis["channel"]}


def test_criterion_weight_shifts_name_real_criteria() -> None:
    ids = {item.id for dim in DIMENSIONS for item in dim.items}
    for kind, t in TYPES.items():
        assert set(t.criterion_weights) <= ids, kind


def test_the_per_type_table_of_the_docs_is_what_init_writes(tmp_path: Path) -> None:
    rows = re.findall(r"^\| `(\w+)` \| ([\d ]+) \| (.*) \| (.*) \|$", init_docs(), re.MULTILINE)
    assert {kind for kind, *_ in rows} == set(TYPES)
    for kind, weights, added, tightened in rows:
        run_cli("init", str(tmp_path / kind), "--type", kind)
        criteria = load_criteria(tmp_path / kind / "criteria.yaml")
        assert [d.weight for d in criteria.dimensions] == [int(w) for w in weights.split()]
        gates = {g.criterion: g for g in criteria.stages[0].gates}
        assert gates["fills_capability_gap"].min == 1, "computed from the critical needs"
        facts = [c for c, g in gates.items() if g.equals is True]
        assert facts[:1] == ["sanctions_clear"]
        assert ", ".join(f"`{f}`" for f in facts[1:]) == added, kind
        rules = []
        if gates["financial_stability"].min != 2:
            rules.append(f"`financial_stability` >= {gates['financial_stability'].min:g}")
        if "competitive_overlap" in gates:
            rules.append(f"`competitive_overlap` <= {gates['competitive_overlap'].max:g}")
        assert ("; ".join(rules) or "-") == tightened, kind
