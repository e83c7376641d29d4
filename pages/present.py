"""Trình chiếu / Present: one finding a slide, sized to the projector, keys to move; the .pptx and print.

app.py opens this page with no sidebar and no navigation menu. Each slide fills the window without
scrolling at 1280×800, 1366×768 and 1920×1080: the title, a body that takes the room left, the source
line and the navigation at the foot. The slide and its navigation run as a fragment, so moving to
another slide reruns only the slide.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from briefing import slide_map
from briefing.content import Slide
from ocop_data.words import t
from queries import core
from story import findings, fmt, plot, theme
from story.cite import esc, link, md_escape
from ui import frame, shell, state
from ui.data import figure, pptx, print_pdf, q, slides
from ui.shell import ctx

c = ctx()
lang = c.lang

# Projector theme: black on white, body text 24 px, the slide a column as tall as the window whose body
# takes what the title and the foot leave. Streamlit's header and sidebar are never drawn here.
st.html("""<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {{ display: none !important; }}
html, body, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stAppViewContainer"] {{ background: {paper}; color: {ink}; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100% !important; padding: 14px 40px 0 40px !important; }}
.st-key-slide {{ flex: none !important; height: calc(100vh - 36px) !important; gap: 12px !important;
  flex-wrap: nowrap !important; }}
.st-key-slide > [data-testid="stLayoutWrapper"] {{ flex: 0 0 auto !important; }}
.st-key-slide > [data-testid="stLayoutWrapper"]:has(> .st-key-slide_body) {{ flex: 1 1 0 !important; min-height: 0 !important;
  display: flex !important; flex-direction: column !important; }}
.st-key-slide_head, .st-key-slide_foot {{ flex: 0 0 auto !important; gap: 6px !important; }}
.st-key-slide_head > *, .st-key-slide_foot > * {{ flex-shrink: 0 !important; }}
.st-key-slide_body {{ flex: 1 1 0 !important; min-height: 0 !important; overflow: hidden; }}
.st-key-slide_body > [data-testid="stLayoutWrapper"],
.st-key-slide_body [data-testid="stElementContainer"]:has(.stPlotlyChart, [data-testid="stDeckGlJsonChart"])
  {{ flex: 1 1 0 !important; min-height: 0 !important; }}
.st-key-slide_body [data-testid="stHorizontalBlock"] {{ height: 100% !important; flex-wrap: nowrap !important; }}
.st-key-slide [data-testid="stHeading"], .st-key-slide [data-testid="stCaptionContainer"],
.st-key-slide_foot [data-testid="stMarkdownContainer"], .st-key-slide [data-testid="stHeading"]
[data-testid="stMarkdownContainer"] {{ margin: 0 !important; }}
.st-key-slide h1 {{ margin: 0 !important; font-size: clamp(30px, 2.35vw, 46px) !important; line-height: 1.18 !important;
  color: {ink} !important; padding: 0 !important; font-weight: 700 !important; }}
.st-key-slide_head [data-testid="stCaptionContainer"], .st-key-slide_head [data-testid="stCaptionContainer"] p {{ font-size: 24px !important; color: {ink} !important;
  line-height: 1.3 !important; margin: 0 !important; }}
.st-key-slide [data-testid="stMarkdownContainer"] p, .st-key-slide [data-testid="stMarkdownContainer"] li,
.st-key-slide button p, .st-key-slide [data-testid="stPageLink"] p, .st-key-slide a, .ocop-target, .ocop-badge
  {{ font-size: clamp(24px, 1.4vw, 30px) !important; color: {ink}; line-height: 1.35 !important; }}
