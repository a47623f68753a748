"""`partnerfit report`: sections hold the evaluation's numbers, text is escaped, bytes are
stable, the file is written atomically, bad input writes nothing."""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from partnerfit.evaluation import Evaluation, evaluate
from partnerfit.inputs import load_candidates
from partnerfit.models import CriteriaSet, Shortlist, Stage
from partnerfit.render import html_outcome, html_report, html_robustness
from partnerfit.render.svg_charts import (
    acceptability_chart,
    funnel_chart,
    n,
    rank_colours,
    share_label,
)
from partnerfit.report import (
    AcceptabilityRow,
    RankAcceptability,
    build_report,
    evidence_profile,
    is_low_confidence,
    rank_acceptability,
    stage_funnel,
)
from partnerfit.sensitivity import analyse
from report_html import parse

EXAMPLE = "examples/apac-medtech-entry/candidates.yaml"
HOSTILE = "tests/fixtures/report/candidates.yaml"
SMALL = "tests/fixtures/valid/candidates.yaml"


def evaluation_of(path: str) -> tuple[Evaluation, str]:
    pool = load_candidates(REPO / path)
    evaluation = evaluate(pool)
    return evaluation, html_report.render(build_report(evaluation, pool.criteria))


@pytest.fixture(scope="module")
def example() -> tuple[Evaluation, str]:
    return evaluation_of(EXAMPLE)


@pytest.fixture(scope="module")
def hostile() -> tuple[Evaluation, str]:
    return evaluation_of(HOSTILE)


@pytest.mark.parametrize("path", [EXAMPLE, HOSTILE, SMALL])
def test_funnel_counts_are_the_stage_summaries(path: str) -> None:
    evaluation, page = evaluation_of(path)
    rows = {r.attrs["data-stage"]: r.cells for r in parse(page).tables["funnel"]}
    assert list(rows) == [s.id for s in evaluation.stages]
    for stage, f in zip(evaluation.stages, stage_funnel(evaluation), strict=True):
        _, _, entered, passed, gates, shortlist, incomplete = rows[stage.id]
        assert (int(entered), int(passed)) == (stage.entered, stage.passed)
        assert int(gates) + int(shortlist) == stage.eliminated
        assert int(incomplete) == stage.incomplete
        assert stage.entered - stage.passed == f.left
        # each leaver's reasons are its reasons in this stage
        for leaver in [*f.gate_failed, *f.not_shortlisted, *f.incomplete]:
            assert leaver.candidate.stage_reached == stage.id
            assert leaver.reasons and all(r.stage == stage.id for r in leaver.reasons)


def test_funnel_sorts_each_way_of_leaving(hostile: tuple[Evaluation, str]) -> None:
    evaluation, _ = hostile
    by_stage = {f.stage.id: f for f in stage_funnel(evaluation)}
    ids = lambda leavers: sorted(x.candidate.id for x in leavers)  # noqa: E731
    assert ids(by_stage["screen"].gate_failed) == ["eagle", "grant"]
    assert ids(by_stage["screen"].incomplete) == ["fisher"]  # a gate could not be tested
    assert ids(by_stage["desk"].not_shortlisted) == ["carter"]
    assert ids(by_stage["desk"].incomplete) == ["dawson"]  # a score the stage needs is missing
    assert by_stage["final"].left == 0


def test_funnel_chart_bars_are_proportional_to_the_counts(example: tuple[Evaluation, str]) -> None:
    evaluation, page = example
    chart = parse(page)
    rects = [
        el.attrs
        for el in chart.elements
        if el.tag == "rect" and el.attrs.get("fill") in ("#2f5d8a", "#c62828", "#d99a00")
    ]
    first = evaluation.stages[0]
    unit = 400.0 / first.entered
    moved = [r for r in rects if r["fill"] == "#2f5d8a"]
    assert [float(r["width"]) for r in moved[: len(evaluation.stages)]] == [
        float(n(s.passed * unit)) for s in evaluation.stages
    ]


def test_ranking_rows_are_the_ranked_candidates(example: tuple[Evaluation, str]) -> None:
    evaluation, page = example
    rows = parse(page).tables["ranking"]
    assert [r.attrs["data-id"] for r in rows] == [c.id for c in evaluation.ranked]
    final = next(s for s in reversed(evaluation.stages) if s.method is not None)
    for row, c in zip(rows, evaluation.ranked, strict=True):
        dims = [f"{c.dimension_scores[d]:.1f}" for d in final.dimensions]
        assert row.cells[0] == str(c.rank)
        assert row.cells[2 : 3 + len(dims)] == [*dims, f"{c.total:.1f}"]
        desk = c.stage_scores["desk_review"]
        assert row.cells[-1].startswith(f"{desk:.1f} (")
    dropped = parse(page).tables["dropped"]
    assert [r.attrs["data-id"] for r in dropped] == [
        c.id for c in evaluation.candidates if c.status != "ranked"
    ]
    for row in dropped:
        reasons = evaluation.candidate(row.attrs["data-id"]).reasons
        assert row.cells[3] == "\n".join(r.message for r in reasons)


