"""Every link form opens its view (AppTest, reading the widgets' values). The address bar itself is
tests/test_browser_links.py's: AppTest does not show the query parameters a run writes."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import open_page

THIS_YEAR = date.today().year
# (page, the link's parameters, the widgets' values it opens) — old forms first, then the new ones
LINKS = [
    ("pages/stars.py", {"province": "14", "y0": "2020", "y1": "2024"},
     {"province": "14", "years": (2020, 2024)}),
    ("pages/overview.py", {"y0": "2021"}, {"years": (2021, THIS_YEAR)}),
    ("pages/overview.py", {"y1": "2023"}, {"years": (2019, 2023)}),
    ("pages/overview.py", {"y0": "0", "y1": "0"}, {"years": (2019, THIS_YEAR)}),
    ("pages/overview.py", {"lang": "en"}, {"lang": "en"}),
    ("pages/overview.py", {"img": "svg"}, {"img": "svg"}),
    ("pages/products.py", {"province": "14", "stars": "4,5"}, {"stars": ["4", "5"]}),
    ("pages/products.py", {"province": "14", "stars": ["4", "5"]}, {"stars": ["4", "5"]}),
    ("pages/products.py", {"province": "14", "district": "123,126"}, {"district": ["123", "126"]}),
    ("pages/products.py", {"province": "14", "product": "sl-toi-den"}, {"product": "sl-toi-den"}),
    ("pages/products.py", {"q": "xoai"}, {"q": "xoai"}),
    ("pages/map.py", {"shade": "1"}, {"shade": True}),
    ("pages/sources.py", {"src": "baomoi-c51438864"}, {"src": "baomoi-c51438864"}),
    # the new forms
    ("pages/stars.py", {"province": "Sơn La", "years": ["2020", "2024"]}, {"province": "14", "years": (2020, 2024)}),
    ("pages/overview.py", {"lang": "English", "img": "SVG"}, {"lang": "en", "img": "svg"}),
    ("pages/products.py", {"province": "Sơn La", "stars": ["4 sao", "5 sao"], "district": "Mộc Châu"},
     {"stars": ["4", "5"], "district": ["123"]}),
    ("pages/products.py", {"province": "Sơn La", "product": "tỏi đen · THT sản xuất và kinh doanh tỏi Phù Yên"},
     {"product": "sl-toi-den"}),
    ("pages/map.py", {"shade": "true"}, {"shade": True}),
]


@pytest.mark.parametrize("page, params, expected", LINKS,
                         ids=[f"{p.split('/')[1][:-3]}?{'&'.join(f'{k}={v}' for k, v in q.items())}"
                              for p, q, _ in LINKS])
def test_a_link_opens_its_view(page, params, expected):
    params = dict(params)
    at = open_page(page, params.pop("lang", "vi"), **params)
    assert not at.exception, [e.message for e in at.exception]
    got = {k: at.session_state[k] if k in at.session_state else None for k in expected}
    got = {k: tuple(v) if isinstance(expected[k], tuple) else v for k, v in got.items()}
    assert got == expected


def test_unknown_values_in_a_link_are_dropped():
    at = open_page("pages/products.py", province="99", stars="9,4", product="no-such-product", y0="abc")
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["province"] == "all" and at.session_state["stars"] == ["4"]
    assert not at.session_state["product"]

