"""HTTP routes for fact sheets: list, detail (with published versions), exports, ad-hoc sheets.

Views stay thin: they check who may read what, pick the sheet or version, and hand the context to
a renderer. Published versions render from their stored context only. Anonymous readers (only
when the operator sets FACTDB_PUBLIC_READ) see published versions and verified claims only.
"""

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.negotiation import BaseContentNegotiation

from claims.api.filters import ClaimFilter
from claims.factsheets.context import build_context
from claims.factsheets.render_cache import cached_render
from claims.factsheets.renderers import FORMATS, render
from claims.factsheets.serializers import FactSheetDetailSerializer, FactSheetSerializer
from claims.models import FactSheet, FactSheetVersion
from claims.selectors import visible_claims
from factdb.api.permissions import RolePermissions
from factdb.api.query_params import KnownParametersOnly

# An ad-hoc sheet is for a story, not a dump of the database. A PDF costs about 0.1 s of CPU per
# page at ~5 claims a page (bench/factsheet.py), so its cap keeps a request well inside a worker's
# timeout; the text formats render 3,000 claims in well under a second.
ADHOC_MAX_CLAIMS = getattr(settings, "FACTDB_FACTSHEET_MAX_CLAIMS", 2000)
ADHOC_MAX_PDF_CLAIMS = getattr(settings, "FACTDB_FACTSHEET_MAX_PDF_CLAIMS", 250)

FORMAT_PARAMETER = OpenApiParameter(
    "fmt", str, OpenApiParameter.PATH, enum=list(FORMATS), description="The export format."
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
    400: OpenApiResponse(description="A bad version number or filter, named in the body."),
    404: OpenApiResponse(description="No such sheet, version or format."),
}


def reads_publicly(request) -> bool:
    return not request.user.is_authenticated


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
            f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.",
            code="unknown_format",
        )


def requested_version(request, sheet: FactSheet) -> FactSheetVersion | None:
    """`?version=N` picks a published version; anonymous readers get the latest one by default."""
    raw = request.query_params.get("version")
    if raw is None:
        if reads_publicly(request):
            latest = sheet.versions.order_by("-number").first()
            if latest is None:
                raise NotFound("This fact sheet has no published version yet.")
            return latest
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ParseError(f"version must be a positive whole number, not {raw[:40]!r}.")
    version = sheet.versions.filter(number=int(raw)).first()
    if version is None:
        published = list(sheet.versions.values_list("number", flat=True))
        raise NotFound(
            f"Fact sheet {sheet.slug!r} has no version {int(raw)} "
            f"(published versions: {', '.join(map(str, published)) or 'none'})."
        )
    return version


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
            OpenApiParameter(
                "version",
                int,
                description="A published version (its permalink); default: the "
                "live draft, or the latest published version for anonymous readers.",
            ),
        ],
        responses=EXPORT_RESPONSES,
    )
    def get(self, request, slug, fmt):
        check_format(fmt)
        sheet = get_object_or_404(self.get_queryset(), slug=slug)
        version = requested_version(request, sheet)
        if version is not None:
            body = cached_render(version.context, fmt)
            return export_response(body, fmt, f"{sheet.slug}-v{version.number}")
        context = build_context(sheet, url=request.build_absolute_uri(request.path))
        return export_response(render(context, fmt), fmt, f"{sheet.slug}-draft")


class AdHocFactSheet(generics.GenericAPIView):
    """A sheet built on the fly from any claim query, with the claim list's filters and rules."""

    permission_classes = [RolePermissions]
    public_read = True
    filter_backends = [KnownParametersOnly, DjangoFilterBackend]
    filterset_class = ClaimFilter
    content_negotiation_class = ExportNegotiation

    def get_queryset(self):
        return visible_claims(self.request.user)

    @extend_schema(filters=True, parameters=[FORMAT_PARAMETER], responses=EXPORT_RESPONSES)
    def get(self, request, fmt):
        check_format(fmt)
        claims = self.filter_queryset(self.get_queryset())
        count, limit = claims.count(), ADHOC_MAX_PDF_CLAIMS if fmt == "pdf" else ADHOC_MAX_CLAIMS
        if count > limit:
            raise ValidationError(
                {
                    "detail": f"This query matches {count} claims; an ad-hoc {fmt} fact sheet "
                    f"holds at most {limit}. Narrow the filters, or build a named sheet and run "
                    "`manage.py export_factsheet` for a larger PDF."
                }
            )
        query = request.query_params.urlencode()
        context = build_context(
            claims,
            title="Fact sheet",
            intro=f"Claims matching the query: {query}" if query else "All claims.",
            url=request.build_absolute_uri(),
        )
        return export_response(render(context, fmt), fmt, "factsheet")
