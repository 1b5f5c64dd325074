"""Request-level guards that apply to every view: the admin, the API and the exports."""

import ipaddress
import math

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from factdb.models import preferred_language
from factdb.throttling import PackedHistory


class RequestSizeLimitMiddleware:
    """Refuse bodies over FACTDB_MAX_BODY_BYTES with 413 before anything reads them.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE only guards form parsing, and answers 400; a JSON
    body sent to the API would otherwise be read whole into memory.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.FACTDB_MAX_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": _("Content-Length must be a number.")}, status=400)
        if length > limit:
            return JsonResponse(
                {
                    "detail": _("Request body is %(length)s bytes; the limit is %(limit)s bytes.")
                    % {"length": length, "limit": limit}
                },
                status=413,
            )
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user's own language (LanguagePreference, set in the admin) over the browser's.

    LocaleMiddleware has already picked the language from Accept-Language; this runs after
    authentication, so it can read whose request it is. API clients with a token are known only
    inside the view: they choose with Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = preferred_language(request.user)
        if chosen:
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TrustedProxyMiddleware:
    """REMOTE_ADDR becomes the client's address when the request comes through a trusted proxy.

    X-Forwarded-For is read from the right (each proxy appends the address it got the request
    from), skipping the trusted proxies; the first other address is the client. Requests from
    anyone else keep their own REMOTE_ADDR, whatever header they send.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = set(settings.FACTDB_TRUSTED_PROXIES)

    def __call__(self, request):
        if self.trusted and request.META.get("REMOTE_ADDR") in self.trusted:
            client = self.client_address(request.META.get("HTTP_X_FORWARDED_FOR", ""))
            if client is not None:
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)

    def client_address(self, forwarded: str) -> str | None:
        for hop in reversed([part.strip() for part in forwarded.split(",")]):
            try:
                address = str(ipaddress.ip_address(hop))
            except ValueError:
                return None  # a malformed chain: believe none of it
            if address not in self.trusted:
                return address
        return None


class PasswordTriesThrottle(PackedHistory, SimpleRateThrottle):
    """Password tries per client address, signed in or not: the API's token requests and the
    admin's login form share DEFAULT_THROTTLE_RATES["login"] (FACTDB_THROTTLE_LOGIN)."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginThrottleMiddleware:
    """The admin's login form, throttled per address like the token endpoint: django-axes locks
    a username after five failures, and this stops one address trying many usernames."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("admin:login"):
            throttle = PasswordTriesThrottle()
            if not throttle.allow_request(request, None):
                response = HttpResponse(
                    _("Too many login attempts from your address: wait a minute and try again."),
                    status=429,
                    content_type="text/plain",
                )
                response["Retry-After"] = str(math.ceil(throttle.wait() or 60))
                return response
        return self.get_response(request)


# Our pages load scripts only from our own origin (the admin, Swagger UI via drf-spectacular's
# separate init script). Inline styles stay allowed: the fact-sheet export is one self-contained
# HTML file with its stylesheet inside, and style injection cannot run code.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Send CONTENT_SECURITY_POLICY with every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.process_response(request, self.get_response(request))

    @staticmethod
    def process_response(request, response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def lockout_message() -> str:
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return _(
        "Too many failed logins for this username: try again in %(minutes)s minutes, or ask an "
        "administrator to unlock the account."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: JSON for the API, plain text for the admin."""
    retry_after = str(round(settings.AXES_COOLOFF_TIME * 3600))
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = HttpResponse(lockout_message(), status=429, content_type="text/plain")
    response["Retry-After"] = retry_after
    return response
