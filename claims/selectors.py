"""Shared reads of claims: which claims a reader may see, and full-text search.

Search covers a claim's quote, summary, source title, publisher and claimant names, and its
figure in digits (claims/fulltext.py builds and keeps the index on both databases). The query is
what people type into a search engine, on both databases alike:

    national guard           both words (stemmed: "troops" finds "troop")
    "eagle pass"             the phrase
    troops OR soldiers       either (OR binds closer than the spaces around it)
    troops -army             troops, and not army
    6000                     also "6,000" and "6 mil": the figure is indexed as digits

PostgreSQL reads it with websearch_to_tsquery, once in each language's configuration against
that language's claims (claims of Spanish sources are stemmed as Spanish); SQLite translates it
to an FTS5 query.
"""

import re

from django.db import connections
from django.db.models import BooleanField, Exists, F, Func, OuterRef
from django.db.models.expressions import RawSQL

from claims.agreement.comparison import conflicting_claim_ids
from claims.fulltext import is_phrase_query, search_sql
from claims.models import Claim, Status

# Letters and digits only: to_tsquery gives & | ! ( ) : * < > their own meaning.
WORD = re.compile(r"\w+")
# A web-search query's parts: -"a phrase", "a phrase", -word, word (quotes may be left open).
TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')

# Longer than any real question, short enough that a parser cannot be made to chew on megabytes.
QUERY_MAX_CHARS = 500


# search_claims(phrase_ids=PROBE): look the phrase up now (see _few_phrase_matches).
PROBE = object()


def search_claims(queryset, text: str, *, as_typed: bool = False, phrase_ids=PROBE):
    """Claims of `queryset` matching `text`; an empty or blank query filters nothing.

    `as_typed` is for a box that searches while someone types (the admin's claim pickers): the
    last word may be unfinished, so it matches as a prefix ("nation guar" finds "National
    Guard"), and the other words as words; no web-search syntax then.

    `phrase_ids`, for a phrase query on PostgreSQL, is what phrase_probe() answered for it,
    when the caller asked already (claims/api/compiled_filters.py).
    """
    text = (text or "").strip()
    if not text:
        return queryset
    words = WORD.findall(text) if as_typed else text.split()
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset, text, words, as_typed, phrase_ids)
    return _search_sqlite(queryset, text, words, as_typed)


def phrase_probe(using: str, text: str) -> list[int] | None:
    """For a phrase query on PostgreSQL: the ids of every claim it matches, if few (see
    _few_phrase_matches); None if many."""
    conditions, params = search_sql(text.strip(), phrase=True)
    return _few_phrase_matches(using, Claim._meta.db_table, conditions, params)


def _search_postgresql(queryset, text, words, as_typed, phrase_ids=PROBE):
    if as_typed:
        parse, text = "to_tsquery", " & ".join(words) + ":*"
    else:
        parse = "websearch_to_tsquery"
    phrase = not as_typed and is_phrase_query(text)
    conditions, params = search_sql(text, parse=parse, phrase=phrase)
    table = queryset.model._meta.db_table
    if phrase:
        ids = phrase_ids
        if ids is PROBE:
            ids = _few_phrase_matches(queryset.db, table, conditions, params)
        if ids is not None:
            return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    # On the claims' own column, not a subquery of the table: a semi-join of claims_claim with
    # itself tripled PostgreSQL's planning (10 ms against 2 ms for a page of 50, every request:
    # filtered reads are planned for their own values). The column resolves to whatever alias
    # Django gives the table (V0 when `queryset` is itself a subquery, as the conflicts filter
    # makes it).
    return queryset.filter(_Matches(F("pk"), conditions=conditions, params=params))


class _Matches(Func):
    """`conditions` (written over "search_vector") as a condition on the search_vector column
    of the query's claims table, found beside its primary key (search_vector is no model
    field: the database's trigger writes it)."""

    output_field = BooleanField()

    def __init__(self, column, *, conditions, params):
        super().__init__(column)
        self.conditions, self.params = conditions, params

    def as_sql(self, compiler, connection, **extra):
        pk, pk_params = compiler.compile(self.source_expressions[0])
        assert not pk_params and pk.endswith('."id"'), pk
        column = pk[: -len('"id"')] + '"search_vector"'
        return "(" + self.conditions.replace('"search_vector"', column) + ")", list(self.params)


