"""Load-test factdb at 10k, 100k and 1M claims, next to the fastest this stack can answer.

    make bench-data N=1000000       # once per size: database factdb_bench_1m via generate_claims
    make bench                      # every size whose database exists; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --sizes 10k,100k --duration 10 --out /tmp/results.md

For each size: PostgreSQL on loopback (database factdb_bench_<size>) and gunicorn with 2 sync
workers on 127.0.0.1 in production settings (DEBUG off, throttling off, bench.settings adding
the baseline views). Each request is then loaded with wrk (-t2 -c8 -d<duration>s) at every size
in turn, so that sizes are compared minutes apart: the claim list (first page, a page 90% deep
by cursor), a filtered list, full-text search for a rare and a common term, claim detail (500
claims read in turn, which a server may answer from what it kept, and claims read once each,
which it cannot), the admin changelist (its default page, and a search for the common term),
and the same queries through the raw psycopg + orjson views of bench/baseline_views.py, plus a
trivial JSON view. The 3,000-claim fact-sheet export is timed by sequential requests (one
export takes seconds, far longer than a wrk window). The table and the targets, met or missed
by how much, go to --out.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg

REPO = Path(__file__).resolve().parents[1]
PY = str(REPO / ".venv" / "bin" / "python")
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
# Benchmarks are development tools: development settings unless DEBUG says otherwise (the
# servers bench/run.py starts set DEBUG=0 themselves).
os.environ.setdefault("DEBUG", "1")
PG = os.environ.get("BENCH_PG", "postgres://factdb:factdb@127.0.0.1:5432")
# Databases are <BENCH_DB>_<size>: engineers sharing one PostgreSQL pick their own prefix.
DB_PREFIX = os.environ.get("BENCH_DB", "factdb_bench")
FILTER = "unit=troops&status=verified&value_min=1000&value_max=50000"
RARE, COMMON = "quokka", "border"  # bench.synthetic.RARE_TERM / COMMON_TERM
# unit= as a whole family (troops, soldiers, agents, elementos … are all personnel), default order.
FAMILY_FILTER = "unit=personnel"
PHRASE, EITHER = f'"{COMMON} patrol"', f"{RARE} OR {COMMON} -troops"


def label(n: int) -> str:
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k"


def db_url(size: str) -> str:
    return f"{PG}/{DB_PREFIX}_{size}"


def database_exists(size: str) -> bool:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"{DB_PREFIX}_{size}"]
        ).fetchone()
    return row is not None


def make_data(n: int, seed: int, replace: bool) -> None:
    """Create factdb_bench_<size>, migrate it and load n claims with generate_claims."""
    size, name = label(n), f"{DB_PREFIX}_{label(n)}"
    if database_exists(size):
        if not replace:
            sys.exit(f"{name} exists; pass --replace to drop and regenerate it.")
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}"')
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": db_url(size)}
    manage = [PY, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    started = time.monotonic()
    generate = [
        *manage,
        "generate_claims",
        str(n),
        "--seed",
        str(seed),
        "--settings",
        "bench.settings",
    ]
    subprocess.run(generate, env=env, check=True)
    print(f"{name}: {n:,} claims in {time.monotonic() - started:.0f}s (migrations excluded)")


def server_env(size: str, static_root: str) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db_url(size),
        "DATABASE_CONN_MAX_AGE": "600",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "FACTDB_SECURE_COOKIES": "0",
        "STATIC_ROOT": static_root,
        "FACTDB_THROTTLE_USER": "1000000/s",
        "FACTDB_THROTTLE_ANON": "1000000/s",
        "LOG_LEVEL": "WARNING",
    }


class Server:
    """gunicorn, 2 sync workers, started and always stopped (it is never left running).
    `app`: factdb (with the Django-hosted baselines), or bench.bare's plain WSGI app."""

    def __init__(self, env: dict, port: int, app: str = "factdb.wsgi:application", root=REPO):
        self.env, self.port, self.proc, self.app, self.root = env, port, None, app, root

    def __enter__(self):
        gunicorn = str(REPO / ".venv" / "bin" / "gunicorn")
        self.proc = subprocess.Popen(
            [gunicorn, self.app, "--workers", "2", "--timeout", "900"]
            + ["--bind", f"127.0.0.1:{self.port}", "--chdir", str(self.root)],
            env={**self.env, "PYTHONPATH": str(self.root)},
            # Started in its root: gunicorn puts its starting directory first on sys.path, and
            # --chdir does not move it ahead of PYTHONPATH, so a --before server started from
            # here ran this checkout's code.
            cwd=str(self.root),
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/bench/trivial/", timeout=5)
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=60)


