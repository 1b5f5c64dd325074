"""How publishers, claimants and sources read and are written over the API.

A source's full-text snapshot is heavy: lists leave it out, the detail carries it. Anonymous
(public) readers never get the snapshot or the editors' notes on a source.
"""

from rest_framework import serializers

from factdb.api.serializers import FullCleanMixin, HideFromAnonymous
from sources.models import Claimant, Publisher, Source


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
        source="published_display", read_only=True, help_text="'14 February 2025', 'June 2019'."
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


class SourceListSerializer(SourceSerializer):
    class Meta(SourceSerializer.Meta):
        fields = [f for f in SourceSerializer.Meta.fields if f != "text"]
