"""The claim list and detail, read without model instances.

A page of 50 claims through ClaimSerializer builds 300 model instances (claim, source,
publisher, claimant, measure, author) and reads 33 fields through DRF's field machinery: about
ten times the cost of the query itself (bench/RESULTS.md). Reads are the API's busiest path,
so they take one query of plain values instead (plus one for the page's tags on SQLite), and
shape each row into exactly the dict ClaimSerializer gives for the same claim
(tests/claims/api/test_reading.py holds the two side by side). Writes still go through
ClaimSerializer and the services.

    rows = claim_rows(queryset)          # a values() queryset: filter, order and page it
    data = represent_claims(page, request, get_language())  # the reader's language
"""

import functools
import hashlib
from pathlib import Path

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import OuterRef
from django.utils import timezone

from claims.api.serializers import ClaimSerializer
from claims.figures.formatting import format_figure, plain_number
from claims.models import Claim, Tag
from factdb.api.conditional import stamp_etag
from factdb.api.etags import etag
from factdb.api.permissions import reads_publicly
from factdb.languages import figure_language
from sources.models import format_date_with_precision

# The ORM paths a row is read from; the keys of the dicts claim_rows() yields.
COLUMNS = (
    "id",
    "version",
    "quote",
    "quote_start",
    "quote_end",
    "summary",
    "value",
    "hedge",
    "value_low",
    "value_high",
    "unit",
    "currency",
    "rate_period",
    "unit_family",
    "value_normalised",
    "claim_date",
    "period_start",
    "period_end",
    "place",
    "status",
    "attribution",
    "claimant_id",
    "claimant__name",
    "measure_id",
    "measure__label",
    "source_id",
    "source__publisher__name",
    "source__title",
    "source__authors",
    "source__published_on",
    "source__date_precision",
    "source__url",
    "source__archive_url",
    "source__language",
    "origin",
    "created_by__username",
    "created_at",
    "updated_at",
    "notes_count",
)


def _fingerprint() -> str:
    """A digest of the code and catalogues that choose and shape what a read answers: a read's
    ETag is a digest of the change stamp (factdb/api/conditional.py), which only writes move,
    so a deploy that changes which rows a read holds or how a row is written (a filter, a
    figure's wording, a translation) must change every ETag too."""
    root = Path(__file__).resolve().parents[2]
    # This package, the claims' models, selectors and search, the figures' wording, the
    # renderers and pages (factdb/api), the citation's date (sources/models.py) and the
    # translations.
    files = [*sorted((root / "claims" / "api").glob("*.py"))]
    files += sorted((root / "claims").glob("*.py"))
    files += sorted((root / "claims" / "figures").glob("*.py"))
    files += sorted((root / "factdb" / "api").glob("*.py"))
    files += [root / "sources" / "models.py"]
    files += sorted((root / "locale").glob("*/LC_MESSAGES/django.mo"))
    hashed = hashlib.blake2b(digest_size=8)
    for file in files:
        if file.exists():
            hashed.update(file.read_bytes())
    return hashed.hexdigest()


SHAPED_BY = _fingerprint()


def claim_etag(request, stamp, record: str = "", **where) -> str:
    """A claim read's ETag: the list's '"<digest>"' or, with `record` ("12-3"), the detail's
    '"12-3.<digest>"', from the change stamp read before the rows (factdb/api/conditional.py)
    and the code that shapes them, so a 304 reads and shapes no row."""
    return stamp_etag(request, stamp, SHAPED_BY, record=record, **where)


def _tagged(rows):
    """`rows` with their tag names: PostgreSQL's rows carry them; elsewhere they are read once
    and put in each row (`tag_names`), where represent_claims() finds them too."""
    if rows and "tag_names" not in rows[0]:
        tags = tags_by_claim([row["id"] for row in rows])
        for row in rows:
            row["tag_names"] = tags.get(row["id"], [])
    return rows


