"""The bare baseline: the API's claim reads with nothing around them but gunicorn.

    DATABASE_URL=postgres://… gunicorn bench.bare:application --workers 2

A plain WSGI app (no Django): one psycopg 3 connection per worker, kept open, autocommit,
every statement prepared on first use (prepare=True); rows written by orjson. It answers the
same questions with the same SQL as bench/baseline_views.py (which runs inside Django's request
cycle) and in the JSON shape of GET /api/v1/claims/ and /api/v1/claims/<id>/: the same fields,
`figure` and `citation.published` computed once per row by the same pure functions the API
uses, `next` as an absolute link. No authentication, permissions, throttling or validation:
it is what this machine's Python, PostgreSQL and network stack can do for these questions,
the limit bench/run.py holds the API against ("bare" columns).

    /bench/claims/                  first page, or ?after=<claim_date|id> (base64)
    /bench/claims/filtered/?…       unit, status, value_min, value_max (the API's meaning)
    /bench/claims/family/?unit=     every figure of the unit's family
    /bench/claims/search/?q=        full text, each language's query against its own claims
    /bench/claims/<id>/             one claim, with its ETag
    /bench/trivial/                 {"ok": true}
"""

import base64
import datetime
import os
import re
from decimal import Decimal
from urllib.parse import parse_qs

import orjson
import psycopg

from bench.claim_sql import ORDER, PAGE_SIZE, SELECT
from claims.figures.formatting import format_figure
from claims.figures.units import family_of_query
from claims.fulltext import is_phrase_query, search_sql

JSON = [("Content-Type", "application/json")]
DETAIL = re.compile(r"/bench/claims/([0-9]{1,18})/")
_conn = None


def connection() -> psycopg.Connection:
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _conn


def published(day, precision: str) -> str:
    """sources.models.format_date_with_precision, without importing Django."""
    if day is None:
        return ""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"


def number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def timestamp(value: datetime.datetime) -> str:
    text = value.astimezone(datetime.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def claim(r) -> dict:
    (id_, version, quote, qs, qe, summary, value, hedge, low, high, unit, currency, rate) = r[:13]
    (claim_date, p_start, p_end, place, status, attribution, claimant_id, claimant) = r[13:21]
    (measure_id, measure, source_id, title, authors, published_on, precision) = r[21:28]
    (url, archive_url, language, publisher, origin, username, created, updated) = r[28:36]
    notes_count, tags, family, normalised = r[36], r[37], r[38], r[39]
    return {
        "id": id_,
        "etag": f'"{id_}-{version}"',
        "figure": format_figure(
            value, hedge, unit, low=low, high=high, currency=currency or None, per=rate or None
        ),
        "quote": quote,
        "quote_start": qs,
        "quote_end": qe,
        "summary": summary,
        "value": number(value),
        "hedge": hedge,
        "value_low": number(low),
        "value_high": number(high),
        "unit": unit,
        "currency": currency,
        "rate_period": rate,
        "unit_family": family,
        "value_normalised": number(normalised),
        "claim_date": claim_date,
        "period_start": p_start,
        "period_end": p_end,
        "place": place,
        "status": status,
        "attribution": attribution,
        "claimant": claimant_id,
        "claimant_name": claimant,
        "measure": measure_id,
        "measure_label": measure,
        "tags": tags,
        "source": source_id,
        "citation": {
            "id": source_id,
            "publisher": publisher,
            "title": title,
            "authors": authors,
            "published_on": published_on,
            "date_precision": precision,
            "published": published(published_on, precision),
            "url": url,
            "archive_url": archive_url,
            "language": language,
        },
        "notes_count": notes_count,
        "origin": origin,
        "created_by": username,
        "created_at": timestamp(created),
        "updated_at": timestamp(updated),
        "version": version,
    }


def page(environ, where: str, params: list, prepare=False) -> tuple[str, list, bytes]:
    """A page; `prepare` for the plain list only: a filter's best plan depends on its values
    (factdb.api.compiled.planned_each_time says why), as the API plans them."""
    sql = SELECT + (f" WHERE {where}" if where else "") + ORDER
    rows = connection().execute(sql, [*params, PAGE_SIZE + 1], prepare=prepare).fetchall()
    results = [claim(r) for r in rows[:PAGE_SIZE]]
    after = None
    if len(rows) > PAGE_SIZE:
        last = results[-1]
        cursor = base64.urlsafe_b64encode(f"{last['claim_date']}|{last['id']}".encode()).decode()
        host = environ.get("HTTP_HOST", "127.0.0.1")
        after = f"http://{host}{environ['PATH_INFO']}?after={cursor}"
    body = {"next": after, "previous": None, "results": results}
    return "200 OK", JSON, orjson.dumps(body)


def claims_page(environ, query):
    after = query.get("after")
    if not after:
        return page(environ, "", [], prepare=True)
    claim_date, claim_id = base64.urlsafe_b64decode(after[0]).decode().split("|")
    day = datetime.date.fromisoformat(claim_date)
    return page(environ, "(c.claim_date, c.id) < (%s, %s)", [day, int(claim_id)], prepare=True)


def filtered(environ, query):
    where = (
        "c.unit_family = %s AND c.status = ANY(%s)"
        " AND c.value_normalised >= %s AND c.value_normalised <= %s"
        " AND (c.value_low_normalised >= %s OR c.value_low_normalised IS NULL)"
        " AND (c.value_high_normalised <= %s OR c.value_high_normalised IS NULL)"
    )
    low, high = Decimal(query["value_min"][0]), Decimal(query["value_max"][0])
    family = family_of_query(query["unit"][0])
    return page(environ, where, [family, query["status"], low, high, low, high])


def family(environ, query):
    return page(environ, "c.unit_family = %s", [family_of_query(query["unit"][0])])


def search(environ, query):
    text = query["q"][0]
    where, params = search_sql(text, "c.search_vector", phrase=is_phrase_query(text))
    return page(environ, where, list(params))


def detail(pk: int):
    row = connection().execute(SELECT + " WHERE c.id = %s", [pk], prepare=True).fetchone()
    if row is None:
        return "404 Not Found", JSON, b'{"detail":"Not found."}'
    body = claim(row)
    return "200 OK", [*JSON, ("ETag", body["etag"])], orjson.dumps(body)


ROUTES = {
    "/bench/claims/": claims_page,
    "/bench/claims/filtered/": filtered,
    "/bench/claims/family/": family,
    "/bench/claims/search/": search,
}


def application(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/bench/trivial/":
        status, headers, body = "200 OK", JSON, b'{"ok":true}'
    elif path in ROUTES:
        status, headers, body = ROUTES[path](environ, parse_qs(environ.get("QUERY_STRING", "")))
    elif match := DETAIL.fullmatch(path):
        status, headers, body = detail(int(match.group(1)))
    else:
        status, headers, body = "404 Not Found", JSON, b'{"detail":"Not found."}'
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]
