"""The report in a real browser (Debian's chromium, headless): it renders, its own style
sheet passes its Content-Security-Policy, hostile input stays text, and the policy blocks
a remote load. Skipped where no chromium is installed (.ci/run installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from partnerfit.evaluation import evaluate
from partnerfit.inputs import load_candidates
from partnerfit.render import html_report
from partnerfit.report import build_report, rank_acceptability
from partnerfit.sensitivity import analyse
from report_html import ReportParser, parse

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser: install Debian's chromium (apt-get install chromium) "
    "to run the report's browser test",
)

PROBE = "http://127.0.0.1:9/csp-probe.png"
VIOLATION = re.compile(r"violates the following Content Security Policy directive")


def page_of(path: str) -> str:
    """The page `partnerfit report PATH -n 500` writes."""
    pool = load_candidates(path)
    acceptability = rank_acceptability(analyse(pool, samples=500, seed=3), pool.criteria)
    return html_report.render(
        build_report(evaluate(pool), pool.criteria, acceptability=acceptability)
    )


def load(page: str, tmp_path: Path) -> tuple[ReportParser, list[str]]:
    """Open `page` from a file:// URL; return its DOM after parsing and the console's CSP
    violations."""
    target = tmp_path / "report.html"
    target.write_text(page, encoding="utf-8")
    assert BROWSER is not None
    result = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            # no name resolves: nothing can leave the machine even if a request were made
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            target.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    violations = [line for line in result.stderr.splitlines() if VIOLATION.search(line)]
    return parse(result.stdout), violations


def test_example_report_renders_in_the_browser(tmp_path: Path, in_repo: Path) -> None:
    path = "examples/apac-medtech-entry/candidates.yaml"
    evaluation = evaluate(load_candidates(path))
    dom, violations = load(page_of(path), tmp_path)
    assert violations == []  # the style sheet's hash matched; nothing tried to load
    rows = dom.tables["ranking"]
    assert [r.attrs["data-id"] for r in rows] == [c.id for c in evaluation.ranked]
    assert [r.cells[1] for r in rows] == [
        c.name + (f"\n{c.type.replace('_', ' ')}" if c.type else "") for c in evaluation.ranked
    ]
    classes = [el.attrs.get("class", "") for el in dom.elements if el.tag == "svg"]
    assert sum("funnel" in c for c in classes) == 1
    assert sum("profile" in c for c in classes) == len(evaluation.ranked)
    assert sum("acceptability" in c for c in classes) == 1
    # every finalist is ranked in some sample (others may be too)
    assert {c.name for c in evaluation.ranked} <= {r.cells[0] for r in dom.tables["acceptability"]}
    assert {r.attrs["data-stage"] for r in dom.tables["funnel"]} == {
        s.id for s in evaluation.stages
    }
    assert not [el for el in dom.elements if el.tag in ("script", "img", "iframe", "object")]


def test_hostile_text_stays_text_and_the_policy_blocks_remote_loads(
    tmp_path: Path, in_repo: Path
) -> None:
    page = page_of("tests/fixtures/report/candidates.yaml")
    # a control: an image the page itself would load, which the policy must block
    probe = f'<img id="csp-probe" src="{PROBE}" alt="">'
    dom, violations = load(page.replace("</body>", probe + "</body>"), tmp_path)
    loaded = [el for el in dom.elements if el.tag in ("script", "img", "iframe", "em", "i")]
    assert [el.attrs.get("id") for el in loaded] == ["csp-probe"]  # only the control
    text = "".join(dom.text)
    assert "<script>alert('name')</script> Evil & Co" in text
    assert '"><img src=http://example.com/x.png>' in text  # evidence of a low-confidence score
    assert "<img src=x onerror=alert(1)> aligned" in text  # a rating guide
    assert len(violations) == 1 and PROBE in violations[0]
