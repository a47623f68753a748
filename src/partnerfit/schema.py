"""JSON Schemas of the file kinds and of the score and comparison documents, from the models.

`partnerfit schema KIND` prints one; the repository ships them under `schemas/`
(regenerate with `python -m partnerfit.schema`; a test fails when they drift).
Editors that speak the YAML language server validate and complete a file whose
first line is ``# yaml-language-server: $schema=<path or URL of the schema>``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

KINDS = ("criteria", "candidates", "profile", "result", "comparison")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind as a JSON-ready dict."""
    from pydantic import BaseModel

    model: type[BaseModel]
    if kind == "criteria":
        from partnerfit.models import CriteriaSet as model
    elif kind == "candidates":
        from partnerfit.models import CandidatesFile as model
    elif kind == "profile":
        from partnerfit.models import ProfileFile as model
    elif kind == "result":
        from partnerfit.result_model import ScoreResult as model
    elif kind == "comparison":
        from partnerfit.comparison_model import MethodComparison as model
    else:
        raise ValueError(f"unknown schema kind {kind!r}: expected one of {', '.join(KINDS)}")
    schema = model.model_json_schema(mode="validation")
    if kind == "candidates":
        _inline_models(schema)
    return {"$schema": DIALECT, **schema}


def _inline_models(schema: dict[str, Any]) -> None:
    """Make the inline alternatives of `criteria:` and `profile:` the schemas of a
    criteria set and of a profile.

    Done here rather than in the model, so that validating a candidates file never
    builds those models inside it (partnerfit.inputs validates an inline set or
    profile on its own)."""
    from partnerfit.models import CriteriaSet, Profile

    definitions = schema.setdefault("$defs", {})
    for key, model in (("criteria", CriteriaSet), ("profile", Profile)):
        inline = model.model_json_schema(mode="validation")
        definitions.update(inline.pop("$defs", {}))
        definitions[model.__name__] = inline
        alternatives = schema["properties"][key]["anyOf"]
        assert [a.get("type") for a in alternatives][:2] == ["string", "object"], alternatives
        alternatives[1] = {"$ref": f"#/$defs/{model.__name__}"}
    schema["$defs"] = dict(sorted(definitions.items()))


def render(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema to `folder/<kind>.schema.json` (atomically)."""
    from partnerfit.output import write_atomic

    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        write_atomic(path, render(kind))
        written.append(path)
    return written


def main() -> None:
    """`python -m partnerfit.schema [FOLDER]`: regenerate the shipped schemas (default schemas/)."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")
    folder.mkdir(exist_ok=True)
    for path in write_all(folder):
        sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
