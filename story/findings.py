"""Finding sentences: what a chart shows now, computed from query results, in the reader's language.

The one home of the dashboard's headline sentences (chart titles, the overview's rows, slides,
the briefing, print). Plain Python, no streamlit: every function takes DataFrames or dicts as the
queries return them and a language, and returns a string.

Bound by the data rules (ocop_data/data/RULES.md):
- a sentence speaks of one territory and gives the date of every figure it quotes;
- "change" compares only reported figures of the same territory and metric; estimates, undated
  and doubtful (confidence L) figures never feed it (§3); when the two figures come from
  different sources the sentence says so ("hai nguồn khác nhau");
- a year-only date reads as a year ("năm 2019"), an inferred date is marked ("suy ra");
- missing data is said in words, never guessed;
- target status comes from ``queries.status`` (seven statuses, §4); a published percentage is
  quoted as published, a computed one is marked as such by its decimal.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ocop_data.dates import date_text
from ocop_data.missing import missing
from ocop_data.words import lang_col, t, t_or

from . import fmt, undated

STATUSES = ("reached", "on_track", "behind", "missed", "no_figure_at_deadline", "no_data", "unit_abolished")
TIER_COLUMNS = (("s3", "3"), ("s4", "4"), ("s5", "5"), ("s5p", "5p"))


# --- small helpers --------------------------------------------------------------------

def _rows(data) -> list[dict]:
    if data is None:
        return []
    if isinstance(data, pd.DataFrame):
        return data.to_dict("records")
    if isinstance(data, dict):
        return [data]
    return list(data)


def _ts(v):
    return None if missing(v) else pd.Timestamp(v)


def date_short(as_of, precision, lang: str) -> str:
    """A figure's date for brackets: '11/07/2024', '03/2025', '2019', '2023, suy ra'; undated in words."""
    text = date_text(as_of, precision, lang)
    if not text:
        return t("undated", lang)
    return f"{text}, {t('f_inferred', lang)}" if precision == "inferred" else text


def date_phrase(as_of, precision, lang: str) -> str:
    """A figure's date inside a sentence: 'năm 2019', 'năm 2023 (suy ra)', 'tháng 03/2025', 'ngày 11/07/2024'."""
    if not date_text(as_of, precision):
        return t("undated", lang)
    if precision in ("day", "month"):
        return t("f_day" if precision == "day" else "f_month", lang).format(d=date_text(as_of, precision, lang))
    text = t("f_year", lang).format(d=date_text(as_of, "year"))
    return f"{text} ({t('f_inferred', lang)})" if precision == "inferred" else text


def comparable(figures) -> pd.DataFrame:
    """Only what may feed a change or a status (RULES.md §3): reported, dated, not doubtful; oldest first."""
    df = figures if isinstance(figures, pd.DataFrame) else pd.DataFrame(_rows(figures))
    if df.empty:
        return df
    keep = pd.Series(True, index=df.index)
    if "kind" in df:
        keep &= df["kind"].eq("reported")
    if "confidence" in df:
        keep &= df["confidence"].ne("L")
    if "doubtful" in df:
        keep &= ~df["doubtful"].fillna(False).astype(bool)
    keep &= df["as_of_date"].notna()
    out = df[keep].copy()
    order = {"H": 0, "M": 1, "L": 2}
    out["_conf"] = out["confidence"].map(order).fillna(1) if "confidence" in out else 0
    return out.sort_values(["as_of_date", "_conf", "source_id"], kind="stable").drop(columns="_conf")


def _value(value, qualifier, lang: str) -> str:
    return fmt.qualified(value, qualifier or "exact", lang)


def _change(latest: dict, earliest: dict, lang: str, value_key: str = "value", q_key: str = "qualifier") -> str:
    a, b = float(latest[value_key]), float(earliest[value_key])
    key = "f_up_from" if a > b else "f_down_from" if a < b else "f_same_as"
    return t(key, lang).format(prev=_value(earliest[value_key], earliest.get(q_key), lang),
                               when=date_phrase(earliest["as_of"], earliest["as_of_precision"], lang))


