"""Logging in (issue 22): failed-login delays stored beside the accounts and shared by every process,
checked and recorded in one step; the delay grows per name and per address; a correct password from
an address that has not failed is never refused, whatever an attacker's loop does; the client address
only through a trusted proxy. Every test runs on a frozen clock (no test waits for a delay to pass); the same
time for unknown and known names is a measure (bench/budgets.py), its cause a test here."""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys

import pytest

from ocop_data import accounts
from tests.conftest import ROOT
from tests.faults import read_only

PASSWORD = "a long passphrase"
EDITOR_AT, ATTACKER_AT = "203.0.113.20", "198.51.100.7"


@pytest.fixture()
def clock(monkeypatch):
    now = [1_900_000_000.0]
    monkeypatch.setattr(accounts, "_clock", lambda: now[0])
    return now


@pytest.fixture()
def editor(tmp_path):
    accounts.set_password("bien-tap", PASSWORD, tmp_path)
    return tmp_path


def test_the_delay_grows_and_is_capped(clock, editor):
    waits = []
    for _ in range(8):
        assert accounts.attempt("bien-tap", "wrong", editor) == accounts.Attempt(False)  # checked: wrong
        waits.append(accounts.wait_seconds("bien-tap", data_dir=editor))
        clock[0] += waits[-1]  # exactly at the delay's end: the next attempt is checked
    assert waits == [1, 2, 4, 8, 16, 30, 30, 30]


def test_an_attempt_during_the_delay_is_refused_unchecked_and_a_success_clears_it(clock, editor):
    assert not accounts.attempt("bien-tap", "wrong", editor).ok
    clock[0] += 0.5
    refused = accounts.attempt("bien-tap", PASSWORD, editor)  # the right password, too early: not even checked
    assert (refused.ok, refused.wait) == (False, 0.5)
    clock[0] += 0.5
    assert accounts.attempt("bien-tap", PASSWORD, editor).ok
    assert accounts.wait_seconds("bien-tap", data_dir=editor) == 0


def test_the_delays_live_beside_the_accounts(clock, editor):
    accounts.attempt("bien-tap", "wrong", editor, client=ATTACKER_AT)
    record = json.loads((editor / accounts.LOGINS).read_text())
    assert record == {"user:bien-tap": [1, clock[0]], f"client:{ATTACKER_AT}": [1, clock[0]]}
    assert oct((editor / accounts.LOGINS).stat().st_mode & 0o777) == "0o600"
    assert PASSWORD not in (editor / accounts.LOGINS).read_text()


def test_failures_are_forgotten_after_a_quiet_while(clock, editor):
    for _ in range(5):
        clock[0] += accounts.wait_seconds("bien-tap", data_dir=editor)
        accounts.attempt("bien-tap", "wrong", editor)
    clock[0] += accounts.FORGET_AFTER + 1
    assert accounts.wait_seconds("bien-tap", data_dir=editor) == 0
    accounts.attempt("bien-tap", "wrong", editor)
    assert accounts.wait_seconds("bien-tap", data_dir=editor) == 1  # counted from one again


def test_a_client_is_slowed_across_names(clock, editor):
    for name in ("a", "b", "c", "d"):  # four names, each tried once, each at the address's delay's end
        clock[0] += accounts.wait_seconds(name, ATTACKER_AT, editor)
        assert accounts.attempt(name, "wrong", editor, client=ATTACKER_AT) == accounts.Attempt(False)
    assert accounts.wait_seconds("e", ATTACKER_AT, editor) == 8  # the address, not the name
    assert accounts.wait_seconds("e", EDITOR_AT, editor) == 0
    assert accounts.wait_seconds("e", None, editor) == 0


def test_an_unknown_address_is_slowed_per_name(clock, editor):
    """Without a known address (behind a proxy nobody said to trust) the delay is the name's alone."""
    accounts.attempt("bien-tap", "wrong", editor, client=ATTACKER_AT)
    assert accounts.wait_seconds("bien-tap", None, editor) == 1
    assert accounts.attempt("bien-tap", PASSWORD, editor).wait == 1  # refused unchecked
    assert accounts.wait_seconds("khac", None, editor) == 0  # another name is not slowed


