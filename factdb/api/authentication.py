"""API tokens: they expire, and a request reads its token, user and permissions in one query
(with the change stamp that conditional reads digest, factdb/api/conditional.py), or, for a
token it has read before, only two stamps.

A token works FACTDB_TOKEN_TTL_DAYS from when it was made. A revoked (deleted) token, a
deactivated user or a removed role stops working at the next request. What is saved is work:
- DRF's lookup (token joined to user) and Django's permission read (a second query) are one
  statement here, written once per database and kept by the connection as a prepared statement
  on PostgreSQL, so the ORM compiles nothing per request.
- Each process keeps the readers it has read (up to KEPT), with the auth stamp they were read
  at (factdb/auth_stamp.py: triggers change it at every write to tokens, users, groups and
  permissions). A kept token's request reads the auth stamp and the change stamp only; if the
  auth stamp is the one its reader was read at, nothing about who may do what has changed since,
  and the kept reader answers (a user object of its own for each request). Otherwise the reader
  is read again in full, in a second statement. Half of the full statement's time on the
  server went to the permissions; the kept reader also saves building the row in Python.

Kept apart from the token views (factdb/api/tokens.py): DRF imports the authentication classes
while it loads its views, so this module must not import them back.
"""

import datetime
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from factdb.auth_stamp import STAMP as AUTH_STAMP


def expires_at(token) -> datetime.datetime:
    return _expiry(token.created)


def has_expired(token) -> bool:
    return created_long_ago(token.created)


def created_long_ago(created: datetime.datetime) -> bool:
    """Whether a token created at `created` has expired (FACTDB_TOKEN_TTL_DAYS)."""
    return _expiry(created) <= timezone.now()


def _expiry(created: datetime.datetime) -> datetime.datetime:
    return created + datetime.timedelta(days=settings.FACTDB_TOKEN_TTL_DAYS)


# The user's permissions as "app_label.codename", as Django's ModelBackend reads them: all of
# them for a superuser, else their own and their groups'. {aggregate} wraps it per database.
PERMISSIONS = """
    SELECT ct.app_label || '.' || p.codename AS name
    FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id
    WHERE u.is_superuser
       OR p.id IN (SELECT up.permission_id FROM auth_user_user_permissions up
                   WHERE up.user_id = u.id)
       OR p.id IN (SELECT gp.permission_id FROM auth_group_permissions gp
                   JOIN auth_user_groups ug ON ug.group_id = gp.group_id
                   WHERE ug.user_id = u.id)
"""
AGGREGATE = {
    "postgresql": f"ARRAY({PERMISSIONS})",
    # A newline cannot occur in an app label or a permission codename.
    "sqlite": f"(SELECT group_concat(name, char(10)) FROM ({PERMISSIONS}))",
}


# Readers kept by this process: (database alias, key) -> (auth stamp, the user's field values,
# permissions, the token's creation). At most KEPT; when full, the first kept goes.
KEPT = 2048
_kept: dict = {}


