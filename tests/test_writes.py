"""Writes: one writer at a time, a kill at any step leaves history and database agreeing, restore
forward and back across imports and retires, refusals for unknown versions and rows, private files."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest

from ocop_data import writes
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.build import build
from ocop_data.db import Database, ensure_database, read_history_version
from ocop_data.messages import Busy, PlanChanged, WriteRefused
from tests.conftest import ROOT
from tests.faults import tickets, wait_for
from tests.test_import import HEAD, csv_bytes, row

pytestmark = pytest.mark.slow



def products(db, like: str = "Sản phẩm thử%") -> list[str]:
    d = Database(db)
    try:
        return sorted(r[0] for r in d.cursor().execute("SELECT name FROM product WHERE name LIKE ?", [like]).fetchall())
    finally:
        d.close()


def upload(tmp_path, name: str, *names: str):
    path = tmp_path / name
    path.write_bytes(csv_bytes([HEAD] + [row(**{"Tên sản phẩm": n}) for n in names]))
    return path


def imp(data_dir, db, *names: str, file="a.csv"):
    data = csv_bytes([HEAD] + [row(**{"Tên sản phẩm": n}) for n in names])
    return apply(prepare(file, data, data_dir), "bien-tap", data_dir, db)


def agree(db, data_dir) -> None:
    """History and database agree: the database holds history's last version, built from the files."""
    assert not (data_dir / writes.JOURNAL).exists()
    assert read_history_version(db) == writes.last_version(data_dir)
    fresh = db.with_name("fresh.duckdb")
    build(fresh, data_dir=data_dir)
    a, b = Database(db), Database(fresh)
    try:
        assert a.version == b.version  # the same inputs: the same data
    finally:
        a.close(), b.close()
    fresh.unlink()


