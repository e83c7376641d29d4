"""Quản lý dữ liệu / Data: log in, templates, upload → map → preview → apply, history and restore, retire."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import time

import pandas as pd
import streamlit as st

from ocop_data import accounts, paths, provinces as reference, templates, writes
from ocop_data.importer import duplicates, headers, known, new_provinces, preview, reading, values
from ocop_data.importer.apply import apply
from ocop_data.messages import PlanChanged, Refused
from ocop_data.problems import BuildError
from ocop_data.schema import DATA_FILES, TABLES
from ocop_data.words import t
from queries import core
from story import fmt, tables
from story.cite import source_label
from ui import frame, import_report
from ui.data import db, q
from ui.shell import ctx

c = ctx()
lang = c.lang
st.title(t("page_data", lang), anchor=False)
NP = t("not_published", lang)


def when_text(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return iso or ""


# --- login ---------------------------------------------------------------------------------------
read_only = writes.unwritable(paths.local_data_dir())
if read_only is not None:  # said first: logging in (its failures are recorded there) and every change need it
    st.warning(t("data_folder_read_only", lang).format(path=frame.md_escape(read_only)), icon=":material/lock:")
session = st.session_state.get("editor")
if session and time.time() - session["since"] > accounts.SESSION_SECONDS:
    st.session_state.pop("editor")
    session = None
    st.info(t("session_expired", lang))
if not session:
    if not accounts.has_accounts():
        st.info(t("no_accounts", lang))
        st.code(".venv/bin/python -m ocop_data set-password TEN_NGUOI_DUNG", language="bash")
        st.stop()
    try:
        client = accounts.client_address(st.context.ip_address, st.context.headers)
    except Exception:  # noqa: BLE001 - no request context (tests): no client signal
        client = None
    with st.form("login"):
        user = st.text_input(t("user", lang))
        password = st.text_input(t("password", lang), type="password")
        if st.form_submit_button(t("login", lang)):
            try:
                result = accounts.attempt(user, password, client=client)
            except Refused as exc:  # the failure record cannot be written: no attempt is checked
                st.error(frame.md_escape(exc.issue.message(lang)))
            else:
                if result.ok:
                    st.session_state["editor"] = {"user": user, "since": time.time()}
                    st.rerun()
                elif result.wait > 0:
                    st.error(t("too_many_attempts", lang).format(s=math.ceil(result.wait)))
                else:
                    st.error(t("login_failed", lang))
    st.stop()

user = session["user"]
st.caption(t("logged_in_as", lang).format(user=frame.md_escape(user)))
if st.button(t("logout", lang), key="logout"):
    st.session_state.pop("editor", None)
    st.rerun()
try:
    writes.lock_wait()
except Refused as exc:  # a setting nobody could act on silently: said before anyone presses Apply
    st.warning(frame.md_escape(exc.issue.message(lang)))

done = st.session_state.pop("imp_done", None)
if done:
    st.success(done)
    st.page_link("pages/products.py", label=t("see_products", lang), icon=":material/inventory_2:")

tab_import, tab_history, tab_templates, tab_retire = st.tabs(
    [t("tab_import", lang), t("tab_history", lang), t("tab_templates", lang), t("tab_retire", lang)])

with tab_templates:
    st.download_button(t("template_xlsx", lang), templates.xlsx(), file_name="mau_nhap_ocop.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="tpl_xlsx", on_click="ignore", icon=":material/download:")
    st.download_button(t("template_csv", lang), templates.csv_zip(), file_name="mau_nhap_ocop_csv.zip",
                       mime="application/zip", key="tpl_csv", on_click="ignore", icon=":material/download:")
    st.caption(t("template_help", lang))


# --- import: upload, map, preview, apply ---------------------------------------------------------

def field_options(use: str) -> list[str]:
    if use == "products":
        return [""] + list(headers.PRODUCT_FIELDS)
    if use in import_report.REPORT_USES:
        return import_report.field_options(use)
    return [""] + TABLES[use].column_names if use in TABLES else [""]


def field_text(use: str, f: str) -> str:
    if not f:
        return t("ignore_column", lang)
    if use in import_report.REPORT_USES:
        return import_report.field_label(f, lang)
    return headers.field_label(f, lang) if use == "products" else f


def sheet_use_text(v: str) -> str:
    if v == "products":
        return t("sheet_products", lang)
    if v == "ignore":
        return t("sheet_ignore", lang)
    if v in import_report.REPORT_USES:
        return t(f"sheet_{v}", lang)
    return t("sheet_table", lang).format(table=t(f"table_{v}", lang))


def src_text(sid: str, prev=None) -> str:
    if not sid:
        return t("from_file", lang)
    rec = (prev.sources.get(sid) if prev is not None else None) or sources_by_id().get(sid)
    if rec is None and prev is not None:
        rec = next((r for r in prev.tables.get("source", []) if r.get("source_id") == sid), None)
    return f"{source_label(rec, lang)} ({sid})" if rec else sid


def sources_by_id() -> dict:
    return {r["source_id"]: r for r in frame.records(q(core.sources))}


def provinces() -> list[str]:
    """The data's provinces, then every other one of the reference list (added when the editor confirms)."""
    terr = q(core.territories)
    keys = terr[terr.level == "province"].territory_key.tolist()
    return keys + sorted((k for k in reference.reference() if k not in keys), key=lambda k: reference.get(k).name)


