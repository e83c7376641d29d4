"""Sản phẩm & chủ thể / Products & subjects: search, facets, star history, producers by type.

The search box, the facets and the table run as a fragment: typing reruns that block alone, and the
address bar keeps q=, stars=… (each widget is bound to its parameter, ui/state.py). Choosing a product in
it opens its details below.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ocop_data.missing import records
from ocop_data.words import lang_col, t
from queries import citations, core
from story import certificates as cert_words
from story import findings, fmt, plot, producers, rows
from ui import frame, shell, state, tables
from ui.data import derived, figure, q
from ui.shell import ctx
from ui.targets import evaluate

SHOW = 500  # never send the browser more rows than it draws
DRAWN = "_product_drawn"  # the product whose details the last full run drew

c = ctx()
lang = c.lang
keys = c.all_keys()
today = date.today()
NP = t("not_published", lang)


def head_lines() -> list[str]:
    """The finding, one line a territory with products named here: how many of its latest reported total."""
    figures = q(core.tier_figures, keys)
    totals = figures[figures.metric == "products_total"]
    return [findings.listed_finding(c.label(r.territory_key), int(r.listed),
                                    findings.latest_total(totals[totals.territory_key == r.territory_key]), lang)
            for r in q(core.coverage, keys).itertuples() if r.listed]


frame.page_head(t("page_products", lang), derived("products_head", head_lines, lang, tuple(keys)))


@shell.fragment
def finder() -> None:
    """Search, facets, the table and the product picker: reruns alone as the reader types or filters."""
    facets = q(core.product_facets, keys)
    district_names = state.distinct(dict(zip(facets["district"].value, facets["district"].label)))

    def facet_label(name: str, value: str) -> str:
        """A facet value as shown (and as the link holds it); '' is "not published"."""
        if value == "":
            return NP
        if name == "stars":
            return t(f"stars_{value}", lang)
        if name == "stype":
            return t(f"type_{value}", lang)
        if name == "district":
            return district_names.get(value, value)
        return value

    search = state.widget(st.text_input, "q", t("search", lang), placeholder=t("search_example", lang))
    cols = st.columns(5)
    chosen = {}
    for col, (name, facet_name, label) in zip(cols, [("district", "district", "district"), ("group", "group", "group"),
                                                     ("stars", "stars", "stars"),
                                                     ("stype", "subject_type", "subject_type"),
                                                     ("year", "year", "year")]):
        options = facets[facet_name].value.tolist()
        with col:
            chosen[name] = state.widget(st.multiselect, name, t(label, lang), options=options,
                                        format_func=lambda v, n=name: facet_label(n, v), worded=True,
                                        placeholder=t("choose", lang))

    products = q(core.product_table, keys, search or "", districts=chosen["district"], groups=chosen["group"],
                 stars=chosen["stars"], subject_types=chosen["stype"],
                 years=[int(y) if y else 0 for y in chosen["year"]] if chosen["year"] else None)
    listed = q(core.coverage, keys)
    st.caption(t("products_found", lang).format(n=fmt.number(len(products), lang)) + " · " +
               " · ".join(f"{frame.md_escape(c.label(r.territory_key))}: {fmt.number(r.listed, lang)}"
                          for r in listed.itertuples() if r.listed))
    per_producer = derived("products_per_producer", lambda: pd.Series(  # subject id -> products listed here
        q(core.producers_by_products, keys, 1_000_000).set_index("subject_id").n.to_dict(), dtype=object), tuple(keys))
    if len(products) > SHOW:
        st.caption(t("shown_first", lang).format(shown=fmt.number(SHOW, lang), n=fmt.number(len(products), lang)))
    # the rows drawn are made into words once per search and filters; every row found only when downloaded
    view = (lang, tuple(keys), search or "", *(tuple(v) for v in chosen.values()))
    tables.show(derived("products_shown", lambda: tables.tidy(people_table(products.head(SHOW), per_producer), lang),
                        *view), lang, key="products_table", tidied=True,
                height=min(560, 38 + 35 * max(1, min(len(products), SHOW))))
    frame.caption(derived("products_found_sources", lambda: frame.sources_line(list(products.source_id), lang),
                          *view), lang)
    frame.downloads(lambda: people_table(products, per_producer), "ocop_products", lang, "products")

    # the product picker: its details (below, outside this block) are drawn by a full run
    ids = products.product_id.head(SHOW).tolist()
    labels = derived("product_labels", lambda: product_labels(keys), lang, tuple(keys))
    linked = chosen_product(labels)
    if linked in labels and linked not in ids:
        ids.append(linked)  # a shared link to a product further down the list, or filtered out
    if linked and linked not in labels:  # a link to a product that was split
        succ = q(citations.product_successors, linked)
        if not succ.empty:
            st.info(t("split_into", lang).format(names=frame.md_escape("; ".join(succ.name.fillna(succ.product_id)))))
    pid = state.widget(st.selectbox, "product", t("choose_product", lang), options=[""] + ids,
                       format_func=lambda v: "—" if v == "" else labels.get(v, v), worded=True)
    if shell.in_fragment_rerun() and (pid or "") != st.session_state.get(DRAWN, ""):
        st.rerun()  # a product was chosen: the whole page runs, and draws its details


def product_labels(keys: list[str]) -> dict:
    """Every product's label in the picker ('name · producer'), by product id (the link holds the label)."""
    everything = q(core.product_table, keys)
    return state.distinct(dict(zip(everything.product_id, everything.name + " · " + everything.subject.fillna(NP))))


