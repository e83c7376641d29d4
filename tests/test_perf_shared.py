"""The shared layer's speed mechanisms behave: shared query results are copies a page may change,
the store stays bounded and forgets old data versions, a closed lazy expander sends nothing."""
from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from ui.data import _Results


def test_query_results_are_shared_but_a_page_cannot_change_them(built_db):
    def script():
        import streamlit as st

        from queries import core
        from ui.data import begin_run, q

        begin_run()
        first = q(core.focus_territories)
        first["territory_key"] = "changed"  # a page adding or overwriting a column
        first.drop(first.index, inplace=True)  # or emptying its copy in place
        second = q(core.focus_territories)
        st.write(f"{len(second)} {'changed' in set(second.territory_key)}")

    at = AppTest.from_function(script).run()
    assert not at.exception
    n, changed = at.markdown[0].value.split()
    assert int(n) >= 2 and changed == "False"


def test_store_is_bounded_and_drops_older_versions():
    store = _Results()
    store.MAX_BYTES = 10_000
    frame = pd.DataFrame({"a": range(200)})  # 1,600 bytes and its index
    for i in range(20):
        store.put(("db", "v1", "q", (i,), ()), frame)
    assert store._bytes <= store.MAX_BYTES
    assert store.get(("db", "v1", "q", (19,), ()))[0]  # the most recent is kept
    assert not store.get(("db", "v1", "q", (0,), ()))[0]  # the oldest went first
    store.put(("db", "v2", "q", (0,), ()), frame)  # a new data version of the same file
    assert not any(k[1] == "v1" for k in store._items)
    store.put(("other", "v9", "q", (0,), ()), frame)  # another file keeps its own
    assert store.get(("db", "v2", "q", (0,), ()))[0]


def test_closed_lazy_expander_sends_nothing():
    def script():
        import streamlit as st

        from ui import shell

        box = shell.expander("Details", key="details")
        if box:
            with box:
                st.dataframe({"heavy": list(range(1000))})
        st.write("after")

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert len(at.dataframe) == 0 and at.markdown[0].value == "after"
    at.session_state["details"] = True  # the reader opens it
    at.run()
    assert len(at.dataframe) == 1


def test_frozen_figure_sends_the_same_chart():
    import plotly.graph_objects as go
    import plotly.io as pio

    from ui.data import _freeze

    fig = go.Figure(go.Bar(x=["2019", "2025"], y=[28, 202], name="Tổng"))
    fig.update_layout(title="OCOP")
    frozen = _freeze(fig)
    assert isinstance(frozen, go.Figure)
    assert pio.to_json(frozen, validate=False) == pio.to_json(fig, validate=False)
    assert frozen.to_dict() is frozen.to_dict()  # made once, not on every rerun


def test_a_failing_fragment_rerun_shows_the_kind_message(built_db):
    """On a real server a fragment reruns alone (AppTest always reruns the script, so the rerun is made the way
    the app knows one: app.py is not running): a failure there shows the same kind message as a failing page,
    never a traceback."""
    def script():
        import pandas as pd
        import streamlit as st

        from ui import shell

        st.session_state[shell.RUNNING_KEY] = False  # app.py did not run: a fragment reruns alone
        st.session_state[shell.CTX_KEY] = shell.Context("en", pd.DataFrame(), [], 2019, 2026, 2019, 2026,
                                                        page="products")

        @shell.fragment
        def broken():
            raise ValueError("a bug")

        broken()
        st.write("after")

    at = AppTest.from_function(script).run()
    assert not at.exception
    from ocop_data.words import t

    assert [e.value for e in at.error] == [t("error_kind", "en")]
    assert at.markdown[0].value == "after"
