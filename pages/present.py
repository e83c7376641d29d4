"""Trình chiếu / Present: one message a slide, large type, no sidebar; a .pptx briefing to take away."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from story import charts, fmt, maps
from story.i18n import t
from ui import frame, shell, state
from ui.data import pptx, q, slides
from ui.shell import ctx

c = ctx()
lang = c.lang

# a high-contrast projector theme: black on white, body text >= 24 px at 1920x1080
st.html("""<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"]
  { display: none !important; }
.stMainBlockContainer, [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem !important; }
[data-testid="stAppViewContainer"] { background: #FFFFFF; color: #000000; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stMetricLabel"] p, button p, [data-testid="stTable"] td,
[data-testid="stTable"] th { font-size: 26px !important; color: #000000; }
[data-testid="stCaptionContainer"] { color: #1C2833 !important; }
h1 { font-size: 54px !important; color: #000000 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 84px !important; line-height: 1.1 !important;
  color: #000000 !important; font-weight: 700 !important; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 30px !important; }
</style>""")

deck = slides(lang, c.selected, c.year_from, c.year_to)
n = len(deck)


def big(fig):
    fig.update_layout(font=dict(size=22), legend=dict(font=dict(size=22)), hoverlabel=dict(font_size=20))
    fig.update_xaxes(tickfont_size=18)
    fig.update_yaxes(tickfont_size=18)
    for ann in fig.layout.annotations or []:
        ann.font.size = max(ann.font.size or 12, 18)
    return fig


@shell.fragment
def slide_view() -> None:
    """One slide and its navigation: next and previous rerun this block alone."""
    i = min(max(int(state.get("slide") or 1), 1), n)
    state.set_value("slide", i)
    s = deck[i - 1]

    def go(delta: int) -> None:
        state.set_value("slide", min(max(i + delta, 1), n))

    st.title(s.title, anchor=False)
    if s.subtitle:
        st.caption(s.subtitle)

    if s.kind == "headline":
        cols = st.columns(len(s.data["rows"]))
        for col, r in zip(cols, s.data["rows"]):
            tiers = " · ".join(f"{t(f'stars_{k[1:]}', lang)}: {fmt.number(r[k], lang)}"
                               for k in ("s3", "s4", "s5", "s5p") if r[k] is not None and not pd.isna(r[k]))
            col.metric(r["label"], fmt.qualified(r["total"], r["qualifier"], lang), border=True)
            col.markdown(f"{tiers or t('split_not_published', lang)}  \n"
                         f"{t('as_of', lang)} {fmt.partial_date(r['as_of'], r['precision'], lang)} · `{r['source_id']}`")
    elif s.kind == "tiers":
        fig = charts.tier_chart(s.data["reports"], s.data["family"], lang, c.label, height=720)
        st.plotly_chart(big(fig), width="stretch", key=f"slide_{i}", config={"displaylogo": False})
    elif s.kind == "targets":
        fig = charts.progress_chart(s.data["progress"], lang, c.label)
        st.plotly_chart(big(fig), width="stretch", key=f"slide_{i}", config={"displaylogo": False})
    elif s.kind == "subjects":
        fig = charts.subjects_chart(s.data["counts"], lang, s.source_line(lang))
        fig.update_layout(height=640)
        st.plotly_chart(big(fig), width="stretch", key=f"slide_{i}", config={"displaylogo": False})
    elif s.kind == "map":
        points = s.data["points"]
        territories = q("territories")
        keys = points.territory_key.unique().tolist()
        codes = sorted(territories[territories.territory_key.isin(c.all_keys()) & (territories.level == "province")]
                       .code.unique())
        deck_, mapped, unmapped = maps.build_deck(points, q("district_shapes", codes), {}, False, lang, c.name)
        st.pydeck_chart(deck_, height=680, width="stretch", key=f"slide_{i}")
        st.caption(t("map_legend", lang))
    elif s.kind == "sources":
        st.markdown("\n".join(f"- `{r['source_id']}` {frame.md_escape(frame.cite(r, lang))}"
                              for r in frame.records(s.data["sources"])))

    if s.kind not in ("tiers", "targets", "subjects"):  # charts carry their source line inside the figure
        st.caption(s.source_line(lang))
    left, mid, right, dl, leave = st.columns([1, 1, 1, 2, 1.4])
    left.button(t("prev", lang), on_click=go, args=(-1,), disabled=i == 1, key="prev", width="stretch")
    mid.markdown(f"**{t('slide_of', lang).format(i=i, n=n)}**")
    right.button(t("next", lang), on_click=go, args=(1,), disabled=i == n, key="next", width="stretch")
    with dl:  # the .pptx is made when the button is clicked (cached on the data version)
        selected, years = list(c.selected), (c.year_from, c.year_to)
        st.download_button(t("download_pptx", lang), lambda: pptx(lang, selected, *years),
                           file_name=f"ocop_briefing_{lang}.pptx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key="dl_pptx", width="stretch", icon=":material/slideshow:")
    if leave.button(t("exit_present", lang), key="leave", width="stretch"):
        st.switch_page("pages/overview.py")


slide_view()