def fetch(url: str, headers: dict, etag: list | None = None) -> tuple[int, bytes, float]:
    """(status, body, seconds); the response's ETag is appended to `etag` when given."""
    request = urllib.request.Request(url, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=900) as response:
            body = response.read()
            if etag is not None:
                etag.append(response.headers.get("ETag"))
            return response.status, body, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        if etag is not None:
            etag.append(error.headers.get("ETag"))
        return error.code, error.read(), time.perf_counter() - started


class Once(list):
    """Paths to read once each: every wrk thread of every turn on a server takes paths of its own
    (a turn's threads take `chunk` paths each, after the earlier turns'), so that no answer is
    asked for twice and none can come from what a server kept (factdb/api/unchanged_polls.py)."""

    def chunk(self, args) -> int:
        return len(self) // (args.threads * args.rounds)


def wrk(url: str, header: str, paths, args, duration: float, turn: int = 0) -> dict:
    env = {**os.environ, "BENCH_HEADER": header, "BENCH_PATHS": " ".join(paths or [])}
    if isinstance(paths, Once):
        listed = tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False)
        with listed:
            listed.write("\n".join(paths) + "\n")
        chunk = paths.chunk(args)
        env.update(BENCH_PATHS="", BENCH_PATHS_FILE=listed.name, BENCH_CHUNK=str(chunk))
        env["BENCH_START"] = str(turn * args.threads * chunk)
    try:
        return _wrk(url, env, args, duration)
    finally:
        if env.get("BENCH_PATHS_FILE"):
            os.unlink(env["BENCH_PATHS_FILE"])


def _wrk(url: str, env: dict, args, duration: float) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{round(duration)}s"]
    command += ["--timeout", "60s", "-s", str(REPO / "bench" / "wrk.lua"), url]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    data = json.loads(re.search(r"BENCH_JSON (\{.*\})", out).group(1))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "requests": data["requests"],
        "errors": errors,
    }


# Rows whose request repeats the first response's ETag in If-None-Match: a client polling.
CONDITIONAL = "conditional GET"


def requests_for(fx: dict) -> list[tuple]:
    """(name, API path, auth, baseline path) for each load run; the baseline path is asked of the
    Django-hosted baseline views (raw) and of the bare WSGI app alike."""
    token = f"Authorization: Token {fx['token']}"
    session = f"Cookie: sessionid={fx['session']}"
    detail = [f"/api/v1/claims/{pk}/" for pk in fx["ids"]]
    raw_detail = [f"/bench/claims/{pk}/" for pk in fx["ids"]]
    first = Once(f"/api/v1/claims/{pk}/" for pk in fx["first_ids"])
    raw_first = Once(f"/bench/claims/{pk}/" for pk in fx["first_ids"])
    return [
        ("claim list, first page", "/api/v1/claims/", token, "/bench/claims/"),
        ("claim list, deep cursor page", f"/api/v1/claims/{fx['api_deep']}", token,
         f"/bench/claims/{fx['raw_deep']}"),
        ("filtered list", f"/api/v1/claims/?{FILTER}", token, f"/bench/claims/filtered/?{FILTER}"),
        (f"search, rare term ({RARE})", f"/api/v1/claims/?q={RARE}", token,
         f"/bench/claims/search/?q={RARE}"),
        (f"search, common term ({COMMON})", f"/api/v1/claims/?q={COMMON}", token,
         f"/bench/claims/search/?q={COMMON}"),
        (f"unit family ({FAMILY_FILTER})", f"/api/v1/claims/?{FAMILY_FILTER}", token,
         f"/bench/claims/family/?{FAMILY_FILTER}"),
        (f"search, phrase ({PHRASE})", f"/api/v1/claims/?q={quote(PHRASE)}", token,
         f"/bench/claims/search/?q={quote(PHRASE)}"),
        (f"search, OR and -word ({EITHER})", f"/api/v1/claims/?q={quote(EITHER)}", token,
         f"/bench/claims/search/?q={quote(EITHER)}"),
        ("claim detail (500 ids in turn)", detail, token, raw_detail),
        ("claim detail, first reads (each id once)", first, token, raw_first),
        (f"claim list, first page, {CONDITIONAL} (304)", "/api/v1/claims/", token, None),
        (f"claim detail, {CONDITIONAL} (304)", detail[0], token, None),
        ("admin changelist", "/admin/claims/claim/", session, None),
        (f"admin changelist, search ({COMMON})", f"/admin/claims/claim/?q={COMMON}", session,
         None),
        ("trivial JSON view", "/bench/trivial/", "", None),
    ]  # fmt: skip


