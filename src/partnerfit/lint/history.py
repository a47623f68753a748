"""A criteria file as it was at a git revision, for `partnerfit check --against REF`.

git is run as a subprocess (no library): `git rev-parse` finds the repository and
checks that REF names a commit, `git show REF:PATH` reads the old text. A file that
did not exist at REF has no previous version; a REF that is not a commit, or a file
outside any git repository, makes the argument unusable (exit 2).
"""

from __future__ import annotations

import os
import subprocess
from functools import cache

from partnerfit.findings import InputError
from partnerfit.inputs import parse_criteria
from partnerfit.loading import parse_document
from partnerfit.models import CriteriaSet


class HistoryError(Exception):
    """--against cannot be used: not a git repository, or REF is not a commit."""


def _git(folder: str, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", folder, *args], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise HistoryError(f"cannot run git: {exc.strerror or exc}") from None


@cache
def _toplevel(folder: str) -> str:
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise HistoryError(f"--against needs a git repository, but {folder} is not in one")
    return done.stdout.strip()


@cache
def _verify(top: str, ref: str) -> None:
    done = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise HistoryError(f"--against {ref}: not a commit in the repository at {top}")


def previous_criteria(realpath: str, ref: str) -> CriteriaSet | None:
    """The criteria set at `ref`, or None if the file did not exist or did not load then."""
    folder = os.path.dirname(realpath)
    top = _toplevel(folder)
    _verify(top, ref)
    relative = os.path.relpath(realpath, os.path.realpath(top)).replace(os.sep, "/")
    done = _git(top, "show", f"{ref}:{relative}")
    if done.returncode != 0:
        return None
    try:
        return parse_criteria(parse_document(done.stdout, f"{ref}:{relative}"))
    except InputError:
        return None