def territory_text(key: str) -> str:
    """A territory by its label; one the data does not hold yet by the reference list's label, said so."""
    if key in c.labels or not reference.get(key):
        return c.label(key)
    labels = fmt.territory_labels(pd.DataFrame([
        {"territory_key": p.key, "name_vi": p.name, "name_en": p.name, "valid_from": p.valid_from,
         "valid_to": p.valid_to} for p in reference.reference().values()]), lang)[1]
    return t("not_in_data", lang).format(name=labels[key])


def mapping_step(prev, sha: str) -> dict | None:
    """The mapping step, always shown: each column's meaning and the whole-file values, in one form."""
    st.subheader(t("step_mapping", lang), anchor=False)
    st.caption(t("mapping_help", lang))
    plan = prev.plan
    k = sha[:10]
    keys, adds = {}, {}
    with st.form(f"mapping_{k}"):
        for s in plan.sheets:
            uses = ["products", *import_report.REPORT_USES] + [n for n in DATA_FILES] + ["ignore"]
            box = st.expander(f"{frame.md_escape(s.name)} · {sheet_use_text(s.use)}", expanded=s.use != "ignore") \
                if len(plan.sheets) > 1 else st.container()
            with box:
                a, b = st.columns([3, 1])
                keys[(s.name, "use")] = f"use_{k}_{s.name}"
                a.selectbox(t("sheet_holds", lang).format(sheet=frame.md_escape(s.name)), uses, index=uses.index(s.use),
                            format_func=sheet_use_text, key=keys[(s.name, "use")])
                keys[(s.name, "header")] = f"hdr_{k}_{s.name}"
                b.number_input(t("header_row", lang), min_value=1, value=max(1, s.header_number), step=1,
                               key=keys[(s.name, "header")])
                if s.use == "ignore" or not s.columns:
                    continue
                options = field_options(s.use)
                cols = st.columns(3)
                for i, col in enumerate(s.columns):
                    wkey = f"col_{k}_{s.name}_{s.header_number}_{s.use}_{col.index}"
                    keys[(s.name, col.index)] = wkey
                    cols[i % 3].selectbox(
                        frame.md_escape(col.header or f"#{col.index + 1}"), options,
                        index=options.index(col.field) if col.field in options else 0,
                        format_func=lambda v, u=s.use: field_text(u, v), key=wkey,
                        help=t("samples", lang).format(values=frame.md_escape(" · ".join(col.samples))) if col.samples
                        else t("no_samples", lang))
        st.markdown(f"**{t('file_values', lang)}**")
        f = plan.file
        a, b, c3 = st.columns(3)
        provs = [""] + provinces()
        keys["province"] = f"w_prov_{k}"
        a.selectbox(headers.field_label("province", lang), provs,
                    index=provs.index(f["province"]) if f.get("province") in provs else 0,
                    format_func=lambda v: t("from_file", lang) if not v else territory_text(v), key=keys["province"])
        srcs = [""] + sorted(set(sources_by_id()) | {r.get("source_id") for r in prev.tables.get("source", [])})
        keys["source"] = f"w_src_{k}"
        b.selectbox(headers.field_label("source", lang), srcs,
                    index=srcs.index(f["source"]) if f.get("source") in srcs else 0,
                    format_func=lambda v: src_text(v, prev), key=keys["source"])
        keys["decided"] = f"w_dec_{k}"
        c3.text_input(t("decided_wide", lang), value=f.get("decided", ""), key=keys["decided"])
        a, b, c3 = st.columns(3)
        levels = ["", "district", "province", "national"]
        keys["level"] = f"w_lvl_{k}"
        level_now = values.choice(f["level"], values.LEVELS) if f.get("level") else ""
        a.selectbox(headers.field_label("level", lang), levels, index=levels.index(level_now or ""),
                    format_func=lambda v: t("from_file", lang) if not v else t(f"level_{v}", lang), key=keys["level"])
        kinds = ["", "new", "re-evaluation", "upgrade"]
        keys["kind"] = f"w_kind_{k}"
        kind_now = values.choice(f["kind"], values.KINDS) if f.get("kind") else ""
        b.selectbox(t("kind_wide", lang), kinds, index=kinds.index(kind_now or ""),
                    format_func=lambda v: t("from_file", lang) if not v else t(f"kind_{v}", lang), key=keys["kind"])
        keys["district"] = f"w_dist_{k}"
        c3.text_input(t("district_wide", lang), value=f.get("district", ""), key=keys["district"])
        a, b = st.columns([2, 1])
        keys["decision_no"] = f"w_dno_{k}"
        a.text_input(t("decision_wide", lang), value=f.get("decision_no", ""), key=keys["decision_no"])
        keys["planned"] = f"w_plan_{k}"
        b.checkbox(t("planned_wide", lang), value=bool(f.get("planned")), key=keys["planned"])
        # a province the file names that the data does not hold yet: added only when the editor ticks it
        confirmed = new_provinces.confirmed_keys(f)
        asked = list(dict.fromkeys(prev.new_provinces + confirmed))
        for key in asked:
            p = reference.get(key)
            adds[key] = f"w_add_{k}_{key}"
            st.checkbox(t("add_province", lang).format(name=p.name, code=p.code), value=key in confirmed,
                        key=adds[key], help=t("add_province_help", lang))
        for hf, h in plan.hints.items():
            if hf not in plan.hinted:
                continue  # a column of the file gives it, or a person chose another value
            st.caption(f"{headers.field_label(hf, lang)}: " + t("hint_from_title", lang).format(
                row=h["row"], text=frame.md_escape(h["text"][:120])))
        submitted = st.form_submit_button(t("check_mapping", lang), icon=":material/refresh:")
    if not submitted:
        return None
    ss = st.session_state
    mapping = {"ocop_mapping": 1, "sheets": {}, "file": {}, "sources": plan.sources, "fixes": plan.fixes}
    for s in plan.sheets:
        use, header = ss[keys[(s.name, "use")]], int(ss[keys[(s.name, "header")]])
        same = use == s.use and header == s.header_number
        mapping["sheets"][s.name] = {"use": use, "header_row": header, "columns": [
            {"index": col.index, "header": col.header, "field": ss[keys[(s.name, col.index)]]}
            for col in s.columns if (s.name, col.index) in keys] if same else []}
    for name in ("province", "source", "decided", "level", "kind", "district", "decision_no"):
        mapping["file"][name] = str(ss[keys[name]] or "").strip()
    mapping["file"]["planned"] = bool(ss[keys["planned"]])
    mapping["file"][new_provinces.CONFIRM] = ";".join(key for key, wkey in adds.items() if ss[wkey])
    return mapping


