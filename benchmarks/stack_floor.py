"""The start-up floor of partnerfit's stack, with none of partnerfit in it.

What any command-line tool built on numpy, PyYAML, typer and pydantic pays before doing
its own work: the imports, one command with the same kinds of parameters as
`partnerfit score` (a path argument, a choice, optional paths, a flag), and one small
pydantic model built and used once on a parsed YAML document. `benchmarks/run.py` times
it as a new process beside `python -c "import numpy, yaml"`, so that the share of the
cold start partnerfit's own code can change is visible in the same run.

    python benchmarks/stack_floor.py typer FILE.yaml --format json
    python benchmarks/stack_floor.py argparse FILE.yaml --format json   # typer never imported
"""

import enum
import sys
from pathlib import Path
from typing import Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    partnerfit: int
    kind: Literal["candidates", "criteria"]
    criteria: str | None = None
    profile: str | dict[str, object] | None = None
    candidates: list[dict[str, object]] = []


def score(candidates: Path, format: Format) -> None:
    with candidates.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    document = Document.model_validate(data)
    totals = np.arange(len(document.candidates), dtype=np.float64)
    print(format.value, float(totals.sum()))


def with_typer(args: list[str]) -> None:
    from typing import Annotated

    import typer

    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.command()
    def command(
        candidates: Annotated[Path, typer.Argument()],
        format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
        output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
        criteria: Annotated[Path | None, typer.Option("--criteria")] = None,
        compare: Annotated[bool, typer.Option("--compare")] = False,
    ) -> None:
        score(candidates, format)

    app(args)


def with_argparse(args: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("candidates", type=Path)
    parser.add_argument("--format", "-f", type=Format, choices=list(Format), default="table")
    parser.add_argument("--output", "-o", type=Path)
    parser.add_argument("--criteria", type=Path)
    parser.add_argument("--compare", action="store_true")
    parsed = parser.parse_args(args)
    score(parsed.candidates, parsed.format)


if __name__ == "__main__":
    {"typer": with_typer, "argparse": with_argparse}[sys.argv[1]](sys.argv[2:])
