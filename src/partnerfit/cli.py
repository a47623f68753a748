"""The command line: parse options, call the core, render, return an exit code.

No maths and no YAML here. Heavy modules (pydantic models, numpy, rich) are
imported inside the commands that use them, so `--version` and `--help` stay light.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from partnerfit import __version__
from partnerfit.exit_codes import ExitCode

app = typer.Typer(
    name="partnerfit",
    help="Choose strategic partners: staged, weighted, explainable scoring from YAML files.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class ScoreFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"partnerfit {__version__}\n")
        raise typer.Exit(int(ExitCode.OK))


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Choose strategic partners: staged, weighted, explainable scoring from YAML files."""


def _fail(code: ExitCode = ExitCode.INPUT_ERROR) -> NoReturn:
    raise typer.Exit(int(code))


@app.command()
def score(
    candidates: Annotated[
        Path, typer.Argument(metavar="CANDIDATES", help="Candidates file (kind: candidates).")
    ],
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    criteria: Annotated[
        Path | None,
        typer.Option("--criteria", help="Criteria file to use instead of the one referenced."),
    ] = None,
) -> None:
    """Run the staged screening and print the ranking."""
    from partnerfit.evaluation import evaluate
    from partnerfit.findings import InputError
    from partnerfit.inputs import load_candidates
    from partnerfit.output import OutputError, emit, message, print_findings

    try:
        evaluation = evaluate(load_candidates(candidates, criteria))
    except InputError as exc:
        print_findings(exc.findings)
        _fail()
    text = _render(evaluation, format, to_file=output is not None)
    try:
        if text is not None:
            emit(text, output)
    except OutputError as exc:
        message(f"error: {exc}")
        _fail()
    for warning in evaluation.warnings:
        message(f"warning: {warning}")


def _render(evaluation: object, format: ScoreFormat, *, to_file: bool) -> str | None:
    from partnerfit.evaluation import Evaluation

    assert isinstance(evaluation, Evaluation)
    if format is ScoreFormat.json:
        from partnerfit.render import json_format

        return json_format.render(evaluation)
    if format is ScoreFormat.csv:
        from partnerfit.render import csv_format

        return csv_format.render(evaluation)
    from partnerfit.output import console
    from partnerfit.render import table

    terminal = console()
    if not to_file and terminal.is_terminal:
        table.print_evaluation(evaluation, terminal)
        return None
    import io

    buffer = io.StringIO()
    table.print_evaluation(evaluation, console(file=buffer, width=terminal.width))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def main() -> None:
    """Console-script entry point."""
    app()
