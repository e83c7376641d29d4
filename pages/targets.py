"""Mục tiêu / Targets: per province, the targets as bullet rows first, then a table, then every detail."""
from __future__ import annotations

import streamlit as st

from ocop_data.words import t
from ui import shell
from ui.shell import ctx
from ui.targets import province_targets, targets_title

c = ctx()
lang = c.lang
st.title(t("targets_title", lang), anchor=False)

keys = c.focus[c.focus.territory_key.isin(c.selected)].territory_key.tolist()
shell.per_province(keys, lang, "targets", lambda key: targets_title(c, key, lang),
                   lambda key: province_targets(c, key, lang))
