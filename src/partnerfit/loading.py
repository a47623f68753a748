"""YAML text -> plain data plus the location of every node.

PyYAML's own constructors are not used: they keep the last of two duplicate keys,
read ``no``/``on`` as booleans and ``1.10`` as 1.1, and construct arbitrary
objects from tags. Instead the parser's event stream (libyaml's CParser when
present) is folded into data here, iteratively, so that

* duplicate keys, unknown tags and undefined aliases become findings;
* plain scalars resolve by the YAML 1.2 core schema (``true``/``false`` only are
  booleans, ``1e3`` is a number, ``.inf``/``.nan`` are numbers that the models
  then refuse);
* numbers remember the text they were written as (``YamlInt``/``YamlFloat``), so
  a text field such as ``version: 1.10`` keeps ``"1.10"``;
* nesting depth and alias expansion are bounded (`MAX_DEPTH`, `MAX_NODES`), so an
  alias bomb or a deeply nested document fails fast instead of exhausting memory
  or the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from partnerfit.findings import Finding, InputError
from partnerfit.regular_files import NotARegularFile, TooLarge, read_regular_file

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest input file read, in bytes (16 MiB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted."""
MAX_NODES = 2_000_000
"""Most nodes a document may expand to, counting every use of an alias."""

Loc = tuple[str | int, ...]

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}


class YamlInt(int):
    """An integer read from YAML, remembering the text it was written as."""

    text: str

    def __new__(cls, value: int, text: str) -> YamlInt:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


class YamlFloat(float):
    """A float read from YAML, remembering the text it was written as."""

    text: str

    def __new__(cls, value: float, text: str) -> YamlFloat:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


@dataclass
class Document:
    """A parsed file: its data and where each node of it was written."""

    path: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def mark(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at `loc`, or of its nearest known ancestor."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def finding(
        self,
        loc: Loc,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
        severity: str = "error",
    ) -> Finding:
        line, col = self.mark(loc, key=key)
        return Finding(self.path, line, col, code, severity, message, hint)  # type: ignore[arg-type]


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        try:
            return YamlInt(int(text), text)
        except ValueError:  # past Python's limit on digits converted: surely too large
            return YamlFloat(float("-inf") if text.startswith("-") else float("inf"), text)
    if _OCT.match(text):
        return YamlInt(int(text[2:], 8), text)
    if _HEX.match(text):
        return YamlInt(int(text[2:], 16), text)
    if _FLOAT.match(text):
        return YamlFloat(float(text), text)
    if _INF.match(text):
        return YamlFloat(float("-inf") if text.startswith("-") else float("inf"), text)
    if _NAN.match(text):
        return YamlFloat(float("nan"), text)
    return text


def _resolve_tagged(tag: str, text: str) -> Any:
    if tag == f"{_CORE}str":
        return text
    value = resolve_plain(text)
    wanted = tag.removeprefix(_CORE)
    ok = {
        "int": isinstance(value, YamlInt),
        "float": isinstance(value, (YamlInt, YamlFloat)),
        "bool": isinstance(value, bool),
        "null": value is None,
    }.get(wanted, False)
    if not ok:
        raise ValueError(f"'{text}' is not a valid !!{wanted}")
    if wanted == "float" and isinstance(value, YamlInt):
        return YamlFloat(float(value), text)
    return value


