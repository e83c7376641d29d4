"""The OCOP data layer: plain files, their schema, validation and the DuckDB build.

Never imports streamlit, plotly or pydeck: it stands alone and is tested on its own.
"""
