"""How publishers, claimants and sources read and are written over the API.

A source's full-text snapshot is heavy: lists leave it out, the detail carries it. Anonymous
(public) readers never get the snapshot or the editors' notes on a source.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from factdb.api.serializers import FullCleanMixin, HideFromAnonymous
from sources.models import Claimant, Publisher, Source, duplicate_url_error


class PublisherSerializer(FullCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "homepage", "kind", "feed_url"]


class ClaimantSerializer(FullCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "name", "kind", "description", "wikidata_id"]


class SourceSerializer(HideFromAnonymous, FullCleanMixin, serializers.ModelSerializer):
    private_fields = ("text", "notes")

    publisher_name = serializers.CharField(source="publisher.name", read_only=True)
    published = serializers.CharField(
        source="published_display",
        read_only=True,
        help_text=gettext_lazy("'14 February 2025', 'June 2019'."),
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "url",
            "publisher",
            "publisher_name",
            "authors",
            "published_on",
            "date_precision",
            "published",
            "retrieved_at",
            "final_url",
            "raw_sha256",
            "language",
            "kind",
            "translation_of",
            "text",
            "text_sha256",
            "text_is_excerpt",
            "archive_url",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["text_sha256", "final_url", "raw_sha256", "created_at", "updated_at"]
        # The model's check names the source that has the URL (validate_url adds its address).
        extra_kwargs = {"url": {"validators": []}}

    def validate_url(self, url):
        mine = getattr(self.instance, "pk", None)
        holder = Source.objects.holding_url(url or None, other_than=mine)
        if holder is not None:
            error = duplicate_url_error(holder)
            link = reverse("source-detail", args=[holder.pk])
            request = self.context.get("request")
            link = request.build_absolute_uri(link) if request is not None else link
            message = f"{error.message % error.params} {link}"
            raise serializers.ValidationError(message, code=error.code)
        return url


class SourceListSerializer(SourceSerializer):
    class Meta(SourceSerializer.Meta):
        fields = [f for f in SourceSerializer.Meta.fields if f != "text"]
