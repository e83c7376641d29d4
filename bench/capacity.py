"""How many viewers the dashboard serves: sessions at the protocol, against one process and two behind nginx.

For each setup and number of sessions N a fresh server (or two, and nginx in front with the README's
configuration) serves the shipped data; one session first visits everything the load will ask for (so
the caches the viewers share are warm: the steady state, not a first run), then ``bench/load_users.py``,
pinned to one core with taskset, opens N sessions (each loads the overview), holds them idle to note the
server's memory, lets them act every 5 ± 2 s for a while, and closes them (bench/load_users.py says
what a viewer does). The answer time of an interaction is the server's: from sending the request to the
end of the run it caused, as the protocol says; no browser draws anything.

nginx is Debian's (apt-get install nginx), run as an ordinary user (www-data when started by root) with a
prefix and configuration of its own on a free high port; the configuration is the README's block
("Serving more viewers"), with only the listening address and the two servers' ports changed.
"""
from __future__ import annotations

import json
import os
import statistics
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import feel

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SETUPS = (("one", 1, (10, 30, 100)), ("two", 2, (10, 30, 100)))
BUDGET_P95_MS, BUDGET_P95_AT = 1000, 30  # 30 sessions on one process: p95 <= 1 s, no error
BUDGET_NO_ERROR_TWO = 100  # 100 sessions behind two processes: no error
BUDGET_IDLE_MB = 5.0  # memory per idle session
INTERACTIONS = ("province", "search", "products page (link)")
LANG = "vi"
# what the viewers type: with and without diacritics, names, places, words found nowhere
SEARCHES = ["mận", "toi den", "xoai say", "chè", "mật ong", "Bích Thao", "gạo", "ca phe", "đồng lộc",
            "măng", "tỏi", "Mộc Châu", "hong khong hat", "trà shan tuyết"]
THINK_S = (3, 7)  # 5 ± 2 s between an answer and a viewer's next action, uniform (bench/load_users.py)
AGAIN_S = 30  # the second round of sessions, after the first expired: is their memory used again?
PROFILE_AT, PROFILE_S = 30, 30  # sessions on one process, seconds, while py-spy records the server (a run of its own)


@dataclass
class Run:
    setup: str
    processes: int
    users: int
    result: dict  # bench/load_users.py's JSON
    warm_s: float

    def answers(self, phase: str = "load", names=INTERACTIONS) -> list[dict]:
        return [r for r in self.result["records"] if r["phase"] == phase and r["name"] in names]

    def errors(self) -> list[dict]:
        return [r for r in self.result["records"] if r["error"] and r["phase"] in ("open", "load")]

    def cpu_per_answer_ms(self) -> float:
        """The servers' CPU time (all threads) per answer while the viewers acted: what an interaction costs,
        disturbed less than a wall-clock time by the machine's other work."""
        answers = len(self.answers(names=tuple(INTERACTIONS)))
        cpu = sum(self.result["cpu_share"]) * self.result["seconds"]
        return cpu * 1000 / answers if answers else float("nan")

    def idle_per_session(self) -> float:
        return (sum(self.result["rss_idle"]) - sum(self.result["rss_before"])) / self.users


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile, nearest rank (p95 of 20 answers is the 19th slowest from the bottom)."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(-(-p * len(s) // 100)) - 1))]


# --- servers and nginx ----------------------------------------------------------------------------------

def readme_nginx() -> str:
    """The nginx block of the README's "Serving more viewers"."""
    text = README.read_text(encoding="utf-8")
    part = text.split("## Serving more viewers", 1)[1]
    m = re.search(r"```nginx\n(.*?)```", part, re.S)
    if not m:
        raise feel.BenchError("the README's \"Serving more viewers\" has no ```nginx block")
    return m.group(1)