def test_earlier_stage_ranks_agree_with_the_shortlist_messages(
    example: tuple[Evaluation, str],
) -> None:
    evaluation, page = example
    shown = {
        r.attrs["data-id"]: int(re.search(r"\((\d+)\)", r.cells[-1]).group(1))  # type: ignore[union-attr]
        for r in parse(page).tables["ranking"]
    }
    ranks = html_outcome.stage_ranks(evaluation, "desk_review")
    assert shown == {c.id: ranks[c.id] for c in evaluation.ranked}
    desk = next(s for s in evaluation.stages if s.id == "desk_review")
    assert desk.shortlist is not None and desk.shortlist.top is not None
    assert all(rank <= desk.shortlist.top for rank in shown.values())
    checked = 0
    for c in evaluation.candidates:
        for reason in c.reasons:
            if reason.code == "not_shortlisted":
                said = re.search(r"rank (\d+) of (\d+)", reason.message)
                assert said is not None
                assert int(said.group(1)) == ranks[c.id]
                assert int(said.group(2)) == len(ranks)
                checked += 1
    assert checked == desk.eliminated


def test_a_profile_per_finalist_with_bars_at_the_scores(example: tuple[Evaluation, str]) -> None:
    evaluation, page = example
    doc = parse(page)
    cards = [el.attrs["data-id"] for el in doc.elements if el.attrs.get("class") == "card"]
    assert cards == [c.id for c in evaluation.ranked]
    svgs = [el for el in doc.elements if el.tag == "svg"]
    assert sum("profile" in el.attrs["class"] for el in svgs) == len(evaluation.ranked)
    leader = evaluation.ranked[0]
    widths = [
        float(el.attrs["width"])
        for el in doc.elements
        if el.tag == "rect" and "title" not in el.attrs and el.attrs.get("height") == "16"
    ][: len(evaluation.dimension_ids)]
    final = next(s for s in reversed(evaluation.stages) if s.method is not None)
    assert widths == [float(n(leader.dimension_scores[d] * 2.0)) for d in final.dimensions]


def test_evidence_and_confidence_counts(hostile: tuple[Evaluation, str]) -> None:
    evaluation, page = hostile
    evil = evidence_profile(evaluation.candidate("evil"))
    assert evil is not None and evil.stage == "final"
    assert [s.id for s in evil.low_confidence] == ["goals", "stability"]  # "low" and 0.3
    assert evil.without_evidence == ()
    able = evidence_profile(evaluation.candidate("able"))
    assert able is not None
    assert [s.id for s in able.without_evidence] == ["reach"]
    assert [s.id for s in able.missing] == ["track"]  # missing: worst
    # hand-computed: dimensions 3:1, goals 2 and reach 1 in fit -> reach 3/4 * 1/3 = 0.25;
    # money: stability and track 1:1 -> track 1/4 * 1/2 = 0.125
    assert able.weight_without_evidence == pytest.approx(0.25)
    assert able.weight_missing == pytest.approx(0.125)
    rows = {r.attrs["data-id"]: r.cells for r in parse(page).tables["evidence"]}
    assert rows["able"][2:] == ["4", "1 (25% of weight)", "0", "1 (12% of weight)"]
    assert rows["evil"][4] == f"2 ({evil.weight_low_confidence * 100:.0f}% of weight)"
    # candidates that stopped at the screen were never scored: no row
    assert set(rows) == {"evil", "able", "baker", "carter"}
    assert rows["carter"][1] == "Desk"
    low = parse(page).tables["low-confidence"]
    assert [(r.cells[1], r.cells[3]) for r in low] == [
        ("Goals <em>alignment</em>", "low"),
        ("Stability", "0.3"),
    ]


@pytest.mark.parametrize(
    ("confidence", "low"),
    [("low", True), ("medium", False), ("high", False), (0.49, True), (0.5, False), (None, False)],
)
def test_low_confidence_threshold(confidence: str | float | None, low: bool) -> None:
    assert is_low_confidence(confidence) is low


