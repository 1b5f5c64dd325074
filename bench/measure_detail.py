"""How the measure page scales with the claims on one measure: API detail, timeline, admin page.

    .venv/bin/python bench/measure_detail.py [--claims 1000] [--cumulative]

Puts --claims synthetic claims (mixed hedges, a few other units and stated periods) on one
measure in a throwaway SQLite database, then asks for the API's measure detail, its timeline SVG
and the admin's measure page as an editor would, printing for each the wall time and the response
size, then (unless --no-memory) the Python memory peak of a second run under tracemalloc.
Not a test: numbers vary with the machine.
"""

import argparse
import atexit
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
# A development tool: development settings unless DEBUG says otherwise.
os.environ.setdefault("DEBUG", "1")

HEDGES = ["exact", "approx", "at_least", "more_than", "at_most", "less_than"]


def setup_django() -> None:
    path = Path(tempfile.mkdtemp(prefix="factdb-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["FACTDB_THROTTLE_USER"] = "1000000/minute"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build_measure(n_claims: int, cumulative: bool, seed: int = 11):
    from claims.models import Claim, Measure, implied_interval
    from sources.models import Publisher, Source

    rng = random.Random(seed)
    publisher = Publisher.objects.create(name="Bench Wire")
    sources = Source.objects.bulk_create(
        Source(
            publisher=publisher,
            title=f"Report {i}",
            url=f"https://news.example/bench/{i}",
            published_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=i),
        )
        for i in range((n_claims + 4) // 5)
    )
    measure = Measure.objects.create(label="Troops deployed (bench)", cumulative=cumulative)
    claims = []
    for i in range(n_claims):
        value = Decimal(rng.randrange(5_000, 7_000))
        hedge = rng.choice(HEDGES)
        low, high = implied_interval(value, hedge)
        unit = "troops" if i % 10 else "USD"
        stated = i % 7 == 0
        claims.append(
            Claim(
                source=sources[i // 5],
                quote=f"up to {value} troops (bench claim {i})",
                value=value,
                hedge=hedge,
                value_low=low,
                value_high=high,
                unit=unit,
                currency="USD" if unit == "USD" else "",
                claim_date=sources[i // 5].published_on,
                period_start=datetime.date(2019, 1, 1) if stated else None,
                period_end=datetime.date(2019, 12, 31) if stated and not cumulative else None,
                measure=measure,
            )
        )
    Claim.objects.bulk_create(claims)
    return measure


def measured(label: str, fetch, memory: bool) -> None:
    """Wall time of one plain run; with ``memory``, a second run under tracemalloc (which slows
    Python down many times over) gives the memory peak."""
    started = time.perf_counter()
    response = fetch()
    seconds = time.perf_counter() - started
    assert response.status_code == 200, (label, response.status_code)
    peak = ""
    if memory:
        tracemalloc.start()
        fetch()
        peak = f"   peak {tracemalloc.get_traced_memory()[1] / 1e6:7.1f} MB (traced)"
        tracemalloc.stop()
    print(f"  {label:<22} {seconds:7.2f} s   {len(response.content) / 1e6:7.2f} MB out{peak}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--cumulative", action="store_true")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.test import APIClient

    measure = build_measure(args.claims, args.cumulative)
    user = get_user_model().objects.create_superuser("bench-admin", password="x")
    api, admin = APIClient(), Client()
    api.force_authenticate(user)
    admin.force_login(user)
    kind = "cumulative" if args.cumulative else "not cumulative"
    print(f"{args.claims} claims on one measure ({kind}); load average {os.getloadavg()[0]:.1f}")
    memory = not args.no_memory
    detail = f"/api/v1/measures/{measure.pk}/"
    measured("API measure detail", lambda: api.get(detail), memory)
    measured("API timeline.svg", lambda: api.get(f"{detail}timeline.svg"), memory)
    page = f"/admin/claims/measure/{measure.pk}/change/"
    measured("admin measure page", lambda: admin.get(page), memory)


if __name__ == "__main__":
    main()