def issues_table(prev) -> None:
    st.error(t("problems_found", lang).format(n=len(prev.issues) + prev.more_issues))
    st.dataframe(pd.DataFrame({t("where", lang): [i.where(lang) for i in prev.issues],
                               t("what_to_do", lang): [i.message(lang) for i in prev.issues]}),
                 hide_index=True, width="stretch")
    if prev.more_issues:
        st.caption(t("more_problems", lang).format(n=prev.more_issues))


def preview_step(prev) -> None:
    st.subheader(t("step_preview", lang), anchor=False)
    for s in prev.plan.sheets:
        if s.use == "ignore":
            continue
        used = [f"{col.header or '#' + str(col.index + 1)} → {field_text(s.use, col.field)}"
                for col in s.columns if col.field]
        ignored = [col.header or f"#{col.index + 1}" for col in s.ignored]
        st.caption(t("columns_used", lang).format(sheet=frame.md_escape(s.name), n=len(used),
                                                  used=frame.md_escape("; ".join(used))) + " " +
                   (t("columns_ignored", lang).format(n=len(ignored), names=frame.md_escape(", ".join(ignored)))
                    if ignored else t("no_columns_ignored", lang)))
    products_sheets = prev.plan.products_sheets()
    if products_sheets and not prev.plan.file.get("level") and \
            not any(col.field == "level" for s in products_sheets for col in s.columns):
        st.caption(t("level_default", lang))
    if prev.derived:
        st.caption(t("derived_values", lang).format(n=len(prev.derived)))
    notes_list(prev)
    if prev.issues:
        issues_table(prev)
        return
    if not prev.has_changes:
        st.info(t("nothing_new", lang))
    else:
        st.success(t("preview_ok", lang).format(add=len(prev.added), change=len(prev.changed),
                                                same=len(prev.unchanged)))
    summary = prev.summary()
    st.dataframe(pd.DataFrame([{t("summary_table", lang): t(f"table_{name}", lang),
                                t("added", lang): n["added"], t("changed", lang): n["changed"],
                                t("unchanged", lang): n["unchanged"]}
                               for name, n in summary.items()]), hide_index=True, width="stretch")
    products = prev.tables["product"]
    if products:
        st.markdown(f"**{t('rows_to_add', lang)}**")
        st.dataframe(frame.safe_frame(pd.DataFrame([{
            t("product", lang): p["name"],
            t("subject", lang): prev.names.get(("subject", p.get("subject_id") or "")) or NP,
            t("territory", lang): territory_text(p["territory_key"]),
            t("district", lang): prev.names.get(("district", p.get("district_code") or "")) or NP,
            t("group", lang): p.get("product_group") or NP,
            t("source", lang): src_text(p.get("source_id") or "", prev)} for p in products])),
            hide_index=True, width="stretch")
    evals = prev.tables["evaluation"]
    product_names = {p["product_id"]: p["name"] for p in products}  # new products; recorded ones: prev.names
    if evals:
        st.markdown(f"**{t('evaluations_to_add', lang)}**")
        st.dataframe(frame.safe_frame(pd.DataFrame([{
            t("product", lang): product_names.get(e["product_id"]) or prev.names.get(("product", e["product_id"]))
            or NP,
            t("stars", lang): t(f"stars_{e['stars']}", lang),
            t("decided", lang): fmt.partial_date(e.get("decided"), e.get("decided_precision"), lang),
            t("decision_no", lang): e.get("decision_no") or NP,
            t("level", lang): t(f"level_{e['level']}", lang),
            t("kind", lang): t(f"kind_{e['kind']}", lang),
            t("source", lang): src_text(e.get("source_id") or "", prev)} for e in evals])),
            hide_index=True, width="stretch")
    if prev.changed:
        st.markdown(f"**{t('rows_to_change', lang)}**")
        st.dataframe(frame.safe_frame(pd.DataFrame([
            {t("summary_table", lang): t(f"table_{table}", lang), t("name", lang): label, t("field", lang): tables.column_label(k, lang),
             t("before", lang): "" if before[k] is None else str(before[k]),
             t("after", lang): "" if after[k] is None else str(after[k])}
            for table, _, label, before, after in prev.changed for k in before])), hide_index=True, width="stretch")



