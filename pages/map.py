"""Bản đồ điểm bán / Sales-point map: points at the precision published, over district boundaries."""
from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
import streamlit as st

from ui import fmt, frame, state
from ui.data import q
from ui.i18n import t
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

totals = points[points.entry_kind == "total"].set_index("point_id")


def count_text(r: dict) -> str:
    if r["entry_kind"] == "locality":
        tot = totals.loc[r["part_of"]] if r["part_of"] in totals.index else None
        total = fmt.qualified(tot["count"], tot["count_qualifier"], lang) if tot is not None else "?"
        return t("part_of_total", lang).format(total=total, territory=c.name(r["territory_key"]))
    if pd.notna(r["count"]):
        return t("points_at", lang).format(n=fmt.qualified(r["count"], r["count_qualifier"] or "exact", lang))
    return t("point_one", lang) if r["entry_kind"] == "point" else ""


def source_text(r: dict) -> str:
    title = r["source_title"] if r["source_title"] and r["source_title"] != "not stated" else (
        r["source_file"] or r["source_address"])
    return f"{r['source_id']} · {title}"


def text(value) -> str:
    return value if isinstance(value, str) else ""


rows = []
for r in points.to_dict("records"):
    if r["entry_kind"] == "total":
        continue
    place = text(r["district"]) or text(r["locality"])
    rows.append({
        "point_id": r["point_id"], "territory_key": r["territory_key"], "entry_kind": r["entry_kind"],
        "lat": None if pd.isna(r["lat"]) else float(r["lat"]), "lon": None if pd.isna(r["lon"]) else float(r["lon"]),
        "count": None if pd.isna(r["count"]) else int(r["count"]),
        "label": str(int(r["count"])) if pd.notna(r["count"]) else ("" if r["entry_kind"] == "locality" else "1"),
        # tooltip fields: plain text; Streamlit escapes {field} values inside tooltip.html
        "tt_title": text(r["name"]) or place,
        "tt_district": f"{t('district', lang)}: {place or t('not_published', lang)}",
        "tt_count": count_text(r),
        "tt_precision": f"{t('precision', lang)}: {t('prec_' + r['precision'], lang)}",
        "tt_source": f"{t('source', lang)}: {source_text(r)}",
        "tt_extra": text(r["address"]),
    })
entries = pd.DataFrame(rows)
mapped = entries[entries.lat.notna()] if not entries.empty else entries
unmapped = entries[entries.lat.isna()] if not entries.empty else entries

features = []
max_products = max(per_district.values()) if per_district else 1
for s in shapes.itertuples():
    n = per_district.get(s.district_code, 0)
    features.append({"type": "Feature", "geometry": json.loads(s.geometry), "properties": {
        "tt_title": s.name, "tt_district": f"{s.province_name} ({s.district_code})",
        "tt_count": f"{t('unit_products', lang)}: {n}" if shade else "",
        "tt_precision": "", "tt_source": t("map_credit", lang), "tt_extra": "",
        "fill": [31, 97, 141, int(30 + 170 * n / max_products)] if shade and n else [236, 240, 241, 140],
    }})
layers = [pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="districts",
                    stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[86, 101, 115],
                    line_width_min_pixels=1, pickable=True)]
if not mapped.empty:
    counted = mapped[mapped.entry_kind != "locality"]
    localities = mapped[mapped.entry_kind == "locality"]
    if not counted.empty:
        layers.append(pdk.Layer("ScatterplotLayer", counted.to_dict("records"), id="counted_points",
                                get_position=["lon", "lat"], get_radius="count ? 2500 + 900 * count : 2500",
                                radius_min_pixels=9, get_fill_color=[201, 162, 39, 230],
                                get_line_color=[28, 40, 51], stroked=True, line_width_min_pixels=1, pickable=True))
    if not localities.empty:
        layers.append(pdk.Layer("ScatterplotLayer", localities.to_dict("records"), id="localities",
                                get_position=["lon", "lat"], get_radius=3500, radius_min_pixels=9,
                                get_fill_color=[255, 255, 255, 220], get_line_color=[31, 97, 141],
                                stroked=True, line_width_min_pixels=3, pickable=True))
    labelled = mapped[mapped.label != ""]
    if not labelled.empty:
        layers.append(pdk.Layer("TextLayer", labelled.to_dict("records"), id="count_labels",
                                get_position=["lon", "lat"], get_text="label", get_size=14,
                                get_color=[28, 40, 51], get_alignment_baseline="'center'"))

lat = shapes.centroid_lat.mean() if not shapes.empty else 21.5
lon = shapes.centroid_lon.mean() if not shapes.empty else 105.0
deck = pdk.Deck(
    layers=layers, map_provider=None, map_style=None,
    initial_view_state=pdk.ViewState(latitude=float(lat), longitude=float(lon), zoom=6.6 if len(codes) > 1 else 7.6),
    tooltip={"html": "<b>{tt_title}</b><br/>{tt_district}<br/>{tt_count}<br/>{tt_precision}<br/>{tt_extra}"
                     "<br/><i>{tt_source}</i>",
             "style": {"backgroundColor": "#1C2833", "color": "white", "fontSize": "13px", "maxWidth": "320px"}},
)
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
