"""The pure-Python YAML parser, the loader's fallback where libyaml is missing, reads every
file the way libyaml does: the same data at the same marks, or the same finding at the
same place (only a syntax error's wording is PyYAML's own)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import REPO
from partnerfit.findings import InputError
from partnerfit.loading import Document, parse_document

FILES = sorted(
    path
    for folder in ("tests/fixtures", "examples", "criteria")
    for path in (REPO / folder).rglob("*.y*ml")
)


def _read(text: str, parser: type) -> Document | list[tuple[str, int, int, str]]:
    try:
        return parse_document(text, "f.yaml", parser_class=parser)
    except InputError as exc:
        return [
            (f.code, f.line, f.col, "" if f.code == "PF004" else f.message) for f in exc.findings
        ]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="libyaml is not installed")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_pure_python_parser_reads_each_file_as_libyaml_does(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    fast = _read(text, yaml.CSafeLoader)
    pure = _read(text, yaml.SafeLoader)
    if isinstance(fast, Document) and isinstance(pure, Document):
        # repr: a .nan value is not equal to itself
        assert repr(pure.data) == repr(fast.data)
        assert (pure.marks, pure.key_marks) == (fast.marks, fast.key_marks)
    else:
        assert pure == fast


def test_there_are_files_of_both_outcomes() -> None:
    outcomes = {
        isinstance(
            _read(p.read_text(encoding="utf-8", errors="replace"), yaml.SafeLoader), Document
        )
        for p in FILES
    }
    assert outcomes == {True, False}
