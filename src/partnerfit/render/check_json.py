"""`partnerfit check --format json`: one stable document (docs/check.md#json-output)."""

from __future__ import annotations

import json
from typing import Any

from partnerfit import __version__
from partnerfit.lint.result import CheckResult

SCHEMA_VERSION = 1


def to_document(result: CheckResult, *, strict: bool = False) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "partnerfit_version": __version__,
        "strict": strict,
        "exit_code": int(result.exit_code(strict)),
        "summary": {
            "files_checked": result.checked,
            "files_skipped": result.skipped,
            "errors": result.errors,
            "warnings": result.warnings,
        },
        "files": [{"path": r.path, "kind": r.kind, "status": r.status} for r in result.files],
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "col": f.col,
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
                "hint": f.hint,
            }
            for f in result.findings
        ],
    }


def render(result: CheckResult, *, strict: bool = False) -> str:
    document = to_document(result, strict=strict)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