def test_user_text_is_escaped_everywhere(hostile: tuple[Evaluation, str]) -> None:
    _, page = hostile
    doc = parse(page)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt; Evil &amp; Co" in page
    assert "&quot;&gt;&lt;img src=http://example.com/x.png&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt; aligned" in page  # a rating guide
    assert "screening &lt;not&gt; clear" in page  # a gate reason
    text = "".join(doc.text)
    assert "<script>alert('name')</script> Evil & Co" in text  # shown as written
    # the only elements are the report's own: no tag that came from the input
    tags = {el.tag for el in doc.elements}
    assert tags <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
        "code", "ul", "ol", "li", "b", "nav", "a", "abbr", "main", "section", "table", "thead",
        "tbody", "tr", "th", "td", "br", "span", "div", "svg", "rect", "text", "line",
        "footer",
    }  # fmt: skip


def test_no_remote_loads_and_a_policy_that_forbids_them(example: tuple[Evaluation, str]) -> None:
    _, page = example
    doc = parse(page)
    policy = next(
        el.attrs["content"]
        for el in doc.elements
        if el.tag == "meta" and el.attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy
    assert "'unsafe-inline'" not in policy
    # the one style sheet is admitted by its hash
    (css,) = doc.styles
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    # nothing points anywhere but inside the page; no style attributes (the policy blocks them)
    for el in doc.elements:
        for name in ("src", "href", "xlink:href", "action", "srcset", "data", "style"):
            if name in el.attrs:
                assert name == "href" and el.attrs[name].startswith("#"), (el.tag, el.attrs)
    assert not re.search(r"url\(|@import", css)


def test_criteria_section_lists_every_criterion_with_its_weights_and_guide(
    example: tuple[Evaluation, str],
) -> None:
    evaluation, page = example
    pool = load_candidates(REPO / EXAMPLE)
    rows = {r.attrs["data-criterion"]: r.cells for r in parse(page).tables["criteria"]}
    assert list(rows) == [c.id for c in pool.criteria.criteria()]
    scoring = [s for s in evaluation.stages if s.method is not None]
    for c in pool.criteria.criteria():
        cells = rows[c.id]
        for stage, cell in zip(scoring, cells[2:], strict=True):
            weight = stage.criterion_weights.get(c.id)
            assert cell == ("-" if weight is None else f"{weight * 100:.1f}%")
        for text in (c.guide or {}).values():
            assert text in cells[0]
    dims = {r.attrs["data-dimension"]: r.cells for r in parse(page).tables["dimensions"]}
    for d in pool.criteria.dimensions:
        for stage, cell in zip(scoring, dims[d.id][1:], strict=True):
            weight = stage.dimension_weights.get(d.id)
            assert cell == ("-" if weight is None else f"{weight * 100:.1f}%")


def test_disagreements_render_from_plain_rows() -> None:
    section = html_robustness.disagreements_section(
        [
            ("Able AG", "Goals", {"bo": 2.0, "al": 3.0}),
            ("<b>Evil</b>", "Reach", {"al": 1.0, "cy": 5.0, "bo": 4.0}),
        ],
        threshold=1,
    )
    rows = parse(section).tables["disagreements"]
    assert [r.cells for r in rows] == [
        ["<b>Evil</b>", "Reach", "al: 1, bo: 4, cy: 5", "4"],
        ["Able AG", "Goals", "al: 3, bo: 2", "1"],
    ]
    assert "by more than 1 " in section and "&lt;b&gt;Evil" in section
    assert "None." in html_robustness.disagreements_section([])


def test_disagreements_section_only_when_given() -> None:
    pool = load_candidates(REPO / SMALL)
    evaluation = evaluate(pool)
    plain = html_report.render(build_report(evaluation, pool.criteria))
    assert 'id="disagreements"' not in plain
    given = html_report.render(
        build_report(
            evaluation,
            pool.criteria,
            disagreements=[("alpha", "goals", {"a": 1, "b": 4})],
            disagreement_threshold=1.5,
        )
    )
    assert 'id="disagreements"' in given and 'href="#disagreements"' in given
    assert "differ by more than 1.5 " in given
    assert parse(given).tables["disagreements"][0].cells == ["alpha", "goals", "a: 1, b: 4", "3"]


def test_the_example_shows_its_assessors_disagreements(example: tuple[Evaluation, str]) -> None:
    evaluation, page = example
    names = {c.id: c.name for c in evaluation.candidates}
    expected = sorted([names[d.candidate], d.criterion, d.spread] for d in evaluation.disagreements)
    assert expected, "the bundled example has assessors who disagree"
    rows = parse(page).tables["disagreements"]
    shown = sorted([r.cells[0], r.cells[1], float(r.cells[3])] for r in rows)
    assert shown == expected
    threshold = evaluation.disagreement_threshold
    assert f"differ by more than {threshold:g} " in page


def test_acceptability_chart_and_table() -> None:
    pool = load_candidates(REPO / SMALL)
    evaluation = evaluate(pool)
    acceptability = RankAcceptability(
        samples=1000,
        seed=7,
        rows=(
            AcceptabilityRow("Alpha Ltd", (0.75, 0.25), 1.25, (1, 2)),
            AcceptabilityRow("Bravo plc", (0.2, 0.7), 1.78, (1, 2)),
        ),
    )
    page = html_report.render(build_report(evaluation, pool.criteria, acceptability=acceptability))
    rows = parse(page).tables["acceptability"]
    assert [r.cells for r in rows] == [
        ["Alpha Ltd", "75.0%", "25.0%", "0.0%", "1.25", "1-2"],
        ["Bravo plc", "20.0%", "70.0%", "10.0%", "1.78", "1-2"],
    ]
    assert "1,000 weight samples (seed 7)" in page
    chart = parse(acceptability_chart([(r.name, r.shares) for r in acceptability.rows]))
    widths = [float(el.attrs["width"]) for el in chart.elements if el.tag == "rect"][:5]
    assert widths == [315.0, 105.0, 84.0, 294.0, 42.0]  # 420 wide: 75/25, then 20/70 and 10 grey
    assert 'id="sensitivity"' not in html_report.render(build_report(evaluation, pool.criteria))


def test_chart_helpers() -> None:
    assert [share_label(x) for x in (0.5, 0.997, 1.0, 0.004, 0.0)] == [
        "50%",
        "99.7%",
        "100%",
        "0.4%",
        "0%",
    ]
    assert rank_colours(1) == ["#440154"]
    # the anchors of viridis at 0, 1/2 and 1
    assert rank_colours(3) == ["#440154", "#21918c", "#fde725"]
    assert rank_colours(5) == ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
    # 1/8 of the way: halfway between the first two anchors, halves rounded to even
    assert rank_colours(9)[1] == "#402a70"  # (64, 42, 112)
    assert n(-0.04) == "0" and n(2.0) == "2" and n(1.25) == "1.2"
    svg = funnel_chart([])
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_cli_writes_the_page(tmp_path: Path, in_repo: Path) -> None:
    target = tmp_path / "report.html"
    run = run_cli("report", EXAMPLE, "-o", str(target), "--samples", "300", "--seed", "5")
    assert run.stdout == ""
    # the run's warnings, as `score` prints them (and in the page's Notes)
    assert run.stderr == run_cli("score", EXAMPLE, "-f", "json").stderr != ""
    # the page holds the paths as given: compare with a render from the same relative path
    pool = load_candidates(EXAMPLE)
    acceptability = rank_acceptability(analyse(pool, samples=300, seed=5), pool.criteria)
    assert target.read_text(encoding="utf-8") == html_report.render(
        build_report(evaluate(pool), pool.criteria, acceptability=acceptability)
    )
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_cli_without_output_writes_html_to_a_pipe(in_repo: Path) -> None:
    run = run_cli("report", SMALL)
    assert run.stdout.startswith("<!DOCTYPE html>\n") and run.stdout.endswith("</html>\n")


def test_cli_refuses_to_write_html_on_a_terminal(in_repo: Path) -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "partnerfit", "report", SMALL],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=REPO,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert result.stderr == (
        "error: the report is an HTML page: give -o FILE (or redirect stdout to a file)\n"
    )


