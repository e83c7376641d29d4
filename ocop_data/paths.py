"""Where the shipped files, the database and the local data folder live (all configurable)."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SHIPPED_DIR = PACKAGE_DIR / "data"
GEO_DIR = PACKAGE_DIR / "geo"
DISTRICTS_GEOJSON = GEO_DIR / "districts_pre2025.geojson"


def db_path() -> Path:
    """The database the app reads: $OCOP_DB, else ocop_data/ocop.duckdb."""
    return Path(os.environ.get("OCOP_DB") or PACKAGE_DIR / "ocop.duckdb").resolve()


def local_data_dir() -> Path:
    """The data folder outside the tracked files: accepted imports, history, accounts.

    $OCOP_DATA_DIR, else ``instance/`` beside the code (git-ignored).
    """
    return Path(os.environ.get("OCOP_DATA_DIR") or REPO_DIR / "instance").resolve()