.st-key-slide:has(.ocop-hero) .st-key-slide_head {{ margin-top: 16vh; }}
.st-key-slide:has(.ocop-hero) h1 {{ font-size: clamp(46px, 4.2vw, 80px) !important; }}
.ocop-hero {{ font-size: clamp(28px, 2vw, 40px); line-height: 1.4; color: {ink}; }}
.ocop-hero .ocop-small {{ font-size: clamp(24px, 1.4vw, 30px); color: {muted}; margin-top: 28px; }}
.st-key-slide li {{ margin-bottom: 4px !important; }}
.st-key-slide_src [data-testid="stMarkdownContainer"] p, .st-key-slide_src a {{ font-size: 22px !important;
  color: {ink} !important; margin: 0 !important; line-height: 1.3 !important; }}
.st-key-slide a {{ color: {link} !important; text-decoration: underline; }}
.st-key-slide [data-testid="stMetricValue"], .st-key-slide [data-testid="stMetricValue"] *,
.st-key-slide [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {{ font-size: clamp(72px, 6.2vw, 120px) !important;
  line-height: 1.0 !important; color: {ink} !important; font-weight: 700 !important; }}
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p
  {{ font-size: 26px !important; color: {ink} !important; }}
.st-key-slide [data-testid="stMetric"] {{ padding: 0 !important; }}
.ocop-counter {{ font-size: 28px; font-weight: 700; text-align: center; color: {ink}; line-height: 44px; }}
.ocop-badge {{ display: inline-block; background: {stale_bg}; color: {stale}; border-radius: 6px; padding: 0 8px;
  font-size: 24px; margin-left: 6px; }}
.ocop-target {{ font-size: 24px; color: {ink}; line-height: 1.35; }}
.ocop-track {{ position: relative; height: 30px; background: {track}; margin: 10px 0 6px 0; width: 80%; }}
.ocop-fill {{ position: absolute; left: 0; top: 7px; height: 16px; }}
.ocop-mark {{ position: absolute; top: -6px; height: 42px; width: 4px; background: {ink}; }}
.ocop-unknown h3 {{ font-size: 30px; margin: 0 0 6px 0; }}
</style>""".format(**theme.COLOURS))

# Keys as clickers send them: → PageDown ↓ next, ← PageUp ↑ previous (never while typing).
st.html("""<script>
(function () {
  if (window.__ocopSlideKeys) return;
  window.__ocopSlideKeys = true;
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var el = e.target || {};
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName || '') || el.isContentEditable) return;
    var which = {ArrowRight: 'next', PageDown: 'next', ArrowDown: 'next',
                 ArrowLeft: 'prev', PageUp: 'prev', ArrowUp: 'prev'}[e.key];
    if (!which) return;
    var button = document.querySelector('.st-key-' + which + ' button');
    if (!button) return;
    e.preventDefault();
    e.stopPropagation();
    if (!button.disabled) button.click();
  }, true);
})();
</script>""", unsafe_allow_javascript=True)

deck = slides(lang, c.selected, c.year_from, c.year_to)
n = len(deck)
CHART = {"displayModeBar": False, "responsive": True}


def go_to(i: int) -> None:
    state.go_to_slide(min(max(i, 1), n))


def source_line(s: Slide) -> str:
    """The slide's one quiet source line: a few sources by their short label, how many others, one link to
    the Sources page showing this slide's sources."""
    chart = s.data.get("chart")
    ids = list(chart.sources) + [i for i in s.source_ids if i not in chart.sources] if chart else s.source_ids
    return frame.sources_line(ids, lang)


def slide_key(i: int) -> tuple:
    """Slide ``i``'s chart is built once per data version, language and deck (a slide change reruns
    only the slide, and then draws the chart already made)."""
    return ("slide", lang, tuple(c.selected), c.year_from, c.year_to, i)