@functools.cache
def _statement(vendor: str) -> tuple[str, list, list]:
    """(SQL, the user's field names, each column's converters as the ORM applies them)."""
    user_fields = get_user_model()._meta.concrete_fields
    columns = ", ".join(f"u.{connection.ops.quote_name(f.column)}" for f in user_fields)
    # The change stamp rides along (factdb/api/conditional.py): read before any row the
    # request reads, in the same round trip.
    sql = (
        f"SELECT t.created, {columns}, {AGGREGATE[vendor]}, {AUTH_STAMP[vendor]}, "
        f"{settings.FACTDB_CHANGE_STAMP}"
        "{along} FROM authtoken_token t JOIN auth_user u ON u.id = t.user_id{join} "
        "WHERE t.key = %s"
    )
    cols = [Token._meta.get_field("created").get_col("t")]
    cols += [f.get_col("u") for f in user_fields]
    converters = [
        [
            (c, col)
            for c in connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        ]
        for col in cols
    ]
    return sql, [f.attname for f in user_fields], converters


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication in one query, refusing a token older than
    FACTDB_TOKEN_TTL_DAYS."""

    def authenticate_credentials(self, key, along=None):
        """`along`: (SQL, parameters, finish) of a read of at most one row that needs no user,
        run in the same statement (a claim detail: one round trip); the token's `along` is what
        `finish` makes of its row (a list of none or one)."""
        # The connection itself, looked up once: each use of django.db.connection looks it up.
        db = connections[DEFAULT_DB_ALIAS]
        if db.vendor not in AGGREGATE or get_user_model()._meta.db_table != "auth_user":
            user, token = super().authenticate_credentials(key)
        else:
            user, token = self._read(db, key, along)
        if has_expired(token):
            raise exceptions.AuthenticationFailed(
                _(
                    "This token has expired: POST your username and password to "
                    "/api/v1/auth/token/ for a new one."
                )
            )
        return user, token

    @staticmethod
    def _read(db, key, along=None):
        kept = _kept.get((db.alias, key))
        found = None if kept is None else _read_kept(db, key, kept, along)
        return _read_in_full(db, key, along) if found is None else found


def stamps_sql(vendor: str) -> str:
    """The statement that reads the auth stamp and the change stamp, in that order."""
    return f"SELECT {AUTH_STAMP[vendor]}, {settings.FACTDB_CHANGE_STAMP}"


def _read_kept(db, key, kept, along):
    """The kept reader of `key`, in a statement that reads the two stamps (and `along`), or None
    if the auth stamp has moved since it was read (it is then read again in full)."""
    if along is None:
        sql, params = stamps_sql(db.vendor), []
    else:
        sql = f"{stamps_sql(db.vendor)}, a.* FROM (SELECT 1) o LEFT JOIN ({along[0]}) a ON 1 = 1"
        params = along[1]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        auth, stamp, *read = cursor.fetchone()
    if auth != kept[0]:
        _kept.pop((db.alias, key), None)
        return None
    return _reader(db, key, *kept, stamp, along, read)


def _read_in_full(db, key, along):
    """The token, its user and permissions and both stamps (and `along`) in one statement; the
    reader is kept for the next request."""
    sql, names, converters = _statement(db.vendor)
    if along is None:
        sql, params = sql.format(along="", join=""), [key]
    else:
        join = f" LEFT JOIN ({along[0]}) a ON 1 = 1"
        sql, params = sql.format(along=", a.*", join=join), [*along[1], key]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise exceptions.AuthenticationFailed(_("Invalid token."))
    columns = len(converters)
    read, row = row[columns + 3 :], row[: columns + 3]
    # The database's own values, converted as the ORM would (SQLite stores text).
    values = [_convert(db, v, c) for v, c in zip(row[:columns], converters, strict=True)]
    created, (permissions, auth, stamp) = values[0], row[columns:]
    if isinstance(permissions, str):
        permissions = permissions.split("\n")
    permissions = frozenset(permissions or ())
    user, token = _reader(db, key, auth, values[1:], permissions, created, stamp, along, read)
    if not user.is_active:
        raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
    _keep((db.alias, key), (auth, values[1:], permissions, created))
    return user, token


def _reader(db, key, auth, values, permissions, created, stamp, along, read):
    """(user, token) as the request carries them: objects of its own, from the values read; the
    token carries both stamps (`auth_stamp`, `change_stamp`) it was read at."""
    names = _statement(db.vendor)[1]
    user = get_user_model().from_db(db.alias, names, values)
    # What factdb.auth.ModelBackend would read for this request, read with the token.
    user._perm_cache = set(permissions)
    token = Token.from_db(db.alias, ["key", "user_id", "created"], [key, user.pk, created])
    token.user = user
    token.auth_stamp, token.change_stamp = auth, stamp
    if along is not None:
        token.along = along[2]([] if all(value is None for value in read) else [read])
    return user, token


def _keep(where, reader) -> None:
    _kept.pop(where, None)
    if len(_kept) >= KEPT:
        try:
            del _kept[next(iter(_kept))]
        except (StopIteration, KeyError, RuntimeError):  # another thread took it first
            pass
    _kept[where] = reader


def _convert(db, value, converters):
    for converter, expression in converters:
        value = converter(value, expression, db)
    return value
