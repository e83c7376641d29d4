"""Editors' accounts: password hashes only (scrypt with salt), in the local data folder (0600).

There is no default password: an editor exists only after ``python -m ocop_data set-password USER``.

Wrong passwords slow the next attempt down instead of locking anyone out: after the n-th failure in
a row for a user name, the next attempt for that name is accepted only 2^(n-1) seconds later,
at most ``MAX_DELAY`` (30 s). Anyone can make an editor wait 30 seconds; nobody can lock them out.
Unknown and known names take the same time (an unknown name still costs one scrypt hash).

A per-client delay as well is applied only behind a configured reverse proxy: set
``OCOP_TRUSTED_PROXY`` to the proxy's address(es) (comma-separated). Then, and only for requests
coming from such an address, the client is the right-most ``X-Forwarded-For`` entry that is not a
trusted proxy. Without that setting the client address is no security signal (anyone can claim any
``X-Forwarded-For``, and behind a proxy every client shares one address), so it is not used.
Sessions expire (the app checks ``SESSION_SECONDS``).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import threading
import time
from pathlib import Path

from . import paths
from .messages import Refused
from .writes import private_dir, private_write

SESSION_SECONDS = 30 * 60
MIN_PASSWORD = 10
MAX_DELAY = 30.0  # seconds
FORGET_AFTER = 15 * 60  # a name's failures are forgotten after this long without one
_USER = re.compile(r"^[\w.\-]{1,64}$", re.UNICODE)
_DUMMY_SALT = bytes(16)
_failures: dict[str, tuple[int, float]] = {}  # key -> (failures in a row, time of the last one)
_lock = threading.Lock()


def _file(data_dir: Path | None) -> Path:
    return (data_dir or paths.local_data_dir()) / "accounts.json"


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


def _keys(user: str, client: str | None) -> list[str]:
    return ["user:" + user] + (["client:" + client] if client else [])


def wait_seconds(user: str, client: str | None = None) -> float:
    """How long this name (and this client, behind a trusted proxy) must still wait before an attempt."""
    now = time.monotonic()
    out = 0.0
    with _lock:
        for key in _keys(user, client):
            n, last = _failures.get(key, (0, 0.0))
            if n and now - last > FORGET_AFTER:
                _failures.pop(key, None)
                continue
            out = max(out, last + delay_after(n) - now)
    return max(0.0, out)


def rate_limited(user: str, client: str | None = None) -> bool:
    return wait_seconds(user, client) > 0


def check(user: str, password: str, data_dir: Path | None = None, client: str | None = None) -> bool:
    """True when the password matches. An attempt during the delay is refused unchecked; a failure
    lengthens the delay; a success clears it. Unknown names cost the same hash as known ones."""
    if rate_limited(user, client):
        return False
    entry = _load(data_dir).get(user)
    if entry:
        ok = hmac.compare_digest(_hash(password, bytes.fromhex(entry["salt"])), entry["hash"])
    else:
        hmac.compare_digest(_hash(password, _DUMMY_SALT), "0" * 64)
        ok = False
    now = time.monotonic()
    with _lock:
        for key in _keys(user, client):
            if ok:
                _failures.pop(key, None)
            else:
                n, _ = _failures.get(key, (0, 0.0))
                _failures[key] = (n + 1, now)
    return ok


def trusted_proxies() -> set[str]:
    return {p.strip() for p in os.environ.get("OCOP_TRUSTED_PROXY", "").split(",") if p.strip()}


def client_address(remote: str | None, headers) -> str | None:
    """The client behind a trusted proxy (right-most X-Forwarded-For entry not itself a proxy), else None."""
    proxies = trusted_proxies()
    if not proxies or not remote or remote not in proxies:
        return None
    try:
        forwarded = headers.get("X-Forwarded-For") or headers.get("x-forwarded-for") or ""
    except Exception:  # noqa: BLE001 - a header mapping that cannot be read
        return None
    for part in reversed([p.strip() for p in forwarded.split(",")]):
        if part and part not in proxies:
            return part
    return None


def reset_delays() -> None:
    """Forget every failure (tests)."""
    with _lock:
        _failures.clear()