def nginx_conf(prefix: Path, listen: int, ports: list[int]) -> str:
    block = readme_nginx()
    given = re.findall(r"server\s+127\.0\.0\.1:(\d+);", block)
    if len(given) != len(ports):
        raise feel.BenchError(f"the README's upstream names {len(given)} servers, the benchmark runs {len(ports)}")
    for old, new in zip(given, ports):
        block = block.replace(f"127.0.0.1:{old};", f"127.0.0.1:{new};", 1)
    block, n = re.subn(r"listen\s+\d+;", f"listen 127.0.0.1:{listen};", block)
    if n != 1:
        raise feel.BenchError("the README's nginx block has no `listen <port>;` line")
    temp = "\n".join(f"  {k}_temp_path {prefix / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
            f"events {{ worker_connections 4096; }}\nhttp {{\n  access_log off;\n{temp}\n"
            + "\n".join("  " + line for line in block.strip().splitlines()) + "\n}\n")


class Nginx:
    """Debian's nginx with its own prefix on a high loopback port, as an ordinary user."""

    def __init__(self, ports: list[int]):
        exe = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(exe).exists():
            raise feel.BenchError("nginx is not installed (apt-get install nginx)")
        self.prefix = Path(tempfile.mkdtemp(prefix="ocop-nginx-"))
        self.port = feel.free_port()
        conf = self.prefix / "nginx.conf"
        conf.write_text(nginx_conf(self.prefix, self.port, ports), encoding="utf-8")
        cmd = [exe, "-p", str(self.prefix), "-c", str(conf), "-e", str(self.prefix / "error.log"), "-g", "daemon off;"]
        if os.geteuid() == 0:  # never as root: the prefix is handed to www-data, and nginx runs as it
            shutil.chown(self.prefix, "www-data", "www-data")
            os.chmod(self.prefix, 0o755)
            cmd = ["setpriv", "--reuid=www-data", "--regid=www-data", "--init-groups", *cmd]
        self.log = self.prefix / "stderr.log"
        with open(self.log, "w") as fh:
            self.proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise feel.BenchError(f"nginx stopped at start: {feel.tail(self.log)} "
                                      f"{feel.tail(self.prefix / 'error.log')}")
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise feel.BenchError(f"nginx did not answer within 20 s: {feel.tail(self.prefix / 'error.log')}")

    def stop(self) -> None:
        feel.stop_process(self.proc)
        shutil.rmtree(self.prefix, ignore_errors=True)


def warm(url: str, sessions: int = 1) -> None:
    """One viewer visits everything the load asks for: each province on the overview, and every search under
    each province on the products page; the caches the viewers share are full afterwards (so a second round
    of sessions measures sessions, not caches still filling)."""
    from bench.protocol import Session
    from ocop_data.words import t

    for _ in range(sessions):
        s = Session(url, lang=LANG).open()
        try:
            s.load()
            box = s.widget("selectbox", label=t("province", LANG), key="province")
            for option in box.options[1:] + box.options[:1]:
                s.choose(box, option)
            s.go_to("products")
            for option in box.options[1:] + box.options[:1]:  # every search under every province
                s.choose(box, option)
                for text in SEARCHES:
                    s.type(s.widget("text_input", label=t("search", LANG), key="q"), text)
        finally:
            s.close()


def memory(pids: list[int]) -> list[float]:
    """The servers' resident memory, MB each."""
    return [round(feel.rss_mb(p), 1) for p in pids]


def core() -> str:
    return str((os.cpu_count() or 1) - 1)


