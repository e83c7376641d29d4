"""The one home of reading numbers (ocop_data/numbers.py), writing dates (ocop_data/dates.py) and "missing"
(ocop_data/missing.py): no database, no streamlit."""
from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from ocop_data import dates, numbers
from ocop_data.missing import blank, missing

# written number -> every reading (the most likely first), and the strict value (None: refused)
NUMBERS = {
    "10322": ([10322], 10322),
    "10.322": ([10322, 10.322], None),  # thousands, or a decimal: ambiguous
    "10,322": ([10322, 10.322], None),
    "1,234": ([1234, 1.234], None),  # a count written with a separator: refused, never guessed
    "94,9": ([94.9], 94.9),
    "94.9": ([94.9], 94.9),
    "1234,5": ([1234.5], 1234.5),
    "1.234,5": ([1234.5], 1234.5),
    "1,234.5": ([1234.5], 1234.5),
    "1.234.567": ([1234567], 1234567),
    "1,234,567.25": ([1234567.25], 1234567.25),
    "02": ([2], 2),
    "-5": ([-5], -5),
    "17.01.2023": ([], None),  # not one number
    "1.2.3": ([], None),
    "abc": ([], None),
    "": ([], None),
}


@pytest.mark.parametrize("text", NUMBERS)
def test_lenient_gives_every_reading_and_strict_refuses_what_is_ambiguous(text):
    expected, strict = NUMBERS[text]
    assert numbers.readings(text) == pytest.approx(expected)
    assert numbers.parse(text) == (None if strict is None else pytest.approx(strict))


@pytest.mark.parametrize("text", [t for t in NUMBERS if t] + ["10 322", "1 234,5", "3", "0,5", "12.50"])
def test_where_strict_accepts_lenient_reads_the_same_first(text):
    value = numbers.parse(text)
    if value is not None:
        assert numbers.readings(text.replace(" ", ""))[0] == pytest.approx(value)


def test_strict_reads_spaces_between_groups():
    assert numbers.parse("10 322") == 10322 and numbers.parse("1\u00a0234,5") == 1234.5


def test_the_importer_the_quotes_and_the_finder_read_numbers_alike():
    from ocop_data import quotes, search

    assert quotes.states_number(10322, "có 10,322 sản phẩm") and quotes.states_number(10.322, "có 10,322 sản phẩm")
    assert search.number_forms("10,322") == [("10322", "10.322")]  # a search finds either reading
    assert search.number_forms("94,9") == [("94.9",)]
    assert [t.alts for t in search.analyse("10.322 sản phẩm")][0] == ("10322", "10.322")


@pytest.mark.parametrize("value, precision, text", [
    ("2024-07-11", "day", "11/07/2024"), ("2024-07-11", None, "11/07/2024"), ("2024-07", "month", "07/2024"),
    ("2024", "year", "2024"), ("2024-07-11", "month", "07/2024"), ("2024-07-11", "year", "2024"),
    ("2023", "inferred", "2023"), ("2025-02", "inferred", "02/2025"), ("2025-02-10", "inferred", "10/02/2025"),
    ("2024-07-11", "undated", ""), (None, "day", ""), ("", None, ""), (float("nan"), "day", ""),
    (date(2024, 7, 11), None, "11/07/2024"), (datetime(2024, 7, 11, 9, 30), "day", "11/07/2024"),
    (pd.Timestamp("2024-07-11"), "month", "07/2024"), (pd.NaT, "day", ""),
])
def test_a_date_at_its_precision(value, precision, text):
    assert dates.date_text(value, precision) == text


def test_the_screens_write_dates_through_the_one_home():
    from story import findings, fmt

    assert fmt.partial_date("2024-07-11", "day", "vi") == "11/07/2024"
    assert fmt.partial_date("2023", "inferred", "en") == "2023 (inferred)"
    assert fmt.partial_date(None, "day", "en") == "undated"
    assert fmt.partial_date(pd.Timestamp("2024-07-11"), None, "vi") == "11/07/2024"
    assert findings.date_short("2025-02-10", "inferred", "vi") == "10/02/2025, suy ra"
    assert fmt.day("2024-07-11T08:00", "en") == "11 July 2024"  # English dates as English readers write them
    assert fmt.partial_date("2025-03", "month", "en") == "March 2025"
    assert findings.date_short("2025-02-10", "inferred", "en") == "10 February 2025, inferred"


@pytest.mark.parametrize("value, is_missing", [
    (None, True), (float("nan"), True), (np.nan, True), (pd.NA, True), (pd.NaT, True), (np.datetime64("NaT"), True),
    (0, False), (0.0, False), ("", False), ("x", False), ([], False), ((), False), ({}, False), (False, False),
    (np.float64(1.5), False), (pd.Timestamp("2024-01-01"), False), (date(2024, 1, 1), False),
])
def test_missing(value, is_missing):
    assert missing(value) is is_missing


def test_blank_is_missing_or_empty_text():
    assert blank(None) and blank("") and blank("  ") and blank(float("nan"))
    assert not blank("0") and not blank(0) and not blank([])
