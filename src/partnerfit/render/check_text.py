"""`partnerfit check` as text: finding lines grouped by file, then a summary line.

Each finding is one line, ``file:line:col: severity CODE message (hint)``, never
wrapped, so editors and terminals can jump to it; files are separated by a blank
line. On a terminal the path is bold and the severity coloured (rich, imported
only then); piped, it is plain text.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from partnerfit.lint.result import CheckResult

if TYPE_CHECKING:
    from rich.console import Console


def render(result: CheckResult, *, strict: bool = False) -> str:
    """Plain text, for pipes and files."""
    blocks = [
        "".join(f.text() + "\n" for f in group)
        for _, group in itertools.groupby(result.findings, key=lambda f: f.path)
    ]
    body = "\n".join(blocks)
    return body + ("\n" if body else "") + result.summary(strict) + "\n"


_STYLE = {"error": "bold red", "warning": "yellow"}


def print_coloured(result: CheckResult, console: Console, *, strict: bool = False) -> None:
    """The same lines with colour, for a terminal."""
    from rich.text import Text

    first = True
    for _, group in itertools.groupby(result.findings, key=lambda f: f.path):
        if not first:
            console.print()
        first = False
        for f in group:
            line = Text()
            where = f"{f.path}:{f.line}:{f.col}" if f.line else f.path
            line.append(where, style="bold")
            line.append(": ")
            line.append(f.severity, style=_STYLE[f.severity])
            line.append(f" {f.code} ", style="dim")
            line.append(f.message)
            if f.hint:
                line.append(f" ({f.hint})", style="dim")
            console.print(line, soft_wrap=True)
    if result.findings:
        console.print()
    failing = result.failing(strict)
    console.print(
        Text(result.summary(strict), style="bold red" if failing else "bold green"),
        soft_wrap=True,
    )
