"""Logging in: a growing, capped delay instead of a lockout; a per-client delay only behind a trusted
proxy; the same time for unknown and known names."""
from __future__ import annotations

import time

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


def test_unknown_and_known_names_take_the_same_time(editor):
    def timed(user):
        accounts.reset_delays()
        start = time.perf_counter()
        assert not accounts.check(user, "wrong password", editor)
        return time.perf_counter() - start

    # alternated, so a busy machine slows both alike; the fastest of each is the least disturbed
    times = {"bien-tap": [], "khong-ai-ca": []}
    for _ in range(8):
        for user in times:
            times[user].append(timed(user))
    known, unknown = min(times["bien-tap"]), min(times["khong-ai-ca"])
    assert unknown > 0.005  # an unknown name costs a hash too
    assert 0.5 < unknown / known < 2, (known, unknown)


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