def _sources_differ(df: pd.DataFrame, d1, d2) -> bool:
    """True when no source reports at both dates (the change then compares two sources)."""
    s1 = set(df[df.as_of_date == d1].source_id)
    s2 = set(df[df.as_of_date == d2].source_id)
    return not (s1 & s2)


# --- totals ---------------------------------------------------------------------------

def latest_total(figures) -> dict | None:
    """The latest comparable total of one territory (the most trusted source at that date), or None."""
    comp = comparable(figures)
    if comp.empty:
        return None
    last = comp[comp.as_of_date == comp.as_of_date.max()]
    return last.iloc[0].to_dict()


def listed_finding(territory: str, listed: int, latest: dict | None, lang: str) -> str:
    """'Sơn La: 49 trong số 202 sản phẩm đã báo cáo có tên ở đây (03/2025)' / 'Sơn La: 49 of 202 reported
    products named here (March 2025)': the products this database names beside the latest reported total
    (``latest_total``), so 49 never reads as the province's count. Without a reported total, it says so."""
    n = fmt.number(listed, lang)
    if latest is None:
        return t("f_listed_no_total", lang).format(territory=territory, n=n)
    return t("f_listed", lang).format(territory=territory, n=n,
                                      total=_value(latest["value"], latest["qualifier"], lang),
                                      date=date_short(latest["as_of"], latest["as_of_precision"], lang))


def total_finding(figures, territory: str, lang: str) -> str:
    """'Sơn La: 202 sản phẩm OCOP (03/2025), tăng từ 28 năm 2019 (hai nguồn khác nhau)'.

    ``figures``: the products_total figures of ONE territory as the queries return them (any kind
    and confidence: estimates and doubtful ones are left out here). The change runs from the
    earliest to the latest comparable report; a second source at the latest date that disagrees is
    named with its value.
    """
    comp = comparable(figures)
    if comp.empty:
        text = t("f_no_total", lang).format(territory=territory)
        if any(not missing(r.get("as_of_date")) for r in _rows(figures)):  # dated, but estimates or doubtful
            text += f" ({t('f_only_unreliable', lang)})"
        return text + undated.larger_clause(figures, None, lang)
    d_last, d_first = comp.as_of_date.max(), comp.as_of_date.min()
    at_last = comp[comp.as_of_date == d_last]
    latest = at_last.iloc[0].to_dict()
    text = t("f_total", lang).format(
        territory=territory, value=t("f_products", lang).format(value=_value(latest["value"], latest["qualifier"], lang)),
        date=date_short(latest["as_of"], latest["as_of_precision"], lang))
    others = [r for r in at_last.iloc[1:].to_dict("records") if float(r["value"]) != float(latest["value"])]
    if others:
        text += "; " + t("f_other_source", lang).format(
            value=", ".join(_value(r["value"], r["qualifier"], lang) for r in others))
    if d_first < d_last:
        first = comp[comp.as_of_date == d_first].iloc[0].to_dict()
        text += ", " + _change(latest, first, lang)
        if _sources_differ(comp, d_first, d_last):
            text += f" ({t('f_two_sources', lang)})"
    return text + undated.larger_clause(figures, latest["value"], lang)


def nothing_after(figures, territory: str, lang: str) -> str | None:
    """'Sơn La: chưa thấy số liệu sau 03/2025': the date of the latest comparable total, said as what was looked for
    and not found (the stored pages were searched for later figures; README, "Newest figures"). None without one."""
    latest = latest_total(figures)
    if latest is None:
        return None
    precise = latest["as_of_precision"] in ("day", "month")
    return t("f_nothing_after", lang).format(territory=territory, date=date_short(
        str(latest["as_of"])[:7] if precise else latest["as_of"], "month" if precise else latest["as_of_precision"],
        lang))


