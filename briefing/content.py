"""What the presentation and the PowerPoint briefing say: one message a slide, from the database.

No streamlit here: the Trình chiếu page draws these slides, and ``briefing.pptx_deck`` writes
the same slides as native, editable PowerPoint charts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

import queries
from story import fmt
from story.i18n import t

SUBJECT_TYPES = ("htx", "dn", "tht", "hkd")


@dataclass
class Slide:
    kind: str  # headline | tiers | targets | subjects | map | sources
    title: str
    subtitle: str = ""
    source_ids: list = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def source_line(self, lang: str) -> str:
        return f"{t('sources', lang)}: " + (", ".join(self.source_ids) if self.source_ids else "–")


def territory_label(terr: pd.DataFrame, key: str, lang: str) -> str:
    return fmt.territory_labels(terr, lang)[1].get(key, key)


def build_slides(cur, lang: str, provinces: list[str], year_from: int | None = None,
                 year_to: int | None = None, today: date | None = None) -> list[Slide]:
    """The briefing's slides for the chosen provinces (today's territory keys)."""
    today = today or date.today()
    terr = queries.territories(cur)
    names, labels = fmt.territory_labels(terr, lang)
    label = lambda k: labels.get(k, k)  # noqa: E731
    _name = lambda k: names.get(k, k)  # noqa: E731
    families = {p: queries.territory_family(cur, p) for p in provinces}
    all_keys = [k for fam in families.values() for k in fam]
    slides: list[Slide] = []

    # 1. headline figures per province (latest comparable total of each territory of the family)
    for prov, fam in families.items():
        rows, sources = [], []
        for key in fam:
            latest = queries.latest_total(cur, key)
            total = latest[latest.metric == "products_total"]
            if total.empty:
                continue
            first = total.iloc[0]
            same = latest[latest.source_id == first.source_id].set_index("metric").value.to_dict()
            rows.append({"territory_key": key, "label": label(key), "total": first.value,
                         "qualifier": first.qualifier, "as_of": first.as_of, "precision": first.as_of_precision,
                         "s3": same.get("products_3star"), "s4": same.get("products_4star"),
                         "s5": same.get("products_5star"), "s5p": same.get("products_5p"),
                         "source_id": first.source_id})
            sources.append(first.source_id)
        if rows:
            slides.append(Slide("headline", f"{t('latest_total', lang)} · {_name(prov)}",
                                t("slide_headline_sub", lang), sorted(set(sources)), {"rows": rows}))

    # 2. star tiers over time per province
    for prov, fam in families.items():
        reports = queries.tier_reports(cur, fam, year_from, year_to)
        dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
        # one territory after another (predecessors side by side, never interleaved into one series)
        dated = dated.assign(_order=[fam.index(k) for k in dated.territory_key]).sort_values(
            ["_order", "as_of_date", "doubtful", "source_id"], kind="stable").drop(columns="_order")
        dated = dated.reset_index(drop=True)
        if dated.empty:
            continue
        slides.append(Slide("tiers", f"{t('stars_title', lang)} · {_name(prov)}",
                            t("stars_footer_note", lang), sorted(dated.source_id.unique()),
                            {"reports": dated, "family": fam, "province": prov}))

    # 3. targets against what was reached
    progress = queries.target_progress(cur, all_keys, today)
    if not progress.empty:
        shown = progress[progress.percent.notna()].reset_index(drop=True)
        srcs = sorted(set(shown.source_id) | set(shown.latest_source.dropna()))
        slides.append(Slide("targets", t("progress_title", lang), t("status_rule", lang), srcs,
                            {"progress": shown, "all": progress}))

    # 4. producers by type: the province's published split where there is one, else the list's
    for prov, fam in families.items():
        for key in fam:
            split = queries.subject_split(cur, key)
            if split.empty:
                continue
            top = split.iloc[0]
            counts = split[["subject_type", "n"]]
            slides.append(Slide("subjects", f"{t('subjects_title', lang)} · {label(key)}",
                                t("slide_subjects_published", lang).format(
                                    date=fmt.partial_date(top.as_of, top.as_of_precision, lang)),
                                [top.source_id], {"counts": counts, "territory_key": key}))
        listed = queries.subjects_by_type(cur, fam)
        if not listed.empty and not any(s.kind == "subjects" and s.data["territory_key"] in fam for s in slides):
            key = listed.territory_key.iloc[0]
            sub = listed[listed.territory_key == key]
            srcs = sorted(set(queries.product_table(cur, [key]).source_id))
            slides.append(Slide("subjects", f"{t('subjects_title', lang)} · {label(key)}",
                                t("subjects_subtitle", lang).format(n=fmt.number(int(sub.listed.iloc[0]), lang)),
                                srcs, {"counts": sub[["subject_type", "n"]].reset_index(drop=True),
                                       "territory_key": key}))

    # 5. the sales points, as published
    points = queries.sales_points(cur, all_keys)
    if not points.empty:
        slides.append(Slide("map", t("map_title", lang), t("map_subtitle", lang),
                            sorted(points.source_id.unique()), {"points": points}))

    # 6. the sources of everything above
    used = sorted({s for sl in slides for s in sl.source_ids})
    src = queries.source_rows(cur, used)
    slides.append(Slide("sources", t("sources_title", lang), t("slide_sources_sub", lang), used, {"sources": src}))
    return slides
