"""API representations of fact sheets and their published versions (the exports are renderers')."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.factsheets.renderers import FORMATS
from claims.factsheets.services import export_path
from claims.lineage_selectors import sheet_corrections
from claims.models import FactSheet, FactSheetItem, FactSheetVersion
from factdb.api.permissions import reads_publicly
from factdb.api.serializers import HideFromAnonymous

EXPORT_LINKS = serializers.DictField(
    child=serializers.URLField(),
    help_text=format_lazy(
        gettext_lazy("One URL per format: {formats}."), formats=", ".join(FORMATS)
    ),
)


def export_links(request, slug: str, version: int | None = None) -> dict:
    return {fmt: request.build_absolute_uri(export_path(slug, fmt, version)) for fmt in FORMATS}


class VersionSerializer(HideFromAnonymous, serializers.ModelSerializer):
    # Staff usernames are not for anonymous readers (FACTDB_PUBLIC_READ).
    private_fields = ("published_by",)
    published_by = serializers.StringRelatedField()
    permalink = serializers.SerializerMethodField()
    exports = serializers.SerializerMethodField()

    class Meta:
        model = FactSheetVersion
        fields = ["number", "published_at", "published_by", "permalink", "exports"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, version) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(export_path(version.sheet.slug, version=version.number))

    @extend_schema_field(EXPORT_LINKS)
    def get_exports(self, version) -> dict:
        return export_links(self.context["request"], version.sheet.slug, version.number)


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = FactSheetItem
        fields = ["position", "claim", "note"]


class FactSheetSerializer(HideFromAnonymous, serializers.ModelSerializer):
    private_fields = ("created_by",)
    created_by = serializers.StringRelatedField(allow_null=True)  # null for the seed sheet
    claim_count = serializers.IntegerField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="factsheet-detail", lookup_field="slug")

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


class CorrectionSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    kind = serializers.CharField(help_text=gettext_lazy("retracted, corrected or source_withdrawn"))
    change = serializers.CharField(help_text=gettext_lazy("What changed."))
    reason = serializers.CharField(
        help_text=gettext_lazy("Why (the note or the withdrawal's reason).")
    )
    at = serializers.DateTimeField()


class FactSheetDetailSerializer(FactSheetSerializer):
    versions = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()
    exports = serializers.SerializerMethodField()
    corrections = serializers.SerializerMethodField()

    class Meta(FactSheetSerializer.Meta):
        fields = [*FactSheetSerializer.Meta.fields, "items", "versions", "exports", "corrections"]

    @extend_schema_field(CorrectionSerializer(many=True))
    def get_corrections(self, sheet):
        """Corrections to the claims the sheet cites since it was first published, oldest first;
        public readers get those its latest published version carries."""
        if reads_publicly(self.context["request"]):
            latest = sheet.versions.order_by("-number").first()
            rows = (latest.context.get("corrections") or []) if latest else []
        else:
            rows = sheet_corrections(sheet)
        keys = ("claim", "kind", "change", "reason", "at")
        return [{key: row[key] for key in keys} for row in rows]

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, sheet):
        versions = sheet.versions.select_related("sheet", "published_by").order_by("number")
        return VersionSerializer(versions, many=True, context=self.context).data

    @extend_schema_field(ItemSerializer(many=True, allow_null=True))
    def get_items(self, sheet):
        # Public readers see published versions, not the draft.
        if reads_publicly(self.context["request"]):
            return None
        return ItemSerializer(sheet.items.order_by("position", "pk"), many=True).data

    @extend_schema_field(EXPORT_LINKS)
    def get_exports(self, sheet):
        """The live draft's exports; null for anonymous readers."""
        if reads_publicly(self.context["request"]):
            return None
        return export_links(self.context["request"], sheet.slug)
