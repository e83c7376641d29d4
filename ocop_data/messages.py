"""What imports and writes say to people: every refusal and row problem in Vietnamese and English."""
from __future__ import annotations

from dataclasses import dataclass, field

from .words import t


def message(rule: str, lang: str, **params) -> str:
    """What ``rule`` says to people in ``lang`` (its words are ``msg_<rule>`` in ocop_data/words.py)."""
    return t("msg_" + rule, lang).format(**params)


def both(rule: str, **params) -> str:
    """Vietnamese first, then English: for the command line and logs."""
    return f"{message(rule, 'vi', **params)} / {message(rule, 'en', **params)}"


@dataclass
class Issue:
    sheet: str
    row: int | None
    column: str | None
    rule: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return message(self.rule, lang, **self.params)

    def where(self, lang: str) -> str:
        parts = [t("where_sheet", lang, sheet=self.sheet)] if self.sheet else []
        if self.row:
            parts.append(t("where_row", lang, row=self.row))
        if self.column:
            parts.append(t("where_column", lang, column=self.column))
        return ", ".join(parts) or t("where_file", lang)


class Refused(Exception):
    """A refusal with a message in both languages (``.issue``); nothing was changed."""

    def __init__(self, rule: str, **params):
        self.rule = rule
        self.params = params
        self.issue = Issue("", None, None, rule, params)
        super().__init__(self.issue.message("en"))

    def both(self) -> str:
        return both(self.rule, **self.params)


class ImportRefused(Refused):
    """The whole upload is refused."""


class WriteRefused(Refused):
    """A restore, retire or apply is refused (unknown version, unknown row, a changed plan …)."""


class PlanChanged(WriteRefused):
    """On its turn an import's result was no longer the preview that was accepted; ``preview`` is the new one."""

    def __init__(self, preview, version: int, was, now):
        super().__init__("plan_changed", version=version, was_add=len(was.added), was_change=len(was.changed),
                         was_same=len(was.unchanged), now_add=len(now.added), now_change=len(now.changed),
                         now_same=len(now.unchanged))
        self.preview = preview


class Busy(WriteRefused):
    """Other writers kept the write lock for longer than this one could wait for its turn."""

    def __init__(self, wait: float = 0.0):
        super().__init__("busy", wait=f"{wait:g}")
