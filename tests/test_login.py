"""Logging in: a growing, capped delay instead of a lockout; a per-client delay only behind a trusted
proxy. (The same time for unknown and known names is a measure: bench/budgets.py.)"""
from __future__ import annotations

import pytest

from ocop_data import accounts


@pytest.fixture()
def clock(monkeypatch):
    now = [10_000.0]
    monkeypatch.setattr(accounts.time, "monotonic", lambda: now[0])
    accounts.reset_delays()
    yield now
    accounts.reset_delays()


@pytest.fixture()
def editor(tmp_path):
    accounts.set_password("bien-tap", "a long passphrase", tmp_path)
    return tmp_path


def test_the_delay_grows_and_is_capped(clock, editor):
    waits = []
    for _ in range(8):
        assert not accounts.check("bien-tap", "wrong", editor)
        waits.append(accounts.wait_seconds("bien-tap"))
        clock[0] += waits[-1] + 0.001
    assert waits == [1, 2, 4, 8, 16, 30, 30, 30]


def test_nobody_can_lock_the_editor_out(clock, editor):
    """Fifty wrong passwords from anyone: the editor still gets in, at most 30 seconds later."""
    for _ in range(50):
        accounts.check("bien-tap", "wrong", editor)
        clock[0] += 0.5  # hammering faster than the delay: refused unchecked, the delay does not grow
    assert accounts.wait_seconds("bien-tap") <= accounts.MAX_DELAY
    clock[0] += accounts.MAX_DELAY
    assert accounts.check("bien-tap", "a long passphrase", editor)
    assert accounts.wait_seconds("bien-tap") == 0  # a success clears the delay


def test_other_names_are_not_slowed_by_one_names_failures(clock, editor):
    accounts.set_password("khac", "another long one", editor)
    for _ in range(5):
        accounts.check("bien-tap", "wrong", editor)
        clock[0] += 100
    assert accounts.wait_seconds("khac") == 0
    assert accounts.check("khac", "another long one", editor)


def test_the_client_address_counts_only_behind_a_trusted_proxy(monkeypatch):
    headers = {"X-Forwarded-For": "1.2.3.4, 10.0.0.7"}
    monkeypatch.delenv("OCOP_TRUSTED_PROXY", raising=False)
    assert accounts.client_address("10.0.0.1", headers) is None  # no proxy configured: no signal
    monkeypatch.setenv("OCOP_TRUSTED_PROXY", "10.0.0.1")
    assert accounts.client_address("10.0.0.1", headers) == "10.0.0.7"  # the entry the proxy appended
    assert accounts.client_address("203.0.113.9", headers) is None  # not from the proxy: headers ignored
    assert accounts.client_address("10.0.0.1", {}) is None
    monkeypatch.setenv("OCOP_TRUSTED_PROXY", "10.0.0.1, 10.0.0.7")
    assert accounts.client_address("10.0.0.1", headers) == "1.2.3.4"  # a chain of trusted proxies


def test_a_client_behind_the_proxy_is_slowed_across_names(clock, editor):
    for name in ("a", "b", "c", "d"):  # four names, each tried once, each after the client's delay
        clock[0] += accounts.wait_seconds(name, "198.51.100.7") + 0.001
        assert not accounts.check(name, "wrong", editor, client="198.51.100.7")
    assert accounts.wait_seconds("bien-tap", "198.51.100.7") == pytest.approx(8)  # the client, not the name
    assert accounts.wait_seconds("bien-tap", "198.51.100.8") == 0
    assert accounts.wait_seconds("bien-tap") == 0


def test_an_unknown_name_costs_the_same_hash_as_a_known_one(editor, monkeypatch):
    """The time it takes is measured in bench/budgets.py; the cause is tested here: one scrypt hash either way."""
    calls = []
    real = accounts.hashlib.scrypt
    monkeypatch.setattr(accounts.hashlib, "scrypt", lambda *a, **k: calls.append(k.get("n")) or real(*a, **k))
    for user in ("bien-tap", "khong-ai-ca"):
        accounts.reset_delays()
        assert not accounts.check(user, "wrong password", editor)
    assert len(calls) == 2 and calls[0] == calls[1]
