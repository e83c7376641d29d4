"""Named, parameterised queries: one function per question, each returning a DataFrame.

Every function takes a DuckDB cursor (``ocop_data.db.Database.cursor()``) first. No SQL is
ever built from user text: values travel as parameters. No streamlit here, so every query
is testable on its own.
"""
from .core import *  # noqa: F401,F403
from .status import target_status, percent_reached  # noqa: F401
from .citations import *  # noqa: F401,F403
from .finder import find, FIND_COLUMNS  # noqa: F401
