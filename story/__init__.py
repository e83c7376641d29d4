"""What the dashboard says and how it looks, in plain Python (no streamlit).

Number and date formatting (``fmt``; the words in Vietnamese and English are
``ocop_data.words``), the chart look and colours (``theme``), citations and links (``cite``), the finding
sentences (``findings``) and the chart and map builders (``charts``, ``maps``). The pages, the
presentation, the PowerPoint briefing and print all use these, so a finding reads the same
everywhere.
"""