def chosen_product(labels: dict) -> str:
    """The product chosen in this session, else the one the link names (by its label, or an old link's id)."""
    if "product" in st.session_state:
        return st.session_state["product"] or ""
    raw = st.query_params.get("product", "")
    return next((k for k, v in labels.items() if v == raw), raw)


def people_table(products: pd.DataFrame, per_producer: pd.Series) -> pd.DataFrame:
    """The products table in people's words (before ``tables.tidy``)."""
    return pd.DataFrame({
        t("product", lang): products.name,
        t("subject", lang): products.subject.fillna(NP),
        t("products_of_producer", lang): [fmt.number(per_producer[s], lang) if isinstance(s, str) and s in
                                          per_producer else "" for s in products.subject_id],
        t("subject_type", lang): [t(f"type_{v}", lang) if isinstance(v, str) else NP for v in products.subject_type],
        t("district", lang): [(d + (" " + t("derived_suffix", lang) if dd else "")) if isinstance(d, str) else NP
                              for d, dd in zip(products.district, products.district_derived.fillna(False))],
        t("stars", lang): [t(f"stars_{v}", lang) if isinstance(v, str) else NP for v in products.stars],
        t("decided", lang): [fmt.partial_date(d, p, lang) if isinstance(d, str) else NP
                             for d, p in zip(products.decided, products.decided_precision)],
        t("group", lang): [(g + (" " + t("classified", lang) if gc else "")) if isinstance(g, str) else NP
                           for g, gc in zip(products.product_group, products.group_classified.fillna(False))],
        t("territory", lang): [c.label(k) for k in products.territory_key],
        t("source", lang): [c.source(s) for s in products.source_id],
    })


finder()

# --- one product's star history ---------------------------------------------------------
pid = st.session_state.get("product") or ""
st.session_state[DRAWN] = pid
everything = q(core.product_table, keys)
if pid and pid in set(everything.product_id):
    row = everything[everything.product_id == pid].iloc[0]
    st.subheader(t("product_view", lang), anchor=False)
    with st.container(border=True):
        # markdown-escaped: whatever the name holds shows as plain text, never as markup
        st.subheader(frame.md_escape(row["name"]), anchor=False)
        if isinstance(row["name_note"], str) and row["name_note"]:
            st.caption(frame.md_escape(row["name_note"]))
        st.caption(f"{t('subject', lang)}: "
                   f"{frame.md_escape(row['subject']) if isinstance(row['subject'], str) else NP}")
        hist = q(core.product_history, pid)
        ht = pd.DataFrame({
            t("stars", lang): [t(f"stars_{v}", lang) for v in hist.stars],
            t("decided", lang): [fmt.partial_date(d, p, lang) for d, p in zip(hist.decided, hist.decided_precision)],
            t("decision_no", lang): hist.decision_no.fillna(NP),
            t("level", lang): [t(f"level_{v}", lang) for v in hist.level],
            t("kind", lang): [t(f"kind_{v}", lang) for v in hist.kind],
            t("expires", lang): [fmt.day(e, lang) if pd.notna(e) else t("expiry_unknown", lang) for e in hist.expires],
            t("source", lang): [c.source(s) for s in hist.source_id],
        })
        tables.show(ht, lang, key="history_table")
        st.caption(frame.md_escape(cert_words.product_summary(q(citations.product_certificates, pid, date.today()), lang)))
        frame.caption(list(hist.source_id) + [row["source_id"]], lang)

# --- producers by type: what the province published beside what is listed here -------------------
st.divider()


