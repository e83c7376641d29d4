"""The README against the code (as Datasette's tests/test_docs.py does): every URL parameter, every command
of ``python -m ocop_data`` and its options, and every top-level folder are documented, and the layout table
names only files that are there."""
from __future__ import annotations

import argparse
import ast
import re

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
APP = ["app.py", "ui", "pages"]


def _calls():
    """Every call in app code, with the names a loop over literal values gives its variables."""
    for part in APP:
        path = ROOT / part
        for f in [path] if path.is_file() else sorted(path.rglob("*.py")):
            tree = ast.parse(f.read_text(encoding="utf-8"))
            loops = {}
            for node in ast.walk(tree):
                if isinstance(node, ast.For):
                    loops.update(_loop_values(node))
            if f == ROOT / "ui" / "state.py":  # the wrapper passes its caller's key on: only its literal ones
                loops = _Literal()
            for n in ast.walk(tree):
                if isinstance(n, ast.Call):
                    yield n, loops


class _Literal(dict):
    """No loop values, and a variable names nothing (the ``key`` ui.state.widget passes on)."""

    def __contains__(self, name) -> bool:
        return True

    def __missing__(self, name) -> list:
        return []


def _loop_values(loop: ast.For) -> dict[str, list]:
    """``for a, (b, c) in zip(x, [(1, 2), (3, 4)])``: {"b": [1, 3], "c": [2, 4]} (literal lists only)."""
    targets, sources = [loop.target], [loop.iter]
    if isinstance(loop.iter, ast.Call) and getattr(loop.iter.func, "id", "") == "zip" and \
            isinstance(loop.target, ast.Tuple) and len(loop.target.elts) == len(loop.iter.args):
        targets, sources = loop.target.elts, loop.iter.args
    out = {}
    for target, source in zip(targets, sources):
        try:
            values = ast.literal_eval(source)
        except ValueError:
            continue
        if isinstance(target, ast.Name):
            out[target.id] = list(values)
        elif isinstance(target, ast.Tuple):
            for i, elt in enumerate(target.elts):
                if isinstance(elt, ast.Name):
                    out[elt.id] = [v[i] for v in values]
    return out


def _names(node, loops) -> list[str]:
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in loops:
        return loops[node.id]
    raise AssertionError(f"a URL parameter named by {ast.unparse(node)}: name it literally")


def url_parameters() -> set[str]:
    """Every parameter a link can hold: the keys of the controls bound to the URL (``state.widget(fn, key,
    …)`` or ``bind=`` with ``key=``) and what ui/state.py keeps itself (``present``, ``slide``, the old
    forms it rewrites)."""
    from ui import state

    names = set(state.UNBOUND) | set(state.OLD_YEARS)
    for n, loops in _calls():
        func = n.func
        if isinstance(func, ast.Attribute) and func.attr == "widget" and getattr(func.value, "id", "") == "state":
            names.update(_names(n.args[1], loops))
        kw = {k.arg: k.value for k in n.keywords}
        if "bind" in kw and "key" in kw:
            names.update(_names(kw["key"], loops))
    return names


def test_the_parameters_are_found():
    assert {"lang", "province", "years", "q", "stars", "district", "stype", "present", "slide", "y0"} <= url_parameters()


@pytest.mark.parametrize("name", sorted(url_parameters()))
def test_every_url_parameter_is_documented(name):
    assert re.search(rf"`{re.escape(name)}[`=]|(?<![\w-]){re.escape(name)}=", README), \
        f"the URL parameter {name!r} is not in README.md"


def _commands() -> list[tuple[str, str]]:
    """(subcommand, option) of ``python -m ocop_data``, option '' for the subcommand itself."""
    from ocop_data.__main__ import _parser

    out = []
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out.append((name, ""))
                out += [(name, opt) for a in sub._actions for opt in a.option_strings if opt.startswith("--")
                        and opt != "--help"]
    return out


@pytest.mark.parametrize("command, option", _commands(), ids=[f"{c} {o}".strip() for c, o in _commands()])
def test_every_command_and_option_is_documented(command, option):
    assert re.search(rf"python -m ocop_data {re.escape(command)}\b", README), \
        f"`python -m ocop_data {command}` is not in README.md"
    if option:
        assert re.search(rf"{re.escape(option)}\b", README), f"{command} {option} is not in README.md"


def _layout() -> dict[str, str]:
    """The README's code layout table: folder -> what it says lives there."""
    section = README.split("## Code layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.fullmatch(r"`([^`]+)`", cells[0]) if len(cells) == 2 else None
        if m:
            rows[m.group(1)] = cells[1]
    return rows


def test_every_top_level_folder_has_a_row():
    folders = {p.name + "/" for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")
               and p.name not in ("instance", "__pycache__") and any(p.glob("*"))}
    tracked = {f for f in folders if _is_tracked(ROOT / f)}
    missing = sorted(tracked - set(_layout()))
    assert not missing, f"README.md's layout table has no row for {missing}"


def _is_tracked(folder) -> bool:
    """A folder of the repository (not an output folder such as tests/artifacts or bench/out)."""
    import subprocess

    out = subprocess.run(["git", "ls-files", "--", str(folder)], cwd=ROOT, capture_output=True, text=True)
    return out.returncode != 0 or bool(out.stdout.strip())


def test_the_layout_table_names_only_files_that_are_there():
    missing = []
    for folder, text in _layout().items():
        for name in re.findall(r"`([^`]+)`", text):
            if not re.fullmatch(r"[\w./-]+\.(py|md|csv|geojson|txt|sh|ttf)|[\w-]+/", name):
                continue  # a command or a word, not a file
            if not ((ROOT / folder / name).exists() or (ROOT / name).exists()):
                missing.append(f"{folder}{name}")
    assert not missing, f"README.md's layout table names files that are not there: {missing}"


def test_the_data_rules_the_code_cites_are_in_the_repository():
    """The code cites "RULES.md §N": ocop_data/data/RULES.md has that section (and nothing cites rules kept
    outside the repository)."""
    rules = (ROOT / "ocop_data" / "data" / "RULES.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\d+)\. ", rules, re.M))
    cited, outside = set(), []
    for part in ("app.py", "ui", "pages", "story", "queries", "ocop_data", "briefing", "bench", "tests"):
        path = ROOT / part
        for f in [path] if path.is_file() else sorted(path.rglob("*.py")):
            text = f.read_text(encoding="utf-8")
            cited |= {(str(f.relative_to(ROOT)), n) for n in re.findall(r"RULES\.md §(\d+)", text)}
            if "DATA-" + "RULES" in text or "../" + "shared" in text:
                outside.append(str(f.relative_to(ROOT)))
    assert cited, "no citation found"
    assert not [c for c in cited if c[1] not in sections], sorted(c for c in cited if c[1] not in sections)
    assert not outside, outside