def notes_list(prev) -> None:
    """What does not stop the import but must be said: rows left out, hidden sheets, a title's district."""
    if prev.notes:
        st.warning(t("notes_title", lang).format(n=len(prev.notes)) + "\n\n" + "\n".join(
            f"- {frame.md_escape(n.where(lang))}: {frame.md_escape(n.message(lang))}" for n in prev.notes))


def duplicates_step(prev, sha: str) -> dict | None:
    """A choice on each possibly duplicate row (DATA-RULES §5: a person decides, never similarity alone)."""
    if not prev.possibly_same:
        return None
    st.warning(t("possibly_same", lang))
    st.caption(t("possibly_same_decide", lang))
    keys = {}
    with st.form(f"same_{sha[:10]}"):
        for p in prev.possibly_same:
            options = ["", "same", "different"]
            keys[p.where] = f"same_{sha[:10]}_{p.where}"
            label = t("possibly_same_row", lang).format(where=p.where, label=p.label, other=p.other, id=p.other_id)
            st.radio(frame.md_escape(label), options, index=options.index(p.decision), key=keys[p.where],
                     horizontal=True, format_func=lambda v, o=frame.md_escape(p.other): t(
                         f"decide_{v or 'undecided'}", lang).format(other=o))
        submitted = st.form_submit_button(t("decide_save", lang), icon=":material/check:")
    if not submitted:
        return None
    choices = {"same": {}, "different": []}
    for p in prev.possibly_same:
        v = st.session_state[keys[p.where]]
        if v == "same":
            choices["same"][p.where] = p.other_id
        elif v == "different":
            choices["different"].append(p.where)
    return choices