def headline(s: Slide, i: int) -> None:
    d = s.data
    left, right = st.columns([1, 1.7], gap="large")
    big = d["big"]
    with left:
        if big:
            st.metric(t("big_label", lang), fmt.qualified(big["value"], big["qualifier"], lang))
            when = fmt.partial_date(big["as_of"], big["precision"], lang)
            badge = (f"<span class='ocop-badge'>{esc(t('months_old', lang).format(months=big['months']))}</span>"
                     if big["months"] is not None and big["months"] > 12 else "")
            tiers = " · ".join(f"{esc(t('stars_' + k[1:], lang))}: {esc(fmt.number(v, lang))}"
                               for k, v in big["tiers"].items() if v is not None and not pd.isna(v))
            st.html(f"<div class='ocop-target'>{esc(t('as_of', lang))} {esc(when)}{badge}<br>"
                    f"{tiers or esc(t('split_not_published', lang))}</div>")
        else:
            st.markdown(md_escape(t("not_published", lang)))
        if d.get("undated"):  # reports with no date: listed, never on the time axis
            st.html(f"<div class='ocop-target'>{esc(d['undated'])}</div>")
        g = d["target"]
        if g:
            pct = g.get("percent")
            reached = "" if pct is None or pd.isna(pct) else fmt.percent(pct, lang, 0)
            width = 0 if not reached else min(float(pct), 125.0) / 125 * 100
            colour = theme.STATUS_COLORS.get(g["status"], theme.TEXT)
            latest = ("" if pd.isna(g.get("latest_value")) else
                      f" ({esc(fmt.qualified(g['latest_value'], g['latest_qualifier'] or 'exact', lang))}, "
                      f"{esc(fmt.partial_date(g['latest_as_of'], g['latest_precision'], lang))})")
            st.html(f"<div class='ocop-target'><b>{esc(t('main_target', lang))}:</b> "
                    f"{esc(findings.target_label(g, c.chart_names.short(g['territory_key']), lang))}"
                    f"<div class='ocop-track'><div class='ocop-fill' style='width:{width:.1f}%;background:{colour}'>"
                    f"</div><div class='ocop-mark' style='left:{100 / 1.25:.1f}%'></div></div>"
                    f"<b>{esc(reached)}</b>{latest} · {esc(findings.status_label(g['status'], lang))}</div>")
        else:
            st.html(f"<div class='ocop-target'>{esc(t('no_main_target', lang))}</div>")
    with right:
        fig = figure(slide_key(i), lambda: plot.figure(d["chart"], "projector"))
        st.plotly_chart(fig, height="stretch", width="stretch", config=CHART, key=f"chart_{s.kind}_{d['province']}")


def place_block(g: dict) -> str:
    """One territory's sales points in words: '**Tuyên Quang cũ** · trên 20 điểm (11/07/2024)' and its places."""
    head = f"**{md_escape(g['label'])}** · {md_escape(g['head'])}" + (f" ({md_escape(g['date'])})" if g["date"] else "")
    items = " · ".join(md_escape(p) + (f" **{md_escape(n)}**" if n else "") for p, n in g["items"])
    note = f" ({md_escape(t('split_per_place', lang))})" if g["split_unknown"] else ""
    return f"{head}  \n{items}{note}"


def unknown(s: Slide) -> None:
    items = s.data["items"]
    groups = list(dict.fromkeys(i["province"] for i in items))
    cols = st.columns(max(1, len(groups)), gap="large")
    for col, prov in zip(cols, groups):
        with col:
            st.markdown(f"### {md_escape(prov)}")
            st.markdown("\n".join(f"- {md_escape(i['text'])}" for i in items if i["province"] == prov))


def sources(s: Slide) -> None:
    lines = []
    for g in s.data["groups"]:
        named = [link(theme.clip(x["label"], 48), x["address"]) for x in g["named"]]
        more = f" {t('src_more', lang).format(n=fmt.number(g['more'], lang))}" if g["more"] else ""
        if not named:
            named, more = [t("src_all_named", lang).format(n=fmt.number(g["n"], lang))], ""
        lines.append(f"- **{md_escape(g['title'])}:** " + " · ".join(named) + more)
    st.markdown("\n".join(lines))
    st.page_link("pages/sources.py", label=t("src_all", lang).format(n=fmt.number(len(s.source_ids), lang)),
                 icon=":material/menu_book:")


def title_slide(s: Slide) -> None:
    d = s.data
    st.html(f"<div class='ocop-hero'><b>{esc(' · '.join(d['provinces']))}</b><br>{esc(s.subtitle)}</div>")


