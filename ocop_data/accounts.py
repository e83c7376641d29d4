"""Editors' accounts: password hashes only (scrypt with salt), in the local data folder.

There is no default password: an editor exists only after ``python -m ocop_data set-password USER``.
Login attempts are rate-limited per user name; sessions expire (the app checks ``SESSION_SECONDS``).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
import time
from pathlib import Path

from . import paths

SESSION_SECONDS = 30 * 60
MAX_ATTEMPTS = 5
WINDOW_SECONDS = 5 * 60
_attempts: dict[str, list[float]] = {}
_lock = threading.Lock()


def _file(data_dir: Path | None) -> Path:
    return (data_dir or paths.local_data_dir()) / "accounts.json"


def _load(data_dir: Path | None) -> dict:
    path = _file(data_dir)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2 ** 14, r=8, p=1).hex()


def set_password(user: str, password: str, data_dir: Path | None = None) -> None:
    if len(password) < 10:
        raise ValueError("password must have at least 10 characters / mật khẩu cần ít nhất 10 ký tự")
    accounts = _load(data_dir)
    salt = os.urandom(16)
    accounts[user] = {"salt": salt.hex(), "hash": _hash(password, salt)}
    path = _file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(accounts, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def has_accounts(data_dir: Path | None = None) -> bool:
    return bool(_load(data_dir))


def rate_limited(user: str) -> bool:
    now = time.monotonic()
    with _lock:
        recent = [t for t in _attempts.get(user, []) if now - t < WINDOW_SECONDS]
        _attempts[user] = recent
        return len(recent) >= MAX_ATTEMPTS


def check(user: str, password: str, data_dir: Path | None = None) -> bool:
    """True when the password matches; every failed attempt counts towards the rate limit."""
    if rate_limited(user):
        return False
    entry = _load(data_dir).get(user)
    ok = bool(entry) and hmac.compare_digest(_hash(password, bytes.fromhex(entry["salt"])), entry["hash"])
    if not ok:
        with _lock:
            _attempts.setdefault(user, []).append(time.monotonic())
    return ok