def check(base: str, path, header: str, etag: list | None = None) -> tuple[int, float]:
    """One request before the load: it must succeed (200, or 304 to a conditional GET), or the
    numbers would measure errors. Returns (rows in the page, or -1; seconds taken)."""
    # Of paths read once each, one no load run comes to (each thread reads its chunk's first).
    path = path[-1] if isinstance(path, Once) else path[0] if isinstance(path, list) else path
    headers = dict(line.split(": ", 1) for line in header.splitlines())
    status, body, seconds = fetch(base + path, headers, etag)
    if status == 304 and "If-None-Match" in headers:
        return -1, seconds
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    if body[:1] == b"{" and b'"results"' in body:
        return len(json.loads(body)["results"]), seconds
    return -1, seconds


def single(seconds: float) -> dict:
    """A request too slow for a load run (it would only time out): its one timing."""
    ms_ = seconds * 1000
    return {"rps": 1 / seconds, "p50": ms_, "p95": ms_, "p99": ms_, "requests": 1, "errors": 0}


def conditional(base: str, name: str, path, header: str) -> str:
    """`header`, with If-None-Match: the ETag of a first response when `name` is a poll."""
    if CONDITIONAL in name:
        etag = []
        check(base, path, header, etag)
        if etag[0]:  # without an ETag the API answers each "poll" in full (a 200)
            header += f"\nIf-None-Match: {etag[0]}"
    return header


def measure(base, name, path, header, raw, args, bare="", before="") -> dict:
    """One row: the API, the Django-hosted baseline (raw), the bare app and an earlier checkout
    (before), each loaded for --duration seconds in all, in --rounds turns taken in rotation
    (API, raw, bare, before, API, …) so that a drift of the shared machine's speed falls on
    all of them alike rather than on whichever ran last."""
    auth, header = header, conditional(base, name, path, header)
    hits, seconds = check(base, path, header)
    row = {"name": name, "hits": hits}
    # Warm both workers (connections, templates); a request still slower than half a load run
    # after that gets its own timing instead (wrk would only time out).
    row["warm"] = seconds = min(seconds, check(base, path, header)[1])
    if seconds > args.duration / 2:
        row["api"], row["single"] = single(seconds), True
        return row
    check(base, path, header)
    runs = {"api": (base, path, header)}
    if raw:
        runs["raw"] = (base, raw, "")
        if bare:
            runs["bare"] = (bare, raw, "")
    if before:
        runs["before"] = (before, path, conditional(before, name, path, auth))
    for key, (server, target, sent) in runs.items():
        if key != "api":
            check(server, target, sent)
    turns = {key: [] for key in runs}
    for turn in range(args.rounds):
        for key, (server, target, sent) in runs.items():
            paths = target if isinstance(target, list) else None
            url = server + (target[0] if paths else target)
            turns[key].append(wrk(url, sent, paths, args, args.duration / args.rounds, turn))
    for key, measured in turns.items():
        row[key] = combined(measured)
    return row


def combined(runs: list[dict]) -> dict:
    """Turns of one load run as one: req/s over their total time; each latency percentile the
    request-weighted mean of the turns' (close enough for turns of one request, minutes apart)."""
    requests = sum(r["requests"] for r in runs)
    seconds = sum(r["requests"] / r["rps"] for r in runs)
    out = {"rps": requests / seconds, "requests": requests}
    out["errors"] = sum(r["errors"] for r in runs)
    for p in ("p50", "p95", "p99"):
        out[p] = sum(r[p] * r["requests"] for r in runs) / requests
    return out


