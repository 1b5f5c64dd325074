"""How long a big fact sheet takes to build and render: HTML, PDF (and the other formats).

    .venv/bin/python bench/factsheet.py [--claims 3000] [--configured-db] [--keep PATH]

Builds a sheet of --claims synthetic claims (five per source, most with a verification note) in a
throwaway SQLite database (or, with --configured-db, the one DATABASE_URL names: rows are added
and left there), then times the context build and every renderer, and renders smaller sheets
sized to about 10 and 50 PDF pages to show the cost per page. Not a test: numbers vary with the
machine and its load, which the report prints alongside.
"""

import argparse
import atexit
import datetime
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# A development tool: development settings unless DEBUG says otherwise.
os.environ.setdefault("DEBUG", "1")

from claims.figures import hedges  # noqa: E402  (pure: no Django set-up needed)

HEDGES = [h for h in hedges.HEDGES if h not in hedges.STATED_BOUNDS]
STATUSES = ["verified"] * 4 + ["false", "misleading", "disputed", "unverified", "in_review"]
UNITS = ["troops", "migrants deported", "people", "children", "deaths", "USD"]


def setup_django(configured_db: bool) -> str:
    if not configured_db:
        path = Path(tempfile.mkdtemp(prefix="factdb-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    return settings.DATABASES["default"]["NAME"]


def build_sheet(n_claims: int, seed: int = 7):
    """Rows written with bulk_create: the benchmark is about rendering, not about inserting."""
    from django.contrib.auth import get_user_model

    from claims.figures.hedges import implied_interval
    from claims.models import Claim, FactSheet, FactSheetItem, VerificationNote
    from sources.models import Claimant, Publisher, Source

    rng = random.Random(seed)
    run = f"bench-{time.time_ns()}"
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    publishers = Publisher.objects.bulk_create(
        Publisher(name=f"{run} Publisher {i}") for i in range(40)
    )
    claimants = Claimant.objects.bulk_create(
        Claimant(name=f"{run} Claimant {i}", description="Spokesperson") for i in range(60)
    )
    n_sources = (n_claims + 4) // 5
    sources = Source.objects.bulk_create(
        Source(
            publisher=rng.choice(publishers),
            title=f"Border report number {i}: what the figures say about deployments",
            url=f"https://news.example/{run}/{i}",
            authors="A. Reporter, B. Editor",
            published_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=i % 2000),
            archive_url=f"https://archive.example/{run}/{i}" if i % 3 == 0 else "",
        )
        for i in range(n_sources)
    )
    claims = []
    for i in range(n_claims):
        value = Decimal(rng.randrange(10, 100_000))
        hedge = rng.choice(HEDGES)
        low, high = implied_interval(value, hedge)
        unit = rng.choice(UNITS)
        claims.append(
            Claim(
                source=sources[i // 5],
                quote=f"Officials said {value:,} {unit} were involved, according to the report "
                f"published that week (claim {i}).",
                value=value,
                hedge=hedge,
                value_low=low,
                value_high=high,
                unit=unit,
                currency="USD" if unit == "USD" else "",
                claim_date=sources[i // 5].published_on,
                claimant=rng.choice(claimants) if i % 2 else None,
                status=rng.choice(STATUSES),
            )
        )
    claims = Claim.objects.bulk_create(claims)
    VerificationNote.objects.bulk_create(
        VerificationNote(
            claim=claim,
            author=editor,
            body="Checked against the agency's monthly release; the figure matches its table 3.",
            status_to=claim.status,
        )
        for claim in claims
        if claim.status not in ("unverified", "in_review")
    )
    sheet = FactSheet.objects.create(title=f"Benchmark sheet ({n_claims} claims)", slug=run)
    FactSheetItem.objects.bulk_create(
        FactSheetItem(sheet=sheet, claim=claim, position=n) for n, claim in enumerate(claims, 1)
    )
    return sheet


def timed(fn):
    """Wall-clock seconds; CPU seconds of this process go to CPU_SECONDS (the machine is shared,
    so wall time includes waiting for a core)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU_SECONDS.append(time.process_time() - cpu)
    return result, time.perf_counter() - started


CPU_SECONDS: list[float] = []


def page_count(pdf: bytes) -> int | None:
    try:
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def sub_context(context: dict, n_items: int) -> dict:
    """The first n items of a context, with only the citations they use (already in order)."""
    items = context["items"][:n_items]
    used = {item["citation"] for item in items}
    return {
        **context,
        "items": items,
        "citations": [c for c in context["citations"] if c["number"] in used],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=3000)
    parser.add_argument("--configured-db", action="store_true", help="use DATABASE_URL's database")
    parser.add_argument("--keep", type=Path, help="write the big PDF and HTML here (a directory)")
    args = parser.parse_args()

    db_name = setup_django(args.configured_db)
    from claims.factsheets.context import build_context
    from claims.factsheets.renderers import FORMATS, render

    print(f"database: {db_name}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    sheet, seconds = timed(lambda: build_sheet(args.claims))
    print(f"wrote {args.claims} claims in {seconds:.1f}s")

    context, seconds = timed(lambda: build_context(sheet))
    print(f"\n{args.claims}-claim sheet, {len(context['citations'])} citations")
    print(f"  context build        {seconds:7.2f}s (CPU {CPU_SECONDS[-1]:6.2f}s)")
    outputs = {}
    for fmt in FORMATS:
        outputs[fmt], seconds = timed(lambda fmt=fmt: render(context, fmt))
        pages = page_count(outputs[fmt]) if fmt == "pdf" else None
        extra = f"  {pages} pages, {seconds / pages:.3f}s/page" if pages else ""
        print(
            f"  {fmt:<6} {len(outputs[fmt]) / 1e6:7.2f} MB {seconds:7.2f}s "
            f"(CPU {CPU_SECONDS[-1]:6.2f}s){extra}"
        )

    full_pages = page_count(outputs["pdf"])
    if full_pages:
        per_page = args.claims / full_pages
        print("\nPDF cost per page at two sizes:")
        for target in (10, 50):
            n_items = min(len(context["items"]), max(1, round(target * per_page)))
            small = sub_context(context, n_items)
            pdf, seconds = timed(lambda small=small: render(small, "pdf"))
            pages = page_count(pdf)
            print(
                f"  ~{target:>2} pages: {n_items:>4} claims -> {pages} pages in {seconds:6.2f}s "
                f"(CPU {CPU_SECONDS[-1]:.2f}s), {seconds / pages:.3f}s/page "
                f"(CPU {CPU_SECONDS[-1] / pages:.3f}s/page)"
            )
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for fmt in ("pdf", "html"):
            (args.keep / f"bench-{args.claims}.{fmt}").write_bytes(outputs[fmt])
        print(f"\nkept the PDF and HTML in {args.keep}")
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
