"""Process exit codes, defined once for every command."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """The command did what was asked."""
    FINDINGS = 1
    """`check` found problems at failing severity."""
    INPUT_ERROR = 2
    """An argument or an input file could not be used; nothing was written."""
