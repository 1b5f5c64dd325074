"""API tokens expire: a token works FACTDB_TOKEN_TTL_DAYS from when it was made.

Kept apart from the token views (factdb/api/tokens.py): DRF imports the authentication classes
while it loads its views, so this module must not import them back.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def expires_at(token) -> datetime.datetime:
    return token.created + datetime.timedelta(days=settings.FACTDB_TOKEN_TTL_DAYS)


def has_expired(token) -> bool:
    return expires_at(token) <= timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than FACTDB_TOKEN_TTL_DAYS."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if has_expired(token):
            raise exceptions.AuthenticationFailed(
                _(
                    "This token has expired: POST your username and password to "
                    "/api/v1/auth/token/ for a new one."
                )
            )
        return user, token
