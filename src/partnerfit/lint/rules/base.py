"""What a lint rule is and what it sees.

A rule is a module under `partnerfit.lint.rules` holding one `RULE`. Its
docstring is its documentation, with a failing and a passing example. A rule
looks at one loaded criteria set, one loaded candidates file, or the whole run
(for checks across files), and yields findings; it never prints or raises.
Rules only see files the loader accepted, so they may trust the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from partnerfit.findings import Finding, InputError, Severity
from partnerfit.inputs import CandidatePool
from partnerfit.loading import Document, Loc
from partnerfit.models import CriteriaSet

if TYPE_CHECKING:
    from partnerfit.evaluation import Evaluation


@dataclass(frozen=True)
class CriteriaTarget:
    """A criteria set that loaded: a criteria file, or a set inline in a candidates file."""

    doc: Document
    """The document whose marks locate the set's nodes (for an inline set, re-rooted)."""
    criteria: CriteriaSet
    realpath: str | None
    """The file's real path (for an inline set, a key naming its candidates file)."""
    previous: CriteriaSet | None = None
    """With --against: the same set at that revision, if it existed and loaded then."""
    against: str | None = None
    """The revision given with --against."""


@dataclass
class CandidatesTarget:
    """A candidates file that loaded, with its criteria set."""

    doc: Document
    pool: CandidatePool
    criteria_realpath: str | None
    """Real path of the referenced criteria file (None when inline or overridden)."""
    _scoring_error: str | None = field(default=None, init=False)
    _refused: tuple[Finding, ...] = field(default=(), init=False)

    @cached_property
    def evaluation(self) -> Evaluation | None:
        """The staged screening of these candidates, or None if it cannot be run on them
        (a method fails: `scoring_error`; the data refuse a setting, PF250: `refused`).

        Imported and run only when a rule asks: numpy stays out of a criteria-only check."""
        from partnerfit.engine.methods import ScoringError
        from partnerfit.evaluation import evaluate

        try:
            return evaluate(self.pool)
        except ScoringError as exc:
            self._scoring_error = str(exc)
            return None
        except InputError as exc:
            self._refused = tuple(self._own(f) for f in exc.findings)
            return None

    def _own(self, finding: Finding) -> Finding:
        """A finding located in another file (the criteria file) says which candidates
        file it was found with, since it holds only for those candidates."""
        if finding.path == self.doc.path or finding.hint is not None:
            return finding
        return finding._replace(hint=f"when scoring {self.doc.path}")

    @property
    def scoring_error(self) -> str | None:
        _ = self.evaluation
        return self._scoring_error

    @property
    def refused(self) -> tuple[Finding, ...]:
        """What `partnerfit score` would refuse these candidates with while scoring (PF250):
        the runner reports these findings as they are, like the loader's."""
        _ = self.evaluation
        return self._refused


@dataclass(frozen=True)
class RunTargets:
    """Everything that loaded in one run, for rules that look across files."""

    criteria: tuple[CriteriaTarget, ...]
    candidates: tuple[CandidatesTarget, ...]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    on_criteria: Callable[[CriteriaTarget], Iterable[Finding]] | None = None
    on_candidates: Callable[[CandidatesTarget], Iterable[Finding]] | None = None
    on_run: Callable[[RunTargets], Iterable[Finding]] | None = None

    def finding(
        self, doc: Document, loc: Loc, message: str, *, hint: str | None = None, key: bool = False
    ) -> Finding:
        return doc.finding(loc, self.code, message, hint=hint, key=key, severity=self.severity)


DIRECT_KINDS = frozenset({"rating", "measure", "flag"})
"""Criterion kinds whose values candidates give directly (computed kinds are derived)."""


def stated(model: Any, name: str) -> bool:
    """Whether `name` was written in the file (not left to its default)."""
    return name in model.model_fields_set
