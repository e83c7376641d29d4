"""Named, parameterised queries: one function per question, each returning a DataFrame.

Every function takes a DuckDB cursor (``ocop_data.db.Database.cursor()``) first. No SQL is
ever built from user text: values travel as parameters. No streamlit here, so every query
is testable on its own. Import the module that holds a query (``from queries import core``,
``core.territories(cur)``; the app caches it with ``ui.data.q(core.territories)``).

- ``core``: territories, figures, targets, products, producers, sales points, sources
- ``citations``: corrections, conflicts, certificates of products and rounds
- ``finder``: the search index over every figure, target, event and product
- ``status``: a target's status (a pure function, no SQL)
"""