def test_bytes_are_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    pages = []
    for seed in ("1", "2"):
        target = tmp_path / f"r{seed}.html"
        subprocess.run(
            [sys.executable, "-m", "partnerfit", "report", HOSTILE, "-o", str(target), "-n", "300"],
            check=True,
            capture_output=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        pages.append(target.read_bytes())
    assert pages[0] == pages[1]
    assert not re.search(rb"20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d", pages[0])  # no timestamp


def test_output_into_a_missing_folder_is_refused(tmp_path: Path, in_repo: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.html"
    run = run_cli("report", EXAMPLE, "-o", str(target), expect=2)
    assert run.stdout == ""
    assert run.stderr == (
        f"error: {target}: cannot write: folder '{target.parent}' does not exist\n"
    )
    assert not target.parent.exists()


def test_bad_input_writes_nothing_and_keeps_the_old_report(tmp_path: Path, in_repo: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    run = run_cli("report", "tests/fixtures/invalid/unknown_key.yaml", "-o", str(target), expect=2)
    assert run.stderr == (
        "tests/fixtures/invalid/unknown_key.yaml:6:5: error PF101 unknown key 'nmae' "
        "(did you mean 'name'?)\n"
    )
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_output_onto_a_directory_is_refused(tmp_path: Path, in_repo: Path) -> None:
    run = run_cli("report", SMALL, "-o", str(tmp_path), expect=2)
    assert run.stderr == f"error: {tmp_path}: cannot write: is a directory\n"


def test_missing_candidates_file(in_repo: Path) -> None:
    run = run_cli("report", "no-such.yaml", "-o", "x.html", expect=2)
    assert run.stderr.startswith("no-such.yaml: error PF001 ")
    assert not (REPO / "x.html").exists()


# --- the sensitivity section, from partnerfit.sensitivity ---------------------------


@pytest.fixture(scope="module")
def analysed() -> tuple[Evaluation, object, str]:
    pool = load_candidates(REPO / EXAMPLE)
    result = analyse(pool, samples=400, seed=11)
    evaluation = evaluate(pool)
    page = html_report.render(
        build_report(
            evaluation, pool.criteria, acceptability=rank_acceptability(result, pool.criteria)
        )
    )
    return evaluation, result, page


def test_acceptability_table_is_the_analysis(analysed: tuple[Evaluation, object, str]) -> None:
    from partnerfit.sensitivity import SensitivityResult

    _, result, page = analysed
    assert isinstance(result, SensitivityResult)
    rows = parse(page).tables["acceptability"]
    ever = [c for c in result.candidates if c.unranked < 1]
    assert [r.cells[0] for r in rows] == [c.name for c in ever]
    shown = len(rows[0].cells) - 4  # candidate, ranks..., not ranked, mean, band
    # columns stop at the last rank anyone takes; nothing is cut off
    assert all(share == 0 for c in result.candidates for share in c.rank_acceptability[shown:])
    assert any(c.rank_acceptability[shown - 1] > 0 for c in ever)
    for row, c in zip(rows, ever, strict=True):
        assert row.cells[1 : 1 + shown] == [f"{x * 100:.1f}%" for x in c.rank_acceptability[:shown]]
        assert row.cells[1 + shown] == f"{c.unranked * 100:.1f}%"
        assert row.cells[-2] == f"{c.mean_rank:.2f}"
        assert c.rank_band is not None and row.cells[-1] == f"{c.rank_band[0]}-{c.rank_band[1]}"
    never = [c.name for c in result.candidates if c.unranked == 1]
    assert f"Never ranked in any sample: {', '.join(never)}." in page.replace("&amp;", "&")
    assert "400 weight samples (seed 11)" in page
    assert result.verdict is not None
    leader = next(c for c in result.candidates if c.id == result.verdict.candidate)
    assert f"{leader.name} ranks first in {result.verdict.first_rank:.1%} of samples" in page


def test_critical_weights_table_is_the_analysis(analysed: tuple[Evaluation, object, str]) -> None:
    from partnerfit.sensitivity import SensitivityResult

    _, result, page = analysed
    assert isinstance(result, SensitivityResult)
    rows = parse(page).tables["critical"]
    dims = [w for w in result.critical_weights if w.scope == "dimension"]
    assert len(rows) == len(dims) > 0
    names = {c.id: c.name for c in result.candidates}
    for row, w in zip(rows, dims, strict=True):
        assert row.cells[1] == f"{w.weight * 100:.1f}%"
        if w.critical_weight is None:
            assert row.cells[2:] == ["-", "-", "no weight changes the leader"]
        else:
            assert row.cells[2] == f"{w.critical_weight * 100:.1f}%"
            assert w.new_leader is not None and row.cells[4] == names[w.new_leader]


def test_acceptability_bars_are_the_shares(analysed: tuple[Evaluation, object, str]) -> None:
    from partnerfit.sensitivity import SensitivityResult

    _, result, page = analysed
    assert isinstance(result, SensitivityResult)
    leader = result.candidates[0]
    chart = page[page.index('<svg class="chart acceptability"') :]
    first = re.search(r'<rect x="190" y="4" width="([\d.]+)"', chart)
    assert first is not None
    assert float(first.group(1)) == float(n(leader.rank_acceptability[0] * 420))


def test_seed_and_samples_are_recorded_and_change_the_page(tmp_path: Path, in_repo: Path) -> None:
    pages = {}
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}.html"
        run_cli("report", HOSTILE, "-o", str(target), "-n", "200", "--seed", seed)
        pages[seed] = target.read_text(encoding="utf-8")
        assert f"200 weight samples (seed {seed})" in pages[seed]
    assert pages["1"] != pages["2"]


def test_no_sensitivity_leaves_the_section_out(in_repo: Path) -> None:
    page = run_cli("report", SMALL, "--no-sensitivity").stdout
    assert 'id="sensitivity"' not in page and "#sensitivity" not in page
    assert 'id="sensitivity"' in run_cli("report", SMALL, "-n", "50").stdout


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["-n", "0"], "error: --samples must be between 1 and 1000000, got 0"),
        (["-n", "-5"], "error: --samples must be between 1 and 1000000, got -5"),
        (["-n", "1000001"], "error: --samples must be between 1 and 1000000, got 1000001"),
        (["-n", "many"], "error: --samples must be an integer, got 'many'"),
        (["--seed", "-1"], "error: --seed must be between 0 and 4294967295, got -1"),
        (["--seed", "x"], "error: --seed must be an integer, got 'x'"),
    ],
)
def test_bad_sensitivity_options_are_refused_before_any_work(
    args: list[str], error: str, tmp_path: Path, in_repo: Path
) -> None:
    target = tmp_path / "report.html"
    run = run_cli("report", EXAMPLE, "-o", str(target), *args, expect=2)
    assert run.stderr == error + "\n"
    assert not target.exists()


