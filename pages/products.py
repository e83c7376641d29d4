"""Sản phẩm & chủ thể / Products & subjects: search, facets, star history, producers by type."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from story import charts, fmt
from story.i18n import t
from ui import frame, shell, state
from ui.data import figure, q
from ui.shell import ctx
from ui.targets import evaluate

PAGE = "products"
for name in ("district", "group", "stars", "stype", "year"):
    state.define(name, [], "list", page=PAGE)
state.define("q", "", page=PAGE)
state.define("product", "", page=PAGE)

c = ctx()
lang = c.lang
keys = c.all_keys()
st.title(t("page_products", lang), anchor=False)

facets = q("product_facets", keys)
NP = t("not_published", lang)
counts = {name: dict(zip(f.value, f.n)) for name, f in facets.items()}
district_names = dict(zip(facets["district"].value, facets["district"].label))


def facet_label(name: str, value: str) -> str:
    """A facet value as shown, with how many products carry it; '' is "not published"."""
    n = counts[{"stype": "subject_type"}.get(name, name)].get(value, 0)
    if value == "":
        text = NP
    elif name == "stars":
        text = t(f"stars_{value}", lang)
    elif name == "stype":
        text = t(f"type_{value}", lang)
    elif name == "district":
        text = district_names.get(value, value)
    else:
        text = value
    return f"{text} ({n})"


SHOW = 500  # never send the browser more rows than it draws


@shell.fragment
def finder() -> None:
    """The search, the facets, the table and one product's history: typing reruns only this block."""
    search = state.widget(st.text_input, "q", t("search", lang), placeholder=t("search_example", lang))
    cols = st.columns(5)
    chosen = {}
    for col, (name, facet_name, label) in zip(cols, [("district", "district", "district"), ("group", "group", "group"),
                                                     ("stars", "stars", "stars"), ("stype", "subject_type", "subject_type"),
                                                     ("year", "year", "year")]):
        options = facets[facet_name].value.tolist()
        with col:
            chosen[name] = state.widget(
                st.multiselect, name, t(label, lang), options=options, placeholder=t("choose", lang),
                format_func=lambda v, n=name: facet_label(n, v),
                valid=lambda vs, o=options: [v for v in (vs or []) if v in o])

    products = q("product_table", keys, search or "", districts=chosen["district"], groups=chosen["group"],
                 stars=chosen["stars"], subject_types=chosen["stype"],
                 years=[int(y) if y else 0 for y in chosen["year"]] if chosen["year"] else None)
    listed = q("coverage", keys)
    st.caption(t("products_found", lang).format(n=fmt.number(len(products), lang)) + " · " +
               " · ".join(f"{c.label(r.territory_key)}: {fmt.number(r.listed, lang)}" for r in listed.itertuples()
                          if r.listed))

    shown = pd.DataFrame({
        t("product", lang): products.name,
        t("subject", lang): products.subject.fillna(NP),
        t("subject_type", lang): [t(f"type_{v}", lang) if isinstance(v, str) else NP for v in products.subject_type],
        t("district", lang): [(d + (" " + t("derived", lang) if dd else "")) if isinstance(d, str) else NP
                              for d, dd in zip(products.district, products.district_derived.fillna(False))],
        t("stars", lang): [t(f"stars_{v}", lang) if isinstance(v, str) else NP for v in products.stars],
        t("decided", lang): [fmt.partial_date(d, p, lang) if isinstance(d, str) else NP
                             for d, p in zip(products.decided, products.decided_precision)],
        t("group", lang): [(g + (" " + t("classified", lang) if gc else "")) if isinstance(g, str) else NP
                           for g, gc in zip(products.product_group, products.group_classified.fillna(False))],
        t("territory", lang): [c.label(k) for k in products.territory_key],
        t("source", lang): products.source_id,
    })
    if len(shown) > SHOW:
        st.caption(t("shown_first", lang).format(shown=fmt.number(SHOW, lang), n=fmt.number(len(shown), lang)))
    st.dataframe(shown.head(SHOW), hide_index=True, width="stretch", height=min(560, 38 + 35 * max(1, min(len(shown), SHOW))))
    frame.caption(products.drop_duplicates("source_id").to_dict("records"), lang)
    frame.downloads(shown, "ocop_products", lang, "products")

    # --- one product's star history ---------------------------------------------------------
    st.subheader(t("product_view", lang), anchor=False)
    ids = products.product_id.head(SHOW).tolist()
    if state.get("product") in set(products.product_id) and state.get("product") not in ids:
        ids.append(state.get("product"))  # a shared link to a product further down the list
    names = dict(zip(products.product_id, products.name + " · " + products.subject.fillna(NP)))
    pid = state.widget(st.selectbox, "product", t("choose_product", lang), options=[""] + ids,
                       format_func=lambda v: "—" if v == "" else names.get(v, v),
                       valid=lambda v: v if v in ids else "")
    if pid:
        row = products[products.product_id == pid].iloc[0]
        with st.container(border=True):
            # markdown-escaped: whatever the name holds shows as plain text, never as markup
            st.subheader(frame.md_escape(row["name"]), anchor=False)
            if isinstance(row["name_note"], str) and row["name_note"]:
                st.caption(row["name_note"])
            st.caption(f"{t('subject', lang)}: {row['subject'] if isinstance(row['subject'], str) else NP}")
            hist = q("product_history", pid)
            ht = pd.DataFrame({
                t("stars", lang): [t(f"stars_{v}", lang) for v in hist.stars],
                t("decided", lang): [fmt.partial_date(d, p, lang) for d, p in zip(hist.decided, hist.decided_precision)],
                t("decision_no", lang): hist.decision_no.fillna(NP),
                t("level", lang): [t(f"level_{v}", lang) for v in hist.level],
                t("kind", lang): [t(f"kind_{v}", lang) for v in hist.kind],
                t("expires", lang): [fmt.day(e, lang) if pd.notna(e) else t("expiry_unknown", lang) for e in hist.expires],
                t("source", lang): hist.source_id,
            })
            st.dataframe(ht, hide_index=True, width="stretch")
            frame.caption(hist.to_dict("records") + [row.to_dict()], lang)