def change_phrase(figures, lang: str) -> str | None:
    """'tăng từ 28 năm 2019 · hai nguồn khác nhau': the change from the earliest to the latest comparable
    figure of one territory and metric, or None when there is only one date."""
    comp = comparable(figures)
    if comp.empty or comp.as_of_date.min() == comp.as_of_date.max():
        return None
    d0, d1 = comp.as_of_date.min(), comp.as_of_date.max()
    text = _change(comp[comp.as_of_date == d1].iloc[0].to_dict(), comp[comp.as_of_date == d0].iloc[0].to_dict(),
                   lang)
    if _sources_differ(comp, d0, d1):
        text += f" · {t('f_two_sources', lang)}"
    return text


# --- star tiers -----------------------------------------------------------------------

def _has_split(r: dict) -> bool:
    return any(not missing(r.get(col)) for col, _ in TIER_COLUMNS)


def tiers_text(r: dict, lang: str) -> str:
    """'139 sản phẩm 3 sao, 62 sản phẩm 4 sao, 1 sản phẩm 5 sao' (only the tiers the source gave)."""
    parts = [t(f"f_tier_n_{star}", lang).format(n=_value(r[col], r.get(col + "_q"), lang))
             for col, star in TIER_COLUMNS if not missing(r.get(col))]
    if not parts:
        return t("f_no_split", lang)
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {t('and', lang)} " + parts[-1]
    return t("f_tier_products", lang).format(tiers=joined)


def tier_finding(reports, territory: str, lang: str) -> str:
    """'Sơn La (03/2025): 139 sản phẩm 3 sao, 62 sản phẩm 4 sao và 1 sản phẩm 5 sao; số 4 sao tăng từ 9
    năm 2019 (hai nguồn khác nhau)'.

    ``reports``: ``queries.core.tier_reports`` rows of ONE territory (one row per date × source).
    The latest comparable report gives the split; when it has only a total, the sentence says the
    split is not published and quotes the latest comparable split before it, if any.
    """
    rows = _rows(reports)
    comp = comparable(pd.DataFrame(rows).rename(columns={"total": "value"})) if rows else pd.DataFrame()
    if comp.empty:
        text = t("f_no_tiers", lang).format(territory=territory)
        if any(not missing(r.get("as_of_date")) for r in rows):
            text += f" ({t('f_only_unreliable', lang)})"
        return text + undated.larger_clause(rows, None, lang, "total")
    d_last = comp.as_of_date.max()
    totals = comp[comp["value"].notna()] if "value" in comp else comp.iloc[0:0]
    later = undated.larger_clause(rows, totals["value"].iloc[-1] if not totals.empty else None, lang, "total")
    at_last = comp[comp.as_of_date == d_last].to_dict("records")
    split = [r for r in at_last if _has_split(r)]
    latest = split[0] if split else at_last[0]
    when = date_short(latest["as_of"], latest["as_of_precision"], lang)
    if not split:
        total = t("f_products", lang).format(value=_value(latest["value"], latest.get("qualifier"), lang))
        text = t("f_total", lang).format(territory=territory, value=total, date=when) + ", " + t("f_no_split", lang)
        earlier = [r for r in comp.to_dict("records") if _has_split(r) and r["as_of_date"] < d_last]
        if earlier:  # the most trusted split at the latest date with one (the one the chart's latest bar shows)
            same = [r for r in earlier if r["as_of_date"] == earlier[-1]["as_of_date"]]
            e = same[0]
            text += "; " + t("f_last_split", lang).format(
                date=date_short(e["as_of"], e["as_of_precision"], lang), tiers=tiers_text(e, lang))
            others = [r for r in same[1:] if tiers_text(r, lang) != tiers_text(e, lang)]
            if others:
                text += "; " + t("f_other_source", lang).format(value=tiers_text(others[0], lang))
        elif any(_has_split(r) for r in rows):
            text += f" ({t('f_doubtful_split_only', lang)})"
        return text + later
    text = t("f_tiers", lang).format(territory=territory, date=when, tiers=tiers_text(latest, lang))
    others = [r for r in split[1:] if any(
        not missing(r.get(c)) and not missing(latest.get(c)) and float(r[c]) != float(latest[c])
        for c, _ in TIER_COLUMNS)]
    if others:
        text += "; " + t("f_other_source", lang).format(value=tiers_text(others[0], lang))
    with4 = comp[comp["s4"].notna()] if "s4" in comp else comp.iloc[0:0]
    if not missing(latest.get("s4")) and not with4.empty and with4.as_of_date.min() < d_last:
        first = with4[with4.as_of_date == with4.as_of_date.min()].iloc[0].to_dict()
        change = _change(latest, first, lang, "s4", "s4_q")
        text += "; " + t("f_tier_change_4", lang).format(change=change)
        if _sources_differ(with4, with4.as_of_date.min(), d_last):
            text += f" ({t('f_two_sources', lang)})"
    return text + later


