"""Admin for publishers and claimants, and the source page (claims.admin adds its claims),
with "Add source from a URL or a file" (sources/intake_admin.py)."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from factdb.history.admin import HistoryAdmin
from sources.intake_admin import SourceIntakeAdmin
from sources.models import Claimant, Publisher, Source, duplicate_url_error


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


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = "__all__"  # noqa: DJ007 - SourceAdmin.fieldsets choose what is shown

    def clean_url(self):
        url = self.cleaned_data.get("url") or None
        holder = Source.objects.holding_url(url, other_than=self.instance.pk)
        if holder is not None:
            error = duplicate_url_error(holder)
            link = reverse("admin:sources_source_change", args=[holder.pk])
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>', error.message % error.params, link, _("Open it.")
                ),
                code=error.code,
            )
        return url


class SourceAdmin(SourceIntakeAdmin, HistoryAdmin):
    """The source page; claims/admin/sources.py registers it with the source's claims."""

    form = SourceForm

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
            "Date and language",
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
            "Text snapshot",
            {"classes": ["collapse"], "fields": ["text", "text_sha256", "raw_sha256"]},
        ),
        ("Notes", {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    @admin.display(description="published", ordering="published_on")
    def published_display(self, source):
        return source.published_display