def test_data_derived_weights_leave_the_section_out_with_the_reason(
    tmp_path: Path, in_repo: Path
) -> None:
    criteria = (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8")
    (tmp_path / "criteria.yaml").write_text(
        criteria.replace(
            "scale: {min: 1, max: 5}\n", "scale: {min: 1, max: 5}\nweighting: entropy\n"
        )
        .replace("    weight: 60\n", "")
        .replace("    weight: 40\n", ""),
        encoding="utf-8",
    )
    candidates = (REPO / SMALL).read_text(encoding="utf-8")
    (tmp_path / "candidates.yaml").write_text(candidates, encoding="utf-8")
    run = run_cli("report", str(tmp_path / "candidates.yaml"), "-n", "50")
    assert run.stderr.startswith("warning: sensitivity section left out: weights derived from ")
    assert [line.split(":")[0] for line in run.stderr.splitlines()] == ["warning", "warning"]
    assert run.stderr.splitlines()[1] == (
        "warning: bravo: 'revenue' value 150 lies outside its bounds [0, 100] and was clipped"
    )
    section = run.stdout[run.stdout.index('<section id="sensitivity">') :]
    assert section.split("</section>")[0].count("Not computed: weights derived from the data") == 1


def many_candidates(tmp_path: Path, count: int) -> Path:
    """A one-stage set (no shortlist) and `count` candidates with spread-out ratings."""
    lines = [
        "partnerfit: 1",
        "kind: candidates",
        "criteria:",
        "  partnerfit: 1",
        "  kind: criteria",
        "  id: many",
        "  dimensions:",
        "    - id: a",
        "      criteria: [{id: a1}, {id: a2}]",
        "    - id: b",
        "      criteria: [{id: b1}]",
        "candidates:",
    ]
    for i in range(count):
        a1, a2, b1 = 1 + i % 5, 1 + (i * 3) % 5, 1 + (i * 7 + 2) % 5
        lines.append(f"  - {{id: c{i:03d}, scores: {{a1: {a1}, a2: {a2}, b1: {b1}}}}}")
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_large_field_keeps_the_chart_readable(tmp_path: Path) -> None:
    from partnerfit.report import MAX_ACCEPTABILITY_ROWS, MAX_RANK_COLUMNS

    pool = load_candidates(many_candidates(tmp_path, 30))
    result = analyse(pool, samples=300, seed=4, critical=False)
    acceptability = rank_acceptability(result, pool.criteria)
    ever = [c for c in result.candidates if c.unranked < 1]
    assert len(ever) > MAX_ACCEPTABILITY_ROWS
    assert len(acceptability.rows) == MAX_ACCEPTABILITY_ROWS
    assert acceptability.more == len(ever) - MAX_ACCEPTABILITY_ROWS
    assert acceptability.lower_from == MAX_RANK_COLUMNS
    for row, c in zip(acceptability.rows, ever[:MAX_ACCEPTABILITY_ROWS], strict=True):
        assert len(row.shares) == MAX_RANK_COLUMNS
        assert row.shares[:-1] == c.rank_acceptability[: MAX_RANK_COLUMNS - 1]
        assert row.shares[-1] == pytest.approx(sum(c.rank_acceptability[MAX_RANK_COLUMNS - 1 :]))
        assert sum(row.shares) + c.unranked == pytest.approx(1.0)
    page = html_report.render(
        build_report(evaluate(pool), pool.criteria, acceptability=acceptability)
    )
    head = page[page.index('<table class="acceptability">') :].split("</thead>")[0]
    assert "Rank 9</th>" in head and "Rank 10 or lower</th>" in head and "Rank 11" not in head
    assert f"{acceptability.more} more candidates are ranked in some samples" in page


def test_earlier_stage_ranks_share_ties(tmp_path: Path) -> None:
    path = tmp_path / "ties.yaml"
    path.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria:\n  partnerfit: 1\n  kind: criteria\n"
        "  id: ties\n  dimensions:\n    - {id: a, criteria: [{id: a1}]}\n"
        "    - {id: b, criteria: [{id: b1}]}\n"
        "  stages:\n    - {id: first, dimensions: [a], shortlist: {top: 3}}\n"
        "    - {id: last, method: weighted_sum}\n"
        "candidates:\n"
        "  - {id: p, scores: {a1: 4, b1: 1}}\n  - {id: q, scores: {a1: 4, b1: 5}}\n"
        "  - {id: r, scores: {a1: 5, b1: 2}}\n  - {id: s, scores: {a1: 1, b1: 5}}\n",
        encoding="utf-8",
    )
    pool = load_candidates(path)
    page = html_report.render(build_report(evaluate(pool), pool.criteria))
    ranks = {r.attrs["data-id"]: r.cells[-1] for r in parse(page).tables["ranking"]}
    # first stage: r 100, p and q 75 (tied second), s 0 (left out by top 3)
    assert ranks == {"q": "75.0 (2)", "r": "100.0 (1)", "p": "75.0 (2)"}


