"""Read a `partnerfit score --format json` document back, refusing anything else.

Light on purpose (the json module only: no numpy, pydantic, YAML or rich), so that `diff`
starts fast. Every way a file can be unusable is one `Finding`: unreadable (PF001), not
UTF-8 (PF002), too large or too deeply nested (PF007), not JSON (PF420, with the parser's
line and column), JSON of another shape (PF421, naming the first field that does not
fit), an unsupported schema_version (PF422).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from partnerfit.findings import Finding, InputError
from partnerfit.regular_files import NotARegularFile, TooLarge, read_regular_file

SCHEMA_VERSION = 1
"""The `schema_version` of score documents this version reads (render/json_format.py)."""

MAX_RESULT_BYTES = 256 * 1024 * 1024

_OTHER_DOCUMENTS = {
    # a distinctive top-level key -> the command that writes such documents
    "path": "partnerfit explain --format json",
    "methods": "partnerfit score --compare-methods --format json",
    "top": "partnerfit diff --format json",
}
_OTHER_KINDS = {
    # documents that say what they are (and have `stages` like a score result)
    "sensitivity": "partnerfit sensitivity --format json",
}


def _fail(display: str, code: str, message: str, line: int = 0, col: int = 0) -> InputError:
    return InputError([Finding(display, line, col, code, "error", message)])


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_result(path: Path, display: str | None = None) -> dict[str, Any]:
    """The document in `path`, checked to be a score result of the supported version."""
    shown = display if display is not None else str(path)
    try:
        raw = read_regular_file(path, MAX_RESULT_BYTES)
    except NotARegularFile as exc:
        raise _fail(shown, "PF001", f"is {exc.what}, expected a JSON result file") from None
    except TooLarge as exc:
        raise _fail(
            shown, "PF007", f"file is {exc.size} bytes, more than the limit of {MAX_RESULT_BYTES}"
        ) from None
    except FileNotFoundError:
        raise _fail(shown, "PF001", "no such file") from None
    except PermissionError:
        raise _fail(shown, "PF001", "permission denied") from None
    except OSError as exc:
        raise _fail(shown, "PF001", f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise _fail(shown, "PF002", "not valid UTF-8 text", line, col) from None
    if not text.strip():
        raise _fail(shown, "PF420", "file is empty, expected a partnerfit score result (JSON)")
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _fail(shown, "PF420", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise _fail(shown, "PF007", "JSON nested too deeply to be a score result") from None
    except ValueError as exc:
        raise _fail(shown, "PF420", f"not valid JSON: {exc}") from None
    check_result(doc, shown)
    return doc  # type: ignore[no-any-return]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Shape:
    """Checks the fields `diff` reads; the first misfit is reported with its JSON path."""

    def __init__(self, display: str) -> None:
        self.display = display

    def fail(self, where: str, expected: str, value: Any) -> InputError:
        return _fail(
            self.display,
            "PF421",
            f"not a partnerfit score result: {where} should be {expected}, got {_kind(value)}",
        )

    def field(self, obj: dict[str, Any], key: str, where: str) -> Any:
        if key not in obj:
            raise _fail(
                self.display,
                "PF421",
                f"not a partnerfit score result: {where} has no '{key}'",
            )
        return obj[key]

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "an object", value)
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "a list", value)
        return value

    def text(self, value: Any, where: str, *, optional: bool = False) -> None:
        if not (isinstance(value, str) or (optional and value is None)):
            raise self.fail(where, "text" + (" or null" if optional else ""), value)

    def number(self, value: Any, where: str, *, optional: bool = False) -> None:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not (ok or (optional and value is None)):
            raise self.fail(where, "a number" + (" or null" if optional else ""), value)


def _written_by(doc: dict[str, Any]) -> str | None:
    """The command that writes documents like `doc`, when it is another partnerfit document."""
    if "stages" in doc:
        return _OTHER_KINDS.get(str(doc.get("kind")))
    return next((command for key, command in _OTHER_DOCUMENTS.items() if key in doc), None)


def check_result(doc: Any, display: str) -> None:
    shape = _Shape(display)
    if not isinstance(doc, dict):
        raise shape.fail("the document", "an object", doc)
    command = _written_by(doc)
    if command is not None:
        raise _fail(
            display,
            "PF421",
            f"not a partnerfit score result: this looks like the output of `{command}`",
        )
    version = shape.field(doc, "schema_version", "the document")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise _fail(
            display,
            "PF422",
            f"schema_version {json.dumps(version)} is not supported: this partnerfit reads "
            f"score results of schema_version {SCHEMA_VERSION}",
        )
    criteria = shape.obj(shape.field(doc, "criteria", "the document"), "criteria")
    for key in ("id", "name", "version"):
        shape.text(shape.field(criteria, key, "criteria"), f"criteria.{key}", optional=key != "id")
    for i, stage in enumerate(shape.items(shape.field(doc, "stages", "the document"), "stages")):
        where = f"stages[{i}]"
        stage = shape.obj(stage, where)
        shape.text(shape.field(stage, "id", where), f"{where}.id")
        shape.text(shape.field(stage, "method", where), f"{where}.method", optional=True)
        shape.items(shape.field(stage, "dimensions", where), f"{where}.dimensions")
        shortlist = shape.field(stage, "shortlist", where)
        if shortlist is not None:
            shape.obj(shortlist, f"{where}.shortlist")
        weights = shape.obj(shape.field(stage, "weights", where), f"{where}.weights")
        for scope in ("dimensions", "criteria"):
            for item, w in shape.obj(
                shape.field(weights, scope, f"{where}.weights"), f"{where}.weights.{scope}"
            ).items():
                shape.number(w, f"{where}.weights.{scope}.{item}")
    candidates = shape.items(shape.field(doc, "candidates", "the document"), "candidates")
    for i, c in enumerate(candidates):
        where = f"candidates[{i}]"
        c = shape.obj(c, where)
        shape.text(shape.field(c, "id", where), f"{where}.id")
        shape.text(shape.field(c, "name", where), f"{where}.name")
        rank = shape.field(c, "rank", where)
        if rank is not None and (not isinstance(rank, int) or isinstance(rank, bool)):
            raise shape.fail(f"{where}.rank", "an integer or null", rank)
        shape.text(shape.field(c, "status", where), f"{where}.status")
        shape.text(shape.field(c, "stage_reached", where), f"{where}.stage_reached")
        shape.number(shape.field(c, "total", where), f"{where}.total", optional=True)
        for stage_id, s in shape.obj(
            shape.field(c, "stage_scores", where), f"{where}.stage_scores"
        ).items():
            shape.number(s, f"{where}.stage_scores.{stage_id}")
        shape.obj(shape.field(c, "facts", where), f"{where}.facts")
        shape.items(shape.field(c, "gates", where), f"{where}.gates")
        for cid, score in shape.obj(shape.field(c, "criteria", where), f"{where}.criteria").items():
            at = f"{where}.criteria.{cid}"
            score = shape.obj(score, at)
            shape.text(shape.field(score, "dimension", at), f"{at}.dimension")
            shape.field(score, "raw", at)
            for key in ("normalised", "weight", "contribution"):
                shape.number(shape.field(score, key, at), f"{at}.{key}", optional=True)
            shape.text(shape.field(score, "stage", at), f"{at}.stage", optional=True)
    ids = [c["id"] for c in candidates]
    if len(set(ids)) != len(ids):
        dup = next(x for x in ids if ids.count(x) > 1)
        raise _fail(display, "PF421", f"not a partnerfit score result: candidate id '{dup}' twice")
