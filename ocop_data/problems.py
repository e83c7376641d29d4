"""Validation problems, named by file, line, column and rule, in Vietnamese and English."""
from __future__ import annotations

from dataclasses import dataclass

from .words import t


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    params: tuple = ()  # tuple of (key, value) pairs, hashable
    severity: str = "error"  # error | warning

    def message(self, lang: str) -> str:
        """The rule's words in ``lang`` (``rule_<rule>`` in ocop_data/words.py), filled from the problem."""
        return t("rule_" + self.rule, lang).format(**dict(self.params))

    @property
    def message_vi(self) -> str:
        return self.message("vi")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        tag = "ERROR" if self.severity == "error" else "WARNING"
        return f"{tag} {self.where()} [{self.rule}]: {self.message_vi} / {self.message_en}"


def problem(file, line, column, rule, severity="error", **params) -> Problem:
    return Problem(file, line, column, rule, tuple(sorted((k, str(v)) for k, v in params.items())), severity)


class BuildError(Exception):
    """The build refused its input; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
