"""HTTP routes for fact sheets: list, detail (with published versions), exports, ad-hoc sheets.

Views stay thin: they check who may read what, pick the sheet or version, and hand the context to
a renderer. Published versions render from their stored context only. Anonymous readers (only
when the operator sets FACTDB_PUBLIC_READ) see published versions and verified claims only.
"""

import re

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from claims.api.filters import ClaimFilter
from claims.factsheets.context import build_context, public_context
from claims.factsheets.limits import SheetTooLarge, check_request_size, request_limit
from claims.factsheets.render_cache import cached_render, kept_render
from claims.factsheets.renderers import FORMATS, render
from claims.factsheets.serializers import FactSheetDetailSerializer, FactSheetSerializer
from claims.factsheets.tasks import render_version_later
from claims.models import FactSheet, FactSheetVersion
from claims.selectors import listed_claims
from factdb.api.filtering import PublicChoicesFilterBackend
from factdb.api.permissions import RolePermissions, reads_publicly
from factdb.api.query_params import KnownParametersOnly
from factdb.languages import SHEET_LANGUAGES, THOUSANDS, figure_language, supported

FORMAT_PARAMETER = OpenApiParameter(
    "fmt",
    str,
    OpenApiParameter.PATH,
    enum=list(FORMATS),
    description=gettext_lazy("The export format."),
)
EXPORT_RESPONSES = {
    **{
        (200, spec.content_type.split(";")[0]): (
            OpenApiTypes.BINARY
            if fmt == "pdf"
            else OpenApiTypes.OBJECT
            if "json" in spec.content_type
            else OpenApiTypes.STR
        )
        for fmt, spec in FORMATS.items()
    },
    202: OpenApiResponse(
        description=gettext_lazy(
            "A published version too large to render in a request: a background "
            "worker is rendering it; ask the same URL again after Retry-After seconds."
        )
    ),
    400: OpenApiResponse(
        description=gettext_lazy("A bad version number or filter, named in the body.")
    ),
    404: OpenApiResponse(description=gettext_lazy("No such sheet, version or format.")),
}


class ExportNegotiation(BaseContentNegotiation):
    """The format is in the path; an Accept header of application/pdf must not turn into a 406.
    Errors are still rendered as JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


def readable_sheets(request):
    sheets = FactSheet.objects.select_related("created_by").annotate(
        claim_count=Count("items", distinct=True)
    )
    if reads_publicly(request):
        sheets = sheets.filter(versions__isnull=False).distinct()
    return sheets.order_by("title", "pk")


class SheetView:
    permission_classes = [RolePermissions]
    public_read = True
    filter_backends = []

    def get_queryset(self):
        return readable_sheets(self.request)


class FactSheetList(SheetView, generics.ListAPIView):
    serializer_class = FactSheetSerializer


class FactSheetDetail(SheetView, generics.RetrieveAPIView):
    serializer_class = FactSheetDetailSerializer
    lookup_field = "slug"


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise NotFound(
            _("Unknown export format %(format)r; use one of: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(FORMATS)},
            code="unknown_format",
        )


def requested_version(request, sheet: FactSheet) -> FactSheetVersion | None:
    """`?version=N` picks a published version; anonymous readers get the latest one by default."""
    raw = request.query_params.get("version")
    if raw is None:
        if reads_publicly(request):
            latest = sheet.versions.order_by("-number").first()
            if latest is None:
                raise NotFound(_("This fact sheet has no published version yet."))
            return latest
        return None
    # ASCII digits only, and few of them: str.isdigit() accepts "²", which int() refuses, and
    # int() refuses more than 4,300 digits.
    if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
        raise ParseError(
            _("version must be a positive whole number, not %(raw)r.") % {"raw": raw[:40]}
        )
    version = sheet.versions.filter(number=int(raw)).first()
    if version is None:
        published = list(sheet.versions.values_list("number", flat=True))
        raise NotFound(
            _("Fact sheet %(slug)r has no version %(number)s (published versions: %(published)s).")
            % {
                "slug": sheet.slug,
                "number": int(raw),
                "published": ", ".join(map(str, published)) or _("none"),
            }
        )
    return version


LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=list(SHEET_LANGUAGES),
    description=gettext_lazy(
        "The language the sheet is written in: headings, figures, verdicts and dates "
        '("es" as Mexico writes numbers, "6,000"; "es-ES" as Spain does, "6.000"). Default: '
        "English, so a permalink always gives the same bytes. Quotes and notes stay as written."
    ),
)


THOUSANDS_PARAMETER = OpenApiParameter(
    "thousands",
    str,
    enum=list(THOUSANDS),
    description=gettext_lazy(
        'How Mexican Spanish writes a round number of thousands: "mil" ("6 mil '
        'elementos"; "1,500" stays digits) or "digits" ("6,000"). Default: '
        'FACTDB_SPANISH_THOUSANDS. Spain (lang=es-ES) always writes "6.000"; English ignores it.'
    ),
)


def requested_language(request) -> str:
    """`?lang=`: "en" (the default), "es", "es-MX" or "es-ES", with `?thousands=` ("mil" or
    "digits") as the tag's private-use subtag ("es-MX-x-mil"); anything else is a 400."""
    raw = request.query_params.get("lang")
    thousands = request.query_params.get("thousands")
    if thousands is not None and thousands not in THOUSANDS:
        raise ValidationError(
            {
                "thousands": [
                    _("Unknown way to write thousands %(value)r; use one of: %(known)s.")
                    % {"value": thousands[:20], "known": ", ".join(THOUSANDS)}
                ]
            }
        )
    if raw is None:
        return "en"
    if raw not in LANGUAGE_PARAMETER.enum:
        raise ValidationError(
            {
                "lang": [
                    _("Unknown language %(lang)r; use one of: %(known)s.")
                    % {"lang": raw[:20], "known": ", ".join(LANGUAGE_PARAMETER.enum)}
                ]
            }
        )
    if thousands is not None and supported(raw) == "es":
        return figure_language(raw, thousands=thousands)
    return raw


