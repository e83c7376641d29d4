"""The meeting briefing: slide content from the database, and a PowerPoint writer (no streamlit)."""
