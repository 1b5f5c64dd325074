"""Admin for publishers and claimants, and the source page (claims.admin adds its claims),
with "Add source from a URL or a file" (sources/intake_admin.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from factdb.history.admin import HistoryAdmin
from sources.intake_admin import SourceIntakeAdmin
from sources.models import Claimant, Publisher


@admin.register(Publisher)
class PublisherAdmin(HistoryAdmin):
    list_display = ["name", "kind", "homepage", "feed_url"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Claimant)
class ClaimantAdmin(HistoryAdmin):
    list_display = ["name", "kind", "description", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "wikidata_id"]


class SourceAdmin(SourceIntakeAdmin, HistoryAdmin):
    """The source page; claims/admin/sources.py registers it with the source's claims."""

    list_display = ["title", "publisher", "published_display", "language", "kind"]
    list_filter = ["kind", "language", "date_precision", "publisher"]
    search_fields = ["title", "authors", "url", "publisher__name"]
    autocomplete_fields = ["publisher", "translation_of"]
    readonly_fields = ["text_sha256", "final_url", "raw_sha256", "created_at", "updated_at"]
    date_hierarchy = "published_on"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "publisher",
                    "authors",
                    "kind",
                    "url",
                    "final_url",
                    "archive_url",
                ]
            },
        ),
        (
            gettext_lazy("Date and language"),
            {
                "fields": [
                    ("published_on", "date_precision"),
                    "retrieved_at",
                    "language",
                    "translation_of",
                ]
            },
        ),
        (
            gettext_lazy("Text snapshot"),
            {
                "classes": ["collapse"],
                "fields": ["text", "text_is_excerpt", "text_sha256", "raw_sha256"],
            },
        ),
        (gettext_lazy("Notes"), {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    @admin.display(description=gettext_lazy("published"), ordering="published_on")
    def published_display(self, source):
        return source.published_display