# A phrase matching at most this many claims is looked up first, then its claims by id.
PHRASE_PROBE_LIMIT = 2000


def _few_phrase_matches(using, table, conditions, params) -> list[int] | None:
    """The ids of every claim a phrase query matches, if there are at most PHRASE_PROBE_LIMIT;
    None if there are more.

    PostgreSQL estimates a phrase ("border patrol") as both words anywhere in the claim, often
    ten times the claims that hold the phrase; at a million claims it then walks the claims in
    date order, rechecking each one for the phrase, to find a page of 50 that are not there:
    1 s, against 40 ms for this lookup of the GIN index (bench/RESULTS.md). Given the exact
    ids, the page is read by primary key and sorted. A phrase more common than the limit keeps
    the one query: its matches are dense, and walking the dates finds a page quickly.
    """
    sql = f'SELECT "id" FROM "{table}" WHERE {conditions} LIMIT {PHRASE_PROBE_LIMIT + 1}'
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) <= PHRASE_PROBE_LIMIT else None


def _search_sqlite(queryset, text, words, as_typed):
    if as_typed:
        terms = [_fts_string(w) for w in words]
        terms[-1] += "*"
        return queryset.filter(pk__in=_fts_matching(" AND ".join(terms)))
    wanted, unwanted = fts5_query(text)
    if wanted is None and not unwanted:
        return queryset.none()
    if wanted is not None:
        queryset = queryset.filter(pk__in=_fts_matching(wanted))
    if unwanted:
        queryset = queryset.exclude(pk__in=_fts_matching(" OR ".join(unwanted)))
    return queryset


def fts5_query(text: str) -> tuple[str | None, list[str]]:
    """A web-search query as (an FTS5 query of what must match, the terms that must not).

    Every term is quoted, so FTS5 reads nothing in it as syntax ("6,000" is the phrase 6 000);
    terms with no letter or digit are dropped, as websearch_to_tsquery drops them.
    """
    groups, unwanted, join_next = [], [], False
    for match in TERM.finditer(text):
        quoted = match[2] is not None
        negative, term = (match[1], match[2]) if quoted else (match[3], match[4])
        if term == "OR" and not negative and not quoted:
            join_next = bool(groups)
            continue
        if not WORD.search(term):
            continue
        if negative:
            unwanted.append(_fts_string(term))
        elif join_next:
            groups[-1].append(_fts_string(term))
        else:
            groups.append([_fts_string(term)])
        join_next = False
    wanted = " AND ".join(f"({' OR '.join(g)})" if len(g) > 1 else g[0] for g in groups)
    return wanted or None, unwanted


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_matching(expression: str) -> RawSQL:
    sql = "SELECT rowid FROM claims_claim_fts WHERE claims_claim_fts MATCH %s"
    return RawSQL(sql, (expression,))


def visible_claims(user):
    claims = Claim.objects.all()
    if not user.is_authenticated:
        claims = claims.filter(status=Status.VERIFIED)
    return claims


def listed_claims(user, params):
    """The claims a list or an ad-hoc export shows: the visible ones, without rejected proposals
    unless the query asks for statuses (`?status=rejected` finds them)."""
    return visible_claims(user).listed(statuses_asked="status" in params)


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


def same_figure_and_quote(*, source, quote: str, value, unit: str = "", exclude_pk=None):
    """Ids of the source's claims with this quote, value and unit (its case aside): a claim
    recorded twice."""
    claims = Claim.objects.filter(source=source, quote=quote, value=value, unit__iexact=unit)
    if exclude_pk is not None:
        claims = claims.exclude(pk=exclude_pk)
    return list(claims.order_by("pk").values_list("pk", flat=True)[:5])
