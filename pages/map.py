"""Bản đồ điểm bán / Sales-point map: points at the precision published, over district boundaries."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from story import fmt, maps
from story.i18n import t
from ui import frame, state
from ui.data import db, q
from ui.shell import ctx

PAGE = "map"
state.define("shade", False, "bool", page=PAGE)

c = ctx()
lang = c.lang
keys = c.all_keys()
st.title(t("map_title", lang), anchor=False)
st.caption(t("map_subtitle", lang))

points = q("sales_points", keys)
territories = q("territories")
codes = sorted(territories[territories.territory_key.isin(keys) & (territories.level == "province")].code.unique())
shapes = q("district_shapes", codes)
per_district = q("products_per_district", keys).set_index("district_code").products.to_dict()
shade = state.widget(st.toggle, "shade", t("choropleth", lang))

@st.cache_resource(max_entries=32, show_spinner=False)
def _deck(version: str, keys: tuple, codes: tuple, lang: str, shade: bool, names: tuple):
    # cached on the data version: the same deck object (and its JSON) for every viewer of this view
    return maps.build_deck(points, shapes, per_district, shade, lang, lambda k: dict(names).get(k, k))


deck, mapped, unmapped = _deck(db().version, tuple(keys), tuple(codes), lang, bool(shade),
                               tuple(sorted(c.names.items())))
st.pydeck_chart(deck, height=560, width="stretch", key="points_map")
st.caption(t("map_legend", lang))
st.caption(t("map_credit", lang))

for tot in points[points.entry_kind == "total"].to_dict("records"):
    parts = points[points.part_of == tot["point_id"]]
    line = t("total_points", lang).format(text=fmt.qualified(tot["count"], tot["count_qualifier"], lang),
                                          territory=c.label(tot["territory_key"]), source=tot["source_id"])
    listed = parts["count"].dropna()
    if not listed.empty:
        line += " " + t("listed_sum", lang).format(n=fmt.number(listed.sum(), lang))
    st.markdown("- " + frame.md_escape(line))
if not unmapped.empty:
    st.warning(t("unmapped", lang).format(n=len(unmapped), names="; ".join(
        frame.md_escape(f"{x.tt_title} ({x.tt_extra})" if x.tt_extra else x.tt_title) for x in unmapped.itertuples())))

table = pd.DataFrame({
    t("territory", lang): [c.label(k) for k in points.territory_key],
    t("kind", lang): [t(f"entry_{k}", lang) for k in points.entry_kind],
    t("district", lang): points.district.fillna(points.locality).fillna(t("not_published", lang)),
    t("name", lang): points.name.fillna(t("not_published", lang)),
    t("address", lang): points.address.fillna(t("not_published", lang)),
    t("count", lang): [fmt.qualified(n, qq or "exact", lang) if pd.notna(n) else (
        t("split_not_published", lang) if k == "locality" else t("not_published", lang))
        for n, qq, k in zip(points["count"], points.count_qualifier, points.entry_kind)],
    t("precision", lang): [t(f"prec_{p}", lang) for p in points.precision],
    "lat": points.lat, "lon": points.lon,
    t("source", lang): points.source_id,
})
st.dataframe(table, hide_index=True, width="stretch")
frame.caption(points.drop_duplicates("source_id").to_dict("records"), lang, notes=[t("map_credit", lang)])
frame.downloads(table, "ocop_sales_points", lang, "points")