@contextlib.contextmanager
def queue_note():
    """While a change waits its turn: how many are ahead of it (the note is gone once it is done)."""
    box = st.empty()
    try:
        yield lambda n: box.info(t("queue_waiting", lang).format(n=n))
    finally:
        box.empty()


def import_flow(upload) -> None:
    data = upload.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    cache = st.session_state.get("imp")
    if not cache or cache["sha"] != sha or cache["name"] != upload.name:
        bar = st.progress(0.0, text=t("reading_file", lang))
        try:
            sheets = reading.read_upload(upload.name, data,
                                         progress=lambda f, _: bar.progress(min(1.0, f), text=t("reading_file", lang)))
            cache = {"sha": sha, "name": upload.name, "sheets": sheets, "refused": None, "previews": {},
                     "mapping": None, "decisions": {}}
        except Refused as exc:
            cache = {"sha": sha, "name": upload.name, "sheets": None, "refused": exc, "previews": {}, "mapping": None,
                     "decisions": {}}
        bar.empty()
        st.session_state["imp"] = cache
    if cache["refused"] is not None:
        st.error(frame.md_escape(cache["refused"].issue.message(lang)))
        return
    # the preview is computed once per upload, mapping and data version (a rerun reuses it)
    key = (json.dumps(cache["mapping"], sort_keys=True, ensure_ascii=False),
           json.dumps(cache["decisions"], sort_keys=True, ensure_ascii=False), writes.last_version())
    accepted = cache.get("shown")  # the preview on screen when Apply was pressed: the one applied
    prev = cache["previews"].get(key)
    if prev is None:
        bar = st.progress(0.0, text=t("checking", lang))
        try:
            prev = preview.prepare(upload.name, data, mapping=cache["mapping"], sheets=cache["sheets"],
                                   decisions=duplicates.Decisions.from_json(cache["decisions"]),
                                   progress=lambda f, _: bar.progress(min(1.0, f), text=t("checking", lang)))
        except Refused as exc:
            bar.empty()
            st.error(frame.md_escape(exc.issue.message(lang)))
            return
        bar.empty()
        cache["previews"] = {key: prev}
    import_report.sources_step(prev, cache, lang, sha)
    new_mapping = mapping_step(prev, sha)
    if new_mapping is not None:
        cache["mapping"] = new_mapping
        st.rerun()
    st.download_button(t("download_mapping", lang), json.dumps(prev.plan.to_json(), ensure_ascii=False, indent=1),
                       file_name="cach_ghep_cot.json", mime="application/json", key=f"dl_map_{sha[:10]}",
                       on_click="ignore", icon=":material/download:", help=t("mapping_reuse", lang))
    preview_step(prev)
    import_report.preview_parts(prev, cache, lang, sha, c.label)
    import_report.warnings(prev, lang)
    choices = duplicates_step(prev, sha)
    if choices is not None:
        cache["decisions"] = choices
        st.rerun()
    cache["shown"] = prev
    st.subheader(t("step_apply", lang), anchor=False)
    if st.session_state.pop("imp_changed", False):
        st.error(t("plan_changed_web", lang))
    if prev.issues:
        st.caption(t("fix_first", lang))
    if st.button(t("apply", lang), type="primary", key="apply", disabled=not (prev.ok and prev.has_changes)):
        try:
            with st.spinner(t("applying", lang)), queue_note() as on_wait:
                entry = apply(accepted if accepted is not None and accepted.ok else prev, user, on_wait=on_wait)
        except PlanChanged as exc:  # other changes came first and changed the result: the new one, to accept
            new = exc.preview
            cache["previews"] = {(key[0], key[1], new.base): new}
            cache["shown"] = None
            st.session_state["imp_changed"] = True
            st.rerun()
        except Refused as exc:
            cache["previews"] = {}
            st.error(frame.md_escape(exc.issue.message(lang)))
            return
        except BuildError as exc:
            st.error(t("apply_failed", lang))
            st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)
            return
        st.cache_data.clear()
        st.session_state.pop("imp", None)
        st.session_state["upload_n"] = st.session_state.get("upload_n", 0) + 1  # a fresh, empty uploader
        st.session_state["imp_done"] = t("applied", lang).format(version=entry["version"])
        st.rerun()


