"""The Streamlit side: words, formatting, chart look, chart frame, URL state, cached data access."""
