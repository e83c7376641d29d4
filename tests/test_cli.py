"""The command line: every error is a sentence in Vietnamese and English, exit status 1 or 2, never a
traceback; the whole-file options; `--user` must be an editor."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop_data import accounts, writes
from ocop_data.build import build
from tests.conftest import ROOT
from tests.test_import import HEAD, ROW, csv_bytes

pytestmark = pytest.mark.slow


@pytest.fixture()
def env(tmp_path):
    data_dir = tmp_path / "instance"
    data_dir.mkdir()
    db = tmp_path / "live.duckdb"
    build(db, data_dir=data_dir)
    accounts.set_password("bien-tap", "a long passphrase", data_dir)
    return dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))


def cli(env, *args, input_=None, stdin=None):
    kw = {"input": input_} if stdin is None else {"stdin": stdin}
    return subprocess.run([sys.executable, "-m", "ocop_data", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, **kw)


def kind(done, code: int, *words: str) -> None:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    for w in words:
        assert w in done.stderr, (w, done.stderr)


def test_errors_are_sentences_in_both_languages(env, tmp_path):
    kind(cli(env, "import", tmp_path / "khong-co.csv", "--user", "bien-tap"), 1,
         "Không tìm thấy tệp", "was not found")
    kind(cli(env, "import", tmp_path, "--user", "bien-tap"), 1, "Không đọc được tệp", "cannot be read")
    broken = tmp_path / "ngoac.csv"
    broken.write_bytes((",".join(HEAD) + '\n"Chè xanh,HTX,14,4\n').encode())
    kind(cli(env, "import", broken, "--user", "bien-tap", "--yes"), 1, "dấu ngoặc kép", "double quote")
    good = tmp_path / "a.csv"
    good.write_bytes(csv_bytes([HEAD, ROW]))
    kind(cli(env, "import", good, "--user", "bien-tap", stdin=subprocess.DEVNULL), 1,
         "đầu vào đã đóng", "input is closed", "--yes")
    kind(cli(env, "import", good, "--user", "ai-do", "--yes"), 2, "không phải là biên tập viên", "is not an editor")
    kind(cli(env, "restore", "99", "--user", "bien-tap"), 1, "Không có phiên bản 99", "There is no version 99")
    kind(cli(env, "restore", "ba", "--user", "bien-tap"), 2, "Lệnh không đúng", "Invalid command")
    kind(cli(env, "retire", "product", "khong-co", "--user", "bien-tap"), 1, "Không có dòng", "There is no row")
    kind(cli(env, "retire", "bang-la", "x", "--user", "bien-tap"), 1, "Không có bảng", "There is no table")
    kind(cli(env, "import", good, "--user", "bien-tap", "--level", "xã", "--yes"), 1, "không hợp lệ", "not valid")
    kind(cli(env, "import", good, "--user", "bien-tap", "--nonsense"), 2, "Invalid command")
    kind(cli(env, "set-password", "bien-tap", input_="ngan\nngan\n"), 1, "ít nhất 10 ký tự", "at least 10 characters")
    kind(cli(env, "set-password", "bien-tap", stdin=subprocess.DEVNULL), 1, "Không đọc được mật khẩu", "No password")
    kind(cli(env, "set-password", "tên có dấu cách", input_="x\n"), 1, "Tên đăng nhập", "user name")
    assert writes.history(Path(env["OCOP_DATA_DIR"])) == []


def test_a_set_password_reads_from_a_pipe(env):
    done = cli(env, "set-password", "moi-bien-tap", input_="mật khẩu rất dài\nmật khẩu rất dài\n")
    assert done.returncode == 0, done.stderr
    assert accounts.exists("moi-bien-tap", Path(env["OCOP_DATA_DIR"]))


def test_the_whole_file_options(env, tmp_path):
    path = tmp_path / "ds.csv"  # a list with neither province nor source column, nor a date
    path.write_bytes(csv_bytes([["STT", "Tên sản phẩm", "Tên chủ thể", "Phân hạng"],
                                ["1", "Chè lựa chọn", "HTX Chè Lựa Chọn", "4 sao"]]))
    refused = cli(env, "import", path, "--user", "bien-tap", "--yes")
    kind(refused, 1, "Tỉnh", "Nguồn")
    done = cli(env, "import", path, "--user", "bien-tap", "--yes", "--province", "14", "--source", "seed-003",
               "--decided", "12/05/2024", "--level", "tỉnh", "--kind", "mới")
    assert done.returncode == 0, done.stderr
    assert "Tên sản phẩm → Tên sản phẩm / Product name" in done.stdout  # the mapping is shown
    assert "STT → Số thứ tự" in done.stdout
    from ocop_data.db import Database
    d = Database(env["OCOP_DB"])
    got = d.cursor().execute("SELECT e.decided, e.level, e.kind, e.source_id, p.territory_key FROM evaluation e "
                             "JOIN product p USING (product_id) WHERE p.name = 'Chè lựa chọn'").fetchall()
    d.close()
    assert got == [("2024-05-12", "province", "new", "seed-003", "14")]


def test_history_lists_versions(env, tmp_path):
    good = tmp_path / "a.csv"
    good.write_bytes(csv_bytes([HEAD, ROW]))
    assert cli(env, "import", good, "--user", "bien-tap", "--yes").returncode == 0
    done = cli(env, "history")
    assert done.returncode == 0 and " 1  " in done.stdout and "import" in done.stdout and "a.csv" in done.stdout


# --- the environment (issue 22): a sentence naming the path or setting, never "Unexpected error" -----------

def test_template_out_refuses_a_missing_folder_and_an_existing_file(env, tmp_path):
    missing = tmp_path / "khong-co" / "thu-muc"
    kind(cli(env, "template", "--out", missing), 1, f"Không có thư mục “{missing}”",
         f"The folder “{missing}” does not exist")
    assert not missing.exists() and not missing.parent.exists()  # nothing made
    kind(cli(env, "template", "--out", tmp_path / "khong-co" / "mau.xlsx"), 1,
         f"Không có thư mục “{tmp_path / 'khong-co'}”")
    assert cli(env, "template", "--out", tmp_path).returncode == 0
    written = tmp_path / "mau_nhap_ocop.xlsx"
    first = written.read_bytes()
    written.write_bytes(b"my own notes")
    kind(cli(env, "template", "--out", tmp_path), 1, f"Đã có tệp “{written}”: không ghi đè", "--force",
         f"The file “{written}” already exists")
    assert written.read_bytes() == b"my own notes"  # left as it was
    assert cli(env, "template", "--out", tmp_path, "--force").returncode == 0
    assert written.read_bytes()[:2] == first[:2] == b"PK"
    assert cli(env, "template", "--format", "csv", "--out", tmp_path / "mau.zip").returncode == 0
    assert (tmp_path / "mau.zip").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("value", ["abc", "-5", "60s"])
def test_a_bad_lock_wait_is_a_sentence_naming_the_setting(env, tmp_path, value):
    good = tmp_path / "a.csv"
    good.write_bytes(csv_bytes([HEAD, ROW]))
    bad = dict(env, OCOP_LOCK_WAIT=value)
    for args in (("import", good, "--user", "bien-tap", "--yes"), ("retire", "product", "sl-toi-den", "--user",
                                                                   "bien-tap"), ("build",)):
        done = cli(bad, *args)
        kind(done, 1, f"OCOP_LOCK_WAIT = “{value}” không hợp lệ", f"The setting OCOP_LOCK_WAIT = “{value}” is not valid")
        assert "Unexpected error" not in done.stderr
    assert writes.history(Path(env["OCOP_DATA_DIR"])) == []


def test_a_read_only_data_folder_is_a_sentence_naming_it(env, tmp_path):
    from tests.faults import read_only

    data_dir = Path(env["OCOP_DATA_DIR"])
    good = tmp_path / "a.csv"
    good.write_bytes(csv_bytes([HEAD, ROW]))
    runs = {}
    with read_only(data_dir) as command:
        for name, args in {"import": ("import", good, "--user", "bien-tap", "--yes"),
                           "restore": ("restore", "0", "--user", "bien-tap"),
                           "retire": ("retire", "product", "sl-toi-den", "--user", "bien-tap"),
                           "build": ("build",),
                           "set-password": ("set-password", "moi", )}.items():
            runs[name] = subprocess.run(command([sys.executable, "-m", "ocop_data", *map(str, args)]), cwd=ROOT,
                                        env=env, capture_output=True, text=True, timeout=120,
                                        input="mật khẩu rất dài\nmật khẩu rất dài\n")
    for name, done in runs.items():
        kind(done, 1, f"Không ghi được vào thư mục “{data_dir}”", f"The folder “{data_dir}” cannot be written")
        assert "Unexpected error" not in done.stderr and "Errno" not in done.stderr, name
    assert writes.history(data_dir) == []