def cli(*args, env=None, input_=None, timeout=180):
    return subprocess.run([sys.executable, "-m", "ocop_data", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, input=input_, timeout=timeout)


# --- restore forward and back, across retires ------------------------------------------------------

def test_restore_forward_and_back_across_a_retire(live):
    db, data_dir = live
    imp(data_dir, db, "Sản phẩm thử A")                                    # v1
    imp(data_dir, db, "Sản phẩm thử B")                                    # v2
    writes.retire("product", "sl-toi-den", "bien-tap", "thử", data_dir, db)  # v3
    imp(data_dir, db, "Sản phẩm thử C")                                    # v4

    def toi_den():
        d = Database(db)
        try:
            return d.cursor().execute("SELECT count(*) FROM product WHERE product_id = 'sl-toi-den'").fetchone()[0]
        finally:
            d.close()

    assert products(db) == ["Sản phẩm thử A", "Sản phẩm thử B", "Sản phẩm thử C"] and toi_den() == 0
    writes.restore(1, "bien-tap", data_dir, db)                            # v5: back before the retire
    assert products(db) == ["Sản phẩm thử A"] and toi_den() == 1           # the restore undid the retire
    agree(db, data_dir)
    writes.restore(3, "bien-tap", data_dir, db)                            # v6: forward to the retire
    assert products(db) == ["Sản phẩm thử A", "Sản phẩm thử B"] and toi_den() == 0
    writes.restore(4, "bien-tap", data_dir, db)                            # v7: forward to the end
    assert products(db) == ["Sản phẩm thử A", "Sản phẩm thử B", "Sản phẩm thử C"] and toi_den() == 0
    writes.restore(0, "bien-tap", data_dir, db)                            # v8: the shipped data
    assert products(db) == [] and toi_den() == 1
    writes.restore(5, "bien-tap", data_dir, db)                            # v9: a restore's own version
    assert products(db) == ["Sản phẩm thử A"]
    agree(db, data_dir)
    # a rebuild keeps what the last version says: nothing comes back unasked
    build(db, data_dir=data_dir)
    assert products(db) == ["Sản phẩm thử A"] and toi_den() == 1
    assert [e["action"] for e in writes.history(data_dir)] == ["import", "import", "retire", "import"] + \
        ["restore"] * 5


def test_restore_3_1_3_ends_at_3(live):
    db, data_dir = live
    for n in ("A", "B", "C"):
        imp(data_dir, db, f"Sản phẩm thử {n}")
    writes.restore(1, "bien-tap", data_dir, db)
    assert products(db) == ["Sản phẩm thử A"]
    entry = writes.restore(3, "bien-tap", data_dir, db)
    assert products(db) == ["Sản phẩm thử A", "Sản phẩm thử B", "Sản phẩm thử C"]
    assert sorted(entry["reapplied"]) == sorted(writes.history(data_dir)[2]["state"]["imports"][1:])
    agree(db, data_dir)


def test_unknown_versions_and_rows_are_refused(live):
    db, data_dir = live
    imp(data_dir, db, "Sản phẩm thử A")
    before = writes.history(data_dir)
    for version in (99, -1, 2):
        with pytest.raises(WriteRefused) as exc:
            writes.restore(version, "bien-tap", data_dir, db)
        assert exc.value.rule == "unknown_version" and "0–1" in exc.value.both()
    with pytest.raises(WriteRefused) as exc:
        writes.restore(1, "bien-tap", data_dir, db)  # already the live data
    assert exc.value.rule == "same_version"
    with pytest.raises(WriteRefused) as exc:
        writes.retire("product", "no-such-product", "bien-tap", "", data_dir, db)
    assert exc.value.rule == "unknown_row"
    with pytest.raises(WriteRefused) as exc:
        writes.retire("nonsense", "x", "bien-tap", "", data_dir, db)
    assert exc.value.rule == "unknown_table"
    writes.retire("product", "sl-toi-den", "bien-tap", "", data_dir, db)
    with pytest.raises(WriteRefused) as exc:  # already retired: not a row any more
        writes.retire("product", "sl-toi-den", "bien-tap", "", data_dir, db)
    assert exc.value.rule == "unknown_row"
    assert len(writes.history(data_dir)) == len(before) + 1
    agree(db, data_dir)


def test_a_preview_overtaken_by_another_change_is_planned_again(live):
    """Applied when the other change leaves its result alone; refused, with the new preview, when not."""
    db, data_dir = live
    first = prepare("a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Sản phẩm thử A"})]), data_dir)
    other = prepare("c.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Chè Shan tuyết", "Chủ thể": "HTX Tà Xùa"})]),
                             data_dir)
    imp(data_dir, db, "Sản phẩm thử B")  # the same producer as first's: first would no longer add it
    with pytest.raises(PlanChanged) as exc:
        apply(first, "bien-tap", data_dir, db)
    assert exc.value.rule == "plan_changed" and exc.value.preview.base == 1
    assert [a[2] for a in exc.value.preview.added if a[0] == "product"] == ["Sản phẩm thử A"]
    assert products(db) == ["Sản phẩm thử B"]
    entry = apply(other, "bien-tap", data_dir, db)  # untouched by B: applied as it was previewed
    assert entry["version"] == 2 and products(db, "Chè Shan tuyết") == ["Chè Shan tuyết"]
    assert apply(exc.value.preview, "bien-tap", data_dir, db)["version"] == 3  # the new preview, accepted


# --- one writer at a time ---------------------------------------------------------------------------

def test_the_lock_refuses_a_second_writer_with_the_message(live):
    db, data_dir = live
    held, release = threading.Event(), threading.Event()

    def hold():
        with writes.write_lock(data_dir, db):
            held.set()
            release.wait(60)

    th = threading.Thread(target=hold)
    th.start()
    try:
        assert held.wait(60)
        with pytest.raises(Busy) as exc:  # at once (how long a wait takes: bench/budgets.py)
            with writes.write_lock(data_dir, db, wait=0):
                pass
        assert "Một thay đổi khác đang được áp dụng" in exc.value.both()
        assert "Another change is being applied" in exc.value.both()
        assert tickets(data_dir) and len(tickets(data_dir)) == 1  # the refused writer gave its place up
    finally:
        release.set()
        th.join(60)
    assert tickets(data_dir) == []


# --- the queue: arrival order, a killed writer, the setting -------------------------------------------

