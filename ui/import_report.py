"""The upload step's parts for the Vietnamese sheets (Nguồn, Số liệu, Mục tiêu): adding a source in a form,
the new sources with the citation line a reporter would paste, the figures and targets in words, the
corrections a person makes by choices in words (a target's comparison, quantity, value and deadline; the
date an undated report stands for), and the warnings the upload adds. Every choice is kept in the
mapping (``sources``, ``fixes``), so the preview is computed again from it, the same on every rerun."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from ocop_data.importer import known as known_rows
from ocop_data.importer.report_headers import FIELDS, REPORT_USES, label as field_label
from ocop_data.importer.sources_sheet import FIELDS as SOURCE_FIELDS, source_row
from ocop_data.importer.targets_wording import COMPARISON_WORDS, TARGET_FAMILIES, in_words
from ocop_data.messages import message
from ocop_data.words import t
from queries import core
from story import findings, fmt
from story.cite import cite, quote_line, source_label
from ui import frame
from ui.data import q


def field_options(use: str) -> list[str]:
    return [""] + list(FIELDS[use]) if use in REPORT_USES else [""]


def _mapping(cache: dict, prev) -> dict:
    """The mapping the next preview is computed from (the recognised plan, when none was chosen yet)."""
    if cache.get("mapping") is None:
        cache["mapping"] = prev.plan.to_json()
    return cache["mapping"]


def _rerun(cache: dict) -> None:
    cache["previews"] = {}
    st.rerun()


# --- adding a source --------------------------------------------------------------------------------

def sources_step(prev, cache: dict, lang: str, sha: str) -> None:
    """The "add a source" form and the sources added with it, each with its citation line."""
    st.subheader(t("imp_add_source", lang), anchor=False)
    st.caption(t("imp_add_source_help", lang))
    added = list(prev.plan.sources)
    for i, entry in enumerate(added):
        row = {"title": entry.get("title") or "not stated", "publisher": entry.get("publisher") or "not stated",
               "address": entry.get("address") or "not stated"}
        a, b = st.columns([6, 1])
        a.markdown(f"**{frame.md_escape(source_label(row, lang))}**")
        a.code(_citation(prev, entry, lang), language=None, wrap_lines=True)
        if b.button(t("imp_remove", lang), key=f"src_rm_{sha[:10]}_{i}"):
            mapping = _mapping(cache, prev)
            mapping["sources"] = [s for j, s in enumerate(added) if j != i]
            _rerun(cache)
    with st.form(f"add_source_{sha[:10]}", clear_on_submit=True):
        a, b = st.columns(2)
        values = {"address": a.text_input(field_label("address", lang), placeholder="https://…"),
                  "title": b.text_input(field_label("title", lang))}
        a, b, c = st.columns(3)
        values["publisher"] = a.text_input(field_label("publisher", lang))
        values["published"] = b.text_input(field_label("published", lang), placeholder=t("imp_published_ph", lang),
                                           help=t("imp_published_help", lang))
        values["gathered"] = c.text_input(field_label("gathered", lang), placeholder=dt.date.today().strftime(
            "%d/%m/%Y"), help=t("imp_gathered_help", lang))
        values["note"] = st.text_input(field_label("note", lang))
        submitted = st.form_submit_button(t("imp_add_source_button", lang), icon=":material/add:")
    if not submitted:
        return
    entry = {f: str(values.get(f) or "").strip() for f in SOURCE_FIELDS}
    problems = []
    known = known_rows.Known(_data_dir())
    for s in prev.tables.get("source", []):  # the sources this upload already adds
        known.add("source", dict(s))
    row = source_row(entry, entry, known, dt.date.today(),
                     lambda f, rule, **p: problems.append((f, rule, p)))
    if row is None:
        for f, rule, p in problems:
            st.error(f"{field_label(f, lang) if f else ''}: {message(rule, lang, **p)}".lstrip(": "))
        return
    if row.get("_recorded"):
        st.info(t("imp_source_known", lang).format(label=source_label(known.rows["source"][row["source_id"]], lang)))
        return
    mapping = _mapping(cache, prev)
    mapping["sources"] = added + [entry]
    _rerun(cache)


def _data_dir():
    from ocop_data import paths
    return paths.local_data_dir()


def _citation(prev, entry: dict, lang: str) -> str:
    """The citation line of a source added in the form (its row in the preview, once read)."""
    for s in prev.tables.get("source", []):
        if (entry.get("address") and s.get("address") == entry["address"]) or (
                not entry.get("address") and s.get("title") == entry.get("title")):
            return cite(s, lang)
    return t("imp_source_pending", lang)


# --- the preview's new sources, figures and targets ------------------------------------------------------

def preview_parts(prev, cache: dict, lang: str, sha: str, territory_label) -> None:
    """What the Vietnamese sheets add, in words, with the corrections a person may make."""
    sources = prev.tables.get("source", [])
    if sources:  # few; each citation line is what a reporter pastes, as plain text to copy
        st.markdown(f"**{t('imp_new_sources', lang)}**")
        st.code("\n".join(cite(s, lang) for s in sources), language=None, wrap_lines=True)
    known_sources = [(i, label) for table, i, label in prev.unchanged if table == "source"]
    if known_sources:
        st.caption(t("imp_sources_known", lang).format(names="; ".join(frame.md_escape(x) for _, x in known_sources)))
    metrics = _metrics(lang)
    figures = prev.tables.get("figure", [])
    if figures:
        st.markdown(f"**{t('imp_new_figures', lang)}**")
        st.dataframe(frame.safe_frame(pd.DataFrame([{
            t("territory", lang): territory_label(f["territory_key"]),
            t("as_of", lang): findings.date_short(f.get("as_of") or None, f["as_of_precision"], lang),
            t("metric", lang): metrics.get(f["metric"], f["metric"]),
            t("value", lang): fmt.qualified(f["value"], f["qualifier"], lang),
            t("kind", lang): t(f"fig_kind_{f['kind']}", lang),
            t("source", lang): _source_name(prev, f["source_id"], lang),
            t("quote", lang): quote_line(f, lang),
            t("note", lang): f.get("note_vi" if lang == "vi" else "note") or ""} for f in figures])),
            hide_index=True, width="stretch")
    _undated_form(prev, cache, lang, sha)
    if prev.readings:
        _targets(prev, cache, lang, sha, territory_label, metrics)


def _metrics(lang: str) -> dict:
    m = q(core.metrics)
    return dict(zip(m.metric, m["label_en" if lang == "en" else "label_vi"]))


def _source_name(prev, sid: str, lang: str) -> str:
    rec = prev.sources.get(sid) or next((s for s in prev.tables.get("source", []) if s["source_id"] == sid), None)
    return source_label(rec, lang) if rec else sid


def _undated_form(prev, cache: dict, lang: str, sha: str) -> None:
    """The undated reports of the upload: the date each stands for, if the editor knows it, with the reason."""
    reports: dict = {}
    for f in prev.tables.get("figure", []):
        if f["as_of_precision"] in ("undated", "inferred"):
            where = prev.origin.get(("figure", f["figure_id"]))
            if where:
                reports.setdefault(where, []).append(f)
    if not reports:
        return
    fixes = prev.plan.fixes
    with st.expander(t("imp_undated_title", lang).format(n=len(reports)),
                     expanded=any(f["as_of_precision"] == "undated" for fs in reports.values() for f in fs)):
        st.caption(t("imp_undated_help", lang))
        keys = {}
        with st.form(f"undated_{sha[:10]}"):
            for (sheet, row), figs in sorted(reports.items()):
                now = fixes.get(sheet, {}).get(str(row), {})
                values = ", ".join(fmt.qualified(f["value"], f["qualifier"], lang) for f in figs)
                if figs[0]["as_of_precision"] == "inferred":
                    values += f" ({findings.date_short(figs[0]['as_of'], 'inferred', lang)})"
                st.markdown(frame.md_escape(t("imp_undated_row", lang).format(sheet=sheet, row=row, values=values)))
                a, b = st.columns([1, 3])
                keys[(sheet, row)] = (f"und_d_{sha[:10]}_{sheet}_{row}", f"und_r_{sha[:10]}_{sheet}_{row}")
                a.text_input(field_label("inferred_date", lang), value=now.get("inferred_date", ""),
                             key=keys[(sheet, row)][0], placeholder="mm/yyyy")
                b.text_input(field_label("inferred_reason", lang), value=now.get("inferred_reason", ""),
                             key=keys[(sheet, row)][1])
            if st.form_submit_button(t("check_mapping", lang), icon=":material/refresh:"):
                mapping = _mapping(cache, prev)
                out = mapping.setdefault("fixes", {})
                for (sheet, row), (kd, kr) in keys.items():
                    date, reason = st.session_state[kd].strip(), st.session_state[kr].strip()
                    fix = out.setdefault(sheet, {}).setdefault(str(row), {})
                    fix.pop("inferred_date", None)
                    fix.pop("inferred_reason", None)
                    if date or reason:
                        fix.update(inferred_date=date, inferred_reason=reason)
                _rerun(cache)


def _targets(prev, cache: dict, lang: str, sha: str, territory_label, metrics: dict) -> None:
    """Each target as read from its words, said back in words, with its correction by choices in words."""
    added = {prev.origin.get(("target", r["target_id"])): r for r in prev.tables.get("target", [])}
    lines = []
    for r in prev.readings:  # one line a target: its words, what they were read as, and its quote
        read = in_words(r["comparison"], r["value"], r["value_high"], metrics.get(r["metric"], "?"), r["deadline"],
                        lang, r["period_from"]) if r["metric"] else t("imp_target_unread", lang)
        row = added.get((r["sheet"], r["row"]))
        state = t("imp_target_ok", lang) if row else t("imp_target_problem", lang)
        lines.append(f"- **{frame.md_escape(r['wording'])}** ({frame.md_escape(r['sheet'])}, {t('imp_row', lang)} "
                     f"{r['row']}; {frame.md_escape(r['document'])}) → {frame.md_escape(read)} · _{state}_"
                     + (f"  \n  {t('quote', lang)}: {frame.md_escape(quote_line(row, lang))}" if row else ""))
    st.markdown(f"**{t('imp_targets', lang)}**  \n" + "\n".join(lines))
    offered = [m for m, fam in zip(q(core.metrics).metric, q(core.metrics).family) if fam in TARGET_FAMILIES]
    comparisons = list(COMPARISON_WORDS)
    with st.expander(t("imp_correct_targets", lang), expanded=any(r["problems"] for r in prev.readings)):
        st.caption(t("imp_correct_help", lang))
        keys = {}
        with st.form(f"targets_{sha[:10]}"):
            for r in prev.readings:
                k = f"{sha[:10]}_{r['sheet']}_{r['row']}"
                st.markdown(f"**{frame.md_escape(r['wording'])}** · {frame.md_escape(r['sheet'])}, "
                            f"{t('imp_row', lang)} {r['row']}")
                a, b, c, d, e = st.columns([1.2, 2.6, 0.9, 0.9, 1])
                keys[(r["sheet"], r["row"])] = k
                a.selectbox(t("imp_comparison", lang), comparisons,
                            index=comparisons.index(r["comparison"]) if r["comparison"] in comparisons else 0,
                            format_func=lambda v: COMPARISON_WORDS[v][lang == "en"], key=f"tc_{k}")
                b.selectbox(t("imp_quantity", lang), [""] + offered,
                            index=([""] + offered).index(r["metric"]) if r["metric"] in offered else 0,
                            format_func=lambda v: metrics.get(v, "") if v else t("choose", lang), key=f"tm_{k}")
                c.text_input(t("value", lang), value=_num(r["value"]), key=f"tv_{k}")
                d.text_input(t("imp_value_high", lang), value=_num(r["value_high"]), key=f"th_{k}")
                e.text_input(t("deadline", lang), value=_day(r["deadline"]), key=f"td_{k}")
            if st.form_submit_button(t("check_mapping", lang), icon=":material/refresh:"):
                mapping = _mapping(cache, prev)
                out = mapping.setdefault("fixes", {})
                for r in prev.readings:
                    k = keys[(r["sheet"], r["row"])]
                    ss = st.session_state
                    fix = {"comparison": ss[f"tc_{k}"], "metric": ss[f"tm_{k}"], "value": ss[f"tv_{k}"].strip(),
                           "value_high": ss[f"th_{k}"].strip(), "deadline": ss[f"td_{k}"].strip()}
                    same = (fix["comparison"] == r["comparison"] and fix["metric"] == r["metric"]
                            and fix["value"] == _num(r["value"]) and fix["value_high"] == _num(r["value_high"])
                            and fix["deadline"] == _day(r["deadline"]))
                    slot = out.setdefault(r["sheet"], {})
                    kept = {x: y for x, y in slot.get(str(r["row"]), {}).items() if x.startswith("inferred")}
                    if not same:
                        kept.update({x: y for x, y in fix.items() if y != "" or x in ("value", "value_high")})
                    if kept:
                        slot[str(r["row"])] = kept
                    else:
                        slot.pop(str(r["row"]), None)
                _rerun(cache)


def _num(v) -> str:
    if v is None or v == "":
        return ""
    v = float(v)
    return f"{v:g}"


def _day(iso: str) -> str:
    from ocop_data.importer.values import fmt_day
    return fmt_day(iso or "")


def warnings(prev, lang: str) -> None:
    """What check would warn of after applying this upload, that it does not warn of now."""
    if not prev.warnings:
        return
    st.warning(t("imp_warnings", lang).format(n=len(prev.warnings)))
    st.dataframe(pd.DataFrame({t("where", lang): [i.where(lang) for i in prev.warnings],
                               t("imp_warning", lang): [i.message(lang) for i in prev.warnings]}),
                 hide_index=True, width="stretch")


def mapping_json(mapping: dict) -> str:
    return json.dumps(mapping, ensure_ascii=False, sort_keys=True)
