"""The command line: parse options, call the core, render, return an exit code.

No maths and no YAML here. Heavy modules (pydantic models, numpy, rich) are
imported inside the commands that use them, so `--version` and `--help` stay light.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from partnerfit import __version__
from partnerfit.exit_codes import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from partnerfit.comparison import MethodComparison
    from partnerfit.evaluation import Evaluation

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


class MethodName(enum.StrEnum):
    weighted_sum = "weighted_sum"
    weighted_product = "weighted_product"
    topsis = "topsis"
    promethee_ii = "promethee_ii"
    vikor = "vikor"


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
    method: Annotated[
        MethodName | None,
        typer.Option("--method", "-m", help="Score every scoring stage with this method."),
    ] = None,
    compare_methods: Annotated[
        bool,
        typer.Option(
            "--compare-methods", help="Rank under every method and flag rank disagreements."
        ),
    ] = False,
) -> None:
    """Run the staged screening and print the ranking."""
    from partnerfit.comparison import compare_methods as compare
    from partnerfit.comparison import with_method
    from partnerfit.engine.methods import ScoringError
    from partnerfit.evaluation import evaluate
    from partnerfit.findings import InputError
    from partnerfit.inputs import load_candidates
    from partnerfit.output import message, print_findings

    to_file = output is not None
    try:
        pool = load_candidates(candidates, criteria)
        if compare_methods:
            _emit_or_fail(_render_comparison(compare(pool), format, to_file=to_file), output)
            return
        if method is not None:
            pool = with_method(pool, method.value)
        evaluation = evaluate(pool)
    except InputError as exc:
        print_findings(exc.findings)
        _fail()
    except ScoringError as exc:
        message(f"error: {exc}")
        _fail()
    _emit_or_fail(_render(evaluation, format, to_file=to_file), output)
    for warning in evaluation.warnings:
        message(f"warning: {warning}")
    for candidate in evaluation.candidates:
        for warning in candidate.warnings:
            message(f"warning: {candidate.id}: {warning}")


def _emit_or_fail(text: str | None, output: Path | None) -> None:
    from partnerfit.output import OutputError, emit, message

    try:
        if text is not None:
            emit(text, output)
    except OutputError as exc:
        message(f"error: {exc}")
        _fail()


def _terminal_text(draw: Callable[[Console], None], to_file: bool) -> str | None:
    """Draw on the terminal directly, or return plain text (when piped or for a file)."""
    import io

    from partnerfit.output import console

    terminal = console()
    if not to_file and terminal.is_terminal:
        draw(terminal)
        return None
    buffer = io.StringIO()
    draw(console(file=buffer, width=terminal.width))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _render(evaluation: Evaluation, format: ScoreFormat, *, to_file: bool) -> str | None:
    if format is ScoreFormat.json:
        from partnerfit.render import json_format

        return json_format.render(evaluation)
    if format is ScoreFormat.csv:
        from partnerfit.render import csv_format

        return csv_format.render(evaluation)
    from partnerfit.render import table

    return _terminal_text(lambda console: table.print_evaluation(evaluation, console), to_file)


def _render_comparison(
    comparison: MethodComparison, format: ScoreFormat, *, to_file: bool
) -> str | None:
    from partnerfit.render import comparison as render

    if format is ScoreFormat.json:
        return render.render_json(comparison)
    if format is ScoreFormat.csv:
        return render.render_csv(comparison)
    return _terminal_text(lambda console: render.print_comparison(comparison, console), to_file)


def _parse_number(option: str, text: str, kind: type[int] | type[float]) -> float:
    try:
        return kind(text)
    except ValueError:
        what = "an integer" if kind is int else "a number"
        from partnerfit.output import message

        message(f"error: {option} must be {what}, got '{text}'")
        _fail()


@app.command()
def sensitivity(
    candidates: Annotated[
        Path, typer.Argument(metavar="CANDIDATES", help="Candidates file (kind: candidates).")
    ],
    samples: Annotated[
        str,
        typer.Option("--samples", "-n", metavar="N", help="Monte Carlo samples (1 to 1000000)."),
    ] = "10000",
    seed: Annotated[
        str,
        typer.Option(
            "--seed", metavar="S", help="Random seed (0 to 4294967295), recorded in the output."
        ),
    ] = "2026",
    concentration: Annotated[
        str | None,
        typer.Option(
            "--concentration",
            metavar="K",
            help="Dirichlet concentration around the stated weights (default 50; higher: firmer).",
        ),
    ] = None,
    uninformed: Annotated[
        bool,
        typer.Option("--uninformed", help="Sample weights uniformly over the whole simplex."),
    ] = False,
    weights: Annotated[
        bool, typer.Option("--weights/--no-weights", help="Sample the weights.")
    ] = True,
    scores: Annotated[
        bool,
        typer.Option("--scores/--no-scores", help="Jitter the scores within their confidence."),
    ] = False,
    critical: Annotated[
        bool,
        typer.Option("--critical/--no-critical", help="Compute the critical weights."),
    ] = True,
    criteria: Annotated[
        bool,
        typer.Option("--criteria", help="Critical weights for every criterion too."),
    ] = False,
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    criteria_file: Annotated[
        Path | None,
        typer.Option("--criteria-file", help="Criteria file to use instead of the one referenced."),
    ] = None,
    method: Annotated[
        MethodName | None,
        typer.Option("--method", "-m", help="Score every scoring stage with this method."),
    ] = None,
) -> None:
    """How robust is the ranking: Monte Carlo weights and scores, critical weights."""
    from partnerfit.output import message

    n = int(_parse_number("--samples", samples, int))
    s = int(_parse_number("--seed", seed, int))
    k = None if concentration is None else _parse_number("--concentration", concentration, float)
    from partnerfit.engine.methods import ScoringError
    from partnerfit.findings import InputError
    from partnerfit.inputs import load_candidates
    from partnerfit.output import console, print_findings
    from partnerfit.sensitivity import UnsupportedError, analyse, validate_options

    try:
        validate_options(n, s, k, uninformed, weights, scores)
    except ValueError as exc:
        message(f"error: {exc}")
        _fail()
    if output is not None:
        # a long run should not end in "cannot write": check the folder first (emit
        # checks again, and writes atomically)
        folder = output.parent if str(output.parent) else Path(".")
        if not folder.is_dir():
            message(f"error: {output}: cannot write: folder '{folder}' does not exist")
            _fail()
    try:
        pool = load_candidates(candidates, criteria_file)
    except InputError as exc:
        print_findings(exc.findings)
        _fail()
    if method is not None:
        from partnerfit.comparison import with_method

        pool = with_method(pool, method.value)
    errors = console(stderr=True)
    try:
        if errors.is_terminal:
            from rich.progress import Progress

            with Progress(console=errors, transient=True) as bar:
                task = bar.add_task("sampling", total=n)
                result = analyse(
                    pool, samples=n, seed=s, concentration=k, uninformed=uninformed,
                    weights=weights, scores=scores, critical=critical, critical_criteria=criteria,
                    progress=lambda done: bar.update(task, completed=done),
                )  # fmt: skip
        else:
            result = analyse(
                pool, samples=n, seed=s, concentration=k, uninformed=uninformed,
                weights=weights, scores=scores, critical=critical, critical_criteria=criteria,
            )  # fmt: skip
    except (ScoringError, UnsupportedError) as exc:
        message(f"error: {exc}")
        _fail()
    from partnerfit.render import sensitivity as render

    to_file = output is not None
    if format is ScoreFormat.json:
        text: str | None = render.render_json(result)
    elif format is ScoreFormat.csv:
        text = render.render_csv(result)
    else:
        text = _terminal_text(lambda c: render.print_sensitivity(result, c), to_file)
    _emit_or_fail(text, output)
    for warning in result.warnings:
        message(f"warning: {warning}")


@app.command()
def report(
    candidates: Annotated[
        Path, typer.Argument(metavar="CANDIDATES", help="Candidates file (kind: candidates).")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the HTML page to this file (atomically). Without it the page goes to "
            "stdout, which must not be a terminal.",
        ),
    ] = None,
    criteria: Annotated[
        Path | None,
        typer.Option("--criteria", help="Criteria file to use instead of the one referenced."),
    ] = None,
    samples: Annotated[
        str,
        typer.Option(
            "--samples",
            "-n",
            metavar="N",
            help="Weight samples of the sensitivity section (1 to 1000000).",
        ),
    ] = "10000",
    seed: Annotated[
        str,
        typer.Option(
            "--seed", metavar="S", help="Random seed of the sensitivity section (0 to 4294967295)."
        ),
    ] = "2026",
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity/--no-sensitivity",
            help="Include the sensitivity section (rank acceptability, critical weights).",
        ),
    ] = True,
    method: Annotated[
        MethodName | None,
        typer.Option("--method", "-m", help="Score every scoring stage with this method."),
    ] = None,
) -> None:
    """Write a self-contained HTML report for a steering committee."""
    from partnerfit.output import message

    n = int(_parse_number("--samples", samples, int))
    s = int(_parse_number("--seed", seed, int))
    if sensitivity:
        from partnerfit.sensitivity import validate_options

        try:
            validate_options(n, s, None, uninformed=False, weights=True)
        except ValueError as exc:
            message(f"error: {exc}")
            _fail()
    if output is None and sys.stdout.isatty():  # a page of HTML on a terminal is noise (as gzip)
        message("error: the report is an HTML page: give -o FILE (or redirect stdout to a file)")
        _fail()
    folder = output.parent if output is not None and str(output.parent) else Path(".")
    if output is not None and not folder.is_dir():  # say so before minutes of sampling
        message(f"error: {output}: cannot write: folder '{folder}' does not exist")
        _fail()
    from partnerfit.engine.methods import ScoringError
    from partnerfit.evaluation import evaluate
    from partnerfit.findings import InputError
    from partnerfit.inputs import load_candidates
    from partnerfit.output import print_findings
    from partnerfit.render import html_report
    from partnerfit.report import build_report, rank_acceptability

    try:
        pool = load_candidates(candidates, criteria)
        if method is not None:
            from partnerfit.comparison import with_method

            pool = with_method(pool, method.value)
        evaluation = evaluate(pool)
    except InputError as exc:
        print_findings(exc.findings)
        _fail()
    except ScoringError as exc:
        message(f"error: {exc}")
        _fail()
    acceptability, skipped = None, None
    if sensitivity:
        from partnerfit.sensitivity import UnsupportedError, analyse

        try:
            result = analyse(pool, samples=n, seed=s)
            acceptability = rank_acceptability(result, pool.criteria)
        except (UnsupportedError, ScoringError) as exc:
            skipped = str(exc)
            message(f"warning: sensitivity section left out: {exc}")
    page = html_report.render(
        build_report(
            evaluation, pool.criteria, acceptability=acceptability, sensitivity_skipped=skipped
        )
    )
    _emit_or_fail(page, output)
    for warning in evaluation.warnings:  # also in the page's Notes; as `score` prints them
        message(f"warning: {warning}")
    for candidate in evaluation.candidates:
        for warning in candidate.warnings:
            message(f"warning: {candidate.id}: {warning}")


def main() -> None:
    """Console-script entry point."""
    app()