def one_run(setup: str, processes: int, users: int, db: Path, data_dir: Path, logs: Path, seconds: float,
            log=print, expiry_wait: float = 0, profile: Path | None = None) -> Run:
    env = {"OCOP_DB": str(db), "OCOP_DATA_DIR": str(data_dir)}
    servers, proxy = [], None
    try:
        for i in range(processes):
            servers.append(feel.serve(f"load-{setup}-{users}-{i}", ROOT / "app.py", ROOT, env, logs))
        t0 = time.perf_counter()
        for s in servers:
            warm(s.url)
        warm_s = time.perf_counter() - t0
        ports = [int(s.url.rsplit(":", 1)[1]) for s in servers]
        if processes > 1:
            proxy = Nginx(ports)
        url = proxy.url if proxy else servers[0].url
        pids = [s.proc.pid for s in servers]
        log(f"  load: {setup} process{'es' if processes > 1 else ''}, {users} sessions"
            f"{', profiled' if profile else ''} (load {os.getloadavg()[0]:.1f})")
        result = drive(url, users, seconds, pids, ports, logs / f"load-{setup}-{users}.json", profile)
        if expiry_wait:
            result["expiry"] = after_expiry(servers, url, expiry_wait, log)
            log(f"  load: the same {users} sessions again, {AGAIN_S:.0f} s (load {os.getloadavg()[0]:.1f})")
            again = drive(url, users, AGAIN_S, pids, ports, logs / f"load-{setup}-{users}-again.json")
            result["again"] = {k: v for k, v in again.items() if k != "records"}
            result["again"]["errors"] = sum(1 for r in again["records"] if r["error"] and r["phase"] != "stopping")
            (logs / f"load-{setup}-{users}.json").write_text(json.dumps(result), encoding="utf-8")
        return Run(setup, processes, users, result, warm_s)
    finally:
        if proxy:
            proxy.stop()
        for s in servers:
            s.stop()


