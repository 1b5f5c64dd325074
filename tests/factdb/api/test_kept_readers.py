"""Readers kept between requests (factdb/api/authentication.py) and the auth stamp that says when
they are stale (factdb/auth_stamp.py): a kept token's request reads two stamps, no token row,
and any change to who may do what, made any way, takes effect at the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from factdb import auth_stamp
from factdb.api import authentication
from factdb.api.authentication import ExpiringTokenAuthentication
from tests import factories

CLAIMS = "/api/v1/claims/"


def sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def view_claim() -> Permission:
    return Permission.objects.get(codename="view_claim", content_type__app_label="claims")


# Each a change to who may do what, and the status the next request answers with.
CHANGES = {
    "token revoked": (lambda user: Token.objects.filter(user=user).delete(), 401),
    "token deleted in raw SQL": (lambda user: sql("DELETE FROM authtoken_token"), 401),
    "user deactivated without save()": (
        lambda user: get_user_model().objects.filter(pk=user.pk).update(is_active=False),
        401,
    ),
    "user deleted in raw SQL": (
        lambda user: (
            sql("DELETE FROM authtoken_token"),
            sql("DELETE FROM auth_user_groups"),
            sql("DELETE FROM auth_user WHERE id = %s", user.pk),
        ),
        401,
    ),
    "role removed": (lambda user: user.groups.clear(), 403),
    "role's permission removed": (
        lambda user: Group.objects.get(name="Journalists").permissions.remove(view_claim()),
        403,
    ),
    "role's permission removed in raw SQL": (
        lambda user: sql(
            "DELETE FROM auth_group_permissions WHERE permission_id = %s", view_claim().pk
        ),
        403,
    ),
    "permission deleted": (lambda user: view_claim().delete(), 403),
}


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("poll", [False, True], ids=["read", "poll"])
def test_a_change_to_who_may_read_takes_effect_at_the_next_request(
    journalist_api, journalist, claim, change, poll
):
    make, status = CHANGES[change]
    first = journalist_api.get(CLAIMS)
    assert first.status_code == 200
    assert journalist_api.get(CLAIMS).status_code == 200  # a kept reader's request
    headers = {"HTTP_IF_NONE_MATCH": first["ETag"]} if poll else {}
    assert journalist_api.get(CLAIMS, **headers).status_code == (304 if poll else 200)
    make(journalist)
    assert journalist_api.get(CLAIMS, **headers).status_code == status


def test_a_kept_readers_request_reads_the_stamps_and_no_token_row(journalist_api, claim):
    assert journalist_api.get(CLAIMS).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert journalist_api.get(CLAIMS).status_code == 200
    assert "factdb_auth_stamp" in again[0]["sql"]
    assert not any("authtoken_token" in query["sql"] for query in again)


def test_a_permission_given_is_there_at_the_next_request(journalist):
    key = Token.objects.create(user=journalist).key
    read = ExpiringTokenAuthentication().authenticate_credentials
    assert not read(key)[0].has_perm("claims.change_claim")
    sql("UPDATE auth_user SET is_superuser = true WHERE id = %s", journalist.pk)
    assert read(key)[0].has_perm("claims.change_claim")
    sql("UPDATE auth_user SET username = 'josefina' WHERE id = %s", journalist.pk)
    assert read(key)[0].username == "josefina"


def test_a_kept_token_still_expires(journalist_api, claim, settings):
    assert journalist_api.get(CLAIMS).status_code == 200
    settings.FACTDB_TOKEN_TTL_DAYS = 0  # no write: the kept reader's token is simply too old
    answer = journalist_api.get(CLAIMS)
    assert answer.status_code == 401
    assert "expired" in answer.json()["detail"]


def test_each_request_gets_a_user_of_its_own(journalist):
    key = Token.objects.create(user=journalist).key
    read = ExpiringTokenAuthentication().authenticate_credentials
    first, token = read(key)
    first.first_name = "changed in one request"
    first._perm_cache.add("claims.delete_claim")
    second, again = read(key)
    assert second is not first and again is not token
    assert second.first_name == journalist.first_name
    assert not second.has_perm("claims.delete_claim")


def test_readers_kept_are_bounded(db, monkeypatch):
    monkeypatch.setattr(authentication, "KEPT", 2)
    monkeypatch.setattr(authentication, "_kept", {})
    read = ExpiringTokenAuthentication().authenticate_credentials
    keys = [Token.objects.create(user=factories.user(f"reader-{n}")).key for n in range(4)]
    for key in keys:
        read(key)
    assert len(authentication._kept) == 2
    assert [key for _, key in authentication._kept] == keys[2:]
    assert read(keys[0])[0].username == "reader-0"  # read in full again


# One write of each kind the stamp counts, in raw SQL (what no Django code sees).
WRITES = {
    "authtoken_token": "UPDATE authtoken_token SET created = created",
    "auth_user": "UPDATE auth_user SET email = 'new@example.org'",
    "auth_user_groups": "DELETE FROM auth_user_groups",
    "auth_user_user_permissions": "INSERT INTO auth_user_user_permissions (user_id, permission_id) "
    "SELECT u.id, p.id FROM auth_user u, auth_permission p WHERE p.codename = 'view_claim'",
    "auth_group": "UPDATE auth_group SET name = name || ' (renamed)'",
    "auth_group_permissions": "DELETE FROM auth_group_permissions",
    "auth_permission": "UPDATE auth_permission SET name = name",
    "django_content_type": "UPDATE django_content_type SET model = model",
}


@pytest.mark.parametrize("table", WRITES)
def test_every_write_to_who_may_do_what_changes_the_stamp(journalist, table):
    Token.objects.create(user=journalist)
    before = auth_stamp.read(connection)
    sql(WRITES[table])
    assert auth_stamp.read(connection) != before


def test_a_login_does_not_change_the_stamp(client, journalist):
    before = auth_stamp.read(connection)
    client.force_login(journalist)
    get_user_model().objects.filter(pk=journalist.pk).update(last_login=timezone.now())
    assert auth_stamp.read(connection) == before


def test_a_rolled_back_change_never_brings_back_an_earlier_stamp(journalist):
    """Equal stamps must mean nothing changed: a change rolled back returns the stamp to what it
    was, and the next change gives a stamp never seen before (not the rolled-back one)."""
    start = auth_stamp.read(connection)
    with pytest.raises(RuntimeError), transaction.atomic():
        journalist.groups.clear()
        inside = auth_stamp.read(connection)
        raise RuntimeError("rolled back")
    assert auth_stamp.read(connection) == start
    journalist.groups.add(Group.objects.get(name="Editors"))
    assert auth_stamp.read(connection) not in (start, inside)


def test_the_stamp_can_be_removed_and_made_again(journalist):
    auth_stamp.uninstall(connection)
    assert "factdb_auth_stamp" not in connection.introspection.table_names()
    journalist.groups.clear()  # no trigger is left to fail the write
    auth_stamp.install(connection)
    before = auth_stamp.read(connection)
    sql(WRITES["auth_user_user_permissions"])
    assert auth_stamp.read(connection) != before


def test_after_migrations_a_trigger_a_sqlite_table_rebuild_dropped_is_back(journalist):
    if connection.vendor == "sqlite":
        sql("DROP TRIGGER factdb_auth_stamp_auth_user_update")
    auth_stamp.ensure(connection)
    before = auth_stamp.read(connection)
    sql("UPDATE auth_user SET is_active = false")
    assert auth_stamp.read(connection) != before