def claim_rows(queryset):
    """`queryset` (claims annotated with `notes_count`) as dicts of COLUMNS, in one query; on
    PostgreSQL each row also carries its tag names (`tag_names`), from an array subquery."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset.values(*COLUMNS)
    names = Tag.objects.filter(claims=OuterRef("pk")).order_by("name", "pk").values("name")
    return queryset.annotate(tag_names=ArraySubquery(names)).values(*COLUMNS, "tag_names")


def tags_by_claim(claim_ids) -> dict[int, list[str]]:
    """Tag names per claim, in the tags' own order (by name), for one page in one query."""
    tags: dict[int, list[str]] = {}
    links = (
        Claim.tags.through.objects.filter(claim_id__in=claim_ids)
        .order_by("tag__name", "tag_id")
        .values_list("claim_id", "tag__name")
    )
    for claim_id, name in links:
        tags.setdefault(claim_id, []).append(name)
    return tags


def represent_claims(rows, request, language: str = "en") -> list[dict]:
    """The page's rows as ClaimSerializer would give them to this request's reader, the figure
    and the citation's date written in `language` (the API passes the active one: "es-MX")."""
    public = request is not None and reads_publicly(request)
    spoken = (figure_language(language), language)
    return [_represent(row, row["tag_names"], public, spoken) for row in _tagged(rows)]


def _represent(row: dict, tags: list[str], public: bool, spoken: tuple[str, str]) -> dict:
    claim = {
        "id": row["id"],
        "etag": etag(row["id"], row["version"]),
        "figure": _figure(
            _exact(row["value"]),
            row["hedge"],
            row["unit"],
            _exact(row["value_low"]),
            _exact(row["value_high"]),
            row["currency"] or None,
            row["rate_period"] or None,
            spoken[0],
        ),
        "quote": row["quote"],
        "quote_start": row["quote_start"],
        "quote_end": row["quote_end"],
        "summary": row["summary"],
        "value": plain_number(row["value"]),
        "hedge": row["hedge"],
        "value_low": plain_number(row["value_low"]),
        "value_high": plain_number(row["value_high"]),
        "unit": row["unit"],
        "currency": row["currency"],
        "rate_period": row["rate_period"],
        "unit_family": row["unit_family"],
        "value_normalised": plain_number(row["value_normalised"]),
        "claim_date": _date(row["claim_date"]),
        "period_start": _date(row["period_start"]),
        "period_end": _date(row["period_end"]),
        "place": row["place"],
        "status": row["status"],
        "attribution": row["attribution"],
        "claimant": row["claimant_id"],
        "claimant_name": row["claimant__name"],
        "measure": row["measure_id"],
        "measure_label": row["measure__label"],
        "tags": tags,
        "source": row["source_id"],
        "citation": {
            "id": row["source_id"],
            "publisher": row["source__publisher__name"],
            "title": row["source__title"],
            "authors": row["source__authors"],
            "published_on": _date(row["source__published_on"]),
            "date_precision": row["source__date_precision"],
            "published": _published(
                row["source__published_on"], row["source__date_precision"], spoken[1]
            ),
            "url": row["source__url"],
            "archive_url": row["source__archive_url"],
            "language": row["source__language"],
        },
        "notes_count": row["notes_count"],
        "origin": row["origin"],
        "created_by": row["created_by__username"],
        "created_at": _timestamp(row["created_at"]),
        "updated_at": _timestamp(row["updated_at"]),
        "version": row["version"],
    }
    if public:
        for name in ClaimSerializer.private_fields:  # HideFromAnonymous's rule, for plain rows
            del claim[name]
    return claim


@functools.lru_cache(maxsize=65536)
def _figure(value, hedge, unit, low, high, currency, per, language) -> str:
    """format_figure(), written once per figure and language tag (claims.figures is pure; the
    tag carries the region and the thousands style): a page re-read after a write elsewhere
    shows the same figures, and writing one took a quarter of a claim detail's shaping."""
    return format_figure(
        value, hedge, unit, low=low, high=high, currency=currency, per=per, language=language
    )


def _exact(number) -> str | None:
    # The number as text: Decimal("13.6") == Decimal("13.60") would share a cache entry.
    return None if number is None else str(number)


# A date in Spanish is written under translation.override, twice the cost of the row; a page
# holds few distinct (date, precision, language), so each is written once.
_published = functools.lru_cache(maxsize=4096)(format_date_with_precision)


def _date(value):
    return None if value is None else value.isoformat()


def _timestamp(value):
    # As DRF's DateTimeField writes it: in the site's time zone, with "Z" for UTC.
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
