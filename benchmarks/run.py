"""partnerfit benchmarks: each figure beside its baseline, measured in the same run.

    .venv/bin/python benchmarks/run.py            # full figures (about a minute)
    .venv/bin/python benchmarks/run.py --quick    # small sizes, few repeats (CI)
    .venv/bin/python benchmarks/run.py --only scoring   # one section

Targets (docs/performance.md) are printed beside the ratios but never asserted:
timings belong here, not in tests.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from partnerfit.engine.pipeline import run_pipeline  # noqa: E402
from partnerfit.engine.problem import Problem  # noqa: E402
from partnerfit.engine.scoring import competition_ranks  # noqa: E402
from partnerfit.models import Stage  # noqa: E402

EXAMPLE = REPO / "examples" / "apac-medtech-entry" / "candidates.yaml"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs, in seconds (the least disturbed run)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(label: str, seconds: float, baseline: float, target: float | None) -> None:
    ratio = seconds / baseline
    verdict = ""
    if target is not None:
        verdict = f"target <= {target:g}x: {'met' if ratio <= target else 'MISSED'}"
    print(f"  {label:<50} {seconds * 1000:9.1f} ms  {ratio:5.2f}x  {verdict}")


def interleaved_medians(commands: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median wall time of each command over `rounds` rounds; every round runs each command
    once, in a new order (seeded), so that a shift in the machine's load falls on all of
    them alike instead of on whichever ran last."""
    import random

    order = random.Random(2026)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        names = list(commands)
        order.shuffle(names)
        for name in names:
            start = time.perf_counter()
            commands[name]()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def cold_start(repeat: int) -> None:
    """Cold `partnerfit score` beside the bare import and beside the floor of the stack.

    The partnerfit rows are timed twice: as run from the source tree (an editable install;
    where PYTHONDONTWRITEBYTECODE is set, as on the CI machine, every run compiles
    partnerfit's modules again, while numpy and yaml run from the bytecode pip wrote), and
    from a compiled copy of the same source, as `pip install .` (the README's command)
    leaves it. The target applies to both."""
    print(f"Cold start (median of {repeat} rounds, a new process each time, interleaved):")
    python = sys.executable
    script = str(Path(python).with_name("partnerfit"))
    env = {**os.environ, "COLUMNS": "100"}

    def run(args: list[str], run_env: dict[str, str] = env) -> Callable[[], object]:
        return lambda: subprocess.run(args, check=True, capture_output=True, env=run_env, cwd=REPO)

    json_args = ["score", str(EXAMPLE), "--format", "json"]
    floor = [python, str(REPO / "benchmarks" / "stack_floor.py")]
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(
            REPO / "src" / "partnerfit",
            Path(folder) / "partnerfit",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        compileall.compile_dir(folder, quiet=1)
        compiled = {**env, "PYTHONPATH": folder}
        commands = {
            "baseline": run([python, "-c", "import numpy, yaml"]),
            "floor": run([*floor, "typer", *json_args[1:]]),
            "floor, argparse": run([*floor, "argparse", *json_args[1:]]),
        }
        for note, run_env in (("", env), (", bytecode", compiled)):
            commands[f"json{note}"] = run([script, *json_args], run_env)
            commands[f"table{note}"] = run([script, *json_args[:2]], run_env)
            commands[f"version{note}"] = run([script, "--version"], run_env)
        medians = interleaved_medians(commands, repeat)
    baseline = medians["baseline"]
    label = 'baseline: python -c "import numpy, yaml"'
    print(f"  {label:<50} {baseline * 1000:9.1f} ms  1.00x")
    row("stack floor: + typer, pydantic (stack_floor.py)", medians["floor"], baseline, None)
    row(
        "stack floor without typer (argparse, pydantic)", medians["floor, argparse"], baseline, None
    )
    for note in ("", ", bytecode"):
        row(f"partnerfit score EXAMPLE --format json{note}", medians[f"json{note}"], baseline, 2.5)
        row(f"partnerfit score EXAMPLE (table){note}", medians[f"table{note}"], baseline, None)
        row(f"partnerfit --version{note}", medians[f"version{note}"], baseline, None)


def synthetic_problem(n: int, m: int, seed: int = 7) -> Problem:
    """n candidates x m criteria in 4 dimensions: ratings, bounded and unbounded measures."""
    rng = np.random.default_rng(seed)
    kind = np.array([i % 3 == 2 for i in range(m)], dtype=np.int64)  # every third a measure
    values = np.where(kind == 1, rng.uniform(0, 1000, (n, m)), rng.integers(1, 6, (n, m)))
    low = np.where(kind == 1, np.nan, 1.0)
    high = np.where(kind == 1, np.nan, 5.0)
    return Problem(
        candidate_ids=tuple(f"c{i}" for i in range(n)),
        item_ids=tuple(f"k{j}" for j in range(m)),
        values=values.astype(np.float64),
        kind=kind,
        benefit=np.array([j % 4 != 3 for j in range(m)]),
        low=low,
        high=high,
        missing=np.zeros(m, dtype=np.int64),
        n_criteria=m,
        dimension_ids=("d0", "d1", "d2", "d3"),
        dimension_weights=np.array([4.0, 3.0, 2.0, 1.0]),
        dimension_of=np.arange(m, dtype=np.int64) % 4,
        criterion_weights=rng.uniform(1, 10, m),
    )


def bare_numpy(problem: Problem) -> np.ndarray:
    """The same maths written directly: normalise over bounds (min-max where unbounded),
    invert cost columns, one weighted sum with the effective weights, competition ranks."""
    x = problem.values
    low = np.where(np.isnan(problem.low), x.min(axis=0), problem.low)
    high = np.where(np.isnan(problem.high), x.max(axis=0), problem.high)
    s = (x - low) / (high - low) * 100.0
    s = np.where(problem.benefit, s, 100.0 - s)
    dim_w = problem.dimension_weights / problem.dimension_weights.sum()
    sums = np.bincount(problem.dimension_of, weights=problem.criterion_weights)
    w = problem.criterion_weights / sums[problem.dimension_of] * dim_w[problem.dimension_of]
    totals = np.round(s @ w, 6)
    return competition_ranks(totals)


def engine(sizes: list[int], repeat: int) -> None:
    stage = Stage(id="score", method="weighted_sum")
    for n in sizes:
        problem = synthetic_problem(n, 20)
        # the engine and the bare version must agree before their times are compared
        outcome = run_pipeline(problem, [stage])
        assert np.array_equal(outcome.final_ranks, bare_numpy(problem))
        print(f"Engine, {n:,} candidates x 20 criteria (best of {repeat}):")
        matmul = best_of(lambda p=problem: p.values @ p.criterion_weights, repeat)
        bare = best_of(lambda p=problem: bare_numpy(p), repeat)
        print(f"  {'baseline: bare numpy normalise+sum+rank':<50} {bare * 1000:9.1f} ms  1.00x")
        row("for scale: values @ weights alone", matmul, bare, None)
        row(
            "partnerfit engine (run_pipeline)",
            best_of(lambda p=problem: run_pipeline(p, [stage]), repeat),
            bare,
            3.0 if n >= 100_000 else None,
        )


def scoring(quick: bool) -> None:
    """The foundation: cold start and the engine against bare numpy."""
    cold_start(repeat=3 if quick else 25)
    engine([1_000, 10_000] if quick else [10_000, 100_000], repeat=3 if quick else 15)


def _explain_field(folder: Path, n: int, m: int, seed: int) -> Path:
    """A candidates file of n candidates x m ratings and measures in two stages (a
    shortlist of n // 10), written as JSON-style YAML: the input of explain and diff."""
    import json

    rng = np.random.default_rng(seed)
    criteria = [
        {"id": f"k{j}", "weight": int(rng.integers(1, 10))}
        | ({"kind": "measure"} if j % 3 == 2 else {})
        for j in range(m)
    ]
    dims = [{"id": f"d{d}", "weight": 4 - d, "criteria": criteria[d::4]} for d in range(4)]
    body = {
        "partnerfit": 1,
        "kind": "criteria",
        "id": "bench",
        "dimensions": dims,
        "stages": [
            {"id": "long", "dimensions": ["d0", "d1"], "shortlist": {"top": max(2, n // 10)}},
            {"id": "short"},
        ],
    }
    (folder / "criteria.yaml").write_text(json.dumps(body), encoding="utf-8")
    rows = [
        {
            "id": f"c{i}",
            "scores": {
                f"k{j}": float(rng.uniform(0, 1000)) if j % 3 == 2 else int(rng.integers(1, 6))
                for j in range(m)
            },
        }
        for i in range(n)
    ]
    path = folder / f"candidates-{seed}.yaml"
    doc = {"partnerfit": 1, "kind": "candidates", "criteria": "criteria.yaml", "candidates": rows}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _explain_diff_field(n: int, repeat: int) -> None:
    import json
    import tempfile

    import partnerfit
    from partnerfit.diff import diff_results
    from partnerfit.explanation import explain
    from partnerfit.render import json_format

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pools = [partnerfit.load_candidates(_explain_field(folder, n, 20, s)) for s in (1, 2)]
    pool = pools[0]
    benefit = {c.id: c.direction != "cost" for c in pool.criteria.criteria()}
    evaluation = partnerfit.evaluate(pool)
    first = evaluation.candidates[0].id
    cut = next(c.id for c in evaluation.candidates if c.status != "ranked")
    print(f"explain and diff, {n:,} candidates x 20 criteria, 2 stages (best of {repeat}):")
    scoring = best_of(lambda: partnerfit.evaluate(pool), repeat)
    print(f"  {'baseline: evaluate (scoring the field)':<50} {scoring * 1000:9.1f} ms  1.00x")
    row(
        "explain the leader --vs one cut at the shortlist",
        best_of(lambda: explain(evaluation, first, versus=cut, benefit=benefit), repeat),
        scoring,
        1.0,
    )
    texts = [json_format.render(partnerfit.evaluate(p)) for p in pools]
    parse = best_of(lambda: [json.loads(t) for t in texts], repeat)
    docs = [json.loads(t) for t in texts]
    print(f"  {'baseline: json.loads of the two results':<50} {parse * 1000:9.1f} ms  1.00x")
    row("diff_results of the two results", best_of(lambda: diff_results(*docs), repeat), parse, 2.0)


TYPER_FLOOR = """
import enum, pathlib, typer
class F(enum.StrEnum):
    table = "table"
    json = "json"
app = typer.Typer()
@app.command()
def diff(old: pathlib.Path, new: pathlib.Path, top: int | None = None, format: F = F.table):
    pass
app()
"""


def explain_diff(quick: bool) -> None:
    """explain and diff: cold start, and their cost beside scoring and JSON parsing."""
    repeat = 3 if quick else 10
    python = sys.executable
    script = str(Path(python).with_name("partnerfit"))
    env = {**os.environ, "COLUMNS": "100"}
    old = str(REPO / "tests" / "golden" / "diff-old.json")
    new = str(REPO / "tests" / "golden" / "diff-new.json")

    def run(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(args, check=False, capture_output=True, env=env, cwd=REPO)

    print("Cold start (median of runs, new process each time):")
    # typer (0.29) coerces every command's arguments through pydantic: a bare typer command
    # with two path arguments and an enum option is the floor of any partnerfit command
    floor = median_of(run([python, "-c", TYPER_FLOOR, old, new]), repeat)
    label = "baseline: bare typer command, same arguments"
    print(f"  {label:<50} {floor * 1000:9.1f} ms  1.00x")
    row(
        "partnerfit diff OLD NEW --format json",
        median_of(run([script, "diff", old, new, "--format", "json"]), repeat),
        floor,
        1.3,
    )
    table = median_of(run([script, "score", str(EXAMPLE)]), repeat)
    print(f"  {'baseline: partnerfit score EXAMPLE (table)':<50} {table * 1000:9.1f} ms  1.00x")
    row(
        "partnerfit explain EXAMPLE hoshikawa --vs qinglu",
        median_of(run([script, "explain", str(EXAMPLE), "hoshikawa", "--vs", "qinglu"]), repeat),
        table,
        1.2,
    )
    for n in [500] if quick else [2_000, 10_000]:
        _explain_diff_field(n, repeat)


def check(quick: bool) -> None:
    """partnerfit check over a folder of criteria files, cold, against yamllint and a bare parse."""
    import shutil
    import tempfile

    n = 20 if quick else 200
    repeat = 1 if quick else 7
    source = (REPO / "criteria" / "strategic-alliance.yaml").read_text(encoding="utf-8")
    python = sys.executable
    bin_dir = Path(python).parent
    env = {**os.environ, "COLUMNS": "100"}
    with tempfile.TemporaryDirectory() as folder:
        for i in range(n):
            text = source.replace("id: strategic-alliance", f"id: strategic-alliance-{i}", 1)
            Path(folder, f"set-{i:03}.yaml").write_text(text, encoding="utf-8")

        def run(args: list[str], ok: tuple[int, ...] = (0,)) -> Callable[[], object]:
            def go() -> None:
                done = subprocess.run(args, capture_output=True, env=env, cwd=REPO)
                assert done.returncode in ok, done.stdout.decode() + done.stderr.decode()

            return go

        parse = (
            "import glob, sys, yaml\n"
            "loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
            "for f in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
            "    yaml.load(open(f, encoding='utf-8'), Loader=loader)\n"
        )
        print(f"partnerfit check, {n} criteria files, cold process (median of {repeat}):")
        bare = median_of(run([python, "-c", parse, folder]), repeat)
        label = "baseline: bare YAML parse (PyYAML CSafeLoader)"
        print(f"  {label:<50} {bare * 1000:9.1f} ms  1.00x")
        yamllint = shutil.which("yamllint", path=str(bin_dir))
        lint_time = None
        if yamllint is None:
            print("  yamllint: not installed (pip install -e '.[bench]')")
        else:
            # yamllint exits 1 on style findings (long lines in the bundled set): timed all the same
            lint_time = median_of(run([yamllint, "-f", "parsable", folder], ok=(0, 1)), repeat)
            row("yamllint (default rules)", lint_time, bare, None)
        ours = median_of(run([str(bin_dir / "partnerfit"), "check", folder]), repeat)
        row("partnerfit check FOLDER", ours, bare, None)
        if lint_time is not None:
            ratio = ours / lint_time
            verdict = "met" if ratio < 1 else "MISSED"
            print(
                f"  {'partnerfit check vs yamllint':<50} {'':>12}  {ratio:5.2f}x  "
                f"target < 1x: {verdict}"
            )
        one = str(REPO / "criteria" / "strategic-alliance.yaml")
        print(f"Start-up, one criteria file, cold process (median of {repeat}):")
        imports = median_of(run([str(bin_dir / "partnerfit"), "--version"]), repeat)
        label = "baseline: partnerfit --version (typer start-up)"
        print(f"  {label:<50} {imports * 1000:9.1f} ms  1.00x")
        row(
            "partnerfit check ONE_FILE",
            median_of(run([str(bin_dir / "partnerfit"), "check", one]), repeat),
            imports,
            None,
        )


def methods(quick: bool) -> None:
    """Decision methods against hand-written numpy, pymcdm and scikit-criteria."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import methods as section  # the libraries are imported there only

    section.section(quick, best_of)


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated while `fn` runs (numpy reports its buffers to tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bare_sensitivity(problem: Problem, samples: int, block: int, seed: int = 1) -> np.ndarray:
    """The least a Monte Carlo rank analysis must do, in bare numpy: normalise once, then
    per block of samples draw Dirichlet weights, one (samples x criteria) @ (criteria x
    candidates) product and a rank per sample, and count the ranks."""
    x = problem.values
    low = np.where(np.isnan(problem.low), x.min(axis=0), problem.low)
    high = np.where(np.isnan(problem.high), x.max(axis=0), problem.high)
    s = (x - low) / (high - low) * 100.0
    s = np.where(problem.benefit, s, 100.0 - s)
    dim_w = problem.dimension_weights / problem.dimension_weights.sum()
    sums = np.bincount(problem.dimension_of, weights=problem.criterion_weights)
    w = problem.criterion_weights / sums[problem.dimension_of] * dim_w[problem.dimension_of]
    n = x.shape[0]
    counts = np.zeros(n * (n + 1), dtype=np.int64)
    rng = np.random.default_rng(seed)
    for start in range(0, samples, block):
        size = min(block, samples - start)
        weights = rng.dirichlet(50.0 * w, size=size)
        totals = weights @ s.T
        order = np.argsort(-totals, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(1, n + 1), axis=1)
        counts += np.bincount((ranks + np.arange(n) * (n + 1)).ravel(), minlength=counts.size)
    return counts.reshape(n, n + 1)


def sensitivity(quick: bool) -> None:
    """Monte Carlo weights through a scoring stage with a shortlist, against bare numpy."""
    from partnerfit.engine.batched import plan, stated_weights
    from partnerfit.models import Shortlist
    from partnerfit.sensitivity.sampling import DEFAULT_CONCENTRATION, WeightModel
    from partnerfit.sensitivity.simulation import block_size, simulate

    samples, n, m = (1_000, 200, 20) if quick else (10_000, 1_000, 20)
    repeat = 3 if quick else 5
    problem = synthetic_problem(n, m)
    stage = Stage(id="score", method="weighted_sum", shortlist=Shortlist(top=n // 10))
    the_plan = plan(problem, [stage])
    shares, within = stated_weights(problem)
    model = WeightModel(shares, within, problem.dimension_of, DEFAULT_CONCENTRATION)
    block = block_size(problem, the_plan, jitter=False)

    def ours() -> object:
        return simulate(the_plan, samples=samples, seed=1, weights=model, scores=None, block=block)

    def bare() -> object:
        return bare_sensitivity(problem, samples, block)

    print(
        f"Sensitivity, {samples:,} weight samples x {n:,} candidates x {m} criteria, "
        f"one scoring stage with a top-{n // 10} shortlist (blocks of {block}; best of {repeat}, "
        "alternating):"
    )
    # alternate the two so that a burst of load on the (shared) machine hits both alike
    base, mine = float("inf"), float("inf")
    for _ in range(repeat):
        base = min(base, best_of(bare, 1))
        mine = min(mine, best_of(ours, 1))
    print(f"  {'baseline: bare numpy (matmul + rank per sample)':<50} {base * 1000:9.1f} ms  1.00x")
    # the target is set for the full size; quick mode only checks that the section runs
    row("partnerfit sensitivity (simulate)", mine, base, None if quick else 2.0)
    mib = 2**20
    bare_peak, our_peak = peak_memory(bare) / mib, peak_memory(ours) / mib
    print(f"  {'peak memory, bare numpy':<50} {bare_peak:9.1f} MiB")
    verdict = "" if quick else f"  target < 1024 MiB: {'met' if our_peak < 1024 else 'MISSED'}"
    print(f"  {'peak memory, partnerfit':<50} {our_peak:9.1f} MiB{verdict}")


def relational_pool(n: int, seed: int = 11) -> tuple[object, tuple[object, ...]]:
    """A criteria set with every computed kind plus 20 rated criteria, our profile and n
    candidates: 30 capabilities each from a 400-name vocabulary, 50 needs, 8 culture
    dimensions, 10 objectives from 40, revenue and a two-item proposal."""
    from partnerfit.models import Candidate, CriteriaSet, LedgerItem, Profile, Proposal, Score

    rng = np.random.default_rng(seed)
    names = [f"capability {j}" for j in range(400)]
    goals = [f"objective {j}" for j in range(40)]
    dims = [f"dim{k}" for k in range(8)]
    rated = [{"id": f"k{j}", "weight": 1 + j % 5} for j in range(20)]
    computed = [
        {"id": "coverage", "kind": "coverage"},
        {"id": "overlap", "kind": "overlap"},
        {"id": "alignment", "kind": "alignment"},
        {"id": "similarity", "kind": "similarity"},
        {"id": "ratio", "kind": "ratio", "of": "revenue", "band": [0.5, 2]},
        {"id": "balance", "kind": "balance"},
    ]
    criteria = CriteriaSet.model_validate(
        {
            "partnerfit": 1,
            "kind": "criteria",
            "id": "bench",
            "culture": {"dimensions": [{"id": d, "tolerance": 0.5} for d in dims]},
            "dimensions": [
                {"id": "rated", "criteria": rated},
                {"id": "relational", "criteria": computed},
            ],
        }
    )
    profile = Profile(
        needs={names[j]: float(1 + j % 3) for j in range(50)},
        strengths=names[350:370],
        objectives=goals[:8],
        culture=dict.fromkeys(dims, 3.0),
        financials={"revenue": 100.0},
    )
    picks = np.argsort(rng.random((n, 400)), axis=1)[:, :30]
    goal_picks = np.argsort(rng.random((n, 40)), axis=1)[:, :10]
    culture = rng.integers(1, 6, (n, 8)).astype(float)
    revenue = rng.lognormal(4.6, 1.2, n)
    ratings = rng.integers(1, 6, (n, 20)).astype(float)
    give, receive = rng.uniform(0.1, 5, (2, n))
    candidates = tuple(
        Candidate.model_construct(
            id=f"c{i}",
            name=None,
            type=None,
            description=None,
            scores={f"k{j}": Score.model_construct(value=ratings[i, j]) for j in range(20)},
            capabilities=[names[j] for j in picks[i]],
            objectives=[goals[j] for j in goal_picks[i]],
            culture={d: Score.model_construct(value=culture[i, k]) for k, d in enumerate(dims)},
            financials={"revenue": Score.model_construct(value=revenue[i])},
            attributes={},
            proposal=Proposal.model_construct(
                we_give=[LedgerItem.model_construct(item="a", value=give[i])],
                we_receive=[LedgerItem.model_construct(item="b", value=receive[i])],
            ),
        )
        for i in range(n)
    )
    return (criteria, profile), candidates


def relational(quick: bool) -> None:
    """Computed criteria against the foundation's rated-only engine on the same field."""
    from partnerfit.engine.fit import compute_fit
    from partnerfit.relational import alignment, balance, coverage, overlap, ratio, similarity

    n = 2_000 if quick else 100_000
    repeat = 3 if quick else 15
    (criteria, profile), candidates = relational_pool(n)
    stage = Stage(id="score", method="weighted_sum")
    rated_set = criteria.model_copy(update={"dimensions": criteria.dimensions[:1]})  # type: ignore[attr-defined]
    rated_only = Problem.build(rated_set, candidates)  # type: ignore[arg-type]
    foundation = synthetic_problem(n, 20)
    fit = compute_fit(criteria, profile, candidates)  # type: ignore[arg-type]
    with_fit = Problem.build(criteria, candidates, fit.values)  # type: ignore[arg-type]
    assert with_fit.values.shape == (n, 26) and not np.isnan(with_fit.values).any()

    caps = fit.capabilities
    assert caps is not None and fit.culture_values is not None and fit.our_culture is not None
    need = np.zeros(caps.matrix.shape[1])
    need[:50] = fit.results["coverage"].need_importance
    strengths = np.zeros(caps.matrix.shape[1], dtype=bool)
    strengths[fit.results["overlap"].strength_indices] = True
    revenue = fit.financials["revenue"]
    goals = fit.objectives
    assert goals is not None
    ours = np.zeros(goals.matrix.shape[1], dtype=bool)
    ours[fit.results["alignment"].objective_indices] = True
    ledgers = fit.results["balance"]

    def formulas() -> None:
        coverage(caps.matrix, need)
        overlap(caps.matrix, strengths)
        alignment(goals.matrix, ours)
        similarity(fit.culture_values, fit.our_culture, np.full(8, 4.0), np.full(8, 0.5))
        ratio(revenue, 100.0, (0.5, 2.0))
        balance(ledgers.we_give, ledgers.we_receive)

    print(
        f"Relational fit, {n:,} candidates: 30 capabilities each of 400 names, 50 needs, "
        f"8 culture dimensions (best of {repeat}):"
    )
    # Interleaved: each round times every variant once, so load from other processes on
    # a shared machine hits them alike; the best round of each is kept.
    best = interleaved(
        {
            "rated": lambda: run_pipeline(rated_only, [stage]),
            "foundation": lambda: run_pipeline(foundation, [stage]),
            "formulas": formulas,
            "engine": lambda: run_pipeline(with_fit, [stage]),
            "both": lambda: (formulas(), run_pipeline(with_fit, [stage])),
        },
        repeat,
    )
    # The target compares with the foundation's engine benchmark (synthetic 20 criteria,
    # continuous values); the same field's 20 integer ratings tie often, which makes their
    # ranking sort cheaper, so that figure is shown for reference only.
    base = best["foundation"]
    label = "baseline: foundation engine, 20 criteria"
    print(f"  {label:<50} {base * 1000:9.1f} ms  1.00x")
    row("rated-only engine, this field (20 ratings)", best["rated"], base, None)
    row("the 6 computed formulas alone", best["formulas"], base, None)
    row("engine with the 6 computed columns added", best["engine"], base, None)
    row(
        "computed kinds + engine (target: adds < 2x)",
        best["both"],
        base,
        2.0 if not quick else None,
    )
    print("  Load side, once per file (Python-level encoding of the name lists):")
    load = interleaved(
        {
            "build": lambda: Problem.build(rated_set, candidates),  # type: ignore[arg-type]
            "fit": lambda: compute_fit(criteria, profile, candidates),  # type: ignore[arg-type]
        },
        repeat if quick else 3,
    )
    label = "baseline: Problem.build of the 20 ratings"
    print(f"  {label:<50} {load['build'] * 1000:9.1f} ms  1.00x")
    row("compute_fit (encode names + all 6 formulas)", load["fit"], load["build"], None)


def interleaved(variants: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best wall time of each variant over `repeat` rounds that run every variant once."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, fn in variants.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: min(t) for name, t in times.items()}


def synthetic_candidates(folder: Path, n: int, m: int, seed: int = 7) -> Path:
    """A candidates file of n candidates x m ratings in 4 dimensions, with an inline set of
    three stages (a gate, a shortlisting desk review, a final stage), evidence on half the
    scores and a confidence on a third: the shape of a real report, at scale."""
    rng = np.random.default_rng(seed)
    dims = [[f"k{j}" for j in range(m) if j % 4 == d] for d in range(4)]
    lines = ["partnerfit: 1", "kind: candidates", "criteria:", "  partnerfit: 1"]
    lines += ["  kind: criteria", "  id: bench", "  name: Benchmark set", "  dimensions:"]
    for d, ids in enumerate(dims):
        lines.append(f"    - id: d{d}")
        lines.append(f"      weight: {4 - d}")
        lines.append("      criteria:")
        lines += [f"        - {{id: {k}, guide: {{1: poor, 3: fair, 5: strong}}}}" for k in ids]
    lines += ["  facts: [{id: clear}]", "  stages:"]
    lines += ["    - {id: screen, gates: [{criterion: clear, equals: true}]}"]
    lines += ["    - {id: desk, dimensions: [d0, d1], shortlist: {top: 50}}"]
    lines += ["    - {id: final, method: weighted_sum}", "candidates:"]
    values = rng.integers(1, 6, (n, m))
    for i in range(n):
        scores = [f"clear: {'false' if i % 10 == 9 else 'true'}"]
        for j in range(m):
            v = int(values[i, j])
            if (i + j) % 2:
                scores.append(f"k{j}: {v}")
            else:
                conf = ", confidence: low" if (i + j) % 3 == 0 else ""
                scores.append(f'k{j}: {{value: {v}, evidence: "note {i}-{j}"{conf}}}')
        lines.append(f"  - {{id: c{i}, name: Candidate {i}, scores: {{{', '.join(scores)}}}}}")
    path = folder / "candidates.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def report_commands(repeat: int) -> None:
    """The bundled example end to end, a new process each time, against `score --format json`."""
    import tempfile

    print(f"partnerfit report EXAMPLE, new process each time (median of {repeat}):")
    script = str(Path(sys.executable).with_name("partnerfit"))
    env = {**os.environ, "COLUMNS": "100"}
    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "report.html")

        def run(args: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(args, check=True, capture_output=True, env=env, cwd=REPO)

        baseline = median_of(run([script, "score", str(EXAMPLE), "--format", "json"]), repeat)
        label = "baseline: score EXAMPLE --format json"
        print(f"  {label:<50} {baseline * 1000:9.1f} ms  1.00x")
        base = [script, "report", str(EXAMPLE), "-o", target]
        row(
            "report --no-sensitivity",
            median_of(run([*base, "--no-sensitivity"]), repeat),
            baseline,
            None,
        )
        row("report (10,000 weight samples)", median_of(run(base), repeat), baseline, None)


def report(quick: bool) -> None:
    """The HTML report against the JSON renderer of the same evaluation."""
    import tempfile

    from partnerfit.evaluation import evaluate
    from partnerfit.inputs import load_candidates
    from partnerfit.render import html_report, json_format
    from partnerfit.report import build_report

    repeat = 3 if quick else 5
    report_commands(repeat=1 if quick else 9)
    for n in [200] if quick else [1_000, 10_000]:
        with tempfile.TemporaryDirectory() as folder:
            pool = load_candidates(synthetic_candidates(Path(folder), n, 20))
        evaluation = evaluate(pool)
        print(f"Report of {n:,} candidates x 20 criteria, 50 finalists (best of {repeat}):")
        baseline = best_of(lambda e=evaluation: json_format.render(e), repeat)
        print(f"  {'baseline: score --format json renderer':<50} {baseline * 1000:9.1f} ms  1.00x")
        page = html_report.render(build_report(evaluation, pool.criteria))
        row(
            f"build_report + html_report.render ({len(page) // 1024:,} KiB)",
            best_of(
                lambda e=evaluation, c=pool.criteria: html_report.render(build_report(e, c)),
                repeat,
            ),
            baseline,
            2.0 if n >= 10_000 else None,
        )


SECTIONS: dict[str, Callable[[bool], None]] = {
    # name -> section(quick); each prints its figures beside a baseline of the same run.
    "scoring": scoring,
    "explain_diff": explain_diff,
    "check": check,
    "methods": methods,
    "sensitivity": sensitivity,
    "relational": relational,
    "report": report,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI)")
    parser.add_argument(
        "--only", action="append", choices=sorted(SECTIONS), help="run only this section"
    )
    args = parser.parse_args()
    mode = " (quick mode)" if args.quick else ""
    python = sys.version.split()[0]
    print(f"partnerfit benchmarks{mode}; python {python}, numpy {np.__version__}")
    for name in args.only or list(SECTIONS):
        print(f"\n[{name}]")
        SECTIONS[name](args.quick)


if __name__ == "__main__":
    main()