def test_writers_take_their_turn_in_arrival_order(live):
    """Three writers arrive, one after another, while a fourth writes: they go in the order they came."""
    db, data_dir = live
    order, release = [], threading.Event()
    arrived = threading.Event()

    def writer(name: str, first: bool = False) -> None:
        with writes.write_lock(data_dir, db, wait=600):
            if first:
                arrived.set()
                release.wait(120)
            order.append(name)

    threads = [threading.Thread(target=writer, args=("A", True))]
    threads[0].start()
    assert arrived.wait(60)
    for name in ("B", "C", "D"):
        th = threading.Thread(target=writer, args=(name,))
        th.start()
        threads.append(th)
        wait_for(lambda n=len(threads): len(tickets(data_dir)) == n, f"{name} to take its ticket")
    release.set()
    for th in threads:
        th.join(120)
    assert order == ["A", "B", "C", "D"]
    assert tickets(data_dir) == []


def test_a_killed_writers_place_is_given_up(live):
    """A writer killed while it holds the lock (or waits) leaves its ticket behind; the next writer
    finds nobody holding it, removes it and goes on."""
    db, data_dir = live
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    code = ("import sys, time\nfrom ocop_data import writes\nwith writes.write_lock():\n"
            "    print('holding', flush=True)\n    time.sleep(600)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    assert len(tickets(data_dir)) == 1
    with pytest.raises(Busy):
        with writes.write_lock(data_dir, db, wait=0):
            pass
    holder.kill()
    holder.wait(60)
    with writes.write_lock(data_dir, db, wait=60):
        assert len(tickets(data_dir)) == 1  # its own: the dead one is gone
    assert tickets(data_dir) == []


@pytest.mark.parametrize("value", ["abc", "-1", "inf", "nan"])
def test_a_lock_wait_that_is_not_seconds_is_refused_naming_the_setting(live, monkeypatch, value):
    db, data_dir = live
    monkeypatch.setenv("OCOP_LOCK_WAIT", value)
    with pytest.raises(WriteRefused) as exc:
        writes.retire("product", "sl-toi-den", "bien-tap", "", data_dir, db)
    assert f"OCOP_LOCK_WAIT = “{value}” không hợp lệ" in exc.value.both()
    assert f"The setting OCOP_LOCK_WAIT = “{value}” is not valid" in exc.value.both()
    assert writes.history(data_dir) == []
    monkeypatch.delenv("OCOP_LOCK_WAIT")
    assert writes.lock_wait() == 60


def _queued_imports(live, tmp_path, files: dict[str, list[list[str]]]) -> dict:
    """Start one `import --yes` per file (its rows) while this process holds the write lock, each after the
    one before has taken its place in the queue; then let them go. Returns name -> (status, stdout, stderr)."""
    db, data_dir = live
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir), OCOP_LOCK_WAIT="600")
    procs = {}
    with writes.write_lock(data_dir, db):
        for n, (name, rows) in enumerate(files.items(), start=2):
            path = tmp_path / f"{name}.csv"
            path.write_bytes(csv_bytes([HEAD] + rows))
            procs[name] = subprocess.Popen(
                [sys.executable, "-m", "ocop_data", "import", str(path), "--user", "bien-tap", "--yes"], cwd=ROOT,
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            wait_for(lambda n=n: len(tickets(data_dir)) == n, f"import {name} to take its place in the queue")
    return {name: (p.wait(300),) + p.communicate() for name, p in procs.items()}


# four offices' lists: other producers, other products (nothing one of them adds changes another's preview)
FOUR = {"A": ("HTX Tà Xùa", ["Chè Shan tuyết Tà Xùa", "Nấm hương Tà Xùa"]),
        "B": ("HTX Bạc Hà", ["Mật ong hoa bạc hà", "Gạo nếp cái hoa vàng"]),
        "C": ("HTX Phia Đén", ["Cà phê Arabica rang xay", "Miến dong Phia Đén"]),
        "D": ("Doanh nghiệp Táo Mèo", ["Rượu táo mèo Mù Cang Chải", "Trà hoa vàng"])}


def test_four_imports_at_once_are_all_applied_in_order(live, tmp_path):
    """Four `import --yes` at once: each waits its turn (in arrival order), is planned again against the
    versions before it, finds the same result as its preview and is applied; none is refused."""
    db, data_dir = live
    done = _queued_imports(live, tmp_path, {f: [row(**{"Tên sản phẩm": p, "Chủ thể": s}) for p in names]
                                            for f, (s, names) in FOUR.items()})
    for name, (code, out, err) in done.items():
        assert code == 0, (name, err)
        assert "Traceback" not in err
    assert [e["file"] for e in writes.history(data_dir)] == ["A.csv", "B.csv", "C.csv", "D.csv"]
    names = sorted(p for _, ps in FOUR.values() for p in ps)
    assert set(names) <= set(products(db, "%"))
    agree(db, data_dir)


def test_an_import_whose_result_changed_while_it_waited_is_not_applied(live, tmp_path):
    """B was previewed as adding two products; while it waited, A added one of them. On its turn B is
    planned again: the result is no longer the preview that was accepted, so nothing of B is applied
    and the command says why (exit 1)."""
    db, data_dir = live
    done = _queued_imports(live, tmp_path, {"A": [row(**{"Tên sản phẩm": "Sản phẩm thử X"})],
                                            "B": [row(**{"Tên sản phẩm": "Sản phẩm thử X"}),
                                                  row(**{"Tên sản phẩm": "Sản phẩm thử Y"})]})
    assert done["A"][0] == 0, done["A"][2]
    code, out, err = done["B"]
    assert code == 1, (out, err)
    assert "không còn giống bản xem trước đã duyệt" in err and "no longer matches the preview" in err
    assert "thêm 5, đổi 0, đã có 0 → thêm 2, đổi 0, đã có 2" in err  # the subject and X were added meanwhile
    assert "Traceback" not in err
    assert [e["file"] for e in writes.history(data_dir)] == ["A.csv"]
    assert products(db) == ["Sản phẩm thử X"]
    agree(db, data_dir)


def test_a_busy_lock_refuses_the_command_line_kindly(live, tmp_path):
    db, data_dir = live
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    slow = subprocess.Popen([sys.executable, "-m", "ocop_data", "import",
                             str(upload(tmp_path, "slow.csv", "Sản phẩm thử chậm")), "--user", "bien-tap", "--yes"],
                            cwd=ROOT, env=dict(env, OCOP_TEST_PAUSE_BEFORE_WRITE="15"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while time.time() < deadline and not (data_dir / writes.JOURNAL).exists():
        time.sleep(0.05)
    fast = cli("import", upload(tmp_path, "fast.csv", "Sản phẩm thử nhanh"), "--user", "bien-tap", "--yes",
               env=dict(env, OCOP_LOCK_WAIT="0.5"))
    assert fast.returncode == 1
    assert "Một thay đổi khác đang được áp dụng" in fast.stderr and "Another change" in fast.stderr
    assert "Traceback" not in fast.stderr
    retire = cli("retire", "product", "sl-toi-den", "--user", "bien-tap", env=dict(env, OCOP_LOCK_WAIT="0.2"))
    assert retire.returncode == 1 and "Another change" in retire.stderr
    rebuild = cli("build", env=dict(env, OCOP_LOCK_WAIT="0.2"))
    assert rebuild.returncode == 1 and "Another change" in rebuild.stderr
    assert slow.wait(60) == 0, slow.stderr.read()
    assert products(db) == ["Sản phẩm thử chậm"]
    agree(db, data_dir)


# --- a kill at every step -------------------------------------------------------------------------

STEPS = ("journal", "files", "built", "swapped", "recorded")


def _setup_for(action: str, data_dir, db, tmp_path) -> list:
    """Bring the data to a state where ``action`` changes something; returns the command's arguments."""
    if action == "import":
        return ["import", upload(tmp_path, "k.csv", "Sản phẩm thử giết"), "--user", "bien-tap", "--yes"]
    imp(data_dir, db, "Sản phẩm thử A")
    imp(data_dir, db, "Sản phẩm thử B")
    if action == "restore":
        return ["restore", "1", "--user", "bien-tap"]
    return ["retire", "product", "sl-toi-den", "--user", "bien-tap", "--reason", "thử"]


@pytest.mark.parametrize("action", ["import", "restore", "retire"])
@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_leaves_history_and_database_agreeing(live, tmp_path, action, step, monkeypatch):
    db, data_dir = live
    args = _setup_for(action, data_dir, db, tmp_path)
    before_history = writes.history(data_dir)
    before_products = products(db)
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir), OCOP_TEST_CRASH_AT=f"{action}:{step}")
    done = cli(*args, env=env)
    assert done.returncode == -signal.SIGKILL, done.stderr  # killed where asked
    # the app starts: it finishes what the killed writer left, and says so
    status = ensure_database(db)
    history = writes.history(data_dir)
    if step == "recorded":  # the history line was written: the change is complete and kept
        assert len(history) == len(before_history) + 1
        assert status.action == "ok"
    else:  # otherwise it is put back: no version in history the database lacks, nothing half-done
        assert history == before_history
        assert products(db) == before_products
        assert (status.action, status.reason) == ("repaired", "journal")
        assert not any(p.name.startswith(".") and p.name.endswith(".staging")
                       for p in (data_dir / "imports").iterdir()) if (data_dir / "imports").exists() else True
    agree(db, data_dir)
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".") and db.name in p.name]  # no leftovers
    # and the next write works
    imp(data_dir, db, "Sản phẩm thử sau")
    agree(db, data_dir)