def test_an_attackers_loop_timed_to_each_delay_never_keeps_the_editor_out(clock, editor):
    """An attacker tries a wrong password for the editor's name at the very end of every delay, for an
    while; the editor, from an address that has not failed, tries between the attacker's attempts (and
    once right on top of one): never refused. The attacker stays slowed all along."""
    attacker_waits, editor_in = [], []
    for i in range(70):
        wait = accounts.wait_seconds("bien-tap", ATTACKER_AT, editor)
        clock[0] += wait  # the attacker comes back exactly when the delay ends
        attacker_waits.append(wait)
        assert not accounts.attempt("bien-tap", f"guess {i}", editor, client=ATTACKER_AT).ok
        if i % 7 == 5:
            clock[0] += (0.0, 0.5, 3.0, 29.9)[len(editor_in) % 4]  # the editor, at any moment of the delay
            editor_in.append(accounts.attempt("bien-tap", PASSWORD, editor, client=EDITOR_AT))
    assert editor_in == [accounts.Attempt(True)] * 10
    assert attacker_waits[:7] == [0, 1, 2, 4, 8, 16, 30] and all(w > 0 for w in attacker_waits[1:])


def test_an_editor_who_mistyped_once_is_not_held_by_the_attackers_delay(clock, editor):
    for _ in range(6):
        clock[0] += accounts.wait_seconds("bien-tap", ATTACKER_AT, editor)
        accounts.attempt("bien-tap", "wrong", editor, client=ATTACKER_AT)
    assert accounts.wait_seconds("bien-tap", None, editor) == 30  # the name is held
    assert not accounts.attempt("bien-tap", "a typo", editor, client=EDITOR_AT).ok  # checked, wrong
    clock[0] += 1  # the editor's own delay (one failure): one second
    assert accounts.attempt("bien-tap", PASSWORD, editor, client=EDITOR_AT).ok


def test_an_address_that_keeps_failing_is_held_by_the_names_delay_too(clock, editor):
    """Many addresses taking turns on one name: each gets its first tries, then waits for the name."""
    for _ in range(accounts.FREE_FAILURES):
        clock[0] += accounts.wait_seconds("bien-tap", ATTACKER_AT, editor)
        accounts.attempt("bien-tap", "wrong", editor, client=ATTACKER_AT)
    for other in ("198.51.100.8", "198.51.100.9", "198.51.100.10"):
        accounts.attempt("bien-tap", "wrong", editor, client=other)  # the name's delay grows with every one
    assert accounts.wait_seconds("bien-tap", ATTACKER_AT, editor) == 30  # the name's, not the address's 4 s


def test_the_client_address(monkeypatch):
    headers = {"X-Forwarded-For": "1.2.3.4, 10.0.0.7"}
    monkeypatch.delenv("OCOP_TRUSTED_PROXY", raising=False)
    assert accounts.client_address("203.0.113.9", {}) == "203.0.113.9"  # no proxy: the connection's peer
    assert accounts.client_address(None, {}) == "127.0.0.1"  # Streamlit reports a loopback peer as None
    assert accounts.client_address("10.0.0.1", headers) is None  # a proxy nobody said to trust: unknown
    assert accounts.client_address("203.0.113.9", {"X-Forwarded-For": "5.6.7.8"}) is None  # a claimed one
    monkeypatch.setenv("OCOP_TRUSTED_PROXY", "10.0.0.1")
    assert accounts.client_address("10.0.0.1", headers) == "10.0.0.7"  # the entry the proxy appended
    assert accounts.client_address("203.0.113.9", headers) is None  # not from the proxy: headers ignored
    assert accounts.client_address("10.0.0.1", {}) is None
    monkeypatch.setenv("OCOP_TRUSTED_PROXY", "10.0.0.1, 10.0.0.7")
    assert accounts.client_address("10.0.0.1", headers) == "1.2.3.4"  # a chain of trusted proxies
    monkeypatch.setenv("OCOP_TRUSTED_PROXY", "127.0.0.1")
    assert accounts.client_address(None, headers) == "10.0.0.7"  # a proxy on the same machine


