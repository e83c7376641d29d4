"""The one table of words (ocop_data/words.py): every key once, in both languages, used, and read through t()."""
from __future__ import annotations

import ast
import fnmatch

import pytest

from ocop_data.words import STRICT, WORDS, lang_col, t, t_or
from tests.conftest import ROOT

APP = ["app.py", "ui", "pages", "story", "queries", "ocop_data", "briefing"]
WORD_CALLS = {"t", "t_or"}


def _pattern(node) -> list[str]:
    """The keys a call's first argument can be: 'x', f'stars_{v}' -> 'stars_*', 'msg_' + rule -> 'msg_*'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "*" for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [p + "*" for p in _pattern(node.left)]
    if isinstance(node, ast.IfExp):
        return _pattern(node.body) + _pattern(node.orelse)
    return []


def _app_code():
    for part in APP:
        path = ROOT / part
        for f in [path] if path.is_file() else sorted(path.rglob("*.py")):
            if f != ROOT / "ocop_data" / "words.py":
                yield f, ast.parse(f.read_text(encoding="utf-8"))


def _scan() -> tuple[set[str], set[str], list[tuple[str, int, str]]]:
    """(every string literal, the key patterns that code builds, every literal key passed to t()) in app code.

    A key built from a code counts as used through its prefix: an f-string or a sum handed to t()
    (``t(f"stars_{tier}", lang)``), or a prefix ending in "_" handed to a helper or listed in a tuple
    (``words("cmpw_", code, lang)``, ``for prefix in ("fk_", "kind_")``)."""
    literals, patterns, calls = set(), set(), []
    for f, tree in _app_code():
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str):
                literals.add(n.value)
            if isinstance(n, ast.Call):
                name = getattr(n.func, "id", getattr(n.func, "attr", None))
                if name in WORD_CALLS and n.args:
                    for p in _pattern(n.args[0]):
                        (patterns.add(p) if "*" in p else calls.append((str(f.relative_to(ROOT)), n.lineno, p)))
                patterns.update(a.value + "*" for a in n.args
                                if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.endswith("_"))
            if isinstance(n, (ast.Tuple, ast.List)):
                patterns.update(e.value + "*" for e in n.elts
                                if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.endswith("_"))
    # a pattern must name its family ('stars_*'), not match anything ('*', '_*')
    return literals, {p for p in patterns if len(p.split("*")[0]) >= 2}, calls


def test_no_key_is_defined_twice():
    """Python keeps the last of two equal keys silently: one key must mean one thing."""
    src = (ROOT / "ocop_data" / "words.py").read_text(encoding="utf-8")
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


def test_every_entry_has_both_languages():
    missing = [k for k, pair in WORDS.items() if not (isinstance(pair, tuple) and len(pair) == 2 and all(pair))]
    assert not missing, missing


def test_every_key_is_used():
    """A key no code can reach is a word nobody reads: remove it (or the code that stopped using it)."""
    literals, patterns, _ = _scan()
    unused = [k for k in WORDS if k not in literals and not any(fnmatch.fnmatchcase(k, p) for p in patterns)]
    assert not unused, unused


def test_every_literal_key_exists():
    """A typo in t("...") fails here, without drawing the page that says it."""
    _, _, calls = _scan()
    unknown = [f"{f}:{line} {key}" for f, line, key in calls if key not in WORDS]
    assert not unknown, unknown


def test_an_unknown_key_raises_under_test_and_shows_itself_otherwise(monkeypatch):
    with pytest.raises(KeyError, match="no_such_word"):
        t("no_such_word", "vi")
    monkeypatch.delenv(STRICT)
    assert t("no_such_word", "en") == "no_such_word"  # visible to a reader, never a crash


def test_t_reads_both_languages_and_fills_places():
    assert t("province", "vi") == "Tỉnh" and t("province", "en") == "Province"
    assert t("province", "fr") == "Tỉnh"  # Vietnamese first
    assert t("msg_too_large", "en", limit=50) == "The file is larger than the 50 MB limit. Split it into smaller files."
    assert t_or("imp_field_nonexistent", "vi", "nonexistent") == "nonexistent"
    assert (lang_col("metric", "en"), lang_col("metric", "vi"), lang_col("metric", "xx")) == ("metric_en", "metric_vi", "metric_vi")


def test_every_data_table_has_its_words():
    """The Data page and the history name every table (a new table needs its words here)."""
    from ocop_data.schema import DATA_FILES

    missing = [f"{prefix}{name}" for name in DATA_FILES for prefix in ("table_", "tblname_")
               if f"{prefix}{name}" not in WORDS]
    assert not missing, missing


def test_one_table_of_words():
    """The import messages, the validation rules and the interface read the same table."""
    from ocop_data.messages import Issue
    from ocop_data.problems import problem

    assert Issue("Sản phẩm", 3, "Tên", "required", {"column": "Tên"}).message("en") == "Cell “Tên” must not be empty."
    assert problem("product.csv", 2, "id", "bad_id", value="x y").message_vi.startswith("Mã “x y” chỉ")
    for f, tree in _app_code():
        for n in ast.walk(tree):
            if isinstance(n, ast.AnnAssign) and isinstance(n.value, ast.Dict) and len(n.value.keys) > 10:
                pairs = [v for v in n.value.values if isinstance(v, ast.Tuple) and len(v.elts) == 2
                         and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts)]
                assert len(pairs) < len(n.value.keys) / 2, f"{f}: a table of (vi, en) words outside ocop_data/words.py"
