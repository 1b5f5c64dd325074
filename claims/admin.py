"""The editors' desk: claims with their figures, verification notes, measures and tags."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from .models import Claim, ConcurrentEditError, Measure, Tag, VerificationNote


class ClaimForm(forms.ModelForm):
    """Carries the version the editor loaded, so a save over a newer version is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            loaded = cleaned.get("version")
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            current = current.first()
            if loaded != current:
                raise forms.ValidationError(
                    f"Someone else saved this claim while you were editing it (you loaded "
                    f"version {loaded}, it is now version {current}). Reload the page to see "
                    "their change, then apply yours again.",
                    code="stale",
                )
            self.instance.version = loaded
        return cleaned


class NoteInline(admin.StackedInline):
    """Existing notes are read-only (append-only record); editors add new ones below."""

    model = VerificationNote
    fields = [
        "body",
        "status_from",
        "status_to",
        "evidence_url",
        "evidence_quote",
        "author",
        "created_at",
    ]
    readonly_fields = ["status_from", "author", "created_at"]
    extra = 0
    can_delete = False
    autocomplete_fields = ["evidence_sources"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False


class NewNoteInline(admin.StackedInline):
    model = VerificationNote
    verbose_name = "new verification note"
    verbose_name_plural = "add a verification note"
    fields = ["body", "status_to", "evidence_url", "evidence_quote", "evidence_sources"]
    autocomplete_fields = ["evidence_sources"]
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ClaimForm
    list_display = ["figure", "status", "short_quote", "source_link", "claimant", "claim_date"]
    list_display_links = ["figure"]
    list_filter = [
        "status",
        "hedge",
        "unit",
        "origin",
        ("source", admin.RelatedOnlyFieldListFilter),
        ("source__publisher", admin.RelatedOnlyFieldListFilter),
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ("measure", admin.RelatedOnlyFieldListFilter),
        "claim_date",
        "tags",
    ]
    search_fields = ["quote", "summary"]
    date_hierarchy = "claim_date"
    list_select_related = ["source__publisher", "claimant"]
    autocomplete_fields = ["source", "claimant", "measure", "assignee"]
    filter_horizontal = ["tags"]
    readonly_fields = ["figure", "created_by", "created_at", "updated_at"]
    inlines = [NoteInline, NewNoteInline]
    fieldsets = [
        (None, {"fields": ["figure", "status", "source", "quote", "summary"]}),
        ("Who", {"fields": ["claimant", "attribution"]}),
        (
            "The figure",
            {
                "fields": [
                    ("value", "hedge"),
                    ("value_low", "value_high"),
                    ("unit", "currency", "rate_period"),
                ]
            },
        ),
        ("When and where", {"fields": ["claim_date", ("period_start", "period_end"), "place"]}),
        ("Verification", {"fields": ["measure", "tags", "assignee", "origin"]}),
        (
            "Anchoring in the source text",
            {"classes": ["collapse"], "fields": [("quote_start", "quote_end")]},
        ),
        ("Record", {"fields": ["version", "created_by", "created_at", "updated_at"]}),
    ]

    @admin.display(description="figure", ordering="value")
    def figure(self, claim):
        return claim.figure if claim.pk or claim.value is not None else ""

    @admin.display(description="quote")
    def short_quote(self, claim):
        return claim.quote if len(claim.quote) <= 120 else claim.quote[:117] + "…"

    @admin.display(description="source", ordering="source__published_on")
    def source_link(self, claim):
        return f"{claim.source.publisher} — {claim.source.title[:60]}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["version"].initial = obj.version if obj else None
        return form

    def has_delete_permission(self, request, obj=None):
        # Claims are retracted (status "retracted" with a note), never deleted.
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.locate_quote()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not VerificationNote:
            return super().save_formset(request, form, formset, change)
        from .services import note_add

        claim = form.instance
        for note_form in formset.forms:
            if not note_form.has_changed() or note_form.instance.pk:
                continue
            data = note_form.cleaned_data
            note_add(
                claim=claim,
                author=request.user,
                body=data["body"],
                status_to=data.get("status_to") or None,
                evidence_url=data.get("evidence_url", ""),
                evidence_quote=data.get("evidence_quote", ""),
                evidence_sources=data.get("evidence_sources") or [],
            )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEditError as error:
            # A race the form's check could not see: the UPDATE matched no row at this version.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)


@admin.register(VerificationNote)
class VerificationNoteAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "author", "status_from", "status_to", "created_at"]
    list_filter = ["status_to", "author"]
    search_fields = ["body", "claim__quote"]
    list_select_related = ["claim__source", "author"]
    readonly_fields = [
        "claim",
        "author",
        "body",
        "status_from",
        "status_to",
        "evidence_url",
        "evidence_quote",
        "evidence_sources",
        "created_at",
    ]

    def has_add_permission(self, request):
        # Notes are added on their claim's page, where the status change is recorded with them.
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["label", "default_unit", "cumulative"]
    search_fields = ["label", "definition"]


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
