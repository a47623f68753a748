"""The command line: parse options, call the core, render, return an exit code.

No maths and no YAML here. Heavy modules (pydantic models, numpy, rich) are
imported inside the commands that use them, so `--version` and `--help` stay light.
"""

import enum
import functools
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
    from partnerfit.inputs import CandidatePool

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


# Options several commands share, defined once so they read and behave alike.
CandidatesArgument = Annotated[
    Path, typer.Argument(metavar="CANDIDATES", help="Candidates file (kind: candidates).")
]
CriteriaOption = Annotated[
    Path | None,
    typer.Option("--criteria", help="Criteria file to use instead of the one referenced."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
MethodOption = Annotated[
    MethodName | None,
    typer.Option("--method", "-m", help="Score every scoring stage with this method."),
]


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


def _load_pool(
    candidates: Path, criteria: Path | None, method: MethodName | None = None
) -> "CandidatePool":
    """Load the candidates (and their criteria set), every stage scored by `method` when
    one is given; bad input is reported as findings and exits 2."""
    from partnerfit.findings import InputError
    from partnerfit.inputs import load_candidates
    from partnerfit.output import print_findings

    try:
        pool = load_candidates(candidates, criteria)
    except InputError as exc:
        print_findings(exc.findings)
        _fail()
    print_findings(pool.warnings)  # names that look like typos of ours (PF222)
    if method is None:
        return pool
    from partnerfit.comparison import with_method

    return with_method(pool, method.value)


def _evaluate(pool: "CandidatePool") -> "Evaluation":
    """Score the pool; data that no method can score exits 2 with one line."""
    from partnerfit.engine.methods import ScoringError
    from partnerfit.evaluation import evaluate
    from partnerfit.findings import InputError
    from partnerfit.output import message, print_findings

    try:
        return evaluate(pool)
    except InputError as exc:
        print_findings(exc.findings)
        _fail()
    except ScoringError as exc:
        message(f"error: {exc}")
        _fail()


def _print_warnings(evaluation: "Evaluation") -> None:
    from partnerfit.output import message

    for warning in evaluation.warnings:
        message(f"warning: {warning}")
    for candidate in evaluation.candidates:
        for warning in candidate.warnings:
            message(f"warning: {candidate.id}: {warning}")


def _require_output_folder(output: Path | None) -> None:
    """Refuse an output file in a missing folder before a long run, not after it (the
    write itself checks again, and is atomic)."""
    from partnerfit.output import message

    if output is None:
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        message(f"error: {output}: cannot write: folder '{folder}' does not exist")
        _fail()
    if output.is_dir():
        message(f"error: {output}: cannot write: is a directory")
        _fail()


@app.command()
def score(
    candidates: CandidatesArgument,
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.table,
    output: OutputOption = None,
    criteria: CriteriaOption = None,
    method: MethodOption = None,
    compare_methods: Annotated[
        bool,
        typer.Option(
            "--compare-methods", help="Rank under every method and flag rank disagreements."
        ),
    ] = False,
) -> None:
    """Run the staged screening and print the ranking."""
    to_file = output is not None
    if compare_methods and method is not None:
        from partnerfit.output import message

        message(
            "error: --method cannot be combined with --compare-methods, "
            "which ranks under every method"
        )
        _fail()
    if compare_methods:
        from partnerfit.comparison import compare_methods as compare
        from partnerfit.engine.methods import ScoringError
        from partnerfit.findings import InputError
        from partnerfit.output import message, print_findings

        try:
            comparison = compare(_load_pool(candidates, criteria))
        except InputError as exc:
            print_findings(exc.findings)
            _fail()
        except ScoringError as exc:
            message(f"error: {exc}")
            _fail()
        _emit_or_fail(_render_comparison(comparison, format, to_file=to_file), output)
        return
    evaluation = _evaluate(_load_pool(candidates, criteria, method))
    _emit_or_fail(_render(evaluation, format, to_file=to_file), output)
    _print_warnings(evaluation)


def _emit_or_fail(text: str | None, output: Path | None) -> None:
    from partnerfit.output import OutputError, emit, message

    try:
        if text is not None:
            emit(text, output)
    except OutputError as exc:
        message(f"error: {exc}")
        _fail()


def _terminal_text(draw: Callable[["Console"], None], to_file: bool) -> str | None:
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


def _render(evaluation: "Evaluation", format: ScoreFormat, *, to_file: bool) -> str | None:
    if format is ScoreFormat.json:
        from partnerfit.render import json_format

        return json_format.render(evaluation)
    if format is ScoreFormat.csv:
        from partnerfit.render import csv_format

        return csv_format.render(evaluation)
    from partnerfit.render import table

    return _terminal_text(lambda console: table.print_evaluation(evaluation, console), to_file)


def _render_comparison(
    comparison: "MethodComparison", format: ScoreFormat, *, to_file: bool
) -> str | None:
    from partnerfit.render import comparison as render

    if format is ScoreFormat.json:
        return render.render_json(comparison)
    if format is ScoreFormat.csv:
        return render.render_csv(comparison)
    return _terminal_text(lambda console: render.print_comparison(comparison, console), to_file)


class ExplainFormat(enum.StrEnum):
    table = "table"
    json = "json"


@app.command()
def explain(
    candidates: CandidatesArgument,
    candidate_id: Annotated[
        str, typer.Argument(metavar="CANDIDATE_ID", help="Id of the candidate to explain.")
    ],
    versus: Annotated[
        str | None,
        typer.Option("--vs", metavar="OTHER_ID", help="Show what separates it from this one."),
    ] = None,
    format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExplainFormat.table,
    output: OutputOption = None,
    criteria: CriteriaOption = None,
) -> None:
    """Explain one candidate: its path through the stages, contributions, field, gap."""
    from partnerfit.explanation import NoCommonStage, UnknownCandidate
    from partnerfit.explanation import explain as explain_candidate
    from partnerfit.output import message

    _require_output_folder(output)
    pool = _load_pool(candidates, criteria)
    evaluation = _evaluate(pool)
    benefit = {c.id: c.direction != "cost" for c in pool.criteria.criteria()}
    try:
        result = explain_candidate(evaluation, candidate_id, versus=versus, benefit=benefit)
    except (UnknownCandidate, NoCommonStage) as exc:
        message(f"error: {exc}")
        _fail()
    if format is ExplainFormat.json:
        from partnerfit.render import explanation

        _emit_or_fail(explanation.render_json(result), output)
    else:
        from partnerfit.render import explanation_table

        _emit_or_fail(
            _terminal_text(
                lambda c: explanation_table.print_explanation(result, c), output is not None
            ),
            output,
        )
    shown = [result.candidate]
    if result.versus is not None and result.versus.other.id != result.candidate.id:
        shown.append(result.versus.other)
    for candidate in shown:
        for warning in candidate.warnings:
            message(f"warning: {candidate.id}: {warning}")


class DiffFormat(enum.StrEnum):
    table = "table"
    json = "json"


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD.json", help="Earlier `score -f json`.")],
    new: Annotated[Path, typer.Argument(metavar="NEW.json", help="Later `score -f json`.")],
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            metavar="N",
            help="Exit 1 when the top N changed (default: the last shortlist's top, else 5).",
        ),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.table
    ),
    output: OutputOption = None,
) -> None:
    """Compare two score results: who moved, by how much and why; exit 1 if the top changed."""
    from partnerfit.diff import diff_results
    from partnerfit.findings import InputError
    from partnerfit.output import message, print_findings
    from partnerfit.result_file import read_result

    if top is not None and top < 1:
        message(f"error: --top must be at least 1, got {top}")
        _fail()
    _require_output_folder(output)
    documents, findings = [], []
    for path in (old, new):
        try:
            documents.append(read_result(path))
        except InputError as exc:
            findings.extend(exc.findings)
    if findings:
        print_findings(findings)
        _fail()
    result = diff_results(*documents, old_file=str(old), new_file=str(new), top=top)
    from partnerfit.render import diff as render

    text = render.render_json(result) if format is DiffFormat.json else render.render_text(result)
    _emit_or_fail(text, output)
    if result.top.changed:
        _fail(ExitCode.RANKING_CHANGED)