def run_all(sizes: list[str], args, static_root: str, exports_too: bool) -> list[dict]:
    """One gunicorn per size, all up at once (idle ones cost nothing), and each request measured
    at every size back to back: the sizes of a row are compared minutes apart, not half an hour
    apart, on a machine whose speed drifts with whatever else runs on it."""
    results, servers = [], []
    for n, size in enumerate(sizes):
        env = server_env(size, static_root)
        command = [PY, str(REPO / "bench" / "prepare.py")]
        command += ["--pdf-pages"] if exports_too and n == 0 else []
        print(f"[{size}] preparing (user, token, cursors, 3,000-claim sheet)…", flush=True)
        fx = json.loads(subprocess.run(command, env=env, capture_output=True, check=True).stdout)
        results.append({"size": size, "claims": fx["claims"], "rows": [], "fx": fx})
        results[-1]["pdf_pages"] = fx.get("pdf_pages")
        servers.append(Server(env, free_port(), root=(args.after or REPO).resolve()))
        servers.append(Server(env, free_port(), "bench.bare:application"))
        if args.before:
            servers.append(Server(env, free_port(), root=args.before.resolve()))
    step = 3 if args.before else 2
    with contextlib.ExitStack() as stack:
        ports = [stack.enter_context(server).port for server in servers]
        bases = [f"http://127.0.0.1:{port}" for port in ports[::step]]
        bares = [f"http://127.0.0.1:{port}" for port in ports[1::step]]
        befores = [f"http://127.0.0.1:{port}" for port in ports[2::step]] if args.before else []
        befores = befores or [""] * len(bases)
        names = [r[0] for r in requests_for(results[0]["fx"])]
        for i, name in enumerate(names):
            if args.only and not re.search(args.only, name):
                continue
            for result, base, bare, before in zip(results, bases, bares, befores, strict=True):
                _, path, header, raw = requests_for(result["fx"])[i]
                print(f"[{result['size']}] {name}", flush=True)
                result["rows"].append(measure(base, name, path, header, raw, args, bare, before))
        if exports_too:
            for result, base in zip(results, bases, strict=True):
                result["exports"] = exports(base, result["fx"], args)
    for result in results:
        del result["fx"]
    return results


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def exports(base: str, fx: dict, args) -> dict:
    headers = {"Authorization": f"Token {fx['token']}"}
    result = {}
    for fmt, repeat in (("html", args.export_runs + 1), ("pdf", args.export_runs)):
        url = f"{base}/api/v1/factsheets/{fx['sheet']}/export/{fmt}/"
        print(f"[{fx['claims']:,} claims] fact-sheet export {fmt} x{repeat}", flush=True)
        seconds, errors, size = [], 0, 0
        for _ in range(repeat):
            status, body, elapsed = fetch(url, headers)
            errors += status != 200
            seconds.append(elapsed)
            size = len(body)
        result[fmt] = {
            "runs": repeat,
            "median": statistics.median(seconds),
            "max": max(seconds),
            "errors": errors,
            "bytes": size,
        }
    return result


def rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def table(results: list[dict]) -> list[str]:
    """One line per request and size, the sizes of a request together."""
    lines = [
        "| request | claims | API req/s | p50 ms | p95 ms | p99 ms | errors | raw req/s |"
        " raw p95 ms | API / raw req/s | bare req/s | bare p95 ms | API / bare req/s | rows |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    before = any(row.get("before") for result in results for row in result["rows"])
    if before:
        lines[0] += " before req/s | after / before |"
        lines[1] += "---:|---:|"
    for i, first in enumerate(results[0]["rows"]):
        for result in results:
            row = result["rows"][i]
            a, r, b = row["api"], row.get("raw"), row.get("bare")
            raw = ["", "", "", "", "", ""]
            if r:
                raw[:3] = [rate(r["rps"]), ms(r["p95"]), f"{a['rps'] / r['rps']:.0%}"]
            if b:
                raw[3:] = [rate(b["rps"]), ms(b["p95"]), f"{a['rps'] / b['rps']:.0%}"]
            name = first["name"] + (" (one request: too slow to load)" if row.get("single") else "")
            line = (
                f"| {name} | {result['claims']:,} | {rate(a['rps'])} | {ms(a['p50'])} | "
                f"{ms(a['p95'])} | {ms(a['p99'])} | {a['errors']} | {' | '.join(raw)} | "
                f"{row['hits'] if row['hits'] >= 0 else ''} |"
            )
            if before:
                earlier = row.get("before")
                line += (
                    f" {rate(earlier['rps'])} | {a['rps'] / earlier['rps']:.2f}× |"
                    if earlier
                    else " | |"
                )
            lines.append(line)
    for fmt in ("html", "pdf"):
        for result in results:
            e = (result.get("exports") or {}).get(fmt)
            if e:
                lines.append(
                    f"| fact-sheet export, 3,000 claims, {fmt.upper()} ({e['runs']} sequential, "
                    f"{e['bytes'] / 1e6:.1f} MB) | {result['claims']:,} | {rate(1 / e['median'])} "
                    f"| {ms(e['median'] * 1000)} | max {ms(e['max'] * 1000)} | | {e['errors']} "
                    "| | | | | | | |" + (" | |" if before else "")
                )
    return lines


def row_of(results, size, prefix):
    for result in results:
        if result["size"] == size:
            for row in result["rows"]:
                if row["name"].startswith(prefix):
                    return row
    return None


def verdict(ok: bool, text: str) -> str:
    return f"- {'MET' if ok else 'MISSED'}: {text}"


# (row name prefix, least share of the bare baseline's req/s): issue 21's targets.
BARE_TARGETS = [
    ("claim list, first page", 0.5),
    ("claim detail (", 0.5),
    ("claim detail, first reads", 0.5),
    ("filtered list", 0.4),
    ("unit family", 0.4),
    ("search, rare", 0.4),
    ("search, common", 0.4),
    ("search, phrase", 0.4),
    ("search, OR", 0.4),
]


def throughput_targets(results) -> list[str]:
    lines = []
    for size in [r["size"] for r in results]:
        for prefix, least in BARE_TARGETS:
            row = row_of(results, size, prefix)
            if row and row.get("bare"):
                share = row["api"]["rps"] / row["bare"]["rps"]
                text = f"{size} {prefix}: API at {share:.0%} of bare's req/s (≥ {least:.0%})"
                lines.append(verdict(share >= least, text))
        trivial = row_of(results, size, "trivial")
        for prefix in ("claim list, first page, conditional", "claim detail, conditional"):
            row = row_of(results, size, prefix)
            if row and trivial:
                share = row["api"]["rps"] / trivial["api"]["rps"]
                text = f"{size} {prefix} GET: at {share:.0%} of the trivial view's req/s (≥ 80%)"
                lines.append(verdict(share >= 0.8, text))
        first = row_of(results, size, "claim list, first")
        deep = row_of(results, size, "claim list, deep")
        if first and deep:
            ratio = deep["api"]["p95"] / first["api"]["p95"]
            text = f"{size} deep cursor page p95 = {ratio:.2f}× the first page's (≤ 1.5×)"
            lines.append(verdict(ratio <= 1.5, text))
    return lines


def growth_targets(results) -> list[str]:
    lines = []
    pairs = [
        ("admin changelist", "1m", "10k"),
        ("admin changelist, search", "1m", "10k"),
        ("search, rare", "1m", "100k"),
        ("search, common", "1m", "100k"),
        ("unit family", "1m", "100k"),
        ("search, phrase", "1m", "100k"),
        ("search, OR", "1m", "100k"),
    ]
    for prefix, big, small in pairs:
        a, b = row_of(results, big, prefix), row_of(results, small, prefix)
        if a and b and (a.get("single") or b.get("single")):
            # A p95 under load (queueing behind 8 connections) against a lone request's time
            # would flatter the slow side: compare the lone, warm requests instead.
            ratio = a["warm"] / b["warm"]
            text = (
                f"{prefix} at {big}: one warm request takes {ratio:.0f}× as long as at {small} "
                f"({a['warm']:.1f}s vs {b['warm']:.2f}s; too slow at {big} for a load run) (≤ 2×)"
            )
            lines.append(verdict(ratio <= 2, text))
        elif a and b:
            ratio = a["api"]["p95"] / b["api"]["p95"]
            text = f"{prefix} p95 at {big} = {ratio:.2f}× its p95 at {small} (≤ 2×)"
            ta, tb = row_of(results, big, "trivial"), row_of(results, small, "trivial")
            if ta and tb:  # the same machine-speed ratio for a view that reads no data
                text += f"; trivial view {ta['api']['p95'] / tb['api']['p95']:.2f}× meanwhile"
            lines.append(verdict(ratio <= 2, text))
    for result in results:
        pages = result.get("pdf_pages")
        if pages:
            ten, fifty = pages["10"], pages["50"]
            per10, per50 = ten["seconds"] / ten["pages"], fifty["seconds"] / fifty["pages"]
            text = (
                f"fact-sheet PDF {per50:.3f}s/page at {fifty['pages']} pages vs {per10:.3f}s/page"
                f" at {ten['pages']} pages = {per50 / per10:.2f}× (≤ 1.5×)"
            )
            lines.append(verdict(per50 <= 1.5 * per10, text))
    return lines


def quality_targets(results) -> list[str]:
    errors = []
    for result in results:
        for row in result["rows"]:
            if any((row.get(k) or {}).get("errors") for k in ("api", "raw", "bare")):
                errors.append(f"{result['size']} {row['name']}")
        for fmt, export in (result.get("exports") or {}).items():
            if export["errors"]:
                errors.append(f"{result['size']} export {fmt}")
    lines = [verdict(not errors, "zero errors" + (f" (errors: {errors})" if errors else ""))]
    tails = [
        (row["api"]["p99"] / row["api"]["p50"], result["size"], row["name"])
        for result in results
        for row in result["rows"]
        if row["api"]["p50"] > 0
    ]
    if tails:
        worst = max(tails)
        over = [f"{size} {name} ({x:.1f}×)" for x, size, name in tails if x > 4]
        text = f"p99 ≤ 4× p50 on every row (worst {worst[0]:.1f}×: {worst[2]} at {worst[1]})"
        lines.append(verdict(not over, text + (f"; over: {', '.join(over)}" if over else "")))
    return lines


def targets(results: list[dict]) -> list[str]:
    return throughput_targets(results) + growth_targets(results) + quality_targets(results)


def machine() -> list[str]:
    with psycopg.connect(f"{PG}/postgres") as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return [
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {os.cpu_count()} cores ({platform.machine()}), "
        f"{int(mem) / 2**20:.0f} GiB RAM, {platform.system()} {platform.release()}",
        f"- PostgreSQL {version} on loopback, default configuration",
        f"- Python {platform.python_version()}, gunicorn 2 sync workers, wrk on the same cores",
        f"- load average at start: {os.getloadavg()[0]:.1f}",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    data = sub.add_parser("data", help="create factdb_bench_<size> with N generated claims")
    data.add_argument("n", type=int)
    data.add_argument("--seed", type=int, default=1)
    data.add_argument("--replace", action="store_true")
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="turns each row's runs take")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--export-runs", type=int, default=2, help="sequential PDF exports")
    parser.add_argument("--only", help="regex: run only the requests whose name matches")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument(
        "--after",
        type=Path,
        help="the checkout whose API is measured (default: this one), to compare two others",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of an earlier factdb (git worktree add …): its API is measured in the "
        "same run, row by row, for a before/after column",
    )
    args = parser.parse_args()
    if args.command == "data":
        return make_data(args.n, args.seed, args.replace)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install -y wrk)")
    sizes = [s for s in args.sizes.split(",") if database_exists(s)]
    missing = set(args.sizes.split(",")) - set(sizes)
    if missing:
        print(f"no database for {sorted(missing)}: make bench-data N=… first; skipping them")
    if not sizes:
        sys.exit("No benchmark database: make bench-data N=10000 (and N=100000, N=1000000).")
    exports_too = not args.only or re.search(args.only, "fact-sheet export")
    header = machine()
    static_root = tempfile.mkdtemp(prefix="factdb-bench-static-")
    try:
        env = server_env(sizes[0], static_root)
        manage = [PY, str(REPO / "manage.py"), "collectstatic", "--noinput", "-v0"]
        subprocess.run(manage, env=env, check=True)
        results = run_all(sizes, args, static_root, bool(exports_too))
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    (args.out.with_suffix(".json")).write_text(json.dumps(results, indent=1))
    write(args.out, command, header, results, args)
    print("\n".join(table(results) + [""] + targets(results)))


NOTES = "<!-- Notes below this line are kept when bench/run.py rewrites the file. -->"


def write(path: Path, command: str, header: list[str], results: list[dict], args) -> None:
    old = path.read_text() if path.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else NOTES + "\n"
    text = [
        "# factdb benchmark results",
        "",
        f"Command: `{command.strip()}` (wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s per row)",
        "",
        *header,
        f"- load average at end: {os.getloadavg()[0]:.1f}",
        "",
        *table(results),
        "",
        "## Targets",
        "",
        *targets(results),
        "",
        notes,
    ]
    path.write_text("\n".join(text))


if __name__ == "__main__":
    main()
