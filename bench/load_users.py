"""Viewers for Locust that speak Streamlit's protocol (bench/protocol.py), and the driver of one load run.

Each viewer opens a session from a loopback address of its own (127.0.<i>.2: nginx's ip_hash keys on an
IPv4 address's first three octets, so the third one differs), loads the overview, then every 5 ± 2 s
(uniform) either changes the province in the sidebar or searches the products (on the overview it first
follows the products link; the next search types into the products page's search box). Each answer is
timed from sending the request to the end of the run it caused (``script_finished``).

As a plain locustfile (Locust's own report and web page):

    .venv/bin/locust -f bench/load_users.py --host http://127.0.0.1:8501

As the benchmark's driver (bench/capacity.py runs it pinned to one core with taskset):

    .venv/bin/python bench/load_users.py --url http://127.0.0.1:8501 --users 30 --seconds 60 \
        --pids 1234 --out result.json

The driver opens every session first and waits until each has loaded the overview, notes the server's
memory with them all idle, lets them interact for --seconds, notes the memory again, closes them and
notes it once more; it writes every answer (name, ms, error) and the memory figures as JSON.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

from locust import User, between, events, task  # noqa: I001 - Locust patches the sockets first (gevent)

import gevent
from gevent.event import Event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.capacity import LANG, SEARCHES, THINK_S, memory  # noqa: E402
from bench.protocol import ProtocolError, Session  # noqa: E402
from ocop_data.words import t  # noqa: E402

FIRST_WITHIN_S = [THINK_S[1]]  # the driver's --first-within
GO = Event()  # the driver holds the viewers after their first page until every session is open
GO.set()
OPENED: list[Session] = []
_addresses = itertools.count()


def address() -> str:
    i = next(_addresses)
    return f"127.{i // 250}.{1 + i % 250}.2"


class Viewer(User):
    """One reader: the overview, then a province or a search every few seconds."""
    wait_time = between(*THINK_S)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.session: Session | None = None
        self.open_session()
        GO.wait()
        # readers do not all act at the same instant: the first action comes within one think time
        gevent.sleep(self.rng.uniform(0, FIRST_WITHIN_S[0]))

    def on_stop(self) -> None:
        if self.session is not None:
            self.session.close()

    def open_session(self) -> None:
        self.session = Session(self.host, address(), LANG)
        OPENED.append(self.session)
        self.timed("overview (open and load)", lambda: self.session.open().load())

    def timed(self, name: str, act) -> None:
        t0 = time.perf_counter()
        try:
            answer = act()
        except ProtocolError as exc:
            self.fire(name, t0, 0, str(exc))
            if self.session is not None:
                self.session.close()
            self.session = None  # the next action opens a new session
            return
        error = "; ".join(answer.errors) if answer.errors else None
        self.fire(name, t0, answer.bytes, error, answer.seconds * 1000)

    def fire(self, name: str, t0: float, length: int, error: str | None, ms: float | None = None) -> None:
        self.environment.events.request.fire(
            request_type="streamlit", name=name, response_time=ms if ms is not None else
            (time.perf_counter() - t0) * 1000, response_length=length,
            exception=RuntimeError(error) if error else None, context={})

    def ready(self) -> bool:
        if self.session is None or self.session.ws is None:
            self.open_session()
            return False
        return True

    def find(self, kind: str, word: str, key: str):
        """The widget labelled with this word of the app's (ocop_data.words), or keyed so; None when absent."""
        try:
            return self.session.widget(kind, label=t(word, LANG), key=key)
        except ProtocolError:
            return None

    @task
    def province(self) -> None:
        if not self.ready():
            return
        s, box = self.session, self.find("selectbox", "province", "province")
        if box is None:
            self.fire("province", time.perf_counter(), 0, f"no province box on the page '{s.page}'")
            return
        now = s.current(box) or box.options[0]
        choice = self.rng.choice([o for o in box.options if o != now] or box.options)
        self.timed("province", lambda: s.choose(box, choice))

    @task
    def search(self) -> None:
        if not self.ready():
            return
        s, box = self.session, self.find("text_input", "search", "q")
        if box is None:  # not on the products page yet: its link first
            self.timed("products page (link)", lambda: s.go_to("products"))
            return
        text = self.rng.choice(SEARCHES)
        self.timed("search", lambda: s.type(box, text))