def readers_context(request, context: dict) -> dict:
    """Anonymous readers get no staff names (a different context, so a separate cached render)."""
    return public_context(context) if reads_publicly(request) else context


def export_response(body: bytes, fmt: str, filename: str) -> HttpResponse:
    spec = FORMATS[fmt]
    response = HttpResponse(body, content_type=spec.content_type)
    disposition = "attachment" if fmt == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{spec.extension}"'
    if fmt == "html":
        # The export is self-contained; if escaping ever failed, the browser would still load
        # and run nothing.
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
        )
    return response


class FactSheetExport(SheetView, generics.GenericAPIView):
    content_negotiation_class = ExportNegotiation

    @extend_schema(
        parameters=[
            FORMAT_PARAMETER,
            LANGUAGE_PARAMETER,
            THOUSANDS_PARAMETER,
            OpenApiParameter(
                "version",
                int,
                description=gettext_lazy(
                    "A published version (its permalink); default: the "
                    "live draft, or the latest published version for anonymous readers."
                ),
            ),
        ],
        responses=EXPORT_RESPONSES,
    )
    def get(self, request, slug, fmt):
        check_format(fmt)
        language = requested_language(request)
        sheet = get_object_or_404(self.get_queryset(), slug=slug)
        version = requested_version(request, sheet)
        if version is not None:
            # Once rendered (here or by the export command), any size is served from disk.
            context = readers_context(request, version.context)
            body = kept_render(context, fmt, language)
            if body is None and settings.FACTDB_RENDER_CACHE and not fits_a_request(context, fmt):
                return rendering_later(request, version, context, fmt, language)
            if body is None:
                too_large(len(context["items"]), fmt, sheet.slug, version.number)
                body = cached_render(context, fmt, language)
            return export_response(body, fmt, f"{sheet.slug}-v{version.number}")
        too_large(sheet.items.count(), fmt, sheet.slug)
        context = build_context(sheet, url=request.build_absolute_uri(request.path))
        return export_response(render(context, fmt, language), fmt, f"{sheet.slug}-draft")


def fits_a_request(context: dict, fmt: str) -> bool:
    return len(context["items"]) <= request_limit(fmt)


def rendering_later(request, version, context: dict, fmt: str, language: str = "en") -> Response:
    """A published version too large to render in a request: a db_worker renders it, and this
    permalink serves it once it is there. 202 until then, with when to ask again."""
    render_version_later(version, context, fmt, public=reads_publicly(request), language=language)
    body = {
        "status": "rendering",
        "detail": _(
            "Version %(number)s has %(count)s claims, more than a %(format)s export renders "
            "inside a request. A background worker is rendering it; this same URL serves it when "
            "it is done."
        )
        % {"number": version.number, "count": len(context["items"]), "format": fmt},
    }
    return Response(body, status=202, headers={"Retry-After": "30"})


def too_large(count: int, fmt: str, slug: str, version: int | None = None) -> None:
    try:
        check_request_size(count, fmt, slug=slug, version=version)
    except SheetTooLarge as refused:
        raise ValidationError({"detail": str(refused)}, code="too_large") from None


@extend_schema(
    description=gettext_lazy(
        "A sheet built on the fly from any claim query, with the claim list's filters and rules."
    )
)
class AdHocFactSheet(generics.GenericAPIView):
    permission_classes = [RolePermissions]
    public_read = True
    filter_backends = [KnownParametersOnly, PublicChoicesFilterBackend]
    filterset_class = ClaimFilter
    content_negotiation_class = ExportNegotiation
    extra_query_parameters = ("lang", "thousands")

    def get_queryset(self):
        return listed_claims(self.request.user, self.request.query_params)

    @extend_schema(
        filters=True,
        parameters=[FORMAT_PARAMETER, LANGUAGE_PARAMETER, THOUSANDS_PARAMETER],
        responses=EXPORT_RESPONSES,
    )
    def get(self, request, fmt):
        check_format(fmt)
        language = requested_language(request)
        claims = self.filter_queryset(self.get_queryset())
        count, limit = claims.count(), request_limit(fmt)
        if count > limit:
            raise ValidationError(
                {
                    "detail": _(
                        "This query matches %(count)s claims; an ad-hoc %(format)s fact sheet "
                        "holds at most %(limit)s. Narrow the filters, or build a named sheet and "
                        "run `manage.py export_factsheet` for a larger PDF."
                    )
                    % {"count": count, "format": fmt, "limit": limit}
                }
            )
        with translation.override(language.split("-")[0]):
            title = query_title(request.query_params)
        context = build_context(claims, title=title, url=request.build_absolute_uri())
        body = render(readers_context(request, context), fmt, language)
        return export_response(body, fmt, "factsheet")


# Parameters that shape the answer, not which claims are in it.
NOT_A_FILTER = {"format", "page_size", "cursor"}


def query_title(params) -> str:
    """An ad-hoc sheet's heading, its query in words: "Claims: unit National Guard troops;
    status verified, disputed" (not "unit=National+Guard+troops")."""
    parts = []
    for name in params:
        if name in NOT_A_FILTER:
            continue
        values = ", ".join(value.strip() for value in params.getlist(name) if value.strip())
        if values:
            parts.append(f"{name.replace('_', ' ')} {values}")
    if not parts:
        return _("All claims")
    return _("Claims: %(query)s") % {"query": "; ".join(parts)}