def test_history_ahead_of_the_database_is_repaired_at_start_up(live):
    """A database swapped back by hand (or restored from a backup) behind history: start-up rebuilds it."""
    db, data_dir = live
    old = db.with_name("old.duckdb")
    old.write_bytes(db.read_bytes())
    imp(data_dir, db, "Sản phẩm thử A")
    os.replace(old, db)
    assert read_history_version(db) == 0 and writes.last_version(data_dir) == 1
    status = ensure_database(db)
    assert (status.action, status.reason) == ("rebuilt", "history")
    assert products(db) == ["Sản phẩm thử A"]
    agree(db, data_dir)


def test_the_app_tells_the_user_after_a_repair(live, tmp_path):
    from streamlit.testing.v1 import AppTest

    db, data_dir = live
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir), OCOP_TEST_CRASH_AT="import:swapped")
    assert cli("import", upload(tmp_path, "k.csv", "Sản phẩm thử giết"), "--user", "bien-tap", "--yes",
               env=env).returncode == -signal.SIGKILL
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert any("bị ngắt giữa chừng" in t.value for t in at.toast)
    assert products(db) == []
    agree(db, data_dir)


def test_leftover_staging_and_temporary_files_are_cleaned(live):
    db, data_dir = live
    (data_dir / "imports").mkdir(exist_ok=True)
    stale = data_dir / "imports" / ".0007-x.staging"
    (stale / "rows").mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    tmp_db = db.with_name(f".{db.name}.{pid}.tmp")
    tmp_db.write_bytes(b"x")
    pending = db.with_name(f".{db.name}.pending-{pid}")
    pending.write_bytes(b"x")
    with writes.write_lock(data_dir, db) as rec:
        assert set(rec.cleaned) >= {stale.name, tmp_db.name, pending.name}
    assert not stale.exists() and not tmp_db.exists() and not pending.exists()