def test_long_lists_are_cut_with_a_note(tmp_path: Path) -> None:
    from partnerfit.render.html_common import MAX_NAMES, MAX_ROWS

    pool = load_candidates(many_candidates(tmp_path, MAX_ROWS + 30))
    # a shortlist of 5 leaves MAX_ROWS + 25 candidates not ranked
    criteria = pool.criteria.model_copy(
        update={
            "stages": [
                pool.criteria.stages[0].model_copy(
                    update={"shortlist": Shortlist(top=5), "method": "weighted_sum"}
                ),
                Stage(id="final", method="weighted_sum"),
            ]
        }
    )
    pool = pool._replace(criteria=criteria)
    evaluation = evaluate(pool)
    others = [c for c in evaluation.candidates if c.status != "ranked"]
    page = html_report.render(build_report(evaluation, pool.criteria))
    doc = parse(page)
    assert [r.attrs["data-id"] for r in doc.tables["dropped"]] == [c.id for c in others][:MAX_ROWS]
    assert f"{len(others) - MAX_ROWS:,} more candidates not shown" in page
    assert len(doc.tables["evidence"]) == MAX_ROWS
    assert f"and {len(others) - MAX_NAMES:,} more." in page


def test_a_field_where_nobody_reaches_the_end(tmp_path: Path) -> None:
    text = (
        (REPO / SMALL)
        .read_text(encoding="utf-8")
        .replace("sanctions_clear: true", "sanctions_clear: false")
    )
    path = tmp_path / "candidates.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "criteria.yaml").write_text(
        (REPO / "tests/fixtures/valid/criteria.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    pool = load_candidates(path)
    evaluation = evaluate(pool)
    assert evaluation.ranked == ()
    acceptability = rank_acceptability(analyse(pool, samples=50, seed=1), pool.criteria)
    page = html_report.render(build_report(evaluation, pool.criteria, acceptability=acceptability))
    assert "Ranked first<b>nobody</b>" in page
    assert "No candidate was ranked." in page  # profiles
    assert "No candidate is ranked in any sample." in page
    assert 'class="chart acceptability"' not in page
    assert parse(page).tables["ranking"] == []


def test_a_tie_for_first_names_both(tmp_path: Path) -> None:
    path = tmp_path / "tie.yaml"
    path.write_text(
        "partnerfit: 1\nkind: candidates\ncriteria:\n  partnerfit: 1\n  kind: criteria\n"
        "  id: tie\n  dimensions:\n    - {id: a, criteria: [{id: a1}]}\n"
        "candidates:\n  - {id: p, name: Pat, scores: {a1: 4}}\n"
        "  - {id: q, name: Quin, scores: {a1: 4}}\n  - {id: r, name: Ray, scores: {a1: 2}}\n",
        encoding="utf-8",
    )
    pool = load_candidates(path)
    page = html_report.render(build_report(evaluate(pool), pool.criteria))
    assert "Ranked first<b>Pat and Quin</b>75.0 of 100 (tied)</li>" in page


REPORT_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "code", "ul", "ol", "li", "b", "nav", "a", "abbr", "main", "section", "table", "thead",
    "tbody", "tr", "th", "td", "br", "span", "div", "svg", "rect", "text", "line", "footer",
}  # fmt: skip


