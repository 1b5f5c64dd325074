"""Django-side setup for bench/run.py, run in the benchmark's environment (its DATABASE_URL and
SECRET_KEY): prints one line of JSON with what the load runs need.

    .venv/bin/python bench/prepare.py [--pdf-pages]

- a "bench-editor" account (Editors group, staff) with an API token and a session cookie;
- 500 claim ids for the detail requests, read in turn, and FIRST_READS others in a random
  order, each to be read once;
- the cursor of a page 90% deep into the default ordering (-claim_date, -id), in the API's
  format and in the raw baseline's;
- a 3,000-claim fact sheet ("bench-3000") over the generated claims, for the export requests;
- with --pdf-pages: the seconds per PDF page of sheets of that sheet's first claims sized to
  about 10 and to about 50 pages, best of three renders each (pages counted by
  bench/factsheet.py's page_count).
"""

import base64
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIRST_READS = 60_000
sys.path.insert(0, str(REPO))
sys.path.append(str(REPO / "bench"))  # for bench/factsheet.py's helpers, last so it shadows nothing
SHEET_SLUG, SHEET_CLAIMS = "bench-3000", 3000


def bench_user():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, created = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
    return user


def deep_cursors(depth: float) -> tuple[str, str]:
    """(API query string, raw baseline query string) of the page after the row at `depth`."""
    from rest_framework.pagination import Cursor

    from claims.models import Claim
    from factdb.api.pagination import KeysetPagination

    ordering = ("-claim_date", "-id")
    offset = int(Claim.objects.count() * depth)
    claim = Claim.objects.order_by(*ordering).only("claim_date", "id")[offset]
    paginator = KeysetPagination()
    paginator.base_url, paginator.ordering = "http://bench/api/v1/claims/", ordering
    position = paginator._encode_position(claim)
    api = paginator.encode_cursor(Cursor(offset=0, reverse=False, position=position))
    raw = base64.urlsafe_b64encode(f"{claim.claim_date}|{claim.id}".encode()).decode()
    return api.split("/api/v1/claims/", 1)[1], f"?after={raw}"


def fact_sheet(user):
    from claims.models import Claim, FactSheet, FactSheetItem

    sheet, created = FactSheet.objects.get_or_create(
        slug=SHEET_SLUG,
        defaults={"title": "Benchmark sheet (3,000 claims)", "created_by": user},
    )
    if created:
        claims = Claim.objects.order_by("id").values_list("id", flat=True)[:SHEET_CLAIMS]
        FactSheetItem.objects.bulk_create(
            FactSheetItem(sheet=sheet, claim_id=pk, position=n) for n, pk in enumerate(claims, 1)
        )
    return sheet


def pdf_seconds_per_page(sheet) -> dict:
    """Seconds per page of sheets built from the first claims of `sheet`, sized to about 10 and
    about 50 pages; best of three renders each. Each is built from its own claims (not cut from
    the big sheet's context, whose charts cover all 3,000 claims)."""
    from factsheet import page_count

    from claims.factsheets.context import build_context
    from claims.factsheets.renderers import render

    claims = [item.claim for item in sheet.items.select_related("claim").order_by("position")]

    def pdf(n_items):
        return render(build_context(claims[:n_items], title=sheet.title), "pdf")

    claims_per_page = 200 / page_count(pdf(200))
    out = {"claims_per_page": round(claims_per_page, 2)}
    for target in (10, 50):
        n_items = max(1, round(target * claims_per_page))
        n_items = max(1, round(n_items * target / page_count(pdf(n_items))))  # one correction
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            document = pdf(n_items)
            timings.append(time.perf_counter() - started)
        pages = page_count(document)
        out[str(target)] = {"claims": n_items, "pages": pages, "seconds": min(timings)}
    return out


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from claims.models import Claim

    user = bench_user()
    client = Client()
    client.force_login(user)
    bounds = Claim.objects.order_by("id").values_list("id", flat=True)
    low, high = bounds.first(), bounds.last()
    rng = random.Random(1)
    candidates = {rng.randint(low, high) for _ in range(600)}
    ids = sorted(Claim.objects.filter(pk__in=candidates).values_list("id", flat=True))[:500]
    # Claims read once each (bench/run.py's "first reads"): none of them answered before.
    every = list(Claim.objects.exclude(pk__in=ids).values_list("id", flat=True))
    first_ids = rng.sample(every, min(FIRST_READS, len(every)))
    api_deep, raw_deep = deep_cursors(0.9)
    sheet = fact_sheet(user)
    result = {
        "claims": Claim.objects.count(),
        "token": Token.objects.get_or_create(user=user)[0].key,
        "session": client.cookies["sessionid"].value,
        "ids": ids,
        "first_ids": first_ids,
        "api_deep": api_deep,
        "raw_deep": raw_deep,
        "sheet": sheet.slug,
        "sheet_claims": sheet.items.count(),
    }
    if "--pdf-pages" in sys.argv:
        result["pdf_pages"] = pdf_seconds_per_page(sheet)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