class CheckFormat(enum.StrEnum):
    text = "text"
    github = "github"
    json = "json"


@app.command()
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Files and folders (folders are searched for *.yaml and *.yml).",
        ),
    ],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    skip_other_yaml: Annotated[
        bool,
        typer.Option(
            "--skip-other-yaml",
            help="Skip files given by name that are not partnerfit files, as in folders "
            "(for hooks that pass every YAML file).",
        ),
    ] = False,
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            metavar="GIT_REF",
            help="Also require a new version wherever weights changed since this revision.",
        ),
    ] = None,
) -> None:
    """Lint criteria sets and candidates files: exit 0 clean, 1 findings, 2 unusable input."""
    from typing import assert_never

    from partnerfit.lint import check_paths
    from partnerfit.lint.history import HistoryError
    from partnerfit.output import message
    from partnerfit.render import check_github, check_json, check_text

    try:
        result = check_paths(
            [str(p) for p in paths], against=against, skip_other_yaml=skip_other_yaml
        )
    except HistoryError as exc:
        message(f"error: {exc}")
        _fail()
    if format is CheckFormat.json:
        sys.stdout.write(check_json.render(result, strict=strict))
    elif format is CheckFormat.github:
        sys.stdout.write(check_github.render(result, strict=strict))
    elif format is CheckFormat.text:
        if sys.stdout.isatty():
            from partnerfit.output import console

            check_text.print_coloured(result, console(), strict=strict)
        else:
            sys.stdout.write(check_text.render(result, strict=strict))
    else:
        assert_never(format)
    sys.stdout.flush()
    code = result.exit_code(strict)
    if code is not ExitCode.OK:
        _fail(code)