# the figures that say what a round did, in the order a sentence names them (recognised first: a round that also
# re-evaluated products is never told by its re-evaluations alone)
ROUND_METRICS = ("round_recognised", "round_new_products", "round_upgraded_3_to_4", "round_reevaluated")


def round_finding(rounds, label, lang: str) -> str:
    """'Tuyên Quang (đến 30/06/2025), đợt gần nhất (28/12/2022): 63 sản phẩm mới trong đợt, 3 sản phẩm nâng
    hạng 3→4 sao trong đợt'. ``rounds``: province-level round figures (``queries.core.round_figures``), any
    territories of one province; the latest round of the latest territory is told, in its own words."""
    df = rounds if isinstance(rounds, pd.DataFrame) else pd.DataFrame(_rows(rounds))
    if df.empty or df.as_of_date.notna().sum() == 0:
        return t("f_no_round", lang).format(territory=label(df.territory_key.iloc[0]) if not df.empty else "")
    df = df[df.as_of_date.notna()]
    last = df[df.as_of_date == df.as_of_date.max()]
    key = last.territory_key.iloc[0]
    last = last[last.territory_key == key]
    items = []
    order = {m: i for i, m in enumerate(ROUND_METRICS)}
    for r in sorted(last.to_dict("records"), key=lambda r: order.get(r["metric"], len(order))):
        words = _lower_first(str(r[lang_col("metric", lang)]))
        items.append(singular(f"{_value(r['value'], r['qualifier'], lang)} {words}", r["value"], r.get("unit_en"),
                              lang))
    first = last.iloc[0]
    return t("f_round", lang).format(territory=label(key), date=date_short(first.as_of, first.as_of_precision, lang),
                                     items=", ".join(items))


# --- targets --------------------------------------------------------------------------

def status_mark(status: str, lang: str) -> str:
    """The status's symbol alone ('✓', '↗', '↘', '✗', '?', '–', '⊘'), for a bar's value label."""
    return t(f"sym_{status}", lang)


def status_label(status: str, lang: str, symbol: bool = True) -> str:
    """'✓ Đã đạt', '↘ Chậm tiến độ', '⊘ Đơn vị không còn tồn tại': a symbol, so colour is never the only cue."""
    word = t(f"status_{status}", lang)
    return f"{status_mark(status, lang)} {word}" if symbol else word


def plan_short(row: dict, lang: str) -> str:
    """The plan's name without its document code: 'Kế hoạch 90/KH-UBND' -> 'Kế hoạch 90'."""
    name = str(row.get(lang_col("plan", lang)) or "")
    return re.sub(r"(\d+)/[A-ZĐ]+(?:-[A-ZĐ]+)*\b", r"\1", name).strip()


def _num(v, lang: str) -> str:
    return fmt.number(v, lang, 0 if float(v).is_integer() else 1)


