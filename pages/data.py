"""Quản lý dữ liệu / Data: log in, download templates, upload → preview → apply, history and restore."""
from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from ocop_data import accounts, importer, paths, templates
from ocop_data.problems import BuildError
from story.i18n import t
from ui import frame, tables
from ui.shell import ctx

c = ctx()
lang = c.lang
st.title(t("page_data", lang), anchor=False)

# --- login ---------------------------------------------------------------------------------------
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
    with st.form("login"):
        user = st.text_input(t("user", lang))
        password = st.text_input(t("password", lang), type="password")
        if st.form_submit_button(t("login", lang)):
            if accounts.rate_limited(user):
                st.error(t("too_many_attempts", lang))
            elif accounts.check(user, password):
                st.session_state["editor"] = {"user": user, "since": time.time()}
                st.rerun()
            else:
                st.error(t("login_failed", lang))
    st.stop()

user = session["user"]
st.caption(t("logged_in_as", lang).format(user=user))
if st.button(t("logout", lang), key="logout"):
    st.session_state.pop("editor", None)
    st.rerun()

tab_import, tab_history, tab_templates, tab_retire = st.tabs(
    [t("tab_import", lang), t("tab_history", lang), t("tab_templates", lang), t("tab_retire", lang)])

with tab_templates:
    st.download_button(t("template_xlsx", lang), templates.xlsx(), file_name="mau_nhap_ocop.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="tpl_xlsx", on_click="ignore", icon=":material/download:")
    st.download_button(t("template_csv", lang), templates.csv_zip(), file_name="mau_nhap_ocop_csv.zip",
                       mime="application/zip", key="tpl_csv", on_click="ignore", icon=":material/download:")
    st.caption(t("template_help", lang))

with tab_import:
    upload = st.file_uploader(t("upload", lang), type=None, key="upload",
                              help=t("upload_help", lang).format(limit=importer.MAX_BYTES // (1024 * 1024)))
    if upload is not None:
        data = upload.getvalue()
        mapping = st.session_state.get("column_mapping", {}).get(upload.file_id)
        try:
            with st.spinner(t("checking", lang)):
                preview = importer.prepare(upload.name, data, mapping=mapping)
        except importer.ImportRefused as exc:
            st.error(exc.issue.message(lang))
            preview = None
            if exc.issue.rule == "no_header":  # let the user say which column is which
                first = importer.read_upload(upload.name, data)[0].rows[0]
                st.markdown(f"**{t('map_columns', lang)}**")
                fields = [""] + list(importer.TEMPLATE_HEADERS)
                chosen = {}
                for i, cell in enumerate(first):
                    f = st.selectbox(str(cell or f"#{i + 1}"), fields, key=f"map_{upload.file_id}_{i}",
                                     format_func=lambda v: "—" if v == "" else importer.TEMPLATE_HEADERS[v])
                    if f:
                        chosen[i] = f
                if st.button(t("use_mapping", lang), key="use_mapping"):
                    st.session_state.setdefault("column_mapping", {})[upload.file_id] = chosen
                    st.rerun()
        if preview is not None:
            if preview.issues:
                st.error(t("problems_found", lang).format(n=len(preview.issues)))
                st.dataframe(pd.DataFrame({t("where", lang): [i.where(lang) for i in preview.issues],
                                           t("what_to_do", lang): [i.message(lang) for i in preview.issues]}),
                             hide_index=True, width="stretch")
            else:
                st.success(t("preview_ok", lang).format(add=len(preview.added), change=len(preview.changed),
                                                        same=len(preview.unchanged)))
                products = preview.tables["product"]
                if products:
                    st.markdown(f"**{t('rows_to_add', lang)}**")
                    st.dataframe(frame.safe_frame(pd.DataFrame(
                        [{t("product", lang): p["name"], t("subject", lang): p.get("subject_id") or "",
                          t("territory", lang): p["territory_key"], t("district", lang): p.get("district_code") or "",
                          t("source", lang): p["source_id"]} for p in products])), hide_index=True, width="stretch")
                if preview.changed:
                    st.markdown(f"**{t('rows_to_change', lang)}**")
                    st.dataframe(pd.DataFrame([{t("name", lang): label, t("before", lang): str(before),
                                                t("after", lang): str(after)}
                                               for _, _, label, before, after in preview.changed]),
                                 hide_index=True, width="stretch")
                if preview.possibly_same:
                    st.warning(t("possibly_same", lang))
                    st.dataframe(pd.DataFrame([{t("product", lang): a, t("possibly_same_as", lang): b, "id": pid}
                                               for a, b, pid in preview.possibly_same]),
                                 hide_index=True, width="stretch")
                if st.button(t("apply", lang), type="primary", key="apply"):
                    try:
                        with st.spinner(t("applying", lang)):
                            entry = importer.apply(preview, user)
                        st.success(t("applied", lang).format(version=entry["version"]))
                        st.cache_data.clear()
                    except BuildError as exc:
                        st.error(t("apply_failed", lang))
                        st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)

with tab_history:
    entries = importer.history()
    if not entries:
        st.info(t("no_history", lang))
    else:
        tables.show(pd.DataFrame([{t("version", lang): e["version"], t("when", lang): tables.when_text(e["when"]),
                                   t("action", lang): tables.words("action_", e["action"], lang),
                                   t("who", lang): e.get("user", ""), t("file", lang): e.get("file", ""),
                                   t("checksum", lang): e.get("sha256", "")[:12],
                                   t("rows", lang): tables.rows_text(e.get("rows", e.get("withdrawn", "")), lang)}
                                  for e in entries]), lang, key="history_table")
        versions = [0] + [e["version"] for e in entries]
        target = st.selectbox(t("restore_to", lang), versions, index=max(0, len(versions) - 2), key="restore_to",
                              format_func=lambda v: t("version_shipped", lang) if v == 0 else f"{t('version', lang)} {v}")
        if st.button(t("restore", lang), key="restore"):
            with st.spinner(t("applying", lang)):
                entry = importer.restore(target, user)
            st.success(t("restored", lang).format(version=target, n=len(entry["withdrawn"])))
            st.cache_data.clear()

with tab_retire:
    table = st.selectbox(t("table", lang), ["product", "subject", "evaluation", "sales_point", "figure", "target"],
                         key="retire_table")
    row_id = st.text_input("id", key="retire_id")
    reason = st.text_input(t("reason", lang), key="retire_reason")
    if st.button(t("retire", lang), key="retire") and row_id:
        try:
            importer.retire(table, row_id, user, reason)
            st.success(t("retired", lang))
            st.cache_data.clear()
        except BuildError as exc:
            st.error(t("apply_failed", lang))
            st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)
st.caption(t("data_folder", lang).format(path=paths.local_data_dir()))