# --- private files -----------------------------------------------------------------------------------

def test_uploads_history_and_accounts_are_private(live):
    db, data_dir = live
    imp(data_dir, db, "Sản phẩm thử A")
    writes.retire("product", "sl-toi-den", "bien-tap", "", data_dir, db)
    checked = 0
    for root, dirs, files in os.walk(data_dir):
        for d in dirs:
            assert stat.S_IMODE(os.stat(os.path.join(root, d)).st_mode) == 0o700, d
        for f in files:
            assert stat.S_IMODE(os.stat(os.path.join(root, f)).st_mode) == 0o600, f
            checked += 1
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    names = {f for _, _, files in os.walk(data_dir) for f in files}
    assert {"history.jsonl", "accounts.json", "retired.csv", "a.csv", "meta.json"} <= names
    assert checked >= 6


def test_start_up_leaves_a_database_of_other_data_files_alone(live, tmp_path):
    """The synthetic benchmark database is built from other files: a data folder's history never
    rebuilds it from the shipped ones."""
    from ocop_data.db import read_build_info
    from ocop_data.synthetic import build_synthetic

    db, data_dir = live
    imp(data_dir, db, "Sản phẩm thử A")
    synthetic = tmp_path / "synthetic.duckdb"
    build_synthetic(synthetic, 1, 0.01)
    assert read_history_version(synthetic) == -1
    before = read_build_info(synthetic)
    assert ensure_database(synthetic).action == "ok"
    assert read_build_info(synthetic) == before


