"""JSON Schemas: generated from the models, shipped under schemas/, true to real files and output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import REPO, run_cli
from partnerfit.loading import load_document
from partnerfit.schema import KINDS, json_schema, render

SCHEMAS = REPO / "schemas"
REGENERATE = ".venv/bin/python -m partnerfit.schema"


def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schemas_match_the_models(kind: str) -> None:
    shipped = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == render(kind), f"schemas/ drifted from the models: run {REGENERATE}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_command_prints_the_shipped_schema(kind: str) -> None:
    assert run_cli("schema", kind).stdout == (SCHEMAS / f"{kind}.schema.json").read_text(
        encoding="utf-8"
    )


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, definition in [("", schema), *schema.get("$defs", {}).items()]:
        bodies = [definition, *definition.get("anyOf", [])]
        for body in bodies:
            for key, prop in body.get("properties", {}).items():
                found.append((f"{name}.{key}", prop))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_description_and_examples(kind: str) -> None:
    for where, prop in properties(json_schema(kind)):
        assert prop.get("description"), f"{kind}: {where} has no description"
        assert prop.get("examples"), f"{kind}: {where} has no examples"


@pytest.mark.parametrize("kind", KINDS)
def test_every_example_is_valid_for_its_field(kind: str) -> None:
    schema = json_schema(kind)
    for where, prop in properties(schema):
        field = {k: v for k, v in prop.items() if k != "examples"}
        check = jsonschema.Draft202012Validator({"$defs": schema.get("$defs", {}), **field})
        for example in prop["examples"]:
            assert check.is_valid(example), f"{kind}: {where} example {example!r} is invalid"


def bundled(kind: str) -> list[Path]:
    return [
        p
        for p in sorted([*REPO.glob("criteria/*.yaml"), *REPO.glob("examples/*/*.yaml")])
        if load_document(p).data.get("kind") == kind
    ]


DOCUMENT_KINDS = ("result", "comparison")
FILE_KINDS = [k for k in KINDS if k not in DOCUMENT_KINDS]


def test_every_bundled_file_is_of_a_kind_with_a_schema() -> None:
    files = sorted([*REPO.glob("criteria/*.yaml"), *REPO.glob("examples/*/*.yaml")])
    kinds = {load_document(p).data.get("kind") for p in files}
    assert kinds == set(FILE_KINDS), "a bundled file kind has no schema, or a schema no file"


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_bundled_files_are_valid_and_point_editors_at_their_schema(kind: str) -> None:
    files = bundled(kind)
    assert files
    for path in files:
        validator(kind).validate(load_document(path).data)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert first.startswith("# yaml-language-server: $schema=")
        assert schema == (SCHEMAS / f"{kind}.schema.json").resolve(), path


def test_the_schema_accepts_bare_and_full_scores_and_rejects_typos() -> None:
    check = validator("candidates")
    good = {
        "partnerfit": 1,
        "kind": "candidates",
        "criteria": "c.yaml",
        "candidates": [
            {
                "id": "a",
                "scores": {"x": 4, "y": True, "z": None, "w": {"value": 2, "confidence": None}},
            }
        ],
    }
    check.validate(good)
    bad = {**good, "candidates": [{"id": "a", "nmae": "typo"}]}
    with pytest.raises(jsonschema.ValidationError):
        check.validate(bad)
    criteria = validator("criteria")
    base = {
        "partnerfit": 1,
        "kind": "criteria",
        "id": "s",
        "dimensions": [{"id": "d", "criteria": [{"id": "c"}]}],
    }
    criteria.validate({**base, "weighting": "entropy"})
    with pytest.raises(jsonschema.ValidationError):
        criteria.validate({**base, "weighting": "entropie"})


def test_the_profile_schemas_accept_a_profile_and_reject_typos() -> None:
    profile = {"name": "Us", "needs": {"field service": 2}, "culture": {"hierarchy": 2}}
    validator("profile").validate({"partnerfit": 1, "kind": "profile", **profile})
    with pytest.raises(jsonschema.ValidationError):
        validator("profile").validate({"partnerfit": 1, "kind": "profile", "nedds": ["x"]})
    candidates = validator("candidates")
    base = {"partnerfit": 1, "kind": "candidates", "criteria": "c.yaml"}
    base["candidates"] = [{"id": "a"}]
    for reference in ["profile.yaml", profile, None]:
        candidates.validate({**base, "profile": reference})
    with pytest.raises(jsonschema.ValidationError):
        candidates.validate({**base, "profile": {**profile, "strenghts": ["x"]}})


@pytest.mark.parametrize(
    "args",
    [
        ["examples/apac-medtech-entry/candidates.yaml"],
        ["tests/fixtures/valid/candidates.yaml"],
        ["tests/fixtures/valid/candidates.yaml", "--method", "vikor"],
        ["tests/fixtures/valid/candidates.yaml", "--method", "promethee_ii"],
        ["tests/fixtures/valid/candidates.yaml", "--method", "topsis"],
    ],
)
def test_real_score_output_validates_against_the_result_schema(
    args: list[str], in_repo: Path
) -> None:
    document = json.loads(run_cli("score", *args, "--format", "json").stdout)
    validator("result").validate(document)


def test_the_golden_json_validates_against_the_result_schema() -> None:
    document = json.loads((REPO / "tests/golden/example.json").read_text(encoding="utf-8"))
    validator("result").validate(document)
    with pytest.raises(jsonschema.ValidationError):
        validator("result").validate({**document, "extra_field": 1})


COMPARED = [
    "examples/apac-medtech-entry/candidates.yaml",
    "examples/edge-ai-codevelopment/candidates.yaml",
    "tests/fixtures/valid/candidates.yaml",  # eliminated candidates: null ranks and spreads
]


@pytest.mark.parametrize("candidates", COMPARED)
def test_real_comparison_output_validates_against_the_comparison_schema(
    candidates: str, in_repo: Path
) -> None:
    run = run_cli("score", candidates, "--compare-methods", "--format", "json")
    validator("comparison").validate(json.loads(run.stdout))


def test_a_comparison_with_a_failed_method_validates() -> None:
    from partnerfit.comparison import ComparedCandidate, MethodComparison
    from partnerfit.render.comparison import render_json

    ranks: dict[str, int | None] = {"weighted_sum": 1, "vikor": None}
    comparison = MethodComparison(
        ("weighted_sum", "vikor"),
        (ComparedCandidate("a", "A", ranks, 0, False, False),),
        {"vikor": "stage 'rank' (vikor): broken"},
    )
    validator("comparison").validate(json.loads(render_json(comparison)))


def comparison_document() -> dict[str, Any]:
    edge = "examples/edge-ai-codevelopment/candidates.yaml"
    document: dict[str, Any] = json.loads(
        run_cli("score", str(REPO / edge), "--compare-methods", "-f", "json").stdout
    )
    return document


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(schema_version=2), "schema_version"),
        (lambda d: d.update(ranking=[]), "extra key"),
        (lambda d: d.pop("flag_spread"), "missing key"),
        (lambda d: d["methods"].append("electre"), "unknown method"),
        (lambda d: d.update(errors={"electre": "no"}), "unknown method in errors"),
        (lambda d: d["candidates"][0]["ranks"].update(electre=1), "unknown method in ranks"),
        (lambda d: d["candidates"][0]["ranks"].update(topsis=0), "rank below 1"),
        (lambda d: d["candidates"][0].update(spread=-1), "negative spread"),
        (lambda d: d["candidates"][0].update(flagged="yes"), "flag not a boolean"),
        (lambda d: d["candidates"][0].pop("partly_ranked"), "missing candidate key"),
        (lambda d: d["candidates"][0].update(total=80.0), "score-result key"),
    ],
)
def test_the_comparison_schema_rejects_a_wrong_document(
    change: Any, where: str, in_repo: Path
) -> None:
    document = comparison_document()
    validator("comparison").validate(document)
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        validator("comparison").validate(document)


def test_a_score_result_is_not_a_comparison_nor_the_other_way_round() -> None:
    result = json.loads((REPO / "tests/golden/example.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        validator("comparison").validate(result)
    with pytest.raises(jsonschema.ValidationError):
        validator("result").validate(comparison_document())


def test_score_does_not_load_the_schema_models() -> None:
    """Nor rich: a machine format of --compare-methods stays as light as score's own JSON."""
    code = (
        "import sys\n"
        "from partnerfit.cli import app\n"
        "try:\n"
        "    app(['score', 'examples/edge-ai-codevelopment/candidates.yaml',\n"
        "         '--compare-methods', '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "schema = ['partnerfit.schema', 'partnerfit.comparison_model', 'partnerfit.result_model',\n"
        "          'rich']\n"
        "print(sorted(m for m in schema if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0 and done.stderr.strip() == "[]", done.stderr
