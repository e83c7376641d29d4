"""The sales-point map on a slide: the map page's deck (``story.maps.build_deck``) sized for a projector."""
from __future__ import annotations

from typing import Callable

import pandas as pd


def slide_deck(points: pd.DataFrame, shapes: pd.DataFrame, lang: str, name: Callable[[str], str],
               source: Callable[[str], str] | None = None):
    """The map page's deck (``story.maps.build_deck``) for a projector: larger circles with the count
    inside, drawn in a character set deck.gl is given (the place names stand in a list beside the map:
    seven districts a few millimetres apart cannot carry 20 px names without covering each other)."""
    import pydeck as pdk

    from story import maps, theme

    deck, mapped, unmapped = maps.build_deck(points, shapes, {}, False, lang, name, zoom=fit_zoom(shapes),
                                             source=source)
    for layer in deck.layers:
        if getattr(layer, "id", "") in ("counted_points", "localities"):
            layer.radius_min_pixels = 17
            layer.line_width_min_pixels = 2
    deck.layers = [layer for layer in deck.layers if getattr(layer, "id", "") != "count_labels"]
    labelled = mapped[mapped.label != ""] if not mapped.empty else mapped
    if not labelled.empty:
        # pydeck reads a plain string as an expression: a quoted one is a literal
        chars = "".join(sorted(set("".join(labelled.label.astype(str))) | set("0123456789")))
        deck.layers.append(pdk.Layer(
            "TextLayer", labelled.to_dict("records"), id="count_labels", get_position=["lon", "lat"],
            get_text="label", get_size=22, get_color=theme.rgba("ink"), font_weight=700, character_set=f"'{chars}'",
            font_family="'Noto Sans, Arial, sans-serif'", get_alignment_baseline="'center'"))
    return deck, mapped, unmapped


def fit_zoom(shapes: pd.DataFrame, height_px: int = 430, width_px: int = 1100) -> float | None:
    """A zoom at which the provinces' districts fill a slide's map (the smallest projector's room)."""
    import json
    import math

    lats, lons = [], []
    for g in shapes.geometry.dropna() if not shapes.empty else []:
        def walk(c):
            if isinstance(c[0], (int, float)):
                lons.append(c[0]); lats.append(c[1])  # noqa: E702
            else:
                for x in c:
                    walk(x)
        walk(json.loads(g)["coordinates"])
    if not lats:  # no district with a boundary (Quảng Ninh)
        return None

    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    span_y = (merc(max(lats)) - merc(min(lats))) / (2 * math.pi) * 512
    span_x = (max(lons) - min(lons)) / 360 * 512
    return round(min(math.log2(height_px / span_y), math.log2(width_px / span_x)), 2)
