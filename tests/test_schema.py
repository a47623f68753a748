"""JSON Schemas: generated from the models, shipped under schemas/, true to real files and output."""

from __future__ import annotations

import json
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


FILE_KINDS = [k for k in KINDS if k != "result"]


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
