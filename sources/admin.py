"""Admin for publishers and claimants, and the source page (claims.admin adds its claims),
with "Add source from a URL or a file" (sources/intake_admin.py)."""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.history.admin import HistoryAdmin
from sources.intake_admin import SourceIntakeAdmin
from sources.models import (
    Claimant,
    Publisher,
    Source,
    duplicate_url_error,
    parse_date_with_precision,
)


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


class PrecisionDateField(forms.DateField):
    """A date as precisely as it is known: "June 2019" is June 2019, "2019" the year; the form
    sets the precision from it. `precision` is what the last value read said."""

    widget = AdminDateWidget
    precision = None

    def to_python(self, value):
        self.precision = None
        if value in self.empty_values or isinstance(value, datetime.date):
            return super().to_python(value)
        try:
            day, self.precision = parse_date_with_precision(str(value))
        except ValueError as error:
            try:
                return super().to_python(value)  # the locale's own formats ("06/07/2019")
            except forms.ValidationError:
                raise forms.ValidationError(str(error), code="invalid") from None
        return day


class SourceForm(forms.ModelForm):
    published_on = PrecisionDateField(
        label=gettext_lazy("Published on"),
        help_text=gettext_lazy("A date, or as precisely as known: “June 2019”, “2019”, “2019-06”."),
    )

    class Meta:
        model = Source
        fields = "__all__"  # noqa: DJ007 - SourceAdmin.fieldsets choose what is shown

    def clean(self):
        cleaned = super().clean()
        precision = self.fields["published_on"].precision
        if precision in (Source.DatePrecision.MONTH, Source.DatePrecision.YEAR):
            # "June 2019" typed in the date box is a month, whatever the precision box said.
            cleaned["date_precision"] = precision
        return cleaned

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
