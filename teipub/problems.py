"""What the validator reports, and the registry of its rules.

A *rule* has a stable id (what the encoder looks up in the README), a default severity, a one-line
fix hint and, for most rules, a check function. A check function receives one parsed file and the
whole collection and yields `Problem`s; it never prints, never raises for bad input.

Registering rules from another module (e.g. teipub/checks_claims.py)::

    from teipub.problems import ERROR, Problem, rule

    @rule("claim-reading-unmatched", hint="make the rdg's value agree with the num it points to")
    def check_readings(doc, coll):
        for el in doc.iter_tei("rdg"):
            ...
            yield doc.problem("claim-reading-unmatched", el, "…message…")

and add the module's name to `CHECK_MODULES` in teipub/validate.py. `rule()` refuses a second rule with the same id. Rules that are
raised by the input stage or the schema stage (no check function of their own) are declared with
`declare()`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .xmlinput import Collection, Document

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

CheckFn = Callable[["Document", "Collection"], Iterable["Problem"]]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located in a file (path as given or relative to the working directory)."""

    file: str
    line: int
    column: int
    severity: Severity
    message: str
    rule: str
    hint: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def render(self) -> str:
        """`file:line:column: severity: message [rule]` and an indented hint line."""
        head = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"
        return f"{head}\n  hint: {self.hint}" if self.hint else head


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    hint: str
    summary: str
    check: CheckFn | None = None
    # "file": the check runs once per file asked for; the input stage runs before any check
    stage: Literal["input", "schema", "file"] = "file"


RULES: dict[str, Rule] = {}


class RuleError(Exception):
    """A rule was registered twice or a problem names an unknown rule."""


def declare(rule_id: str, *, hint: str, severity: Severity = ERROR, summary: str = "",
            stage: Literal["input", "schema", "file"] = "file",
            check: CheckFn | None = None) -> Rule:
    """Add a rule to the registry and return it."""
    if rule_id in RULES:
        raise RuleError(f"rule {rule_id!r} is already registered")
    registered = Rule(rule_id, severity, hint, summary, check, stage)
    RULES[rule_id] = registered
    return registered


def rule(rule_id: str, *, hint: str, severity: Severity = ERROR,
         summary: str = "") -> Callable[[CheckFn], CheckFn]:
    """Decorator: register `fn` as the check of a new rule (summary defaults to its docstring)."""
    def wrap(fn: CheckFn) -> CheckFn:
        doc_line = (fn.__doc__ or "").strip().splitlines()[:1]
        declare(rule_id, hint=hint, severity=severity, summary=summary or "".join(doc_line),
                check=fn)
        return fn
    return wrap


def make_problem(rule_id: str, file: str, line: int | None, column: int | None, message: str,
                 *, hint: str | None = None, severity: Severity | None = None) -> Problem:
    """A Problem for a registered rule, with the rule's severity and hint unless overridden."""
    try:
        registered = RULES[rule_id]
    except KeyError:
        raise RuleError(f"unknown rule {rule_id!r}") from None
    return Problem(file, line or 1, column or 1, severity or registered.severity, message,
                   rule_id, registered.hint if hint is None else hint)
