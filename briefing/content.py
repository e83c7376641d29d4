"""What the presentation, the PowerPoint briefing and the printed page say: a storyline from the database.

No streamlit here: the Trình chiếu page draws these slides, ``briefing.pptx_deck`` writes the same
slides as native, editable PowerPoint charts and ``briefing.print_pdf`` prints the one-page overview.
A slide with a chart carries its definition (``data["chart"]``, a ``story.spec.Chart`` made by the same
function as the page's chart, from the same data): the slide, the .pptx and the print draw that one.

The storyline a meeting needs: a title slide; one headline slide per province (the finding, the big
number, its trend, progress to the main target); star tiers over time; targets; producers; the
sales points; what is not known; the sources. Every slide title is a finding computed from the data
by ``story.findings``, the one home of these sentences (the pages say the same ones).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ocop_data.missing import missing
from ocop_data.words import lang_col, t
from queries import core
from story import charts, findings, fmt, rows, spec, undated
from story.theme import clip
from story.cite import normalise_source, source_label

SUBJECT_TYPES = ("htx", "dn", "tht", "hkd")
STALE_MONTHS = 12
# the kinds between the title and the closing pair carry a chart, a map or a big number
CLOSING = ("unknown", "decide", "sources")


@dataclass
class Slide:
    kind: str  # title | headline | tiers | targets | subjects | map | unknown | decide | sources
    title: str  # the finding, in the reader's language
    subtitle: str = ""  # what is measured, where, when
    source_ids: list = field(default_factory=list)
    data: dict = field(default_factory=dict)


# --- the storyline ----------------------------------------------------------------------------------

def _sources_of(df: pd.DataFrame, *cols: str) -> list[str]:
    out: set[str] = set()
    for c in cols:
        if c in df.columns:
            out |= {s for s in df[c].dropna() if isinstance(s, str)}
    return sorted(out)


def build_slides(cur, lang: str, provinces: list[str], year_from: int | None = None,
                 year_to: int | None = None, today: date | None = None) -> list[Slide]:
    """The briefing's slides for the chosen provinces (today's territory keys)."""
    today = today or date.today()
    terr = core.territories(cur)
    names, labels = fmt.territory_labels(terr, lang)
    words = spec.names(terr, core.sources(cur), lang)
    label = lambda k: labels.get(k, k)  # noqa: E731
    name = lambda k: names.get(k, k)  # noqa: E731
    short = fmt.short_labels(terr, lang)
    slabel = lambda k: short.get(k, k)  # noqa: E731  'Hà Giang cũ': findings stay one line
    families = {p: core.territory_family(cur, p) for p in provinces}
    all_keys = [k for fam in families.values() for k in fam]
    progress = core.target_progress(cur, all_keys, today)
    slides: list[Slide] = []

    # 1. the title slide: the scope and the date (the data version goes to the file's properties and help)
    newest = [findings.latest_total(f[f.metric == "products_total"]) for f in
              (core.tier_figures(cur, [p]) for p in provinces)]
    newest = [r for r in newest if r is not None]
    last = max(newest, key=lambda r: r["as_of_date"]) if newest else None
    slides.append(Slide("title", t("briefing_title", lang),
                        t("briefing_scope", lang).format(
                            years=f"{year_from}–{year_to}" if year_from and year_to else t("all_years", lang),
                            newest=findings.date_short(last["as_of"], last["as_of_precision"], lang) if last
                            else t("not_published", lang), today=fmt.day(today, lang)),
                        [], {"provinces": [name(p) for p in provinces], "today": today,
                             "version": core.data_version(cur)}))

    # 2. one headline slide per province: the finding, the big number, its trend, the main target
    stale, headline_by_prov = [], {}
    for prov, fam in families.items():
        series = {k: core.comparable_figures(cur, k, "products_total") for k in fam}
        series = {k: s[s.as_of_date.dt.year.between(year_from or 0, year_to or 9999)] for k, s in series.items()}
        own = series[prov]
        latest = core.latest_total(cur, prov)
        total = latest[(latest.metric == "products_total") & (latest.confidence != "L")]
        big = None
        if not total.empty:
            first = total.iloc[0]
            same = latest[latest.source_id == first.source_id].set_index("metric").value.to_dict()
            months = findings.age_months(first.as_of_date, today)
            big = {"value": first.value, "qualifier": first.qualifier, "as_of": first.as_of,
                   "precision": first.as_of_precision, "source_id": first.source_id, "months": months,
                   "sources": sorted(total.source_id.unique()),
                   "tiers": {k: same.get(m) for k, m in (("s3", "products_3star"), ("s4", "products_4star"),
                                                          ("s5", "products_5star"), ("s5p", "products_5p"))}}
            if months is not None and months > STALE_MONTHS:
                stale.append({"name": name(prov), "months": months, "date": fmt.partial_date(
                    first.as_of, first.as_of_precision, lang)})
        target = findings.headline_target(progress[progress.territory_key.isin(fam)], fam)
        headline_by_prov[prov] = {"big": big, "target": target}
        figures = core.tier_figures(cur, fam, year_from, year_to)
        figures = figures[figures.metric == "products_total"]
        # undated reports: never on the time axis, listed under the chart (its notes) and in the finding
        no_date = core.tier_figures(cur, [prov])
        no_date = no_date[(no_date.metric == "products_total") & no_date.as_of_date.isna()]
        if not no_date.empty:
            figures = pd.concat([figures, no_date[~no_date.figure_id.isin(figures.figure_id)]])
        title = findings.total_finding(pd.concat([own, no_date]) if not no_date.empty else own, label(prov), lang)
        chart = charts.totals(figures, [fam], words, terr, title=title, subtitle=t("headline_sub", lang),
                              target=target)
        srcs = sorted(set(chart.sources) | set(big["sources"] if big else [])
                      | ({target["source_id"]} if target else set())
                      | ({target["latest_source"]} if target and isinstance(target.get("latest_source"), str)
                         else set()))
        slides.append(Slide("headline", title, t("headline_sub", lang), srcs,
                            {"province": prov, "name": name(prov), "family": fam, "series": series, "big": big,
                             "target": target, "chart": chart, "undated": undated.note(no_date, lang)}))

    # 3. star tiers over time, per province, on a true time axis
    for prov, fam in families.items():
        reports = core.tier_reports(cur, fam, year_from, year_to)
        dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")].reset_index(drop=True)
        if dated.empty:
            continue
        title = findings.tier_finding(reports[reports.territory_key == prov], label(prov), lang)
        begun = terr[terr.territory_key == prov].valid_from
        breaks = [begun.iloc[0]] if len(fam) > 1 and not begun.empty and isinstance(begun.iloc[0], str) \
            and begun.iloc[0] else []
        chart = charts.tiers(dated, fam, words, title=title, subtitle=t("tiers_sub", lang), breaks=breaks)
        slides.append(Slide("tiers", title, t("tiers_sub", lang), sorted(dated.source_id.unique()),
                            {"reports": dated, "family": fam, "province": prov, "chart": chart}))

    # 4. targets as bullet bars against the 100% line
    if not progress.empty:
        shown = progress[progress.percent.notna()].copy()
        shown = shown.sort_values(["territory_key", "deadline_date", "target_id"], kind="stable")
        shown = shown.reset_index(drop=True)
        if not shown.empty:
            title = findings.targets_finding(progress, lang)
            slides.append(Slide("targets", title, t("targets_sub", lang),
                                _sources_of(shown, "source_id", "latest_source"),
                                {"progress": shown, "all": progress,
                                 "chart": rows.targets(shown, words, title=title, subtitle=t("targets_sub", lang))}))

    # 5. producers by type: the province's published split where there is one, else the list's
    panels, subject_sources = [], set()
    for prov, fam in families.items():
        found = False
        for key in fam:
            split = core.subject_split(cur, key)
            if split.empty:
                continue
            top = split.iloc[0]
            published_on = fmt.partial_date(top.as_of, top.as_of_precision, lang)
            panels.append({"territory_key": key, "label": label(key), "counts": split[["subject_type", "n"]],
                           "published": {"date": published_on, "source_id": top.source_id}, "split": split,
                           "finding": findings.subjects_finding(slabel(key), split, lang, {"date": published_on})})
            subject_sources.add(top.source_id)
            found = True
        listed = core.subjects_by_type(cur, fam)
        if not found and not listed.empty:
            key = listed.territory_key.iloc[0]
            sub = listed[listed.territory_key == key][["subject_type", "n"]].reset_index(drop=True)
            panels.append({"territory_key": key, "label": label(key), "counts": sub, "published": None,
                           "split": split.iloc[0:0],
                           "finding": findings.subjects_finding(slabel(key), sub, lang, None)})
            subject_sources |= set(core.product_table(cur, [key]).source_id)
    if panels:
        panels.sort(key=lambda p: p["published"] is None)  # a published split first
        for p in panels:  # one order of types everywhere
            p["counts"] = p["counts"].set_index("subject_type").reindex(
                [x for x in SUBJECT_TYPES if x in set(p["counts"].subject_type)]).reset_index()
        lead = panels[0]
        listed = core.subjects_by_type(cur, all_keys)
        products = core.product_table(cur, [p["territory_key"] for p in panels])
        chart = rows.subjects([{"territory_key": p["territory_key"], "published": p["split"],
                                "listed": listed[listed.territory_key == p["territory_key"]][["subject_type", "n"]],
                                "listed_sources": sorted(set(products[products.territory_key == p["territory_key"]]
                                                             .source_id))}
                               for p in panels], words, title=lead["finding"], subtitle=t("subjects_sub", lang))
        slides.append(Slide("subjects", lead["finding"], t("subjects_sub", lang),
                            sorted(set(subject_sources) | set(chart.sources)), {"panels": panels, "chart": chart}))

    # 6. the sales points, as published
    points = core.sales_points(cur, all_keys)
    if not points.empty:
        totals = findings.points_totals(points, slabel, lang)
        places = place_list(points, slabel, lang)
        counted = [g for g in places if any(n for _, n in g["items"])]
        title = findings.points_finding(totals, lang)
        chart = rows.places(counted[0], words, title=f"{counted[0]['label']}: {t('points_by_place', lang).lower()}",
                            sources=sorted(points.source_id.unique())) if counted else None
        slides.append(Slide("map", title, t("map_slide_sub", lang), sorted(points.source_id.unique()),
                            {"points": points, "totals": totals, "places": places, "chart": chart}))

    # 7. what is not known, in one honest slide
    items = unknowns(cur, families, progress, headline_by_prov, points, slabel, name, lang, today)
    n_missing = int((progress.percent.isna()).sum()) if not progress.empty else 0
    slides.append(Slide("unknown", findings.unknown_finding(n_missing, stale, lang), t("unknown_sub", lang),
                        sorted({s for i in items for s in i.get("sources", [])}), {"items": items}))

    # 8. the ending: what the meeting decides on, from the findings above
    slides.append(decide_slide(progress, stale, items, slabel, lang, today))

    # 9. the sources of everything above, grouped by what they support
    used = sorted({s for sl in slides for s in sl.source_ids})
    src = core.source_rows(cur, used)
    groups = source_groups(slides, src, lang)
    slides.append(Slide("sources", findings.sources_finding(len(used), lang),
                        t("slide_sources_sub", lang), used, {"sources": src, "groups": groups}))
    return slides


def decide_slide(progress: pd.DataFrame, stale: list[dict], items: list[dict], label, lang: str,
                 today: date) -> Slide:
    """The closing slide: the targets due this year with their status, the figures older than 12 months and
    how much is not known, each computed from the slides before it; its title counts them."""
    years = pd.to_datetime(progress.deadline_date).dt.year if not progress.empty else pd.Series(dtype=float)

    def lines_of(rows: pd.DataFrame) -> list[str]:
        rows = rows.sort_values(["deadline_date", "territory_key", "target_id"], kind="stable")
        return [f"{findings.target_label(r, label(r['territory_key']), lang)}: {findings.status_label(r['status'], lang)}"
                for r in rows.to_dict("records")]

    due = progress[years == today.year] if not progress.empty else progress
    due_lines = lines_of(due) if not due.empty else []
    shown = due
    if due.empty and not progress.empty:  # none due this year: the latest past deadline's results, as context
        past = progress[(years < today.year) & (progress.status != "no_data")]
        if not past.empty:
            last = int(pd.to_datetime(past.deadline_date).dt.year.max())
            shown = past[pd.to_datetime(past.deadline_date).dt.year == last]
            due_lines = [t("decide_none_due", lang).format(year=last)] + lines_of(shown)[:4]
    stale_lines = [t("decide_stale", lang).format(name=x["name"], date=x["date"], months=fmt.number(x["months"], lang))
                   for x in stale]
    unknown = [x for x in items if x["kind"] != "stale"]  # the stale figures have their own column
    unknown_lines = [t("decide_unknown_n", lang).format(province=p, n=fmt.number(sum(x["province"] == p for x in unknown),
                                                                                  lang))
                     for p in dict.fromkeys(x["province"] for x in unknown)]
    title = findings.decide_finding(len(due), today.year, len(stale_lines), len(unknown), lang)
    return Slide("decide", title, t("decide_sub", lang),
                 sorted({s for s in (list(shown.source_id) if not shown.empty else []) if isinstance(s, str)}),
                 {"groups": [(t("decide_due", lang).format(year=today.year), due_lines or [t("decide_none", lang)]),
                             (t("decide_old", lang), stale_lines or [t("decide_none", lang)]),
                             (t("decide_unknown", lang), unknown_lines or [t("decide_none", lang)])]})


def place_list(points: pd.DataFrame, label, lang: str) -> list[dict]:
    """The sales points in words, beside the map: per published total, its places and counts (largest
    first; a place without a count says so); named points that belong to no total, by territory."""
    def place(r) -> str:
        for col in ("locality", "district", "name", "address"):
            if isinstance(r.get(col), str) and r[col]:
                return r[col]
        return t("not_published", lang)

    groups = []
    for tot in points[points.entry_kind == "total"].to_dict("records"):
        parts = points[points.part_of == tot["point_id"]].to_dict("records")
        parts.sort(key=lambda r: (-(r["count"] if not missing(r["count"]) else -1), place(r)))
        groups.append({"label": label(tot["territory_key"]),
                       "head": t("points_at", lang).format(n=fmt.qualified(tot["count"], tot["count_qualifier"] or
                                                                           "exact", lang)),
                       "date": findings.date_short(tot["as_of"], tot["as_of_precision"], lang),
                       "items": [(place(r), None if missing(r["count"]) else fmt.number(r["count"], lang))
                                 for r in parts],
                       "split_unknown": bool(parts) and all(missing(r["count"]) for r in parts)})
    loose = points[(points.entry_kind != "total") & points.part_of.isna()]
    for key, grp in loose.groupby("territory_key", sort=False):
        groups.append({"label": label(key), "head": t("points_named", lang).format(n=fmt.number(len(grp), lang)),
                       "date": "", "items": [(clip(place(r), 48) + ("" if not missing(r["lat"]) else
                                                                   f" ({t('not_on_map', lang)})"), None)
                                             for r in grp.to_dict("records")], "split_unknown": False})
    return groups


def unknowns(cur, families: dict, progress: pd.DataFrame, headline: dict, points: pd.DataFrame, label, name,
             lang: str, today: date) -> list[dict]:
    """What the data does not say, province by province (most telling first): old figures, unpublished
    splits and targets without a figure, doubtful reports, sales points not placed."""
    items = []
    for prov, fam in families.items():
        found = []
        big = headline[prov]["big"]
        if big and big["months"] is not None and big["months"] > STALE_MONTHS:
            found.append({"text": t("unk_stale", lang).format(
                date=fmt.partial_date(big["as_of"], big["precision"], lang),
                months=fmt.number(big["months"], lang)), "sources": [big["source_id"]], "kind": "stale"})
        if big and all(missing(v) for v in big["tiers"].values()):
            found.append({"text": t("unk_split", lang).format(
                total=fmt.qualified(big["value"], big["qualifier"], lang),
                date=fmt.partial_date(big["as_of"], big["precision"], lang)), "sources": [big["source_id"]],
                "kind": "split"})
        fam_progress = progress[progress.territory_key.isin(fam)] if not progress.empty else progress
        no_figure = fam_progress[fam_progress.percent.isna()] if not fam_progress.empty else fam_progress
        if not no_figure.empty:
            example = no_figure.sort_values("deadline_date", ascending=False, kind="stable").iloc[0]
            found.append({"text": t("unk_targets", lang).format(
                n=fmt.number(len(no_figure), lang),
                example=clip(example[lang_col("description", lang)], 70)),
                "sources": sorted(no_figure.source_id.unique()), "kind": "targets"})
        if all(core.subject_split(cur, k).empty for k in fam):
            found.append({"text": t("unk_subjects", lang), "sources": [], "kind": "subjects"})
        reports = core.tier_reports(cur, fam)
        doubt = reports[reports.doubtful.astype(bool)]
        if not doubt.empty:
            d = doubt.sort_values("as_of_date", ascending=False, na_position="last").iloc[0]
            where = f", {label(d.territory_key)}" if d.territory_key != prov else ""
            found.append({"text": t("unk_doubtful", lang).format(
                n=fmt.number(len(doubt), lang), value=fmt.qualified(d.total, d.qualifier, lang),
                date=fmt.partial_date(d.as_of, d.as_of_precision, lang), where=where),
                "sources": sorted(doubt.source_id), "kind": "doubtful"})
        if not points.empty:
            fam_points = points[points.territory_key.isin(fam)]
            for tot in fam_points[fam_points.entry_kind == "total"].to_dict("records"):
                parts = fam_points[(fam_points.part_of == tot["point_id"])]
                if not parts.empty and parts["count"].isna().all():
                    found.append({"text": t("unk_points", lang).format(
                        total=fmt.qualified(tot["count"], tot["count_qualifier"] or "exact", lang),
                        n=fmt.number(len(parts), lang)), "sources": [tot["source_id"]], "kind": "points"})
            unmapped = fam_points[(fam_points.entry_kind != "total") & fam_points.lat.isna()]
            if not unmapped.empty:
                found.append({"text": t("unk_unmapped", lang).format(n=fmt.number(len(unmapped), lang)),
                              "sources": sorted(unmapped.source_id.unique()), "kind": "unmapped"})
        for it in found:
            it["province"] = name(prov)
        items += found
    return items


GROUP_KINDS = ("headline", "tiers", "targets", "subjects", "map")


def source_name(row: dict, lang: str) -> str:
    """story.cite.source_label, with the address's host before a bare date (a source stating neither
    title nor publisher is still told apart from the others)."""
    label = source_label(row, lang)
    s = normalise_source(row)
    stated = lambda v: not missing(v) and str(v) not in ("", "not stated")  # noqa: E731
    if not stated(s["title"]) and not stated(s["publisher"]) and stated(s["published"]):
        host = host_of(s["address"])
        if host:
            return f"{host}, {label}"
    return label


def host_of(address) -> str | None:
    from story.cite import host
    return host(address)


def source_groups(slides: list[Slide], src: pd.DataFrame, lang: str, per_group: int = 3) -> list[dict]:
    """At most one line per kind of slide: a few sources named (newest first), the rest counted.

    A source is named once, in the first line that uses it; a later line names its other sources and
    counts the rest.
    """
    rows = {r["source_id"]: r for r in src.to_dict("records")}
    named_ids: set[str] = set()
    groups = []
    for kind in GROUP_KINDS:
        ids = sorted({s for sl in slides if sl.kind == kind for s in sl.source_ids if s in rows})
        if not ids:
            continue
        ids.sort(key=lambda s: (str(rows[s].get("published") or ""), s), reverse=True)
        fresh = [s for s in ids if s not in named_ids][:per_group]
        named_ids |= set(fresh)
        named = [{"source_id": s, "label": source_name(rows[s], lang),
                  "address": normalise_source(rows[s])["address"]} for s in fresh]
        groups.append({"kind": kind, "title": t(f"src_group_{kind}", lang), "named": named,
                       "more": len(ids) - len(named), "n": len(ids)})
    return groups
