"""Shared reads of claims: which claims a reader may see, and full-text search.

Search runs over a claim's quote and summary.

On PostgreSQL the query runs against the stored, GIN-indexed `search_vector` column that
claims/migrations/0002_search_vector.py generates, with web-search syntax ("national guard",
-mexico, troops OR soldiers). SQLite has no tsvector: there every word must appear, in any
case, in the quote or the summary.
"""

import re

from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from claims.agreement.comparison import conflicting_claim_ids
from claims.models import Claim, Status

# Letters and digits only: to_tsquery gives & | ! ( ) : * < > their own meaning.
WORD = re.compile(r"\w+")

# Longer than any real question, short enough that a parser cannot be made to chew on megabytes.
QUERY_MAX_CHARS = 500


def search_claims(queryset, text: str, *, as_typed: bool = False):
    """Claims of `queryset` matching `text`; an empty or blank query filters nothing.

    `as_typed` is for a box that searches while someone types (the admin's claim pickers): the
    last word may be unfinished, so on PostgreSQL it matches as a prefix ("nation guar" finds
    "National Guard"), and the other words as words; no web-search syntax then.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    words = WORD.findall(text) if as_typed else text.split()
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        if as_typed:
            query, text = "to_tsquery('english'::regconfig, %s)", " & ".join(words) + ":*"
        else:
            query = "websearch_to_tsquery('english'::regconfig, %s)"
        table = queryset.model._meta.db_table
        # A subquery of its own: when `queryset` is itself used as a subquery (the conflicts
        # filter does), Django renames its table (V0), and a bare "claims_claim" would not
        # resolve. PostgreSQL still runs it as a semi-join on the GIN index.
        matching = RawSQL(f'SELECT "id" FROM "{table}" WHERE "search_vector" @@ {query}', (text,))
        return queryset.filter(pk__in=matching)
    condition = Q()
    for word in words:
        condition &= Q(quote__icontains=word) | Q(summary__icontains=word)
    return queryset.filter(condition)


def visible_claims(user):
    claims = Claim.objects.all()
    if not user.is_authenticated:
        claims = claims.filter(status=Status.VERIFIED)
    return claims


def listed_claims(user, params):
    """The claims a list or an ad-hoc export shows: the visible ones, without rejected proposals
    unless the query asks for statuses (`?status=rejected` finds them)."""
    claims = visible_claims(user)
    if "status" not in params:
        claims = claims.exclude(status=Status.REJECTED)
    return claims


def cited_by_visible_claims(queryset, user, claim_field: str):
    """Rows of `queryset` (sources, publishers, …) that a visible claim points to through
    `claim_field` (e.g. "source__publisher"); all of them for signed-in readers."""
    if user.is_authenticated:
        return queryset
    cited = visible_claims(user).filter(**{claim_field: OuterRef("pk")})
    return queryset.filter(Exists(cited))


def claims_in_conflict(claims):
    """The claims of `claims` that conflict with another claim on their measure
    (claims.agreement.comparison says when two figures conflict)."""
    return claims.filter(pk__in=conflicting_claim_ids(claims))