def target_value_text(row: dict, lang: str, unit: bool = False) -> str:
    """The target as a phrase: 'trên 230', 'ít nhất 280', '3–4', 'tất cả 138'; the description if it has no value."""
    if missing(row.get("value")):
        return str(row.get(lang_col("description", lang)) or t("not_published", lang))
    comparison = row.get("comparison") or "at_least"
    if comparison == "range" and not missing(row.get("value_high")):
        text = t("cmp_range", lang).format(v=_num(row["value"], lang), h=_num(row["value_high"], lang))
    else:
        text = t(f"cmp_{comparison}" if comparison != "range" else "cmp_at_least", lang).format(
            v=_num(row["value"], lang))
    return text + _unit(row, lang) if unit else text


COMPARISON_SIGNS = {"at_least": "≥", "more_than": ">", "exactly": "=", "range": "", "all": ""}


def quantity(row: dict, lang: str) -> str:
    """What a target counts, in a few words: '4 sao', 'tổng sản phẩm', 'sản phẩm xuất khẩu', 'xã có sản
    phẩm' (the metric's own words, lower-cased, where no shorter ones are written)."""
    fallback = what(row, lang) or _lower_first(str(row.get(lang_col("metric", lang)) or ""))
    return t_or(f"qty_{row.get('metric')}", lang, fallback)


def target_label(row: dict, territory: str, lang: str) -> str:
    """A target as every surface labels it: its territory, what it counts, the figure and the deadline,
    'Sơn La · 4 sao ≥ 100 (2025)', 'Tuyên Quang cũ · xã có sản phẩm: tất cả 138 (2025)' (the same text on
    the page, the slides, the .pptx and the print; ``territory`` is the territory's short label)."""
    comparison = row.get("comparison") or "at_least"
    pct = (row.get(lang_col("unit", lang)) or "") == "%"
    if missing(row.get("value")):
        value = t("all_of", lang).format("").strip() if comparison == "all" else t("not_published", lang)
    else:
        value = _num(row["value"], lang)
        if comparison == "range" and not missing(row.get("value_high")):
            value += "–" + _num(row["value_high"], lang)
        value += "%" if pct else ""
        if comparison == "all":
            value = t("all_of", lang).format(value)
    sign = COMPARISON_SIGNS.get(comparison, "")
    what_ = quantity(row, lang)
    joined = f"{what_}: {value}" if comparison == "all" or missing(row.get("value")) else \
        f"{what_} {sign + ' ' if sign else ''}{value}"
    return fmt.sentence(f"{territory} · {joined} ({date_short(row.get('deadline'), row.get('deadline_precision'), lang)})")


def _unit(row: dict, lang: str) -> str:
    u = row.get(lang_col("unit", lang))
    if missing(u) or not u:
        return ""
    return "%" if u == "%" else f" {u}"