# --- the driver -----------------------------------------------------------------------------------------

def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def established(port: int) -> int:
    """Open TCP connections to a loopback server's port (its sessions, behind a proxy too)."""
    n = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state == "01" and int(local.split(":")[1], 16) == port:
            n += 1
    return n


def profile_server(pid: int, seconds: float, out: Path):
    """py-spy samples the server's threads holding the GIL, 50 times a second, while the viewers act."""
    import shutil
    import subprocess

    exe = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return subprocess.Popen([exe, "record", "--pid", str(pid), "--gil", "--nonblocking", "--threads", "--rate", "50",
                             "--format", "raw", "--output", str(out), "--duration", str(int(seconds))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def drive(url: str, users: int, seconds: float, pids: list[int], ports: list[int], spawn_rate: float,
          settle_s: float, close_wait_s: float, profile: Path | None = None) -> dict:
    from locust.env import Environment

    records: list[dict] = []
    phase = {"name": "open"}

    def on_request(request_type, name, response_time, response_length, exception, **_):
        records.append({"phase": phase["name"], "at": time.time(), "name": name, "ms": round(response_time, 1),
                        "bytes": response_length, "error": str(exception) if exception else None})

    events.request.add_listener(on_request)
    env = Environment(user_classes=[Viewer], host=url, events=events)
    runner = env.create_local_runner()
    out: dict = {"users": users, "seconds": seconds, "load_start": os.getloadavg()[:2],
                 "rss_before": memory(pids)}
    GO.clear()
    t0 = time.perf_counter()
    runner.start(users, spawn_rate=spawn_rate)
    deadline = time.monotonic() + 60 + users * 3
    while time.monotonic() < deadline and sum(r["phase"] == "open" for r in records) < users:
        gevent.sleep(0.2)
    out["open_s"] = round(time.perf_counter() - t0, 1)
    out["opened"] = sum(r["phase"] == "open" for r in records)
    gevent.sleep(settle_s)  # the last runs' messages leave the server; nothing is asked meanwhile
    out["rss_idle"] = memory(pids)
    out["per_backend"] = [established(p) for p in ports]
    cpu0 = [cpu_s(p) for p in pids]
    phase["name"] = "load"
    GO.set()
    t1 = time.perf_counter()
    spy = profile_server(pids[0], seconds, profile) if profile and pids else None
    gevent.sleep(seconds)
    if spy is not None:
        spy.wait(timeout=60)
    out["rss_busy"] = memory(pids)
    out["cpu_share"] = [round((cpu_s(p) - c) / (time.perf_counter() - t1), 3) for p, c in zip(pids, cpu0)]
    phase["name"] = "stopping"
    runner.quit()
    for s in OPENED:
        s.close()
    out["load_end"] = os.getloadavg()[:2]
    closed = time.monotonic()
    after = []
    while time.monotonic() - closed < close_wait_s:
        gevent.sleep(min(5.0, close_wait_s))
        after.append((round(time.monotonic() - closed), memory(pids)))
    out["rss_after_close"] = after
    out["records"] = records
    return out


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="one load run against a Streamlit server (see the module's text)")
    ap.add_argument("--url", required=True)
    ap.add_argument("--users", type=int, required=True)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--pids", default="", help="comma-separated server process ids whose memory is noted")
    ap.add_argument("--ports", default="", help="comma-separated backend ports whose connections are counted")
    ap.add_argument("--spawn-rate", type=float, default=10)
    ap.add_argument("--settle", type=float, default=5)
    ap.add_argument("--close-wait", type=float, default=10)
    ap.add_argument("--first-within", type=float, default=THINK_S[1],
                    help="each viewer's first action comes within this many seconds (uniform)")
    ap.add_argument("--profile", type=Path, help="record the first server's profile (py-spy, raw) here")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    FIRST_WITHIN_S[0] = a.first_within
    pids = [int(p) for p in a.pids.split(",") if p]
    ports = [int(p) for p in a.ports.split(",") if p]
    result = drive(a.url, a.users, a.seconds, pids, ports, a.spawn_rate, a.settle, a.close_wait, a.profile)
    a.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