finder()

# --- producers by type -------------------------------------------------------------------
st.divider()
subjects = q("subjects_by_type", keys)
for key in keys:
    sub = subjects[subjects.territory_key == key]
    if sub.empty:
        continue
    n = int(sub.listed.iloc[0])
    src = q("product_table", [key]).drop_duplicates("source_id")
    fig = figure(("subjects", lang, key), lambda: charts.subjects_chart(
        sub, lang, f"{t('sources', lang)}: " + ", ".join(sorted(src.source_id))))
    table = pd.DataFrame({t("subject_type", lang): [t(f"type_{v}", lang) for v in sub.subject_type],
                          t("count_listed", lang): sub.n.astype(int)})
    frame.chart_block(key=f"subjects_{key}", title=f"{t('subjects_title', lang)} · {c.label(key)}",
                      subtitle=t("subjects_subtitle", lang).format(n=fmt.number(n, lang)),
                      fig=fig, table=table, sources=src.to_dict("records"),
                      lang=lang, file_name=f"ocop_subjects_{key}")
    shares = evaluate([key])
    if not shares.empty:
        shares = shares[shares.metric.isin(["share_subjects_coop_group_household", "share_subjects_sme"])]
    if not shares.empty:
        st.markdown(f"**{t('kh77_shares', lang)}**")
        st.dataframe(pd.DataFrame({
            t("target", lang): shares["description_en" if lang == "en" else "description_vi"],
            t("deadline", lang): [fmt.partial_date(d, p, lang) for d, p in zip(shares.deadline,
                                                                             shares.deadline_precision)],
            t("status", lang): [t(f"status_{s}", lang) for s in shares.status],
            t("source", lang): shares.source_id}), hide_index=True, width="stretch")

# --- due for re-evaluation ------------------------------------------------------------------
st.divider()
st.subheader(t("reevaluation_title", lang), anchor=False)
st.caption(t("reevaluation_note", lang))
due = q("due_for_reevaluation", keys, date.today())
if due.empty:
    st.info(t("none_due", lang))
else:
    dt = pd.DataFrame({
        t("product", lang): due.name, t("subject", lang): due.subject.fillna(NP),
        t("stars", lang): [t(f"stars_{v}", lang) for v in due.stars],
        t("decided", lang): [fmt.partial_date(d, "day", lang) for d in due.decided],
        t("decision_no", lang): due.decision_no.fillna(NP),
        t("expires", lang): [fmt.day(e, lang) for e in due.expires],
        t("days_left", lang): due.days_left.astype(int), t("source", lang): due.source_id})
    if len(dt) > SHOW:
        st.caption(t("shown_first", lang).format(shown=fmt.number(SHOW, lang), n=fmt.number(len(dt), lang)))
    st.dataframe(dt.head(SHOW), hide_index=True, width="stretch")
    frame.downloads(dt, "ocop_due_for_reevaluation", lang, "due")