def _lower_first(text: str) -> str:
    """'Sản phẩm 4 sao' -> 'sản phẩm 4 sao'; 'OCOP products' stays (an acronym keeps its case)."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def singular(text: str, value, unit: str | None, lang: str) -> str:
    """English only: '1 products' -> '1 product' (the unit word of the metric, once)."""
    if lang != "en" or missing(value) or float(value) != 1 or not unit or not unit.endswith("s"):
        return text
    return re.sub(rf"\b{re.escape(unit)}\b", unit[:-1], text, count=1)


def what(row: dict, lang: str) -> str:
    """What a target counts, as words after a number: 'sản phẩm 4 sao', 'communes with an OCOP product'."""
    if (row.get(lang_col("unit", lang)) or "") == "%":
        return ""
    label = row.get(lang_col("metric", lang))
    if missing(label) or not label:
        return _unit(row, lang).strip()
    return _lower_first(str(label))


def _with_what(number: str, row: dict, value, lang: str) -> str:
    if (row.get(lang_col("unit", lang)) or "") == "%":
        return number + "%"
    w = what(row, lang)
    return singular(f"{number} {w}".strip(), value, row.get("unit_en"), lang)


def actual_text(row: dict, lang: str, words: bool = True) -> str:
    """The latest comparable figure: '240 sản phẩm OCOP từ 3 sao trở lên', '62 sản phẩm 4 sao', '87%'."""
    number = _value(row["latest_value"], row.get("latest_qualifier"), lang)
    if not words:
        return number + ("%" if (row.get(lang_col("unit", lang)) or "") == "%" else "")
    return _with_what(number, row, row["latest_value"], lang)


def deadline_text(row: dict, lang: str) -> str:
    """The deadline at its precision; 'nguồn không nêu thời hạn' where the source gives none."""
    if missing(row.get("deadline")) or not row.get("deadline"):
        return t("no_deadline", lang)
    return fmt.partial_date(row.get("deadline"), row.get("deadline_precision"), lang)


def target_ref(row: dict, lang: str) -> str:
    """'mục tiêu Kế hoạch 90' / 'the Plan 90 target'; a plan already named as goals is not doubled; one target of
    a plan named as several goals is 'one of' them ('một trong các mục tiêu đến năm 2030' / 'one of the 2030
    goals'): a sentence about one goal never speaks for all of them."""
    plan = plan_short(row, lang)
    low = plan.lower()
    several = str(row.get("plan_en") or "").lower().endswith(("goals", "targets"))
    if lang == "vi" and low.startswith("mục tiêu"):
        ref = plan[0].lower() + plan[1:]
        return t("f_one_of", lang).format(ref=ref) if several else ref
    if lang == "en" and low.endswith(("goal", "goals", "target", "targets")):
        return t("f_one_of", lang).format(ref=f"the {plan}") if several else f"the {plan}"
    return t("f_target_ref", lang).format(plan=plan)


def target_finding(row: dict, territory: str, lang: str) -> str:
    """One target's status as a sentence, for each of the seven statuses of RULES.md §4.

    ``row``: a ``queries.core.target_progress`` row (status, latest_value/_qualifier/_as_of/_precision,
    value, comparison, deadline, unit_abolished_on, plan_vi/en, metric_vi/en, unit_vi/en,
    different_sources).
    'Tuyên Quang (đến 30/06/2025) vượt mục tiêu Kế hoạch 90: 240 sản phẩm OCOP từ 3 sao trở lên
    (11/07/2024) so với trên 230'.
    """
    status = row.get("status") or "no_data"
    has_fig = not missing(row.get("latest_value"))
    goal = target_value_text(row, lang)
    goal_full = goal if missing(row.get("value")) else _with_what(goal, row, row.get("value"), lang)
    words = dict(territory=territory, ref=target_ref(row, lang), target=goal, deadline=deadline_text(row, lang))
    if has_fig:
        words.update(actual=actual_text(row, lang),
                     date=date_short(row.get("latest_as_of"), row.get("latest_precision"), lang))
    if status == "reached" and has_fig:
        beat = not missing(row.get("value")) and float(row["latest_value"]) > float(row["value"])
        return t("f_target_beat" if beat else "f_target_met", lang).format(**words)
    if status in ("on_track", "behind") and has_fig:
        words["deadline"] = t("f_by_deadline", lang).format(d=words["deadline"])
        text = t(f"f_target_{status}", lang).format(**words)
        if row.get("different_sources"):
            text += f" ({t('f_two_sources', lang)})"
        return text
    if status == "missed" and has_fig:
        return t("f_target_missed", lang).format(**words)
    words["target"] = goal_full
    if status == "no_figure_at_deadline" and has_fig:
        words["actual"] = actual_text(row, lang, words=False)
        return t("f_target_no_figure_at_deadline", lang).format(**words)
    if status == "unit_abolished":
        words["abolished"] = fmt.partial_date(row.get("unit_abolished_on"), row.get("unit_abolished_on_precision")
                                              or "day", lang)
        if has_fig:
            words["actual"] = actual_text(row, lang, words=False)
        return t("f_target_unit_abolished" if has_fig else "f_target_unit_abolished_nofig", lang).format(**words)
    if has_fig:  # a figure, but no pace to judge (one report, or a target without a deadline): said, never hidden
        words["actual"] = actual_text(row, lang, words=False)
        return t("f_target_one_report", lang).format(**words)
    return t("f_target_no_data", lang).format(**words)


def coverage_finding(label: str, row: dict, lang: str, published_pct: float | None = None) -> str:
    """'Xã có sản phẩm OCOP: 121/138 (87%, 11/07/2024); đơn vị xã cũ không còn từ 01/07/2025'.

    ``row``: a ``queries.core.target_progress`` row of a target that counts units ("all 138 communes").
    ``published_pct``: the percentage the source published with the figure (quoted as published);
    without one, the share is computed and shown with one decimal.
    """
    if missing(row.get("latest_value")):
        return t("f_coverage_none", lang).format(label=label)
    value, total = float(row["latest_value"]), row.get("value")
    if missing(total):
        return f"{label}: {_value(value, row.get('latest_qualifier'), lang)} " \
               f"({date_short(row.get('latest_as_of'), row.get('latest_precision'), lang)})"
    pct = (fmt.number(published_pct, lang, 0 if float(published_pct).is_integer() else 1) + "%"
           if not missing(published_pct) else fmt.percent(100.0 * value / float(total), lang))
    text = t("f_coverage", lang).format(label=label, value=_value(value, row.get("latest_qualifier"), lang),
                                        total=_num(total, lang), pct=pct,
                                        date=date_short(row.get("latest_as_of"), row.get("latest_precision"), lang))
    if not missing(row.get("unit_abolished_on")):
        unit = row.get(lang_col("unit", lang)) or ""
        text += "; " + t("f_coverage_abolished", lang).format(
            unit=unit, date=fmt.partial_date(row["unit_abolished_on"], row.get("unit_abolished_on_precision") or "day",
                                             lang))
    return text


def _truthy(v) -> bool:
    if missing(v):
        return False
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes", "y", "x")
    return bool(v)


def headline_target(progress: pd.DataFrame, keys: list[str]) -> dict | None:
    """The headline target of a province: the first of ``keys`` (current territory, then predecessors)
    with a target flagged ``headline`` in the target data.

    Until the target data carries that flag (or when it flags none at all), fall back to the
    comparable target with a value on the territory's total of products with the latest deadline
    (ties: the first target id); no target id is named in code.
    """
    if progress is None or progress.empty:
        return None
    flags = "headline" in progress.columns and progress["headline"].map(_truthy).any()
    for k in keys:
        rows = progress[progress.territory_key == k]
        if rows.empty:
            continue
        if flags:
            pick = rows[rows["headline"].map(_truthy)]
        else:
            comp = rows["comparable"].map(_truthy) if "comparable" in rows else pd.Series(True, index=rows.index)
            has_value = rows["value"].notna() if "value" in rows else pd.Series(True, index=rows.index)
            pick = rows[comp & has_value & rows.metric.eq("products_total")]
        if not pick.empty:
            by = [c for c in ("deadline_date", "target_id") if c in pick]
            order = pick.sort_values(by, ascending=[c != "deadline_date" for c in by], kind="stable") if by \
                else pick
            return order.iloc[0].to_dict()
    return None


def targets_finding(progress: pd.DataFrame, lang: str) -> str:
    """'Mục tiêu: 1/5 mục tiêu có số liệu đã đạt; 2 mục tiêu chưa có số liệu để so sánh'.

    ``progress``: ``queries.core.target_progress`` rows; a target has a figure when its percent is known.
    """
    with_figure = progress[progress.percent.notna()]
    reached = int((with_figure.status == "reached").sum())
    return t("find_targets", lang).format(reached=fmt.number(reached, lang), n=fmt.number(len(with_figure), lang),
                                          m=fmt.number(len(progress) - len(with_figure), lang))


# --- producers, sales points, what is not known, sources ---------------------------------

def subjects_finding(label: str, counts: pd.DataFrame, lang: str, published: dict | None) -> str:
    """'Tuyên Quang cũ: HTX là 133/179 chủ thể (11/07/2024)' from a published split (``published``:
    {'date': ...}); else 'X: 25 chủ thể trong danh sách, tỉnh chưa công bố cơ cấu'.
    ``counts``: subject_type, n."""
    total = int(counts.n.sum())
    if published:
        top = counts.sort_values("n", ascending=False, kind="stable").iloc[0]
        return fmt.sentence(t("find_subjects_split", lang).format(
            label=label, type=t(f"types_{top.subject_type}", lang), n=fmt.number(int(top.n), lang),
            total=fmt.number(total, lang), date=published["date"]))
    return fmt.sentence(t("find_subjects_listed", lang).format(label=label, n=fmt.number(total, lang)))


def points_totals(points, label, lang: str) -> list[dict]:
    """The published totals of sales points (``queries.sales_points`` rows of kind 'total') in words: territory
    key, label, count and date (what ``points_finding`` says)."""
    return [{"territory_key": r["territory_key"], "label": label(r["territory_key"]),
             "count": fmt.qualified(r["count"], r["count_qualifier"] or "exact", lang),
             "date": date_short(r["as_of"], r["as_of_precision"], lang)}
            for r in points[points.entry_kind == "total"].to_dict("records")]


def points_finding(totals: list[dict], lang: str) -> str:
    """'Điểm bán sản phẩm OCOP: Sơn La 10 điểm (2024); …' from the published totals (label, count, date
    already in words); the plain title when none is published."""
    parts = [t("find_points_part", lang).format(label=r["label"], count=r["count"], date=r["date"]) for r in totals]
    if not parts:
        return t("map_title", lang)
    return t("find_points", lang).format(parts="; ".join(parts))


def unknown_finding(n_targets: int, stale: list[dict], lang: str) -> str:
    """'Chưa biết: 7 mục tiêu chưa có số liệu; số liệu Sơn La đã 20 tháng' (``stale``: name, months)."""
    parts = []
    if n_targets:
        parts.append(t("find_unknown_targets", lang).format(n=fmt.number(n_targets, lang)))
    for s in stale:
        parts.append(t("find_unknown_stale", lang).format(name=s["name"], months=fmt.number(s["months"], lang)))
    return t("find_unknown", lang).format(parts="; ".join(parts)) if parts else t("unknown_title", lang)


def decide_finding(n_due: int, year: int, n_stale: int, n_unknown: int, lang: str) -> str:
    """The closing slide's title: 'Cần quyết định: 2 mục tiêu đến hạn năm 2026; 1 tỉnh có số liệu cũ hơn 12
    tháng; 9 điều chưa biết' (only the parts that apply)."""
    parts = []
    for n, many, one in ((n_due, "find_decide_due", "find_decide_due_one"),
                         (n_stale, "find_decide_stale", "find_decide_stale_one"),
                         (n_unknown, "find_decide_unknown", "find_decide_unknown_one")):
        if n:  # one of a thing is said in the singular ('1 province', never '1 provinces')
            parts.append(t(one if n == 1 else many, lang).format(n=fmt.number(n, lang), year=year))
    return t("find_decide", lang).format(parts="; ".join(parts)) if parts else t("decide_title", lang)


def sources_finding(n: int, lang: str) -> str:
    """'Số liệu trong bài lấy từ 23 nguồn công khai'."""
    return t("find_sources", lang).format(n=fmt.number(n, lang))


# --- age ------------------------------------------------------------------------------

def age_months(as_of_date, today: date) -> int | None:
    d = _ts(as_of_date)
    if d is None:
        return None
    return max(0, fmt.months_between(d.date(), today))


def age_text(as_of_date, today: date, lang: str) -> str:
    """'20 tháng trước' / '20 months ago' (a year-only date counts from the end of its year)."""
    n = age_months(as_of_date, today)
    if n is None:
        return t("undated", lang)
    if n == 0:
        return t("this_month", lang)
    if n == 1:
        return t("months_ago_1", lang)
    return t("months_ago", lang).format(n=n)
