"""Mục tiêu / Targets: per province, the targets as bullet rows first, then a table, then every detail."""
from __future__ import annotations

import streamlit as st

from story.cite import md_escape
from story.i18n import t
from ui import shell
from ui.shell import ctx
from ui.targets import province_targets, targets_title

c = ctx()
lang = c.lang
st.title(t("targets_title", lang), anchor=False)

keys = c.focus[c.focus.territory_key.isin(c.selected)].territory_key.tolist()
compact = shell.compact(len(keys), lang)  # national data: each province's finding; its targets when opened
for key in keys:
    if not compact:
        province_targets(c, key, lang)
        st.divider()
        continue
    box = shell.expander(md_escape(targets_title(c, key, lang)), key=f"open_targets_{key}")
    if box is not None:  # a closed province sends nothing
        with box:
            province_targets(c, key, lang)
