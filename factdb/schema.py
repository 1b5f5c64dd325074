"""What the OpenAPI schema says beyond what drf-spectacular infers from the views.

`document_errors` (a postprocessing hook, see SPECTACULAR_SETTINGS) adds the error answers every
operation can give, so a client generated from the schema (and `make fuzz`, which checks every
status code against it) knows them: 400 for bad input, 401/403 for who may do what, 404, 414, 429
when throttled or locked out; writes may also answer 409, 412, 413, 415 and 428. The body is
DRF's: {"detail": "…"}, or {"field": ["message", …]} for a field's problems.

It also says that the URL fields we keep blank-able (a publisher's homepage, an archive URL, a
note's evidence URL) may be "", which is not a URI.

Everything the schema says is in the reader's language (issue 20): these texts are marked for
translation, and factdb.api.autoschema keeps docstrings (notes in English for the code's
readers) out of it.
"""

from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularSwaggerSplitView

ERROR = {
    "type": "object",
    "description": _(
        'Either {"detail": "what went wrong"} or {"field": ["what is wrong with it"]}.'
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ALWAYS = {
    "400": _("The request is malformed: a query parameter, a cursor or a field is invalid."),
    "401": _("No valid credentials (send Authorization: Token …)."),
    "403": _("Signed in, but this role may not do this."),
    "404": _("No such object, or not one this user may see."),
    "414": _("The URL is too long (the server's limit, e.g. gunicorn's 4,094-byte request line)."),
    "429": _("Too many requests, or too many failed logins: retry after Retry-After seconds."),
}
WRITES = {
    "409": _("Conflicts with data already stored (e.g. already retracted, a unique name)."),
    "412": _("If-Match is stale: the object changed since it was read."),
    "413": _("The request body is over the size limit."),
    "415": _("The body's Content-Type is not one the API reads."),
    "428": _("The write needs If-Match with the ETag last read."),
}
BLANK_URL_FIELDS = {"homepage", "archive_url", "evidence_url"}


TOKEN_AUTH = _(
    'Token-based authentication: send "Authorization: Token <key>", the key from '
    "/api/v1/auth/token/."
)


def in_readers_language(result, generator, request, public):
    """The texts drf-spectacular writes from settings or its own strings, in the reader's
    language: the API's title and description (SPECTACULAR_SETTINGS marks them with
    gettext_noop, settings load before any catalogue) and the token scheme's description."""
    info = result.setdefault("info", {})
    for key in ("title", "description"):
        if info.get(key):
            info[key] = gettext(info[key])
    schemes = result.get("components", {}).get("securitySchemes", {})
    for scheme in schemes.values():
        if scheme.get("in") == "header" and scheme.get("name") == "Authorization":
            scheme["description"] = str(TOKEN_AUTH)
    return result


def document_errors(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
        **ERROR,
        "description": str(ERROR["description"]),
    }
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            answers = {**ALWAYS, **(WRITES if method != "get" else {})}
            responses = operation.setdefault("responses", {})
            for code, description in answers.items():
                responses.setdefault(code, {"description": str(description), "content": error})
    for schema in result["components"]["schemas"].values():
        for name, prop in schema.get("properties", {}).items():
            if name in BLANK_URL_FIELDS and prop.get("format") == "uri":
                del prop["format"]
                blank = gettext("A URL, or empty.")
                prop["description"] = f"{prop.get('description', '')} {blank}".strip()
    return result


class SwaggerUIView(SpectacularSwaggerSplitView):
    """Swagger UI, whose OPTIONS answers which methods it takes: DRF's default OPTIONS describes
    the view through the page's HTML renderer, which has no template for that (a 500)."""

    def options(self, request, *args, **kwargs):
        return HttpResponse(headers={"Allow": "GET, HEAD, OPTIONS"})
