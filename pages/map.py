"""Bản đồ điểm bán / Sales-point map: points at the precision published, over district boundaries.

The map reads without hovering (names, totals and counts drawn on it); beside it, a legend and each
province's total in words, with what could not be placed; the coordinates table in an expander below.
"""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from queries import core
from story import findings, fmt, maps
from ocop_data.words import t
from ui import frame, state, style, tables
from ui.data import db, q
from ui.shell import ctx

c = ctx()
lang = c.lang
keys = c.all_keys()
points = q(core.sales_points, keys)
# the finding first (issue 19 §5): the published totals of sales points, computed; the topic small above it
frame.page_head(t("map_title", lang), [findings.points_finding(findings.points_totals(points, c.label, lang), lang)])
st.caption(t("map_subtitle", lang))

territories = q(core.territories)
chosen = territories[territories.territory_key.isin(keys) & (territories.level == "province")]
codes = sorted(chosen.code.unique())
shapes = q(core.district_shapes, codes)
per_district = q(core.products_per_district, keys).set_index("district_code").products.to_dict()
shade = state.widget(st.toggle, "shade", t("choropleth", lang))

# the boundaries are those before 01/07/2025: a province code is labelled as the unit it was then
# (the territory with that code that began first), e.g. 'Tuyên Quang (đến 30/06/2025)'
first = chosen.assign(_from=chosen.valid_from.fillna("")).sort_values("_from").drop_duplicates("code")
province_labels = tuple(sorted((r.code, c.label(r.territory_key)) for r in first.itertuples()))
compact = style.is_phone()


# each chosen province by name with the territories it spans: one with no sales point placed says so on the map
chosen_provinces = tuple((c.name(k), tuple(c.family(k))) for k in c.selected)


@st.cache_resource(max_entries=32, show_spinner=False)
def _deck(version: str, keys: tuple, codes: tuple, lang: str, shade: bool, names: tuple, labels: tuple,
          compact: bool, provinces: tuple, sources: tuple):
    # cached on the data version: the same deck object (and its JSON) for every viewer of this view
    by_code, by_id = dict(labels), dict(sources)
    return maps.build_deck(points, shapes, per_district, shade, lang, lambda k: dict(names).get(k, k),
                           province_label=lambda code: by_code.get(code, code), compact=compact,
                           provinces=provinces, source=lambda i: by_id.get(i) or c.source(i))


deck, mapped, unmapped = _deck(db().version, tuple(keys), tuple(codes), lang, bool(shade),
                               tuple(sorted(c.names.items())), province_labels, compact, chosen_provinces,
                               tuple(sorted((i, c.source(i)) for i in set(points.source_id))))
left, right = st.columns([3, 2], gap="medium")
with left:
    st.pydeck_chart(deck, height=maps.PHONE[1] if compact else maps.DESKTOP[1], width="stretch", key="points_map")


def legend_html() -> str:
    """The legend, with the map's own symbols (CSS circles in ui/style.py); static words, escaped."""
    item = '<div class="ocop-legend-item"><span class="ocop-sym {}" aria-hidden="true">{}</span><span>{}</span></div>'
    return ('<div class="ocop-legend">'
            + item.format("ocop-sym-count", "3", html.escape(t("map_legend_count", lang)))
            + item.format("ocop-sym-ring", "", html.escape(t("map_legend_ring", lang)))
            + f'<p>{html.escape(t("map_legend_touch", lang))}</p></div>')


with right:
    # side headings in bold body text: the finding above stays the largest text (issue 19 §5)
    st.markdown(f"**{frame.md_escape(t('map_legend_title', lang))}**")
    st.html(legend_html())
    st.markdown(f"**{frame.md_escape(t('map_by_province', lang))}**")
    lines = []
    for tot in points[points.entry_kind == "total"].to_dict("records"):
        parts = points[points.part_of == tot["point_id"]]
        line = t("map_total_line", lang).format(
            text=t("points_at", lang).format(n=fmt.qualified(tot["count"], tot["count_qualifier"], lang)),
            date=fmt.partial_date(tot["as_of"], tot["as_of_precision"], lang))
        listed = parts["count"].dropna()
        if not listed.empty:
            line += " " + t("listed_sum", lang).format(n=fmt.number(listed.sum(), lang))
        places = parts[parts.entry_kind == "locality"]
        if not places.empty:
            line += " " + t("map_localities_line", lang).format(
                places=", ".join(places.district.fillna(places.locality).astype(str)))
        lines.append(f"- **{frame.md_escape(c.label(tot['territory_key']))}**: {frame.md_escape(line)}")
    # what the map says it cannot draw, in words too (a screen reader does not read the canvas)
    lines += ["- " + frame.md_escape(x) for x in maps.map_notes(shapes, mapped, chosen_provinces, lang)]
    if not unmapped.empty:
        lines.append("- " + frame.md_escape(t("map_not_located", lang).format(names="; ".join(
            f"{x.tt_title} ({x.tt_extra})" if x.tt_extra else x.tt_title for x in unmapped.itertuples()))))
    st.markdown("\n".join(lines))
    frame.caption(list(points.source_id), lang, notes=[t("map_credit", lang)])

place = points.district.fillna(points.locality)
table = pd.DataFrame({
    t("territory", lang): [c.label(k) for k in points.territory_key],
    t("kind", lang): [t(f"entry_{k}", lang) for k in points.entry_kind],
    t("place", lang): [p if isinstance(p, str) else "" for p in place],
    t("name", lang): points.name.fillna(""),
    t("address", lang): points.address.fillna(""),
    t("count", lang): [fmt.qualified(n, qq or "exact", lang) if pd.notna(n) else (
        t("map_locality_count", lang) if k == "locality" else ("1" if k == "point" else t("not_published", lang)))
        for n, qq, k in zip(points["count"], points.count_qualifier, points.entry_kind)],
    t("precision", lang): [t(f"prec_{p}", lang) for p in points.precision],
    t("lat", lang): [fmt.number(v, lang, 4) if pd.notna(v) else t("no_coordinates", lang) for v in points.lat],
    t("lon", lang): [fmt.number(v, lang, 4) if pd.notna(v) else t("no_coordinates", lang) for v in points.lon],
    t("as_of", lang): [fmt.partial_date(a, p, lang) for a, p in zip(points.as_of, points.as_of_precision)],
    t("source", lang): [c.source(s) for s in points.source_id],
})
with st.expander(t("map_coordinates", lang)):
    shown = tables.show(table, lang, key="points_table")
    frame.downloads(shown, "ocop_sales_points", lang, "points")
