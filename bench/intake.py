"""What an import costs: seconds for a news page, a 20-page PDF and a 100-item feed, each
fetched from a loopback server, read, stored and its claims proposed.

    .venv/bin/python bench/intake.py [--repeat 3] [--items 100] [--pdf-pages 20]

Runs in a throwaway SQLite database; the feed's items run through the task backend in-process
(the immediate backend), so the number is the work itself, not a worker's polling interval.
Not a test: numbers vary with the machine and its load, which the report prints alongside.
"""

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def setup_django():
    path = Path(tempfile.mkdtemp(prefix="factdb-bench-intake-")) / "bench.sqlite3"
    atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["FACTDB_FETCH_ALLOW_PRIVATE"] = "127.0.0.1/32"
    os.environ["FACTDB_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def serve(routes: dict) -> str:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            content_type, body = routes.get(self.path, ("text/plain", None))
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def report_pages(n: int) -> list:
    """n pages of report prose, each with a few figures."""
    return [
        [
            f"In district {i}, the commission counted {1000 + 37 * i:,} asylum requests in the "
            f"quarter, up from {800 + 11 * i:,} a year earlier, and processing took {40 + i} days.",
            f"Shelters in district {i} held about {2000 + 13 * i:,} people; the report recommends "
            f"{10 + i} more case workers and a budget of ${1 + i / 10:.1f} million.",
            "The district's officials said that the numbers would be reviewed again before the "
            "end of the year, and that the figures for the previous quarter had been revised. " * 6,
        ]
        for i in range(1, n + 1)
    ]


def timed(function, repeat: int) -> list[float]:
    times = []
    for attempt in range(repeat):
        started = time.perf_counter()
        function(attempt)
        times.append(time.perf_counter() - started)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--pdf-pages", type=int, default=20)
    args = parser.parse_args()
    setup_django()

    from django.core.management import call_command

    from sources.models import Publisher, Source
    from tests.sources import pages

    routes = {}
    base = serve(routes)
    for attempt in range(-1, args.repeat):
        title = f"Mexico sends up to 6,000 troops south ({attempt})"
        routes[f"/page/{attempt}"] = ("text/html", pages.news_page(title=title).encode())
    pdf = pages.report_pdf(report_pages(args.pdf_pages))
    for attempt in range(args.repeat):
        # The same report under another title: different bytes, so each run is a real import.
        routes[f"/report/{attempt}.pdf"] = ("application/pdf", pdf + b"\n%" + bytes([attempt]))

    def import_page(attempt):
        call_command(
            "import_source", f"{base}/page/{attempt}", "--extract", stdout=open(os.devnull, "w")
        )

    def import_pdf(attempt):
        call_command(
            "import_source",
            f"{base}/report/{attempt}.pdf",
            "--extract",
            "--publisher",
            "Commission",
            "--title",
            f"Report {attempt}",
            stdout=open(os.devnull, "w"),
        )

    def poll_feed(attempt):
        items = []
        for i in range(args.items):
            path = f"/feed{attempt}/item{i}"
            title = f"Border story {attempt}-{i}"
            routes[path] = ("text/html", pages.news_page(title=title).encode())
            items.append((base + path, title, "Fri, 07 Jun 2019 10:00:00 GMT"))
        routes[f"/feed{attempt}.xml"] = ("application/rss+xml", pages.rss_feed(items).encode())
        Publisher.objects.create(name=f"Feed {attempt}", feed_url=f"{base}/feed{attempt}.xml")
        call_command("poll_feeds", "--publisher", f"Feed {attempt}", stdout=open(os.devnull, "w"))

    import_page(-1)  # warm-up: the first import loads trafilatura, pdfminer and the parsers
    results = {
        "news page": timed(import_page, args.repeat),
        f"{args.pdf_pages}-page PDF": timed(import_pdf, args.repeat),
        f"{args.items}-item feed": timed(poll_feed, max(1, args.repeat - 1)),
    }
    claims = sum(source.claims.count() for source in Source.objects.all())
    print(f"# intake cost ({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    print(f"PDF size {len(pdf):,} bytes; {Source.objects.count()} sources, {claims} claims made")
    for name, times in results.items():
        best, worst = min(times), max(times)
        print(f"{name:>16}: best {best:6.2f} s, worst {worst:6.2f} s over {len(times)} run(s)")


if __name__ == "__main__":
    main()
