"""What the validator reports, and the rules it reports on.

A *rule* has a stable id (what the encoder looks up in the README), a default severity, a one-line
fix hint and, for most rules, a check function. A check function receives one parsed file and the
whole collection and yields `Problem`s; it never prints, never raises for bad input.

Defining rules in a check module (e.g. teipub/checks_claims.py)::

    from teipub.problems import ERROR, Problem, rule

    @rule("claim-reading-unmatched", hint="make the rdg's value agree with the num it points to")
    def check_readings(doc, coll):
        for el in doc.iter_tei("rdg"):
            ...
            yield doc.problem("claim-reading-unmatched", el, "…message…")

and add the module's name to `CHECK_MODULES` in teipub/validate.py. Nothing is registered as a side
effect of import: `rule()` only attaches the `Rule` to its function (`fn.rule`), `declare()` only
makes a `Rule`, for the rules raised by the input stage or the schema stage (no check function of
their own), which a module lists in its `DECLARED` tuple. `rules_of(module)` reads a module's rules
and `registry()` assembles them (teipub.validate.load_rules), refusing a second rule with one id.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from types import ModuleType
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


class RuleError(Exception):
    """A rule id is defined twice or a problem names an unknown rule."""


def declare(rule_id: str, *, hint: str, severity: Severity = ERROR, summary: str = "",
            stage: Literal["input", "schema", "file"] = "file",
            check: CheckFn | None = None) -> Rule:
    """A rule (registered only when its module lists it in `DECLARED` and is a check module)."""
    return Rule(rule_id, severity, hint, summary, check, stage)


def rule(rule_id: str, *, hint: str, severity: Severity = ERROR,
         summary: str = "") -> Callable[[CheckFn], CheckFn]:
    """Decorator: make `fn` the check of a new rule (summary defaults to its docstring), kept as
    `fn.rule`; `rules_of(module)` finds it there."""
    def wrap(fn: CheckFn) -> CheckFn:
        doc_line = (fn.__doc__ or "").strip().splitlines()[:1]
        fn.rule = declare(rule_id, hint=hint, severity=severity,  # type: ignore[attr-defined]
                          summary=summary or "".join(doc_line), check=fn)
        return fn
    return wrap


def rules_of(module: ModuleType) -> tuple[Rule, ...]:
    """A module's rules: its functions decorated with `rule()`, in the order they are defined,
    then the rules it lists in `DECLARED`."""
    checks = [value.rule for value in vars(module).values()
              if callable(value) and isinstance(getattr(value, "rule", None), Rule)
              and getattr(value, "__module__", None) == module.__name__]
    return (*checks, *getattr(module, "DECLARED", ()))


def assemble(rules: Iterable[Rule]) -> dict[str, Rule]:
    """The registry of `rules` by id; a second rule with the same id is refused."""
    out: dict[str, Rule] = {}
    for registered in rules:
        if registered.id in out:
            raise RuleError(f"rule {registered.id!r} is already registered")
        out[registered.id] = registered
    return out


def registry() -> dict[str, Rule]:
    """The validator's registry (assembled once by teipub.validate from its list of modules)."""
    from .validate import load_rules  # the list of check modules is the validator's
    return load_rules()


def make_problem(rule_id: str, file: str, line: int | None, column: int | None, message: str,
                 *, hint: str | None = None, severity: Severity | None = None) -> Problem:
    """A Problem for a registered rule, with the rule's severity and hint unless overridden."""
    try:
        registered = registry()[rule_id]
    except KeyError:
        raise RuleError(f"unknown rule {rule_id!r}") from None
    return Problem(file, line or 1, column or 1, severity or registered.severity, message,
                   rule_id, registered.hint if hint is None else hint)