# --- the Data page: the preview applied is the one accepted; the queue; the environment ------------------

def _editor_on_data_page():
    from tests.conftest import open_page

    at = open_page("pages/data.py")
    at.text_input[0].set_value("bien-tap")
    at.text_input[1].set_value("a long passphrase")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def test_the_data_page_shows_the_new_preview_when_the_result_changed(live, monkeypatch):
    """An editor previews a file; another import lands before they press Apply. What they accepted is
    planned again, found different, not applied; the page shows the new preview, which they can apply."""
    from ocop_data import accounts

    monkeypatch.setattr(accounts, "_clock", lambda: 1_900_000_000.0)
    db, data_dir = live
    at = _editor_on_data_page()
    at.file_uploader[0].upload("b.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Sản phẩm thử X"}),
                                                  row(**{"Tên sản phẩm": "Sản phẩm thử Y"})]), "text/csv").run()
    assert any("Tệp hợp lệ: thêm 5 dòng" in s.value for s in at.success), [s.value for s in at.success]
    imp(data_dir, db, "Sản phẩm thử X")  # another editor, meanwhile
    at.button(key="apply").click().run()
    assert not at.exception
    assert any("kết quả nhập không còn giống bản xem trước đã duyệt" in e.value for e in at.error)
    assert any("Tệp hợp lệ: thêm 2 dòng" in s.value for s in at.success)  # the new preview, on screen
    assert [e["file"] for e in writes.history(data_dir)] == ["a.csv"] and products(db) == ["Sản phẩm thử X"]
    at.button(key="apply").click().run()  # the new preview, accepted
    assert not at.exception and not at.error
    assert [e["file"] for e in writes.history(data_dir)] == ["a.csv", "b.csv"]
    assert products(db) == ["Sản phẩm thử X", "Sản phẩm thử Y"]


def test_the_data_page_names_a_bad_lock_wait(live, monkeypatch):
    from ocop_data import accounts
    from tests.conftest import plain

    monkeypatch.setattr(accounts, "_clock", lambda: 1_900_000_000.0)
    monkeypatch.setenv("OCOP_LOCK_WAIT", "một phút")
    at = _editor_on_data_page()
    assert any("OCOP_LOCK_WAIT = “một phút” không hợp lệ" in plain(w.value) for w in at.warning)
    at.selectbox(key="retire_id_product").set_value("sl-toi-den").run()
    at.button(key="retire").click().run()  # refused with the same sentence, nothing retired
    assert any("OCOP_LOCK_WAIT = “một phút” không hợp lệ" in plain(e.value) for e in at.error)
    assert not at.exception
    assert writes.history(live[1]) == []


def test_the_data_page_with_a_read_only_data_folder_says_so_before_anyone_logs_in(live):
    from tests.faults import read_only

    db, data_dir = live
    code = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120)
at.switch_page("pages/data.py")
at.run()
before = [w.value for w in at.warning]
at.text_input[0].set_value("bien-tap")
at.text_input[1].set_value("a long passphrase")
at.button[0].click().run()
print(json.dumps({"before": before, "error": [e.value for e in at.error], "exception": [e.value for e in at.exception],
                  "tabs": [t.label for t in at.tabs]}))
"""
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    with read_only(data_dir) as command:
        done = subprocess.run(command([sys.executable, "-c", code]), cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    import json
    from tests.conftest import plain
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert not shown["exception"]
    assert any(f"Thư mục dữ liệu “{data_dir}” chỉ cho đọc" in plain(w) for w in shown["before"]), shown
    assert any(f"không ghi được số lần đăng nhập sai vào thư mục “{data_dir}”" in plain(e) for e in shown["error"])
    assert shown["tabs"] == []  # not logged in: an attempt that cannot be counted is not checked
