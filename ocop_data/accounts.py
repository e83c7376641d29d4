"""Editors' accounts: password hashes only (scrypt with salt), in the local data folder (0600).

There is no default password: an editor exists only after ``python -m ocop_data set-password USER``.

Wrong passwords slow the next attempt down instead of locking anyone out. The record of failures
(``logins.json``) lives beside the accounts, so every process serving the same data folder shares it,
and an attempt is checked against it and recorded in it in one step under the folder's lock (two
attempts at once cannot both pass a delay). After the n-th failure in a row the next attempt waits
2^(n-1) seconds, at most ``MAX_DELAY`` (30 s), counted per user name and per client address:

- an address's own failures slow that address, whatever the name;
- a name's failures slow attempts for that name from an address that has failed ``FREE_FAILURES``
  times or more, and from an unknown address; an address that has not failed (or failed once or
  twice, a typo) is checked at once, so a correct password from it is never refused, however
  someone else hammers the name. An attempt during a delay is refused unchecked.

The address is the connection's peer when there is no proxy in front. Behind a reverse proxy it is
known only with ``OCOP_TRUSTED_PROXY`` set to the proxy's address(es) (comma-separated): then, for
requests from such an address, the client is the right-most ``X-Forwarded-For`` entry that is not a
trusted proxy. A request carrying ``X-Forwarded-For`` from anywhere else has no known address (anyone
can claim any), and the delay is then per name only. Unknown and known names take the same time (an
unknown name still costs one scrypt hash). Sessions expire (the app checks ``SESSION_SECONDS``).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .messages import Refused
from .writes import private_dir, private_write

SESSION_SECONDS = 30 * 60
MIN_PASSWORD = 10
MAX_DELAY = 30.0  # seconds
FORGET_AFTER = 15 * 60  # failures are forgotten after this long without one
FREE_FAILURES = 3  # an address with fewer failures is not held back by a name's delay
LOGINS = "logins.json"  # failures: key -> [failures in a row, time of the last one], shared by every process
MAX_KEYS = 10_000  # the record keeps the most recent keys only (names sprayed by an attacker)
LOOPBACK = ("127.0.0.1", "::1")
_USER = re.compile(r"^[\w.\-]{1,64}$", re.UNICODE)
_DUMMY_SALT = bytes(16)
_clock = time.time  # delays are measured on the wall clock, the same in every process (tests freeze it)


def _file(data_dir: Path | None) -> Path:
    return Path(data_dir or paths.local_data_dir()) / "accounts.json"


def _load(data_dir: Path | None) -> dict:
    path = _file(data_dir)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, json.JSONDecodeError):
        return {}


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2 ** 14, r=8, p=1).hex()


def check_user_name(user: str) -> None:
    if not isinstance(user, str) or not _USER.match(user):
        raise Refused("bad_user_name")


def set_password(user: str, password: str, data_dir: Path | None = None) -> None:
    check_user_name(user)
    if len(password) < MIN_PASSWORD:
        err = Refused("short_password", n=MIN_PASSWORD)
        raise ValueError(err.both()) from err
    accounts = _load(data_dir)
    salt = os.urandom(16)
    accounts[user] = {"salt": salt.hex(), "hash": _hash(password, salt)}
    path = _file(data_dir)
    private_dir(path.parent)
    private_write(path, json.dumps(accounts, indent=1))


def has_accounts(data_dir: Path | None = None) -> bool:
    return bool(_load(data_dir))


def exists(user: str, data_dir: Path | None = None) -> bool:
    return user in _load(data_dir)


def delay_after(failures: int) -> float:
    """Seconds before the next attempt after this many failures in a row: 0, 1, 2, 4, 8, 16, 30, 30 …"""
    return 0.0 if failures <= 0 else min(MAX_DELAY, 2.0 ** (failures - 1))


@dataclass(frozen=True)
class Attempt:
    """The outcome of a login attempt."""
    ok: bool
    wait: float = 0.0  # above 0: refused unchecked, because of a delay still running this many seconds


def _keys(user: str, client: str | None) -> tuple[str, str | None]:
    return "user:" + str(user)[:64], ("client:" + client[:64]) if client else None


def _failures(entries: dict, key: str | None, now: float) -> tuple[int, float]:
    n, last = (entries.get(key) or (0, 0.0)) if key else (0, 0.0)
    return (0, 0.0) if n <= 0 or now - last > FORGET_AFTER else (int(n), float(last))


def _remaining(n: int, last: float, now: float) -> float:
    # capped at the delay itself: a clock set back never makes anyone wait longer
    return 0.0 if n <= 0 else max(0.0, min(delay_after(n), last + delay_after(n) - now))


def _wait(entries: dict, user: str, client: str | None, now: float) -> float:
    name, address = _keys(user, client)
    a_n, a_last = _failures(entries, address, now)
    out = _remaining(a_n, a_last, now)
    if address is None or a_n >= FREE_FAILURES:
        out = max(out, _remaining(*_failures(entries, name, now), now))
    return out


@contextlib.contextmanager
def _record(data_dir: Path | None):
    """The data folder's failure record, read and written under its lock (held by one process at a time)."""
    from .writes import private_dir, private_write
    folder = Path(data_dir or paths.local_data_dir())
    try:
        private_dir(folder)
        fd = os.open(folder / ".logins.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        raise Refused("login_cannot_record", path=str(folder)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        path = folder / LOGINS
        try:
            entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except (OSError, ValueError):
            entries = {}
        if not isinstance(entries, dict):
            entries = {}
        before = dict(entries)
        yield entries
        if entries != before:
            now = _clock()
            kept = sorted(((k, v) for k, v in entries.items() if now - v[1] <= FORGET_AFTER),
                          key=lambda kv: kv[1][1])[-MAX_KEYS:]
            try:
                private_write(path, json.dumps(dict(kept)))
            except OSError:
                raise Refused("login_cannot_record", path=str(folder)) from None
    finally:
        os.close(fd)


def wait_seconds(user: str, client: str | None = None, data_dir: Path | None = None) -> float:
    """How long an attempt for this name from this client would still be refused."""
    path = Path(data_dir or paths.local_data_dir()) / LOGINS
    try:
        entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        entries = {}
    return _wait(entries if isinstance(entries, dict) else {}, user, client, _clock())


def attempt(user: str, password: str, data_dir: Path | None = None, client: str | None = None) -> Attempt:
    """Log in: refused unchecked during a delay; otherwise recorded as a failure *before* the password is
    checked (in the same step as the delay was checked, so a second attempt at once waits), and cleared
    when it matches. Unknown names cost the same hash as known ones.

    Raises ``Refused`` when the failure record cannot be written (a read-only data folder): an attempt
    that cannot be counted is not checked.
    """
    now = _clock()
    name, address = _keys(user, client)
    with _record(data_dir) as entries:
        wait = _wait(entries, user, client, now)
        if wait > 0:
            return Attempt(False, wait)
        for key in (name, address):
            if key:
                entries[key] = [_failures(entries, key, now)[0] + 1, now]
    entry = _load(data_dir).get(user)
    if entry:
        ok = hmac.compare_digest(_hash(password, bytes.fromhex(entry["salt"])), entry["hash"])
    else:
        hmac.compare_digest(_hash(password, _DUMMY_SALT), "0" * 64)
        ok = False
    if ok:
        with _record(data_dir) as entries:
            for key in (name, address):
                entries.pop(key, None)
    return Attempt(ok)


def trusted_proxies() -> set[str]:
    return {p.strip() for p in os.environ.get("OCOP_TRUSTED_PROXY", "").split(",") if p.strip()}


def client_address(remote: str | None, headers) -> str | None:
    """The address the delay counts a client by, or None when it cannot be known.

    ``remote`` is the connection's peer (Streamlit reports a loopback peer as None). From a trusted proxy:
    the right-most ``X-Forwarded-For`` entry that is not itself a proxy. A request carrying
    ``X-Forwarded-For`` from anyone else: unknown (a proxy nobody said to trust, or a client claiming one).
    Otherwise the peer itself.
    """
    remote = remote if isinstance(remote, str) and remote else LOOPBACK[0]
    proxies = trusted_proxies()
    try:
        forwarded = headers.get("X-Forwarded-For") or headers.get("x-forwarded-for") or ""
    except Exception:  # noqa: BLE001 - a header mapping that cannot be read
        return None
    if not isinstance(forwarded, str):  # no request behind this run (a test harness)
        forwarded = ""
    trusted = remote in proxies or (remote in LOOPBACK and any(p in LOOPBACK for p in proxies))
    if trusted:
        for part in reversed([p.strip() for p in forwarded.split(",")]):
            if part and part not in proxies:
                return part
        return None
    return None if forwarded.strip() else remote


def reset_delays(data_dir: Path | None = None) -> None:
    """Forget every failure recorded in the data folder (tests)."""
    (Path(data_dir or paths.local_data_dir()) / LOGINS).unlink(missing_ok=True)
