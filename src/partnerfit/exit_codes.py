"""Process exit codes, defined once for every command."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """The command did what was asked."""
    FINDINGS = 1
    """`check` found problems at failing severity."""
    RANKING_CHANGED = 1
    """`diff`: the top N of the ranking changed (an alias of FINDINGS: both ask for a look)."""
    INPUT_ERROR = 2
    """An argument or an input file could not be used; nothing was written."""
