"""Streamlit's undocumented internals, used only in ui/streamlit_internals.py (why is written there): each
test here fails loudly, naming what is gone, when an upgrade of Streamlit removes or renames one."""
from __future__ import annotations

import ast

from tests.conftest import ROOT

APP = ["app.py", "ui", "pages"]
HOME = ROOT / "ui" / "streamlit_internals.py"


def test_the_internals_used_are_still_there():
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext, get_script_run_ctx

    assert callable(get_script_run_ctx)
    assert hasattr(PagesManager, "uses_pages_directory"), "PagesManager.uses_pages_directory is gone"
    for name in ("intended_page_script_hash", "intended_page_name"):
        assert hasattr(PagesManager, name), f"PagesManager.{name} is gone"
    assert "pages_manager" in ScriptRunContext.__dataclass_fields__, "ScriptRunContext.pages_manager is gone"
    from streamlit.navigation.page import StreamlitPage

    assert isinstance(getattr(StreamlitPage, "_script_hash", None), property), "StreamlitPage._script_hash is gone"


def test_the_page_is_known_before_the_navigation_draws(built_db):
    """requested_page reads the page a link asks for: the presentation opens with no sidebar at all."""
    from tests.conftest import open_page

    assert open_page("pages/present.py").sidebar.children == {}
    assert open_page("pages/stars.py").sidebar.selectbox(key="province")


def test_no_other_module_touches_the_internals():
    found = []
    for part in APP:
        path = ROOT / part
        for f in [path] if path.is_file() else sorted(path.rglob("*.py")):
            if f == HOME:
                continue
            for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                module = n.module if isinstance(n, ast.ImportFrom) else None
                if isinstance(n, ast.Import):
                    module = next((a.name for a in n.names if a.name.startswith("streamlit.")), None)
                if module and module.startswith("streamlit.") and module != "streamlit.components.v1":
                    found.append(f"{f.relative_to(ROOT)}:{n.lineno} imports {module}")
                if isinstance(n, ast.Attribute) and n.attr.startswith("_") and not n.attr.startswith("__") \
                        and ast.unparse(n.value).split(".")[0] in ("st", "streamlit", "page", "p", "nav"):
                    found.append(f"{f.relative_to(ROOT)}:{n.lineno} reads {ast.unparse(n)}")
    assert not found, found
