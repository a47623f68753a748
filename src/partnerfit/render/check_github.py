"""`partnerfit check --format github`: GitHub Actions workflow-command annotations.

One ``::error file=...,line=...,col=...,title=CODE::message`` (or ``::warning``)
per finding, which GitHub shows on the lines of the pull request, then the
summary line as plain log text. Values are escaped as the runner expects
(``%``, CR and LF everywhere; ``:`` and ``,`` in properties too).
"""

from __future__ import annotations

from partnerfit.lint.result import CheckResult


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, *, strict: bool = False) -> str:
    lines = []
    for f in result.findings:
        props = [f"file={_property(f.path)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.col}"]
        props.append(f"title={_property(f'partnerfit {f.code}')}")
        message = f.message + (f" ({f.hint})" if f.hint else "")
        lines.append(f"::{f.severity} {','.join(props)}::{_data(message)}")
    lines.append(result.summary(strict))
    return "\n".join(lines) + "\n"
