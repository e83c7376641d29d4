"""The sales-point map (pydeck), shared by the map page and the presentation.

Points are drawn at the precision published: a count at a district is one marker labelled with
the count; a locality that is part of a total gets a marker without a number. The district
boundaries (GeoJsonLayer) are the basemap, so the map renders with no internet
(``map_provider=None``). Tooltip values are plain text: Streamlit escapes ``{field}`` values.
"""
from __future__ import annotations

import json
from typing import Callable

import pandas as pd
import pydeck as pdk

from . import fmt
from .i18n import t


class FrozenDeck(pdk.Deck):
    """A deck serialised once: a map of thousands of points is JSON-encoded once, not on every rerun."""

    def to_json(self):
        if getattr(self, "_frozen_json", None) is None:
            self._frozen_json = super().to_json()
        return self._frozen_json


def build_deck(points: pd.DataFrame, shapes: pd.DataFrame, per_district: dict, shade: bool, lang: str,
               name: Callable[[str], str], zoom: float | None = None):
    """(deck, mapped entries, unmapped entries) for the given sales-point rows and district shapes."""
    codes = sorted(shapes.province_code.unique()) if not shapes.empty else []
    totals = points[points.entry_kind == "total"].set_index("point_id")

    def count_text(r: dict) -> str:
        if r["entry_kind"] == "locality":
            tot = totals.loc[r["part_of"]] if r["part_of"] in totals.index else None
            total = fmt.qualified(tot["count"], tot["count_qualifier"], lang) if tot is not None else "?"
            return t("part_of_total", lang).format(total=total, territory=name(r["territory_key"]))
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
    deck = FrozenDeck(
        layers=layers, map_provider=None, map_style=None,
        initial_view_state=pdk.ViewState(latitude=float(lat), longitude=float(lon), zoom=zoom or (6.6 if len(codes) > 1 else 7.6)),
        tooltip={"html": "<b>{tt_title}</b><br/>{tt_district}<br/>{tt_count}<br/>{tt_precision}<br/>{tt_extra}"
                         "<br/><i>{tt_source}</i>",
                 "style": {"backgroundColor": "#1C2833", "color": "white", "fontSize": "13px", "maxWidth": "320px"}},
    )
    return deck, mapped, unmapped
