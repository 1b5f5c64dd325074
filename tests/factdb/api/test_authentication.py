"""A request reads its token, user and permissions in one query (factdb/api/authentication.py):
the same user and the same permissions Django's backends would give, read afresh each time."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.auth.models import User as DjangoUser
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from factdb.api.authentication import ExpiringTokenAuthentication
from factdb.auth import ModelBackend


def authenticate(user):
    key = Token.objects.get_or_create(user=user)[0].key
    return ExpiringTokenAuthentication().authenticate_credentials(key)


def django_permissions(user):
    return ModelBackend().get_all_permissions(DjangoUser.objects.get(pk=user.pk))


@pytest.mark.parametrize("who", ["journalist", "editor", "own_permission", "superuser"])
def test_the_permissions_read_with_the_token_are_djangos(db, journalist, editor, who):
    user = {"journalist": journalist, "editor": editor}.get(who)
    if who == "own_permission":
        user = DjangoUser.objects.create(username="one-right")
        user.user_permissions.add(Permission.objects.get(codename="view_claim"))
    elif who == "superuser":
        user = DjangoUser.objects.create(username="root", is_superuser=True)

    read, token = authenticate(user)
    assert read._perm_cache == django_permissions(user)
    assert read.has_perm("claims.view_claim")
    assert (read.pk, read.username, read.date_joined) == (user.pk, user.username, user.date_joined)
    assert token.user is read and token.created is not None


def test_an_inactive_user_or_an_unknown_token_is_refused(journalist):
    authenticate(journalist)
    journalist.is_active = False
    journalist.save()
    with pytest.raises(AuthenticationFailed, match="inactive"):
        authenticate(journalist)
    with pytest.raises(AuthenticationFailed, match="Invalid token"):
        ExpiringTokenAuthentication().authenticate_credentials("0" * 40)


def test_a_role_removed_between_two_requests_is_gone_at_the_second(journalist):
    assert authenticate(journalist)[0].has_perm("claims.view_claim")
    journalist.groups.clear()
    assert not authenticate(journalist)[0].has_perm("claims.view_claim")
