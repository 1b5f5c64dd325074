"""How a claim's lineage scales with its figure's appearances: the API and the admin claim page.

    .venv/bin/python bench/lineage.py [--appearances 1000] [--repeat 3]

Puts --appearances claims of one figure (one a source: mixed dates and precisions, languages,
hedges, roundings and units) in one lineage in a throwaway SQLite database, then asks for
`GET /api/v1/claims/<id>/lineage/` and the claim's admin page as an editor would, printing the
best wall time of --repeat runs and the response size. Not a test: numbers vary with the machine.
"""

import argparse
import datetime
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DEBUG", "1")

from bench.measure_detail import setup_django  # noqa: E402

FIGURES = [  # value, hedge, unit, precision
    (Decimal(6000), "at_most", "National Guard troops", "day"),
    (Decimal(6000), "exact", "troops", "day"),
    (Decimal(6000), "approx", "soldiers", "month"),
    (Decimal(6500), "exact", "troops", "day"),
    (Decimal(6000), "more_than", "troops", "day"),
]


def build_lineage(n: int):
    from claims.models import Claim, Lineage, LineageAppearance, implied_interval
    from sources.models import Publisher, Source

    publishers = Publisher.objects.bulk_create(
        Publisher(name=f"Outlet {i}") for i in range(max(1, n // 20))
    )
    start = datetime.date(2019, 6, 1)
    sources = []
    for i in range(n):
        _, _, _, precision = FIGURES[i % len(FIGURES)]
        day = start + datetime.timedelta(days=i % 28)
        if precision == "month":
            day = day.replace(day=1)
        sources.append(
            Source(
                publisher=publishers[i % len(publishers)],
                title=f"Story {i}",
                url=f"https://news.example/lineage/{i}",
                published_on=day,
                date_precision=precision,
                language="es" if i % 3 == 0 else "en",
            )
        )
    sources = Source.objects.bulk_create(sources)
    claims = []
    for i, source in enumerate(sources):
        value, hedge, unit, _ = FIGURES[i % len(FIGURES)]
        low, high = implied_interval(value, hedge)
        claim = Claim(
            source=source,
            quote=f"Mexico sends {hedge} {value} {unit} south (appearance {i})",
            value=value,
            hedge=hedge,
            value_low=low,
            value_high=high,
            unit=unit,
            claim_date=source.published_on,
        )
        claim.normalise_figure()
        claims.append(claim)
    claims = Claim.objects.bulk_create(claims)
    lineage = Lineage.objects.create(label="up to 6,000 National Guard troops")
    LineageAppearance.objects.bulk_create(
        LineageAppearance(lineage=lineage, claim=claim, confirmed=i % 2 == 0)
        for i, claim in enumerate(claims)
    )
    return claims[len(claims) // 2]


def best_of(repeat: int, fetch) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = fetch()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        size = len(response.content)
    return min(times), size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appearances", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.test import APIClient

    claim = build_lineage(args.appearances)
    user = get_user_model().objects.create_superuser("bench-admin", password="x")
    api, admin = APIClient(), Client()
    api.force_authenticate(user)
    admin.force_login(user)
    print(
        f"{args.appearances} appearances in one lineage; "
        f"load average {os.getloadavg()[0]:.1f}; best of {args.repeat}"
    )
    for label, fetch in [
        ("API lineage", lambda: api.get(f"/api/v1/claims/{claim.pk}/lineage/")),
        ("admin claim page", lambda: admin.get(f"/admin/claims/claim/{claim.pk}/change/")),
    ]:
        seconds, size = best_of(args.repeat, fetch)
        print(f"  {label:<18} {seconds:6.2f} s   {size / 1e6:6.2f} MB out")


if __name__ == "__main__":
    main()
