"""How claims, notes, history and measures read and are written over the API.

A claim row stands on its own: it carries the figure as a person reads it, its ETag and its
source's citation. Fields the workflow owns (status, version, authorship, timestamps, origin)
are read-only: status changes through a verification note, so each verdict has its reason.
"""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import QUOTE_MAX_CHARS, Claim, Measure, Status, VerificationNote
from factdb.api.serializers import FullCleanMixin, HideFromAnonymous, RefuseReadOnlyFields
from sources.models import Claimant, Source

# A quote is the sentence or two that carries a figure; a whole article belongs in the source.
NOTE_MAX_CHARS = 20_000


class CitationSerializer(serializers.ModelSerializer):
    schema_description = gettext_lazy(
        "Where the claim was made, enough to cite it without another request."
    )

    publisher = serializers.CharField(source="publisher.name")
    published = serializers.CharField(
        source="published_display", help_text=gettext_lazy("The date as precisely as it is known.")
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "publisher",
            "title",
            "authors",
            "published_on",
            "date_precision",
            "published",
            "url",
            "archive_url",
            "language",
        ]
        read_only_fields = fields


@extend_schema_field(
    {"type": "array", "items": {"type": "string", "pattern": r"^[-\w]+$", "maxLength": 60}}
)
class TagNamesField(serializers.ListField):
    """Tags by name; a name not seen before becomes a new tag."""

    child = serializers.SlugField(max_length=60, allow_unicode=True)

    def to_representation(self, data):
        return [tag.name for tag in data.all()]


class ClaimSerializer(RefuseReadOnlyFields, HideFromAnonymous, serializers.ModelSerializer):
    """A claim's input and its documented shape; the API writes claims out through
    claims.api.reading (the same dict, read as plain values), reads and writes alike."""

    private_fields = ("created_by",)
    read_only_help = {
        "status": gettext_lazy(
            "A status changes only with a verification note: POST it to "
            "/api/v1/claims/<id>/notes/ with status_to and the note that explains it."
        ),
        "origin": gettext_lazy("Where a claim came from is set when it is recorded."),
    }

    figure = serializers.CharField(
        read_only=True,
        help_text=gettext_lazy("As a person reads it: 'up to 6,000 National Guard troops'."),
    )
    etag = serializers.CharField(
        read_only=True,
        help_text=gettext_lazy("Send it back as If-Match to change or retract the claim."),
    )
    quote = serializers.CharField(
        max_length=QUOTE_MAX_CHARS,
        help_text=gettext_lazy("The exact words of the source, with the figure."),
    )
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    citation = CitationSerializer(source="source", read_only=True)
    claimant = serializers.PrimaryKeyRelatedField(
        queryset=Claimant.objects.all(), allow_null=True, required=False
    )
    claimant_name = serializers.CharField(source="claimant.name", read_only=True, allow_null=True)
    measure = serializers.PrimaryKeyRelatedField(
        queryset=Measure.objects.all(), allow_null=True, required=False
    )
    measure_label = serializers.CharField(source="measure.label", read_only=True, allow_null=True)
    tags = TagNamesField(required=False)
    notes_count = serializers.IntegerField(read_only=True, default=0)
    # Null for claims that came with the seed data or an import run without --user.
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "etag",
            "figure",
            "quote",
            "quote_start",
            "quote_end",
            "summary",
            "value",
            "hedge",
            "value_low",
            "value_high",
            "unit",
            "currency",
            "rate_period",
            "unit_family",
            "value_normalised",
            "claim_date",
            "period_start",
            "period_end",
            "place",
            "status",
            "attribution",
            "claimant",
            "claimant_name",
            "measure",
            "measure_label",
            "tags",
            "source",
            "citation",
            "notes_count",
            "origin",
            "created_by",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = ["status", "origin", "created_at", "updated_at", "version"]
        extra_kwargs = {
            "value": {"normalize_output": True},
            "value_low": {"normalize_output": True},
            "value_high": {"normalize_output": True},
            "value_normalised": {
                "normalize_output": True,
                "help_text": gettext_lazy(
                    "The figure in its unit family's base unit, per year for a rate."
                ),
            },
            "unit_family": {
                "help_text": gettext_lazy("What unit= matches: personnel, USD, [length] …")
            },
            "claim_date": {
                "required": False,
                "help_text": gettext_lazy("Defaults to the source's date."),
            },
        }


class NoteSerializer(serializers.ModelSerializer):
    schema_description = gettext_lazy(
        "A verification note; with `status_to` it is also the claim's change of verdict."
    )

    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    body = serializers.CharField(max_length=NOTE_MAX_CHARS)
    status_to = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True)
    # "" when the note changed no status; declared so the schema says so.
    status_from = serializers.ChoiceField(choices=Status.choices, allow_blank=True, read_only=True)
    evidence_sources = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), many=True, required=False
    )
    evidence_quote = serializers.CharField(
        max_length=QUOTE_MAX_CHARS, required=False, allow_blank=True
    )
    claim_etag = serializers.CharField(
        source="claim.etag",
        read_only=True,
        help_text=gettext_lazy("The claim's ETag now (a status change gives it a new version)."),
    )

    class Meta:
        model = VerificationNote
        fields = [
            "id",
            "claim",
            "claim_etag",
            "author",
            "body",
            "status_from",
            "status_to",
            "evidence_url",
            "evidence_quote",
            "evidence_sources",
            "created_at",
        ]
        read_only_fields = ["claim", "status_from", "created_at"]


class RetractionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=NOTE_MAX_CHARS,
        help_text=gettext_lazy("Why the claim is retracted; kept as its note."),
    )


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    schema_description = gettext_lazy(
        "One saved state of a claim: when, who, and what changed from the state before."
    )

    when = serializers.DateTimeField()
    who = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("Username, or null for a system change.")
    )
    type = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    reason = serializers.CharField(allow_null=True)
    version = serializers.IntegerField()
    changes = ChangeSerializer(many=True)


class MeasureSerializer(FullCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "label", "definition", "default_unit", "cumulative", "created_at"]
        read_only_fields = ["created_at"]