def producer_frames(key: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """One territory's published split of producers, those listed here by type, and the sources cited."""
    subjects = q(core.subjects_by_type, keys)
    listed_here = subjects[subjects.territory_key == key]
    published = q(core.subject_split, key)
    src = q(core.product_table, [key]).drop_duplicates("source_id")
    return published, listed_here, sorted(set(published.source_id) | set(src.source_id))


def producer_view(key: str) -> dict | None:
    """What one territory's producers block says (None when there is nothing to show), worked out once per
    data version and language and shared by every viewer."""
    published, listed_here, cited = producer_frames(key)
    if listed_here.empty and published.empty:
        return None
    totals = q(core.comparable_figures, key, "subjects_total")
    total = records(totals.tail(1))[0] if not totals.empty else None
    n_listed = int(listed_here.n.sum()) if not listed_here.empty else 0
    shares = evaluate([key], today)
    if not shares.empty:
        shares = shares[shares.metric.isin(["share_subjects_coop_group_household", "share_subjects_sme"])]
    title = producers.title(c.label(key), published, total, n_listed, lang)
    return {
        "title": title,
        "table": producers.split_table(published, listed_here, lang),
        "chart": rows.subjects([{"territory_key": key, "published": published, "listed": listed_here,
                                 "listed_sources": cited}], c.chart_names, title=title,
                               subtitle=t("producers_subtitle", lang)),
        "shares": None if shares.empty else pd.DataFrame({
            t("target", lang): shares[lang_col("description", lang)],
            t("deadline", lang): [fmt.partial_date(d, p, lang) for d, p in zip(shares.deadline,
                                                                             shares.deadline_precision)],
            t("status", lang): [t(f"status_{s}", lang) for s in shares.status],
            t("source", lang): [c.source(x) for x in shares.source_id]}),
    }


for key in keys:
    view = derived("producers_view", lambda key=key: producer_view(key), lang, key, today)  # shares: status as of today
    if view is None:
        continue
    chart = view["chart"]
    frame.chart_block(key=f"subjects_{key}", chart=chart,
                      fig=figure(("producers", lang, key), lambda chart=chart: plot.figure(chart)),
                      table=view["table"], lang=lang, file_name=f"ocop_producers_{key}")
    if view["shares"] is not None:
        st.markdown(f"**{t('kh77_shares', lang)}**")
        tables.show(view["shares"], lang, key=f"shares_{key}")

# --- products per producer: who has the most -----------------------------------------------------
top = q(core.producers_by_products, keys, 10)
if not top.empty:
    top_chart = rows.top_producers(
        top, c.chart_names, title=t("top_producers_title", lang).format(name=top.subject.iloc[0],
                                                                         n=fmt.number(top.n.iloc[0], lang)),
        subtitle=t("top_producers_subtitle", lang),
        sources=derived("products_sources", lambda: list(dict.fromkeys(q(core.product_table, keys).source_id)),
                        tuple(keys)))
    frame.chart_block(
        key="top_producers", chart=top_chart,
        fig=figure(("top_producers", lang, tuple(keys)), lambda: plot.figure(top_chart)),
        table=pd.DataFrame({t("subject", lang): top.subject,
                            t("subject_type", lang): [t(f"type_{v}", lang) for v in top.subject_type.fillna(
                                "not_published")],
                            t("territory", lang): [c.label(k) for k in top.territory_key],
                            t("products_listed_axis", lang): top.n}),
        lang=lang, file_name="ocop_top_producers")

# --- due for re-evaluation ------------------------------------------------------------------
st.divider()
st.subheader(t("reevaluation_title", lang), anchor=False)
st.caption(t("reevaluation_note", lang))
def due_table() -> pd.DataFrame:
    """The certificates due for re-evaluation in people's words (before ``tables.tidy``), once a day."""
    due = q(core.due_for_reevaluation, keys, today)
    return pd.DataFrame({
        t("product", lang): due.name, t("subject", lang): due.subject.fillna(NP),
        t("stars", lang): [t(f"stars_{v}", lang) for v in due.stars],
        t("decided", lang): [fmt.partial_date(d, "day", lang) for d in due.decided],
        t("decision_no", lang): due.decision_no.fillna(NP),
        t("expires", lang): [fmt.day(e, lang) for e in due.expires],
        # said as computed, with the later evidence; no negative count of days for a product a later page names
        t("col_cert_status", lang): [cert_words.status_text(s_, e, lang, start=d, evidence=r) for s_, e, d, r in zip(
            due.status, due.expires, due.decided, due.to_dict("records"))],
        t("days_left", lang): [None if s_ == "mentioned" else int(n) for s_, n in zip(due.status, due.days_left)],
        t("source", lang): [c.source(x) for x in due.source_id]})


dt = derived("products_due", due_table, lang, tuple(keys), today)
if dt.empty:  # none within a year: the earliest expiry, if any certificate has a day-precise date
    later = q(core.due_for_reevaluation, keys, today, 100 * 366)
    if later.empty:
        st.info(t("none_due", lang))
    else:
        first = later.iloc[0]
        st.info(t("none_due_soon", lang).format(date=fmt.day(first.expires, lang), name=frame.md_escape(first["name"])))
else:
    if len(dt) > SHOW:
        st.caption(t("shown_first", lang).format(shown=fmt.number(SHOW, lang), n=fmt.number(len(dt), lang)))
    tables.show(derived("products_due_shown", lambda: tables.tidy(dt.head(SHOW), lang), lang, tuple(keys), today),
                lang, key="due_table", tidied=True)
    frame.downloads(lambda: tables.tidy(dt, lang), "ocop_due_for_reevaluation", lang, "due")
