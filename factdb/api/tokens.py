"""API tokens that expire, can be rotated and revoked, and are handed out at a throttled rate.

- POST   /api/v1/auth/token/          username + password -> {"token", "expires"} (a live token is
                                      given again; an expired one is replaced)
- POST   /api/v1/auth/token/rotate/   with a token: a new one, and the old one stops working
- DELETE /api/v1/auth/token/          with a token: it stops working at once (204)

A token lives FACTDB_TOKEN_TTL_DAYS from when it was made. Requests for tokens are throttled per
client address (FACTDB_THROTTLE_LOGIN, shared with the admin's login form) on top of
django-axes' lockout of a username after repeated failures, so guessing across many usernames
is slow too.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from factdb.api.authentication import ExpiringTokenAuthentication, expires_at, has_expired
from factdb.api.renderers import JSONRenderer
from factdb.middleware import PasswordTriesThrottle

TOKEN_ANSWER = inline_serializer(
    "TokenAnswer",
    {"token": serializers.CharField(), "expires": serializers.DateTimeField()},
)


def answer(token: Token, code: int = status.HTTP_200_OK) -> Response:
    return Response({"token": token.key, "expires": expires_at(token)}, status=code)


def token_create(*, user) -> Token:
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


class TokenView(ObtainAuthToken):
    # The API's own parsers and renderer (DRF's token view has its own): deep nesting and lone
    # surrogates are a 400 here as everywhere else.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    renderer_classes = [JSONRenderer]
    throttle_classes = [PasswordTriesThrottle]

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={200: TOKEN_ANSWER},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token = Token.objects.filter(user=user).first()
        if token is None or has_expired(token):
            token = token_create(user=user)
        return answer(token)

    @extend_schema(
        request=None, responses={204: OpenApiResponse(description=gettext_lazy("Revoked."))}
    )
    def delete(self, request, *args, **kwargs):
        token = self._callers_token(request)
        token.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_authenticators(self):
        # Asking for a token takes a password, whatever (expired) token the client still sends;
        # revoking takes the token itself, not a browser's session cookie.
        if getattr(self.request, "method", None) == "DELETE":
            return [ExpiringTokenAuthentication()]
        return []

    @staticmethod
    def _callers_token(request) -> Token:
        if not isinstance(request.auth, Token):
            raise exceptions.NotAuthenticated(_("Send the token to revoke: Authorization: Token …"))
        return request.auth


@extend_schema(
    description=gettext_lazy("A new token for the caller's; the old one stops working at once.")
)
class TokenRotateView(APIView):
    authentication_classes = [ExpiringTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [JSONRenderer]

    @extend_schema(request=None, responses={201: TOKEN_ANSWER})
    def post(self, request, *args, **kwargs):
        return answer(token_create(user=request.user), status.HTTP_201_CREATED)