def drive(url: str, users: int, seconds: float, pids: list[int], ports: list[int], out: Path,
          profile: Path | None = None) -> dict:
    """bench/load_users.py's driver in a process of its own, pinned to one core: its JSON result."""
    cmd = [sys.executable, str(ROOT / "bench" / "load_users.py"), "--url", url, "--users", str(users),
           "--seconds", str(seconds), "--pids", ",".join(map(str, pids)), "--ports", ",".join(map(str, ports)),
           "--out", str(out)]
    if profile:
        cmd += ["--profile", str(profile), "--close-wait", "0"]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", core(), *cmd]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 600)
    if done.returncode != 0:
        raise feel.BenchError(f"the load driver failed (exit {done.returncode}): {done.stderr[-1500:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def after_expiry(servers, url: str, wait: float, log) -> dict:
    """The server keeps a closed session for reconnection (server.disconnectedSessionTTL) and forgets it
    at the next change to its session store after that: wait, open and close one session, note memory."""
    from bench.protocol import Session

    log(f"  load: memory after the closed sessions expire (waiting {wait:.0f} s)")
    time.sleep(wait)
    s = Session(url).open()
    s.load()
    s.close()
    time.sleep(5)
    return {"waited_s": wait, "rss": memory([s.proc.pid for s in servers])}


def session_ttl() -> float:
    from streamlit import config

    return float(config.get_option("server.disconnectedSessionTTL"))




def measure(db: Path, data_dir: Path, logs: Path, quick: bool, log=print) -> tuple[list[Run], Path | None, list[str]]:
    """Every setup and size; then, where py-spy is installed, a run of its own with the server profiled.
    A run that cannot be made is reported (the third item), and the others go on."""
    seconds = 30 if quick else 60
    runs, failures = [], []
    for setup, processes, sizes in SETUPS:
        for users in sizes if not quick else sizes[:2]:
            last = setup == "one" and users == sizes[-1] and not quick
            try:
                runs.append(one_run(setup, processes, users, db, data_dir, logs, seconds, log,
                                    expiry_wait=session_ttl() + 10 if last else 0))
            except (feel.BenchError, OSError, subprocess.SubprocessError) as exc:
                failures.append(f"{users} sessions, {setup} process{'es' if processes > 1 else ''}: {exc}")
                log(f"  load: not measured: {failures[-1]}")
    if not (shutil.which("py-spy") or (Path(sys.executable).parent / "py-spy").exists()):
        failures.append("the profile: py-spy is not installed (pip install -r requirements-dev.txt)")
        return runs, None, failures
    raw = logs / "load-profile.txt"
    raw.unlink(missing_ok=True)
    try:
        one_run("profile", 1, PROFILE_AT, db, data_dir, logs, PROFILE_S, log, profile=raw)
    except (feel.BenchError, OSError, subprocess.SubprocessError) as exc:
        failures.append(f"the profile: {exc}")
    if not raw.exists():
        failures.append("the profile: py-spy wrote nothing (it needs to trace the server: root, or "
                        "kernel.yama.ptrace_scope = 0)")
    return runs, raw if raw.exists() else None, failures


# --- the report ------------------------------------------------------------------------------------------

def fmt_ms(v: float) -> str:
    return "–" if v != v else f"{v:.0f} ms"


def table(runs: list[Run]) -> list[str]:
    lines = ["| setup | sessions | answers | p50 | p95 | max | p95 by action (province / search / products link) "
             "| errors | server CPU | CPU per answer | load (1 min) before → after |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        ms = [a["ms"] for a in r.answers() if not a["error"]]
        by = " / ".join(fmt_ms(percentile([a["ms"] for a in r.answers(names=(n,)) if not a["error"]], 95))
                        for n in INTERACTIONS)
        errs = len(r.errors())
        cpu = " + ".join(f"{c * 100:.0f}%" for c in r.result["cpu_share"])
        where = ("one process" if r.processes == 1 else
                 f"two behind nginx ({' + '.join(map(str, r.result['per_backend']))})")
        p95 = percentile(ms, 95)
        bold = r.processes == 1 and r.users <= BUDGET_P95_AT and p95 > BUDGET_P95_MS
        worst = max(ms) if ms else float("nan")
        lines.append(f"| {where} | {r.users} | {len(ms)} | {fmt_ms(percentile(ms, 50))} | "
                     f"{'**' if bold else ''}{fmt_ms(p95)}{'**' if bold else ''} | {fmt_ms(worst)} | "
                     f"{by} | {('**' + str(errs) + '**') if errs else 0} | {cpu} | {r.cpu_per_answer_ms():.0f} ms | "
                     f"{r.result['load_start'][0]:.1f} → {r.result['load_end'][0]:.1f} |")
    return lines


def memory_table(runs: list[Run]) -> list[str]:
    lines = ["| setup | sessions | before | all idle | per idle session | acting | closed (+5 s / +10 s) |",
             "|---|---|---|---|---|---|---|"]
    for r in runs:
        res = r.result
        closed = " / ".join(f"{sum(m):.0f}" for _, m in res["rss_after_close"][:2])
        per = r.idle_per_session()
        lines.append(f"| {'one process' if r.processes == 1 else 'two processes'} | {r.users} | "
                     f"{sum(res['rss_before']):.0f} MB | {sum(res['rss_idle']):.0f} MB | "
                     f"{'**' if per > BUDGET_IDLE_MB else ''}{per:.2f} MB{'**' if per > BUDGET_IDLE_MB else ''} | "
                     f"{sum(res['rss_busy']):.0f} MB | {closed} MB |")
    return lines


def verdicts(runs: list[Run]) -> list[str]:
    out = []
    at = [r for r in runs if r.processes == 1 and r.users == BUDGET_P95_AT]
    if at:
        r = at[0]
        p95 = percentile([a["ms"] for a in r.answers() if not a["error"]], 95)
        ok = p95 <= BUDGET_P95_MS and not r.errors()
        out.append(f"- {BUDGET_P95_AT} sessions on one process, p95 ≤ {BUDGET_P95_MS / 1000:.0f} s per interaction "
                   f"and no error: p95 {p95:.0f} ms, {len(r.errors())} errors: {'met' if ok else '**not met**'}.")
    two = [r for r in runs if r.processes == 2 and r.users == BUDGET_NO_ERROR_TWO]
    if two:
        r = two[0]
        out.append(f"- {BUDGET_NO_ERROR_TWO} sessions behind two processes with no error: {len(r.errors())} errors: "
                   f"{'met' if not r.errors() else '**not met**'}.")
    if not runs:
        return out
    worst = max(runs, key=lambda r: r.idle_per_session())
    out.append(f"- Memory per idle session ≤ {BUDGET_IDLE_MB:.0f} MB: at most {worst.idle_per_session():.2f} MB "
               f"({worst.users} sessions, {'one process' if worst.processes == 1 else 'two processes'}): "
               f"{'met' if worst.idle_per_session() <= BUDGET_IDLE_MB else '**not met**'}.")
    for r in runs:
        exp, again = r.result.get("expiry"), r.result.get("again")
        if not exp or not again:
            continue
        res = r.result
        start, peak = sum(res["rss_before"]), max(sum(res["rss_idle"]), sum(res["rss_busy"]))
        peak2 = max(sum(again["rss_idle"]), sum(again["rss_busy"]))
        ok = peak2 <= peak + max(BUDGET_IDLE_MB, 0.1 * (peak - start))
        out.append(f"- Memory returned after the sessions close: {r.users} sessions took the process from "
                   f"{start:.0f} MB to {peak:.0f} MB; {sum(res['rss_after_close'][-1][1]):.0f} MB once closed, "
                   f"{sum(exp['rss']):.0f} MB after the server forgot them (server.disconnectedSessionTTL, "
                   f"{exp['waited_s']:.0f} s). The freed memory stays with the process (CPython's and Arrow's "
                   f"allocators keep it for reuse), so the test is a second round: {r.users} new sessions, "
                   f"{AGAIN_S} s, peaked at {peak2:.0f} MB ({peak2 - peak:+.0f} MB against the first round; "
                   f"{again['errors']} errors): {'met' if ok else '**not met**'} (judged: at most the first "
                   f"round's peak plus a tenth of its growth, or {BUDGET_IDLE_MB:.0f} MB).")
    for r in runs:
        errs = r.errors()
        if errs:
            kinds: dict[str, int] = {}
            for e in errs:
                kinds[f"{e['name']}: {e['error'][:160]}"] = kinds.get(f"{e['name']}: {e['error'][:160]}", 0) + 1
            out.append(f"- Errors with {r.users} sessions ({r.setup}): "
                       + "; ".join(f"{n}× {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:4]) + ".")
    return out


def saturation(runs: list[Run]) -> float | None:
    """Sessions that would keep one process's core busy all the time: one core over the CPU an answer costs
    (median over the one-process rows) times the actions a session asks for a second (one per think time
    and answer)."""
    costs = sorted(r.cpu_per_answer_ms() for r in runs if r.processes == 1 and r.answers())
    if not costs:
        return None
    cost = costs[len(costs) // 2] / 1000
    return 1 / (cost / (sum(THINK_S) / 2 + cost))


def sessions_per_process(runs: list[Run]) -> int | None:
    """The most sessions one process served within the budget (p95 ≤ 1 s, no error) in this run."""
    good = [r.users for r in runs if r.processes == 1 and not r.errors()
            and percentile([a["ms"] for a in r.answers() if not a["error"]], 95) <= BUDGET_P95_MS]
    return max(good) if good else None


# --- the profile ----------------------------------------------------------------------------------------

APP_DIRS = ("ui/", "story/", "queries/", "ocop_data/")


def _is_app(frame: str) -> bool:
    m = re.search(r"\(([^()]*?)(?::\d+)?\)$", frame)
    where = m.group(1) if m else ""
    pages = {p.name for p in (ROOT / "pages").glob("*.py")} | {"app.py"}
    return where.startswith(APP_DIRS) or where in pages


def summarize_profile(raw: Path, seconds: float, rate: int = 50) -> dict:
    """py-spy's raw stacks (threads holding the GIL) -> shares of the server's time."""
    from collections import Counter

    total = app = loop = gc_after = 0
    funcs: Counter = Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        m = re.match(r"(.*) (\d+)$", line)
        if not m:  # a thread caught between two stacks: no frames, no count
            continue
        stack, n = m.group(1), int(m.group(2))
        frames = [re.sub(r":\d+\)$", ")", f) for f in stack.split(";")]
        total += n
        if "MainThread" in frames[0]:
            loop += n
        mine = [f for f in frames[1:] if _is_app(f)]
        if mine:
            app += n
        for f in dict.fromkeys(mine):
            funcs[f] += n
        if frames[-1].startswith("ScriptRunner._on_script_finished") or "gc.collect" in frames[-1]:
            gc_after += n
    share = (lambda n: n / total) if total else (lambda n: 0.0)
    return {"busy": total / (rate * seconds), "app": share(app), "loop": share(loop), "gc": share(gc_after),
            "top": [(f, share(n)) for f, n in funcs.most_common(12)]}


# --- the report ------------------------------------------------------------------------------------------

def report_lines(runs: list[Run], profile: Path | None, profile_s: float = PROFILE_S) -> list[str]:
    lines = ["## Many viewers, at the protocol (Locust, no browser)", "",
             "Sessions speak Streamlit's websocket protocol with the framework's own message classes "
             "(`bench/protocol.py`); Locust runs them (`bench/load_users.py`), pinned to one core with `taskset` "
             f"(core {core()}), the servers free to use both. A fresh server (or two) per row serves the shipped "
             "data; one session first visits every province and search the viewers will ask for, so the caches "
             "they share are warm. Each session opens from a loopback address of its own, loads the overview, "
             "waits until all are open (the memory is noted then), and from then on, every 5 ± 2 s (uniform), "
             "changes the province in the sidebar or searches the products (from the overview it first follows "
             "the products link, counted as its own action). An answer is the server's: from sending the "
             "request to the end of the run it caused (`script_finished`); nothing is drawn. Two processes run "
             "behind Debian's nginx with the README's configuration (ip_hash; the sessions per process in "
             "brackets). Server CPU: the process's share of one core while the viewers act.", ""]
    lines += table(runs) + [""]
    lines += ["Server memory (RSS, both processes added up for two): before the sessions open (one warm-up "
              "session closed), with all sessions idle on the overview, while they act, and after they "
              "closed.", ""]
    lines += memory_table(runs) + [""]
    lines += ["### Budgets", ""] + verdicts(runs) + [""]
    best = sessions_per_process(runs)
    full = saturation(runs)
    cost = statistics.median(r.cpu_per_answer_ms() for r in runs if r.processes == 1) if full else 0
    lines += [f"Sessions per process in this run: {best if best else 'none'} of those measured "
              f"({', '.join(str(r.users) for r in runs if r.processes == 1)}) within p95 ≤ 1 s and no error."
              + (f" An answer costs the server {cost:.0f} ms of CPU "
                 f"(median of the one-process rows), so about {full:.0f} sessions acting every 5 s would keep one "
                 "process busy all the time (a process runs its scripts under one GIL: one core at most); "
                 "well below that, answers wait little." if full else ""), ""]
    if profile is not None:
        p = summarize_profile(profile, profile_s)
        lines += [f"### Where the server's time goes ({PROFILE_AT} sessions on one process, py-spy)", "",
                  f"A run of its own ({profile_s:.0f} s), py-spy sampling the threads holding the GIL 50 times a "
                  f"second: the process held it {p['busy'] * 100:.0f}% of the time; of that, "
                  f"{p['app'] * 100:.0f}% in the app's own code (app.py, pages/, ui/, story/, queries/, "
                  f"ocop_data/, with what they call), {p['loop'] * 100:.0f}% on the server's event loop (websockets, "
                  f"sending the messages), {p['gc'] * 100:.0f}% in Streamlit's garbage collection after each run "
                  "(switched off in .streamlit/config.toml: `runner.postScriptGC`). The app's functions that "
                  "took most (inclusive, share of the GIL time):", ""]
        lines += [f"- `{f}`: {s * 100:.1f}%" for f, s in p["top"]] + [""]
    return lines


def saved_runs(logs: Path) -> list[Run]:
    """The runs a load section left in its logs folder (bench/out/logs/load-*.json), in the section's order."""
    runs = []
    for setup, processes, sizes in SETUPS:
        for users in sizes:
            path = logs / f"load-{setup}-{users}.json"
            if path.exists():
                runs.append(Run(setup, processes, users, json.loads(path.read_text(encoding="utf-8")), 0.0))
    return runs


if __name__ == "__main__":  # the section again from the last run's files, without measuring anything
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "logs"
    raw = folder / "load-profile.txt"
    found = saved_runs(folder)
    if not found:
        sys.exit(f"no load runs in {folder} (bench/run.py --only load writes them)")
    print("\n".join(report_lines(found, raw if raw.exists() else None)))