class SchemaKind(enum.StrEnum):
    criteria = "criteria"
    candidates = "candidates"
    profile = "profile"
    result = "result"
    comparison = "comparison"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="KIND",
            help=(
                "criteria, candidates, profile, result (the score --format json document) "
                "or comparison (score --compare-methods --format json)."
            ),
        ),
    ],
) -> None:
    """Print the JSON Schema of a file kind, of the score result or of the method comparison."""
    from partnerfit.schema import render

    sys.stdout.write(render(kind.value))


class AllianceTypeName(enum.StrEnum):
    general = "general"
    joint_venture = "joint_venture"
    equity = "equity"
    non_equity = "non_equity"
    channel = "channel"
    technology = "technology"
    nonprofit = "nonprofit"


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write (created).")],
    type: Annotated[
        AllianceTypeName,
        typer.Option("--type", "-t", help="Alliance type: sets the default weights and gates."),
    ] = AllianceTypeName.general,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace criteria.yaml, profile.yaml and candidates.yaml if present."
        ),
    ] = False,
) -> None:
    """Write a criteria set and a candidates template to fill in, for one alliance type."""
    from partnerfit.output import message
    from partnerfit.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(folder, type.value, force=force)
    except ScaffoldError as exc:
        message(f"error: {exc}")
        _fail()
    for path in written:
        message(f"wrote {path}")
    rest = " and ".join(str(path) for path in written[1:])
    message(f"next: fill in {rest}, then partnerfit check {folder}")


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
    candidates: CandidatesArgument,
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
    per_criterion: Annotated[
        bool,
        typer.Option("--per-criterion", help="Critical weights for every criterion too."),
    ] = False,
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.table,
    output: OutputOption = None,
    criteria: CriteriaOption = None,
    method: MethodOption = None,
) -> None:
    """How robust is the ranking: Monte Carlo weights and scores, critical weights."""
    from partnerfit.output import message

    n = int(_parse_number("--samples", samples, int))
    s = int(_parse_number("--seed", seed, int))
    k = None if concentration is None else _parse_number("--concentration", concentration, float)
    from partnerfit.engine.methods import ScoringError
    from partnerfit.output import console
    from partnerfit.sensitivity import UnsupportedError, analyse, validate_options

    try:
        validate_options(n, s, k, uninformed, weights, scores)
    except ValueError as exc:
        message(f"error: {exc}")
        _fail()
    _require_output_folder(output)
    pool = _load_pool(candidates, criteria, method)
    errors = console(stderr=True)
    try:
        run = functools.partial(
            analyse,
            pool,
            samples=n,
            seed=s,
            concentration=k,
            uninformed=uninformed,
            weights=weights,
            scores=scores,
            critical=critical,
            critical_criteria=per_criterion,
        )
        if errors.is_terminal:
            from rich.progress import Progress

            with Progress(console=errors, transient=True) as bar:
                task = bar.add_task("sampling", total=n)
                result = run(progress=lambda done: bar.update(task, completed=done))
        else:
            result = run()
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
    candidates: CandidatesArgument,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the HTML page to this file (atomically). Without it the page goes to "
            "stdout, which must not be a terminal.",
        ),
    ] = None,
    criteria: CriteriaOption = None,
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
    method: MethodOption = None,
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
    _require_output_folder(output)  # say so before minutes of sampling
    from partnerfit.render import html_report
    from partnerfit.report import build_report, rank_acceptability

    pool = _load_pool(candidates, criteria, method)
    evaluation = _evaluate(pool)
    acceptability, skipped = None, None
    if sensitivity:
        from partnerfit.engine.methods import ScoringError
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
    _print_warnings(evaluation)  # also in the page's Notes; as `score` prints them


def main() -> None:
    """Console-script entry point."""
    app()
