"""HTTP routes for fact sheets: list, detail (with published versions), exports, ad-hoc sheets.

Views stay thin: they check who may read what, pick the sheet or version, and hand the context to
a renderer. Published versions render from their stored context only.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from factdb.api import RolePermissions

from ..api.permissions import visible_claims
from ..models import Claim, FactSheet, FactSheetVersion
from .context import build_context
from .renderers import FORMATS, render
from .services import export_path

# An ad-hoc sheet is for a story, not a dump of the database: past this, narrow the query (or
# build a named sheet). Rendering 3,000 claims to PDF takes tens of seconds (bench/factsheet.py).
ADHOC_MAX_CLAIMS = getattr(settings, "FACTDB_FACTSHEET_MAX_CLAIMS", 1000)


def public_read(request) -> bool:
    return not request.user.is_authenticated and settings.FACTDB_PUBLIC_READ


class ExportNegotiation(BaseContentNegotiation):
    """The format is in the path; an Accept header of application/pdf must not turn into a 406.
    Errors are still rendered as JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


def export_links(request, slug: str, version: int | None = None) -> dict:
    return {fmt: request.build_absolute_uri(export_path(slug, fmt, version)) for fmt in FORMATS}


class VersionSerializer(serializers.ModelSerializer):
    published_by = serializers.StringRelatedField()
    permalink = serializers.SerializerMethodField()
    exports = serializers.SerializerMethodField()

    class Meta:
        model = FactSheetVersion
        fields = ["number", "published_at", "published_by", "permalink", "exports"]

    def get_permalink(self, version):
        return self.context["request"].build_absolute_uri(
            export_path(version.sheet.slug, version=version.number)
        )

    def get_exports(self, version):
        return export_links(self.context["request"], version.sheet.slug, version.number)


class FactSheetSerializer(serializers.ModelSerializer):
    created_by = serializers.StringRelatedField()
    claim_count = serializers.IntegerField(source="items.count", read_only=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="factsheet-detail", lookup_field="slug", read_only=True
    )

    class Meta:
        model = FactSheet
        fields = [
            "url",
            "slug",
            "title",
            "intro",
            "claim_count",
            "created_by",
            "created_at",
            "updated_at",
        ]


class FactSheetDetailSerializer(FactSheetSerializer):
    versions = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()
    exports = serializers.SerializerMethodField()

    class Meta(FactSheetSerializer.Meta):
        fields = [*FactSheetSerializer.Meta.fields, "items", "versions", "exports"]

    def get_versions(self, sheet):
        versions = sheet.versions.select_related("sheet", "published_by").order_by("number")
        return VersionSerializer(versions, many=True, context=self.context).data

    def get_items(self, sheet):
        if public_read(self.context["request"]):
            return None  # anonymous readers see published versions, not the working draft
        items = sheet.items.order_by("position", "pk")
        return [
            {"position": item.position, "claim": item.claim_id, "note": item.note} for item in items
        ]

    def get_exports(self, sheet):
        if public_read(self.context["request"]):
            return None
        return export_links(self.context["request"], sheet.slug)


def readable_sheets(request):
    sheets = FactSheet.objects.select_related("created_by").order_by("title", "pk")
    if public_read(request):
        sheets = sheets.filter(versions__isnull=False).distinct()
    return sheets


class FactSheetList(generics.ListAPIView):
    permission_classes = [RolePermissions]
    public_read = True
    serializer_class = FactSheetSerializer
    filter_backends = []

    def get_queryset(self):
        return readable_sheets(self.request)


class FactSheetDetail(generics.RetrieveAPIView):
    permission_classes = [RolePermissions]
    public_read = True
    serializer_class = FactSheetDetailSerializer
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return readable_sheets(self.request)


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
        if public_read(request):
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


class FactSheetExport(APIView):
    """Anonymous readers (under FACTDB_PUBLIC_READ) get published versions only."""

    permission_classes = [RolePermissions]
    queryset = FactSheet.objects.all()  # names the model whose view permission is needed
    public_read = True
    content_negotiation_class = ExportNegotiation

    def get(self, request, slug, fmt):
        check_format(fmt)
        sheet = get_object_or_404(readable_sheets(request), slug=slug)
        version = requested_version(request, sheet)
        if version is not None:
            return export_response(
                render(version.context, fmt), fmt, f"{sheet.slug}-v{version.number}"
            )
        context = build_context(sheet, url=request.build_absolute_uri(request.path))
        return export_response(render(context, fmt), fmt, f"{sheet.slug}-draft")


class AdHocFactSheet(APIView):
    """A sheet built on the fly from any claim query, with the claim list's filters."""

    permission_classes = [RolePermissions]
    queryset = Claim.objects.all()  # the claim list's rule: view_claim, or public read
    public_read = True
    content_negotiation_class = ExportNegotiation

    def get(self, request, fmt):
        from ..api.filters import ClaimFilter

        check_format(fmt)
        filterset = ClaimFilter(
            request.query_params, queryset=visible_claims(request.user), request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        claims = filterset.qs
        count = claims.count()
        if count > ADHOC_MAX_CLAIMS:
            raise ValidationError(
                {
                    "detail": f"This query matches {count} claims; an ad-hoc fact sheet holds at "
                    f"most {ADHOC_MAX_CLAIMS}. Narrow the filters."
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