def _short_tag(tag: str) -> str:
    return "'!!" + tag.removeprefix(_CORE) + "'" if tag.startswith(_CORE) else f"'{tag}'"


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text, turning every way that can fail into a finding.

    Only regular files are read: a named pipe, socket or device is refused before it is
    opened for reading (a pipe with no writer would block forever)."""

    def fail(code: str, message: str, line: int = 0, col: int = 0) -> InputError:
        return InputError([Finding(display, line, col, code, "error", message)])

    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except NotARegularFile as exc:
        raise fail("PF001", f"is {exc.what}, expected a YAML file") from None
    except TooLarge as exc:
        raise fail(
            "PF007", f"file is {exc.size} bytes, more than the limit of {MAX_FILE_BYTES}"
        ) from None
    except FileNotFoundError:
        raise fail("PF001", "no such file") from None
    except PermissionError:
        raise fail("PF001", "permission denied") from None
    except OSError as exc:
        raise fail("PF001", f"cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise fail("PF002", "binary file (contains NUL bytes), expected UTF-8 YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        raise fail("PF002", "not valid UTF-8 text", line, col) from None
    return text


def load_document(path: Path | str, display: str | None = None) -> Document:
    """Read and parse one YAML file whose top level must be a mapping."""
    path = Path(path)
    display = display if display is not None else str(path)
    return parse_document(read_text(path, display), display)


class _Builder:
    """Folds parser events into data, iteratively, recording marks."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.doc = Document(display, None)
        self.findings: list[Finding] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        # stack entries: [container, loc, pending key, key mark, anchor, nodes at start]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.root_set = False

    def error(self, mark: tuple[int, int], code: str, message: str) -> None:
        self.findings.append(Finding(self.display, mark[0], mark[1], code, "error", message))

    def fatal(self, mark: tuple[int, int], code: str, message: str) -> InputError:
        self.error(mark, code, message)
        return InputError(self.findings)

    def count(self, n: int, mark: tuple[int, int]) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.fatal(
                mark,
                "PF007",
                f"document expands to more than {MAX_NODES} nodes (an alias bomb?)",
            )

    def place(self, value: Any, mark: tuple[int, int], is_scalar: bool) -> Loc | None:
        """Put a finished value where it belongs; return its loc, or None if it was a key."""
        if not self.stack:
            self.root, self.root_set = value, True
            self.doc.marks[()] = mark
            return ()
        top = self.stack[-1]
        container, loc = top[0], top[1]
        if isinstance(container, list):
            child: Loc = (*loc, len(container))
            container.append(value)
            self.doc.marks[child] = mark
            return child
        if top[2] is None:  # this value is a key
            if not is_scalar:
                raise self.fatal(mark, "PF004", "a mapping key must be a plain value")
            key = value.text if isinstance(value, (YamlInt, YamlFloat)) else value
            key = "" if key is None else str(key).lower() if isinstance(key, bool) else key
            if key == "<<":
                raise self.fatal(
                    mark, "PF006", "YAML merge keys ('<<') are not supported: write the keys out"
                )
            top[2], top[3] = str(key), mark
            return None
        key, key_mark = top[2], top[3]
        top[2] = None
        child = (*loc, key)
        if key in container:
            first = self.doc.key_marks.get(child, (0, 0))[0]
            self.error(key_mark, "PF005", f"duplicate key '{key}' (first given at line {first})")
            return child
        container[key] = value
        self.doc.marks[child] = mark
        self.doc.key_marks[child] = key_mark
        return child

    def scalar(self, event: Any) -> None:
        mark = _pos(event.start_mark)
        self.count(1, mark)
        tag = event.tag
        if tag in (None, "!"):
            value = resolve_plain(event.value) if event.implicit[0] else event.value
        elif tag in _ALLOWED_TAGS:
            try:
                value = _resolve_tagged(tag, event.value)
            except ValueError as exc:
                self.error(mark, "PF006", str(exc))
                value = event.value
        else:
            self.error(
                mark, "PF006", f"unsupported YAML tag {_short_tag(tag)} (only plain data is read)"
            )
            value = event.value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.place(value, mark, is_scalar=True)

    def start(self, event: Any, container: Any) -> None:
        mark = _pos(event.start_mark)
        self.count(1, mark)
        if event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS:
            self.error(
                mark,
                "PF006",
                f"unsupported YAML tag {_short_tag(event.tag)} (only plain data is read)",
            )
        if len(self.stack) >= MAX_DEPTH:
            raise self.fatal(mark, "PF007", f"nesting deeper than {MAX_DEPTH} levels")
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
            raise self.fatal(mark, "PF004", "a mapping key must be a plain value")
        loc = self.place(container, mark, is_scalar=False)
        assert loc is not None
        self.stack.append([container, loc, None, None, event.anchor, self.nodes])

    def end(self) -> None:
        container, _loc, _k, _m, anchor, at_start = self.stack.pop()
        if anchor:
            self.anchors[anchor] = (container, self.nodes - at_start + 1)

    def alias(self, event: Any) -> None:
        mark = _pos(event.start_mark)
        if event.anchor not in self.anchors:
            raise self.fatal(
                mark, "PF004", f"alias '*{event.anchor}' names no anchor defined before it"
            )
        value, size = self.anchors[event.anchor]
        self.count(size, mark)
        self.place(value, mark, is_scalar=not isinstance(value, (dict, list)))


def parse_document(text: str, display: str, *, parser_class: Any = _Parser) -> Document:
    """Parse YAML text holding one mapping document.

    libyaml scans ahead through nested flow collections and stops at its own depth
    limit before `MAX_DEPTH` is reached; the pure-Python parser streams them, so on
    that error the text is parsed again with it to report the node at our limit.
    """
    builder = _Builder(display)
    parser = parser_class(text)
    documents = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.ScalarEvent):
                builder.scalar(event)
            elif isinstance(event, yaml.MappingStartEvent):
                builder.start(event, {})
            elif isinstance(event, yaml.SequenceStartEvent):
                builder.start(event, [])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                builder.end()
            elif isinstance(event, yaml.AliasEvent):
                builder.alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise builder.fatal(
                        _pos(event.start_mark), "PF008", "several YAML documents, expected one"
                    )
            elif isinstance(event, yaml.StreamEndEvent):
                break
    except yaml.MarkedYAMLError as exc:
        if parser_class is not yaml.SafeLoader and "nesting depth" in (exc.problem or ""):
            return parse_document(text, display, parser_class=yaml.SafeLoader)
        mark = exc.problem_mark or exc.context_mark
        where = _pos(mark) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise builder.fatal(where, "PF004", f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise builder.fatal(
            (line, col), "PF002", f"character not allowed in YAML: {exc.reason}"
        ) from None
    except yaml.YAMLError as exc:
        raise builder.fatal((1, 1), "PF004", f"YAML error: {exc}") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    if builder.findings:
        raise InputError(builder.findings)
    if not builder.root_set:
        raise builder.fatal((0, 0), "PF003", "file is empty, expected a YAML mapping")
    if not isinstance(builder.root, dict):
        kind = "a list" if isinstance(builder.root, list) else "a single value"
        raise builder.fatal(
            builder.doc.marks.get((), (1, 1)), "PF008", f"expected a mapping of keys, got {kind}"
        )
    builder.doc.data = builder.root
    return builder.doc