def decide(s: Slide) -> None:
    """The closing slide: what the meeting decides on, in three columns."""
    cols = st.columns(len(s.data["groups"]), gap="large")
    for col, (head, lines) in zip(cols, s.data["groups"]):
        with col:
            st.markdown(f"### {md_escape(head)}")
            st.markdown("\n".join(f"- {md_escape(x)}" for x in lines))


def draw(s: Slide, i: int) -> None:
    if s.kind == "headline":
        headline(s, i)
    elif s.kind in ("tiers", "targets", "subjects"):  # the chart the page draws, from the same definition
        fig = figure(slide_key(i), lambda: plot.figure(s.data["chart"], "projector"))
        st.plotly_chart(fig, height="stretch", width="stretch", config=CHART, key=f"chart_{s.kind}_{i}")
    elif s.kind == "map":
        points = s.data["points"]
        territories = q(core.territories)
        codes = sorted(territories[territories.territory_key.isin(c.all_keys()) & (territories.level == "province")]
                       .code.unique())
        deck_, mapped, unmapped = slide_map.slide_deck(points, q(core.district_shapes, codes), lang, c.name, c.source)
        left, right = st.columns([1.25, 1], gap="large")
        with left:
            st.pydeck_chart(deck_, height="stretch", width="stretch", key=f"map_{i}")
        with right:
            st.markdown("\n\n".join(place_block(g) for g in s.data["places"]))
    elif s.kind == "unknown":
        unknown(s)
    elif s.kind == "decide":
        decide(s)
    elif s.kind == "sources":
        sources(s)
    elif s.kind == "title":
        title_slide(s)


@shell.fragment
def show() -> None:
    i = state.slide(n)
    s = deck[i - 1]
    with st.container(key="slide"):
        with st.container(key="slide_head"):
            st.title(md_escape(s.title), anchor=False)
            if s.subtitle and s.kind != "title":
                st.caption(md_escape(s.subtitle))
        with st.container(key="slide_body"):
            draw(s, i)
        with st.container(key="slide_foot"):
            line = source_line(s) if s.kind not in ("sources", "title") else ""
            if line:
                st.container(key="slide_src").markdown(line)
            prev, count, nxt, ppt, prt, leave = st.columns([1.2, 0.8, 1.2, 1.5, 1.5, 1], vertical_alignment="center")
            prev.button(t("prev", lang), on_click=go_to, args=(i - 1,), disabled=i == 1, key="prev", width="stretch")
            made = t("generated", lang).format(date=fmt.day(deck[0].data["today"], lang), version=deck[0].data["version"])
            # the keys and the data version: the counter's help (a tooltip), not the title slide
            count.html(f"<div class='ocop-counter' title='{esc(t('keys_help', lang))}. {esc(made)}'>"
                       f"{esc(t('slide_n', lang).format(i=i, n=n))}</div>")
            nxt.button(t("next", lang), on_click=go_to, args=(i + 1,), disabled=i == n, key="next", width="stretch")
            selected, years = list(c.selected), (c.year_from, c.year_to)
            ppt.download_button(t("pptx_short", lang), lambda: pptx(lang, selected, *years),
                                file_name=f"ocop_briefing_{lang}.pptx", on_click="ignore",
                                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                key="dl_pptx", width="stretch", icon=":material/slideshow:",
                                help=t("download_pptx", lang))
            prt.download_button(t("print", lang), lambda: print_pdf(lang, selected, *years),
                                file_name=f"ocop_{lang}.pdf", mime="application/pdf", on_click="ignore",
                                key="dl_print", width="stretch", icon=":material/print:", help=t("print_help", lang))
            # a link, not st.switch_page: that clears the address, and Streamlit refuses to clear the parameters
            # its widgets hold
            leave.page_link("pages/overview.py", label=t("exit_short", lang), help=t("exit_present", lang),
                            width="stretch")


show()