# --- two processes -----------------------------------------------------------------------------------

FROZEN = 1_900_000_000.0


def _run(code: str, data_dir) -> str:
    """Run ``code`` in another process on the same frozen clock (``accounts`` and ``data_dir`` are given)."""
    prelude = (f"from pathlib import Path\nfrom ocop_data import accounts\naccounts._clock = lambda: {FROZEN!r}\n"
               f"data_dir = Path({str(data_dir)!r})\n")
    done = subprocess.run([sys.executable, "-c", prelude + code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_two_processes_share_the_delays(monkeypatch, editor):
    """The README's two processes behind one proxy: a failure in one slows the other."""
    monkeypatch.setattr(accounts, "_clock", lambda: FROZEN)
    out = _run(f"print(accounts.attempt('bien-tap', 'wrong', data_dir, client={ATTACKER_AT!r}))", editor)
    assert out == "Attempt(ok=False, wait=0.0)"  # checked there
    assert accounts.wait_seconds("bien-tap", ATTACKER_AT, editor) == 1  # and felt here
    assert accounts.attempt("bien-tap", PASSWORD, editor, client=ATTACKER_AT).wait == 1
    assert accounts.attempt("bien-tap", PASSWORD, editor, client=EDITOR_AT).ok  # a clean address gets in
    assert _run("print(accounts.wait_seconds('bien-tap', None, data_dir))", editor) == "0.0"  # cleared for all


def _at_once(data_dir: str, barrier, results) -> None:
    accounts._clock = lambda: FROZEN
    barrier.wait()
    results.put(accounts.attempt("bien-tap", "wrong", data_dir))


def test_check_and_record_are_one_step_across_processes(editor):
    """Six processes try at the same instant: exactly one is checked; the others find its failure
    already recorded and are refused unchecked (a check and a record apart would let all six through)."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(6), ctx.Queue()
    procs = [ctx.Process(target=_at_once, args=(str(editor), barrier, results)) for _ in range(6)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    assert sorted(o.wait for o in outcomes) == [0, 1, 1, 1, 1, 1]
    assert json.loads((editor / accounts.LOGINS).read_text())["user:bien-tap"][0] == 1


def test_a_read_only_data_folder_refuses_to_check_with_a_sentence(editor):
    code = ("from ocop_data.messages import Refused\n"
            "try:\n    accounts.attempt('bien-tap', 'a long passphrase', data_dir)\n"
            "except Refused as exc:\n    print(exc.both())\n")
    env = dict(os.environ)
    with read_only(editor) as command:
        prelude = f"from pathlib import Path\nfrom ocop_data import accounts\ndata_dir = Path({str(editor)!r})\n"
        done = subprocess.run(command([sys.executable, "-c", prelude + code]), cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"không ghi được số lần đăng nhập sai vào thư mục “{editor}”" in done.stdout
    assert f"failed attempts cannot be recorded in the folder “{editor}”" in done.stdout


def test_an_unknown_name_costs_the_same_hash_as_a_known_one(editor, monkeypatch):
    """The time it takes is measured in bench/budgets.py; the cause is tested here: one scrypt hash either way."""
    calls = []
    real = accounts.hashlib.scrypt
    monkeypatch.setattr(accounts.hashlib, "scrypt", lambda *a, **k: calls.append(k.get("n")) or real(*a, **k))
    for user in ("bien-tap", "khong-ai-ca"):
        accounts.reset_delays(editor)
        assert not accounts.attempt(user, "wrong password", editor).ok
    assert len(calls) == 2 and calls[0] == calls[1]
