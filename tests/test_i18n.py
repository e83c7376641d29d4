"""The one home of the words: every key once, in both languages."""
from __future__ import annotations

import ast

from story.i18n import S
from tests.conftest import ROOT


def test_no_key_is_defined_twice():
    """Python keeps the last of two equal keys silently: one key must mean one thing."""
    src = (ROOT / "story" / "i18n.py").read_text(encoding="utf-8")
    seen: dict[str, int] = {}
    twice = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    if key.value in seen:
                        twice.append(f"{key.value} (lines {seen[key.value]} and {key.lineno})")
                    seen[key.value] = key.lineno
    assert not twice, twice


def test_every_string_has_both_languages():
    missing = [k for k, pair in S.items() if not (isinstance(pair, tuple) and len(pair) == 2 and all(pair))]
    assert not missing, missing