with tab_import:
    st.caption(t("import_intro", lang))
    limit_mb = reading.MAX_BYTES // (1024 * 1024)  # the server refuses a larger upload before reading it
    upload = st.file_uploader(t("upload", lang), type=None, key=f"upload_{st.session_state.get('upload_n', 0)}",
                              max_upload_size=limit_mb)
    st.caption(t("upload_limit", lang).format(limit=limit_mb))
    if upload is not None:
        import_flow(upload)


# --- history and restore --------------------------------------------------------------------------

def entry_what(e: dict) -> str:
    if e.get("action") == "import":
        return e.get("file", "")
    if e.get("action") == "restore":
        return t("restore_what", lang).format(version=e.get("restore_to"))
    if e.get("action") == "retire":
        table = e.get("table", "")
        return f"{t('table_' + table, lang) if table in TABLES else table}: {e.get('label') or e.get('id', '')}"
    return ""


def entry_rows(e: dict) -> str:
    if e.get("action") == "import":
        return ", ".join(f"{fmt.number(n, lang)} {t(f'table_{name}', lang).lower()}"
                         for name, n in (e.get("rows") or {}).items())
    if e.get("action") == "restore":
        return t("restore_counts", lang).format(w=len(e.get("withdrawn", [])), r=len(e.get("reapplied", [])))
    return e.get("reason", "") or ""


with tab_history:
    entries = writes.history()
    if not entries:
        st.info(t("no_history", lang))
    else:
        st.dataframe(pd.DataFrame([{t("version", lang): e["version"], t("when", lang): when_text(e.get("when", "")),
                                    t("action", lang): t(f"action_{e.get('action')}", lang),
                                    t("who", lang): e.get("user", ""), t("what", lang): entry_what(e),
                                    t("rows", lang): entry_rows(e)} for e in entries]),
                     hide_index=True, width="stretch")
        live = entries[-1]["version"]
        version_labels = {0: t("version_shipped", lang)}
        for e in entries:
            version_labels[e["version"]] = t("version_item", lang).format(
                v=e["version"], when=when_text(e.get("when", "")), action=t(f"action_{e.get('action')}", lang),
                what=entry_what(e)) + (" " + t("current_version", lang) if e["version"] == live else "")
        versions = list(reversed([0] + [e["version"] for e in entries]))
        st.caption(t("restore_help", lang))
        target = st.selectbox(t("restore_to", lang), versions, index=min(1, len(versions) - 1), key="restore_to",
                              format_func=lambda v: version_labels.get(v, str(v)))
        if st.button(t("restore", lang), key="restore"):
            try:
                with st.spinner(t("applying", lang)), queue_note() as on_wait:
                    entry = writes.restore(int(target), user, on_wait=on_wait)
                st.success(t("restored", lang).format(version=target, n=len(entry["withdrawn"])))
                st.cache_data.clear()
            except Refused as exc:
                st.error(frame.md_escape(exc.issue.message(lang)))
            except BuildError as exc:
                st.error(t("apply_failed", lang))
                st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)


# --- retire ----------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=16)
def _labels(version: str, table: str) -> dict:
    return known.row_labels(table)


with tab_retire:
    st.caption(t("retire_help", lang))
    retire_tables = ["product", "subject", "evaluation", "sales_point", "figure", "target", "event", "source"]
    table = st.selectbox(t("table", lang), retire_tables, key="retire_table",
                         format_func=lambda v: t(f"table_{v}", lang))
    row_labels = _labels(db().version, table)
    row_id = st.selectbox(t("choose_row", lang), [""] + sorted(row_labels, key=lambda i: row_labels[i].lower()),
                          key=f"retire_id_{table}", format_func=lambda v: "—" if not v else row_labels.get(v, v))
    reason = st.text_input(t("reason", lang), key="retire_reason")
    if st.button(t("retire", lang), key="retire", disabled=not row_id):
        try:
            with queue_note() as on_wait:
                writes.retire(table, row_id, user, reason, label=row_labels.get(row_id, ""), on_wait=on_wait)
            st.success(t("retired", lang))
            st.cache_data.clear()
        except Refused as exc:
            st.error(frame.md_escape(exc.issue.message(lang)))
        except BuildError as exc:
            st.error(t("apply_failed", lang))
            st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)
st.caption(t("data_folder", lang).format(path=frame.md_escape(paths.local_data_dir())))
