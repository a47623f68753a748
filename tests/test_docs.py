"""The documentation is kept true: examples run, every key, field and code is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import REPO, run_cli
from partnerfit import models
from partnerfit.findings import CODES

DOCS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
CONSOLE_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def console_examples() -> list[tuple[str, str, str]]:
    """(doc, command, expected output) for every `$ partnerfit ...` in a console block."""
    examples = []
    for doc in DOCS:
        for block in CONSOLE_BLOCK.findall(doc.read_text(encoding="utf-8")):
            command, output = None, []
            for line in [*block.splitlines(), "$ "]:
                if line.startswith("$ "):
                    if command is not None:
                        examples.append(
                            (doc.relative_to(REPO).as_posix(), command, "\n".join(output))
                        )
                    command, output = line[2:].strip() or None, []
                else:
                    output.append(line)
    return examples


@pytest.mark.parametrize(("doc", "command", "expected"), console_examples())
def test_console_examples_print_what_the_docs_show(
    doc: str, command: str, expected: str, in_repo: Path
) -> None:
    # "$ partnerfit ...  # exit 2" documents a failing command: its stderr is compared;
    # "# exit 1" a report that asks for attention (check finding problems, diff: the
    # ranking changed): its stdout
    command, _, comment = command.partition("  # exit ")
    status = int(comment) if comment else 0
    args = shlex.split(command)
    assert args[0] == "partnerfit", f"{doc}: console examples run partnerfit only"
    result = run_cli(*args[1:], expect=status, env={"COLUMNS": "80"})
    shown = result.stderr if status == 2 else result.stdout
    assert shown.rstrip("\n") == expected.rstrip("\n"), f"{doc}: {command}"


def test_there_are_console_examples() -> None:
    assert len(console_examples()) >= 3


def models_of(module: object) -> list[type[BaseModel]]:
    return [
        m
        for m in vars(module).values()
        if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == module.__name__  # type: ignore[attr-defined]
    ]


def test_every_yaml_key_is_documented() -> None:
    text = (REPO / "docs" / "file-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))
    keys = {name for m in models_of(models) for name in m.model_fields}
    assert keys - documented == set()


def test_every_finding_code_is_documented_with_an_example_and_a_fix() -> None:
    text = (REPO / "docs" / "findings.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| (PF\d{3}) \|.*$", text, re.MULTILINE)}
    assert sorted(rows) == sorted(CODES)
    for code, row in rows.items():
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 4 and all(cells), f"{code}: what, example and fix"
        assert code in cells[2], f"{code}: the example shows the code"


def test_every_json_field_is_documented(in_repo: Path) -> None:
    import json

    doc = json.loads(run_cli("score", "tests/fixtures/valid/candidates.yaml", "-f", "json").stdout)
    text = (REPO / "docs" / "output.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    fields = set(doc) | set(doc["stages"][0]) | set(doc["candidates"][0])
    fields |= set(next(iter(doc["candidates"][0]["criteria"].values())))
    assert fields - documented == set()
