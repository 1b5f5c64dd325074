"""What one API request costs in process: CPU per request through the WSGI application gunicorn
serves (factdb.wsgi), with no HTTP server, no wrk and no other client sharing the cores.

    .venv/bin/python bench/inprocess.py [--size 100k] [-n 3000] [--rounds 2] [--before PATH]
    .venv/bin/python bench/inprocess.py --profile "list 304"     # cProfile of one row
    BENCH_SORT=tottime .venv/bin/python bench/inprocess.py --profile detail

wrk's req/s on this 2-core machine moves 10-30% from one 5 s run to the next with whatever else
runs; CPU per request in process moves a few per cent, so a change of 10-20% on one request
shows here when the load runs cannot tell it from noise. Each round is a fresh process per
checkout (this one, and --before's), alternating, on the same database factdb_bench_<size>
(bench/run.py data N makes it) and in the same environment as bench/run.py's servers
(production settings, persistent connection). The database's own CPU for each statement is not
in these numbers (it runs in its own process): it shows in the wall-clock column.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

ROWS = ("trivial", "list 304", "detail 304", "detail", "detail once", "list")


def requests(fx: dict) -> dict:
    token = {"HTTP_AUTHORIZATION": f"Token {fx['token']}"}
    detail = f"/api/v1/claims/{fx['ids'][0]}/"
    return {
        "trivial": ("/bench/trivial/", {}, None),
        "list 304": ("/api/v1/claims/", token, "etag"),
        "detail 304": (detail, token, "etag"),
        "detail": ([f"/api/v1/claims/{pk}/" for pk in fx["ids"]], token, None),
        # Claims read once each (none answered before: no kept answer, factdb/api/
        # unchanged_polls.py); the child warms up on others.
        "detail once": ([f"/api/v1/claims/{pk}/" for pk in fx["first_ids"]], token, None),
        "list": ("/api/v1/claims/", token, None),
    }


def environ(path: str, headers: dict) -> dict:
    from io import BytesIO

    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        **headers,
    }


def child(args) -> None:
    """In the benchmark's environment: every row n times, one JSON line of results."""
    import cProfile
    import pstats

    # The application gunicorn serves (Django's handler and what each checkout puts around it).
    from factdb.wsgi import application as handler

    fx = json.loads(Path(os.environ["BENCH_FIXTURES"]).read_text())
    out = {}

    def call(path, headers):
        status = []
        body = handler(environ(path, headers), lambda s, h: status.append((s, h)))
        data = b"".join(body)
        if hasattr(body, "close"):
            body.close()
        return status[0], data

    for name, (path, headers, conditional) in requests(fx).items():
        paths = path if isinstance(path, list) else [path]
        headers = dict(headers)
        if conditional:
            (status, sent), _ = call(paths[0], headers)
            headers["HTTP_IF_NONE_MATCH"] = dict(sent)["ETag"]
        for p in paths[-50:]:  # warm: connection, caches, code paths
            call(p, headers)
        expected = "304" if conditional else "200"
        profile = cProfile.Profile() if args.profile == name else None
        cpu, wall = time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        for i in range(args.n):
            (status, _), _ = call(paths[i % len(paths)], headers)
            if not status.startswith(expected):
                raise SystemExit(f"{name}: {paths[i % len(paths)]} answered {status}")
        if profile:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        out[name] = {"cpu_ms": cpu * 1000 / args.n, "wall_ms": wall * 1000 / args.n}
        if profile:
            stats = pstats.Stats(profile, stream=sys.stderr)
            stats.sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(45)
            if os.environ.get("BENCH_PROFILE_OUT"):
                profile.dump_stats(os.environ["BENCH_PROFILE_OUT"])
    print("INPROCESS " + json.dumps(out), flush=True)


def run_round(root: Path, env: dict, args) -> dict:
    command = [sys.executable, str(REPO / "bench" / "inprocess.py"), "--child", "-n", str(args.n)]
    command += ["--profile", args.profile] if args.profile else []
    env = {**env, "PYTHONPATH": str(root)}
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{root}: {done.stderr[-2000:]}")
    if args.profile:
        print(done.stderr)
    line = next(x for x in done.stdout.splitlines() if x.startswith("INPROCESS "))
    return json.loads(line.removeprefix("INPROCESS "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100k")
    parser.add_argument("-n", type=int, default=3000, help="requests per row")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", type=Path, help="another checkout, measured in turn")
    parser.add_argument("--profile", choices=ROWS, help="print a cProfile of this row")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    import tempfile

    from run import server_env  # bench/run.py's servers' environment

    env = server_env(args.size, tempfile.mkdtemp(prefix="factdb-static-"))
    prepared = subprocess.run(
        [sys.executable, str(REPO / "bench" / "prepare.py")],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )
    # A file: the ids read once each are more than an environment variable may hold.
    fixtures = Path(tempfile.mkdtemp(prefix="factdb-inprocess-")) / "fixtures.json"
    fixtures.write_text(prepared.stdout)
    env["BENCH_FIXTURES"] = str(fixtures)
    roots = [("after", REPO)] + ([("before", args.before)] if args.before else [])
    results = {label: [] for label, _ in roots}
    for _ in range(args.rounds):
        for label, root in roots:
            results[label].append(run_round(root, env, args))
    print(f"factdb_bench_{args.size}, {args.n} requests a row, {args.rounds} rounds")
    head = "| request |" + "".join(f" {label} CPU ms | {label} wall ms |" for label, _ in roots)
    print(head + (" after / before CPU |" if args.before else ""))
    print("|---|" + "---:|---:|" * len(roots) + ("---:|" if args.before else ""))
    for name in ROWS:
        cells, cpu = [], {}
        for label, _ in roots:
            runs = results[label]
            cpu[label] = min(r[name]["cpu_ms"] for r in runs)
            cells.append(" / ".join(f"{r[name]['cpu_ms']:.3f}" for r in runs))
            cells.append(" / ".join(f"{r[name]['wall_ms']:.3f}" for r in runs))
        ratio = f" {cpu['after'] / cpu['before']:.2f}× |" if args.before else ""
        print(f"| {name} | " + " | ".join(cells) + " |" + ratio)


if __name__ == "__main__":
    main()
