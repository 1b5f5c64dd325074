"""API tokens expire after FACTDB_TOKEN_TTL_DAYS, and their owner can rotate or revoke them."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

TOKEN = "/api/v1/auth/token/"
ROTATE = "/api/v1/auth/token/rotate/"
CLAIMS = "/api/v1/claims/"


def with_token(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def age(token, days):
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=days))


@pytest.fixture
def token(editor):
    return Token.objects.create(user=editor)


def test_the_token_answer_says_when_it_expires(client, editor, settings):
    settings.FACTDB_TOKEN_TTL_DAYS = 30
    response = client.post(TOKEN, {"username": "eddie", "password": "pw-for-tests-1"})

    assert response.status_code == 200
    expires = datetime.datetime.fromisoformat(response.json()["expires"])
    created = Token.objects.get(user=editor).created
    assert expires - created == datetime.timedelta(days=30)


def test_a_token_older_than_its_lifetime_is_refused(token, settings):
    settings.FACTDB_TOKEN_TTL_DAYS = 30
    age(token, 29)
    assert with_token(token.key).get(CLAIMS).status_code == 200

    age(token, 31)
    response = with_token(token.key).get(CLAIMS)

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_asking_again_after_expiry_gives_a_new_token(client, token):
    age(token, 365)
    response = client.post(TOKEN, {"username": "eddie", "password": "pw-for-tests-1"})

    assert response.status_code == 200
    assert response.json()["token"] != token.key
    assert with_token(response.json()["token"]).get(CLAIMS).status_code == 200


def test_an_expired_token_sent_along_does_not_stop_a_password_login(token):
    age(token, 365)
    response = with_token(token.key).post(
        TOKEN, {"username": "eddie", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 200


def test_rotating_gives_a_new_token_and_the_old_one_stops_at_once(token):
    response = with_token(token.key).post(ROTATE)

    assert response.status_code == 201
    new = response.json()["token"]
    assert new != token.key
    assert with_token(token.key).get(CLAIMS).status_code == 401
    assert with_token(new).get(CLAIMS).status_code == 200


def test_revoking_stops_the_token_at_once(token):
    client = with_token(token.key)
    assert client.get(CLAIMS).status_code == 200

    assert client.delete(TOKEN).status_code == 204

    assert client.get(CLAIMS).status_code == 401
    assert not Token.objects.filter(key=token.key).exists()


def test_rotating_or_revoking_needs_the_token(client, editor):
    client.force_login(editor)  # a session is not enough: the token is the credential
    assert client.delete(TOKEN).status_code == 401
    assert APIClient().post(ROTATE).status_code == 401


def test_the_revoke_tokens_command_revokes_a_users_tokens(token, editor):
    from django.core.management import call_command

    call_command("revoke_tokens", "eddie")

    assert with_token(token.key).get(CLAIMS).status_code == 401


def test_the_revoke_tokens_command_names_an_unknown_user(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="nobody"):
        call_command("revoke_tokens", "nobody")
