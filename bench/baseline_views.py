"""Baselines for bench/run.py: the same claim queries as the API, answered by hand inside
Django's request cycle (the "raw" columns; bench/bare.py is the same without Django).

`raw_*` views run one hand-written SQL statement per request on a psycopg 3 connection kept
per worker (autocommit, server-side prepared after a few uses) and encode the rows with orjson:
the same rows, fields, ordering and page size as GET /api/v1/claims/, each row shaped by
bench/bare.py's `claim` (the figure formatted by the same format_figure), but no ORM, no
serializer, no authentication and no permission or throttle checks.
`trivial` answers {"ok": true}: the cost of the request cycle alone.

Mounted only by bench/urls.py, which only the benchmark's gunicorn loads (bench/settings.py).
"""

import base64
import threading

import orjson
import psycopg
from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path

from bench.bare import claim
from bench.claim_sql import ORDER, PAGE_SIZE, SELECT
from claims.figures.units import family_of_query
from claims.fulltext import is_phrase_query, search_sql

_local = threading.local()


def _connection():
    conn = getattr(_local, "conn", None)
    if conn is None or conn.closed:
        db = settings.DATABASES["default"]
        conn = psycopg.connect(
            dbname=db["NAME"],
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"],
            port=db["PORT"] or 5432,
            autocommit=True,
        )
        _local.conn = conn
    return conn


def _page(request, where: str, params: list, prepare=False) -> HttpResponse:
    # Prepared for the plain list only, as the API and bench/bare.py do.
    sql = SELECT + (f" WHERE {where}" if where else "") + ORDER
    with _connection().cursor() as cursor:
        cursor.execute(sql, [*params, PAGE_SIZE + 1], prepare=prepare)
        rows = cursor.fetchall()
    results = [claim(r) for r in rows[:PAGE_SIZE]]
    after = None
    if len(rows) > PAGE_SIZE:
        last = results[-1]
        after = base64.urlsafe_b64encode(f"{last['claim_date']}|{last['id']}".encode()).decode()
    body = {"next": after and f"?after={after}", "previous": None, "results": results}
    return HttpResponse(orjson.dumps(body), content_type="application/json")


def raw_list(request):
    """First page, or the page after ?after= (a cursor of claim_date|id, like the API's)."""
    after = request.GET.get("after")
    if not after:
        return _page(request, "", [], prepare=True)
    claim_date, claim_id = base64.urlsafe_b64decode(after).decode().split("|")
    where = "(c.claim_date, c.id) < (%s, %s)"
    return _page(request, where, [claim_date, int(claim_id)], prepare=True)


def raw_filtered(request):
    """?unit=&value_min=&value_max=&status=, with the API's meaning: the unit's family, and the
    figure as stated (normalised) between the bounds, a range within them as a whole."""
    g = request.GET
    where = (
        "c.unit_family = %s AND c.status = ANY(%s)"
        " AND c.value_normalised >= %s AND c.value_normalised <= %s"
        " AND (c.value_low_normalised >= %s OR c.value_low_normalised IS NULL)"
        " AND (c.value_high_normalised <= %s OR c.value_high_normalised IS NULL)"
    )
    low, high = g["value_min"], g["value_max"]
    family = family_of_query(g["unit"])
    return _page(request, where, [family, g.getlist("status"), low, high, low, high])


def raw_family(request):
    """?unit=, every figure of the unit's family, in the list's default order."""
    return _page(request, "c.unit_family = %s", [family_of_query(request.GET["unit"])])


def raw_search(request):
    """?q=, as search_claims asks it: each language's query against its own claims."""
    text = request.GET["q"]
    where, params = search_sql(text, "c.search_vector", phrase=is_phrase_query(text))
    return _page(request, where, list(params))


def raw_detail(request, pk):
    with _connection().cursor() as cursor:
        cursor.execute(SELECT + " WHERE c.id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    body = claim(row)
    response = HttpResponse(orjson.dumps(body), content_type="application/json")
    response["ETag"] = body["etag"]
    return response


def trivial(request):
    return HttpResponse(orjson.dumps({"ok": True}), content_type="application/json")


urlpatterns = [
    path("claims/", raw_list),
    path("claims/filtered/", raw_filtered),
    path("claims/search/", raw_search),
    path("claims/family/", raw_family),
    path("claims/<int:pk>/", raw_detail),
    path("trivial/", trivial),
]
