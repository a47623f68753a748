"""`partnerfit check`: lint criteria sets and candidates files like code.

A pure core, in the manner of yamllint's `linter.run()`: `check_paths` expands
the arguments into files, loads each with the same loader `score` uses (every
`InputError` becomes findings, and the next file is checked), runs the lint
rules of `partnerfit.lint.rules` on what loaded, and returns a complete
`CheckResult`. Nothing is printed here; `partnerfit.render.check_*` print a
result and the CLI decides the exit code once, from the result.
"""

from partnerfit.lint.result import CheckResult, FileReport
from partnerfit.lint.runner import check_paths

__all__ = ["CheckResult", "FileReport", "check_paths"]
