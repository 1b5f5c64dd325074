"""Importing a document over HTTP: Editors POST a URL, a file or pasted text; a background
worker does the fetching, reading and proposing; the status URL says how far it got.

    POST /api/v1/sources/import/      {"url": "https://…", "extract": true}   -> 202 {"status_url"}
    GET  /api/v1/sources/imports/7/   -> {"state": "done", "source": 12, "claims_proposed": 4, …}
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from sources.intake import IntakeError
from sources.models import SourceImport, SourceKind
from sources.services import METADATA_FIELDS, source_import_submit


def editors_only(method: str) -> list[str]:
    # Importing creates sources: the permission to add one is what makes an Editor here.
    return ["sources.add_source"]


class ImportRequestSerializer(serializers.Serializer):
    url = serializers.CharField(
        required=False, max_length=2000, help_text=gettext_lazy("http(s) URL to fetch")
    )
    file = serializers.FileField(
        required=False, help_text=gettext_lazy("HTML, PDF or UTF-8 text (multipart)")
    )
    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text=gettext_lazy("Pasted text")
    )
    extract = serializers.BooleanField(
        default=True, help_text=gettext_lazy("Propose claims from the text")
    )
    title = serializers.CharField(required=False, max_length=500)
    publisher = serializers.CharField(
        required=False, max_length=200, help_text=gettext_lazy("Name")
    )
    published = serializers.CharField(
        required=False, help_text=gettext_lazy("YYYY, YYYY-MM or YYYY-MM-DD")
    )
    language = serializers.CharField(
        required=False, max_length=20, help_text=gettext_lazy("BCP-47")
    )
    authors = serializers.CharField(required=False, max_length=500)
    kind = serializers.ChoiceField(required=False, choices=SourceKind.choices)

    def validate(self, data):
        given = [name for name in ("url", "file", "text") if data.get(name)]
        if len(given) != 1:
            raise ValidationError(
                {"url": [_("Give exactly one of url, file or text.") if given else _("Required.")]}
            )
        return data


class ImportAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    status_url = serializers.URLField()


class ImportStatusSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = SourceImport
        fields = [
            "id",
            "state",
            "source",
            "claims_proposed",
            "error",
            "outcome",
            "url",
            "filename",
            "extract",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class SourceImportView(APIView):
    required_permissions = staticmethod(editors_only)
    queryset = SourceImport.objects.none()

    @extend_schema(
        operation_id="sources_import",
        summary=gettext_lazy("Import a web page, PDF, text file or pasted text (Editors)"),
        request={
            "application/json": ImportRequestSerializer,
            "multipart/form-data": ImportRequestSerializer,
        },
        responses={202: ImportAcceptedSerializer},
        examples=[
            OpenApiExample(
                "A URL",
                summary=gettext_lazy("A URL"),
                value={"url": "https://example.org/story", "extract": True},
            )
        ],
    )
    def post(self, request):
        serializer = ImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        overrides = {name: data[name] for name in METADATA_FIELDS if name in data}
        try:
            job = source_import_submit(
                url=data.get("url", ""),
                upload=data.get("file"),
                text=data.get("text", ""),
                extract=data["extract"],
                overrides=overrides,
                user=request.user,
            )
        except IntakeError as error:
            field = "text" if error.field == "file" and data.get("text") else error.field
            raise ValidationError({field: [error.message]}) from None
        job.refresh_from_db()
        status_url = request.build_absolute_uri(
            reverse("source-import-status", kwargs={"pk": job.pk})
        )
        return Response(
            {"id": job.pk, "state": job.state, "status_url": status_url},
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": status_url},
        )


class SourceImportStatusView(RetrieveAPIView):
    required_permissions = staticmethod(editors_only)
    queryset = SourceImport.objects.all()
    serializer_class = ImportStatusSerializer

    @extend_schema(
        operation_id="sources_import_status", summary=gettext_lazy("How far an import got")
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