@functools.cache
def hostile_evaluation() -> tuple[Evaluation, CriteriaSet]:
    pool = load_candidates(REPO / HOSTILE)
    return evaluate(pool), pool.criteria


def cell_of(html: str) -> str:
    """A table cell's text as the test parser reads `html` inside it."""
    return parse(f"<table><tbody><tr><td>{html}</td></tr></tbody></table>").tables[""][0].cells[0]


@settings(max_examples=40, deadline=None)
@given(name=st.text(min_size=1, max_size=40), evidence=st.text(max_size=40))
def test_any_text_comes_back_as_text(name: str, evidence: str) -> None:
    """Whatever a name or an evidence says, the page has only its own elements and shows
    the text as written (as a parser reads the escaped text: the same folds apply)."""
    evaluation, criteria = hostile_evaluation()
    first = evaluation.candidates[0]
    scores = tuple(
        s._replace(evidence=evidence, confidence="low") if s.raw is not None else s
        for s in first.criteria
    )
    changed = first._replace(name=name, criteria=scores)
    evaluation = evaluation._replace(candidates=(changed, *evaluation.candidates[1:]))
    page = html_report.render(build_report(evaluation, criteria))
    doc = parse(page)
    assert {el.tag for el in doc.elements} <= REPORT_TAGS
    ranking = doc.tables["ranking"][0]
    assert ranking.attrs["data-id"] == first.id
    assert ranking.cells[1] == cell_of(escape(name) + '<br><span class="tag">channel</span>')
    low = doc.tables["low-confidence"]
    assert len(low) == sum(s.raw is not None for s in first.criteria)
    for row in low:
        assert row.cells[0] == cell_of(escape(name))
        assert row.cells[-1] == cell_of(escape(evidence or "none"))


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ([SMALL, "--criteria", "nope.yaml"], "nope.yaml: error PF001 no such file"),
        (
            ["tests/fixtures/invalid/all_weights_zero.yaml"],
            "tests/fixtures/invalid/all_weights_zero.yaml:9:15: error PF103 weight must be positive, got 0",
        ),
    ],
)
def test_bad_files_write_nothing(
    args: list[str], error: str, tmp_path: Path, in_repo: Path
) -> None:
    target = tmp_path / "report.html"
    run = run_cli("report", *args, "-o", str(target), expect=2)
    assert run.stderr.splitlines()[0] == error
    assert run.stdout == "" and not target.exists()


def test_scores_without_evidence_name_the_heaviest(example: tuple[Evaluation, str]) -> None:
    from partnerfit.render.html_robustness import HEAVIEST

    evaluation, page = example
    pool = load_candidates(REPO / EXAMPLE)
    names = {c.id: c.label for c in pool.criteria.criteria()}
    gaps = page[page.index('<ul class="gaps">') :].split("</ul>")[0]
    items = {li.split("</b>")[0]: li for li in gaps.split("<li><b>")[1:]}
    profiles = [p for c in evaluation.candidates if (p := evidence_profile(c)) is not None]
    long = [p for p in profiles if len(p.without_evidence) > HEAVIEST]
    assert long  # the example has candidates with many scores without evidence
    for p in profiles:
        if not p.without_evidence:
            continue
        item = items[escape(p.candidate.name)]
        named = p.without_evidence[:HEAVIEST]
        assert all(escape(names[s.id]) in item for s in named)
        weights = [s.weight or 0.0 for s in named]
        assert weights == sorted(weights, reverse=True)
        rest = p.without_evidence[HEAVIEST:]
        if rest:
            share = sum(s.weight or 0.0 for s in rest) * 100
            assert f"and {len(rest)} lighter ones (weight {share:.1f}% together)" in item
        else:
            assert "lighter ones" not in item


def test_method_scores_every_stage_and_the_sensitivity_with_it(
    tmp_path: Path, in_repo: Path
) -> None:
    from partnerfit.comparison import with_method

    target = tmp_path / "report.html"
    run_cli("report", EXAMPLE, "-o", str(target), "-m", "topsis", "-n", "200", "--seed", "3")
    pool = with_method(load_candidates(EXAMPLE), "topsis")
    acceptability = rank_acceptability(analyse(pool, samples=200, seed=3), pool.criteria)
    expected = html_report.render(
        build_report(evaluate(pool), pool.criteria, acceptability=acceptability)
    )
    assert target.read_text(encoding="utf-8") == expected
    assert "scored by topsis" in expected and "scored by weighted_sum" not in expected
