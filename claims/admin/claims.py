"""The claim list and claim page, verification notes and tags (registered in claims.admin)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import services
from claims.admin import desk, search
from claims.admin.entry import entry_help_view, script_strings
from claims.admin.exports import EXPORT_FORMATS, list_export_view
from claims.admin.filters import AutocompleteFilter, UnitFilter, checked, complete_changelist
from claims.admin.forms import ClaimForm, NewNoteInline, NoteInline
from claims.admin.lineage import lineage_context, lineage_view
from claims.admin.paginators import EstimatedCountPaginator
from claims.factsheets.admin import add_to_fact_sheet
from claims.models import Claim, ConcurrentEditError, VerificationNote
from claims.selectors import QUERY_MAX_CHARS, search_claims
from factdb.history.admin import HistoryAdmin
from factdb.history.diffs import readable_changes

# The claim's own fields an editor changes on its page (tags are written with them).
EDITABLE = frozenset(
    field.name
    for field in Claim._meta.concrete_fields
    if field.name not in services.CLAIM_WRITE_PROTECTED
)


class ClaimAdmin(HistoryAdmin):
    form = ClaimForm
    # A million claims must not be counted on every page view (see claims/paginators.py).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # A compact row (claims/static/claims/claim_list.css): eight or more to a 1280x800 screen.
    list_display = [
        "figure",
        "queue_status",
        "short_quote",
        "source_date",
        "claimant",
        "assignee",
    ]
    list_display_links = ["figure"]
    # No filter reads every claim to draw itself (claims/admin_filters.py says how): at a million
    # claims Django's RelatedOnlyFieldListFilter and "unit" took the page to a minute.
    list_filter = [
        desk.QueueFilter,
        desk.AssigneeFilter,
        "status",
        "hedge",
        ("unit", UnitFilter),
        "origin",
        ("source", AutocompleteFilter),
        ("source__publisher", AutocompleteFilter),
        ("claimant", AutocompleteFilter),
        ("measure", AutocompleteFilter),
        "claim_date",
        "tags",
    ]
    # Counts per filter choice are an aggregate over every claim for each filter on the page.
    show_facets = admin.ShowFacets.NEVER
    # Shows the search box; get_search_results does the searching.
    search_fields = ["quote", "summary"]
    search_help_text = gettext_lazy(
        'Words of the quote, summary, source title, publisher or claimant; "a phrase", OR, -word.'
    )
    date_hierarchy = "claim_date"  # drawn by admin_filters.date_drilldown
    list_select_related = ["source__publisher", "claimant", "assignee"]
    autocomplete_fields = ["source", "claimant", "measure", "assignee"]
    filter_horizontal = ["tags"]
    # A status changes only with a verification note (the desk's buttons, bulk verdicts, the note
    # form below); where a claim came from is its provenance, not an editable field.
    readonly_fields = ["figure", "status", "origin", "created_by", "created_at", "updated_at"]
    inlines = [NoteInline, NewNoteInline]
    actions = [
        *desk.verdict_actions,
        desk.accept_proposals,
        desk.correct_proposal,
        desk.reject_proposals,
        add_to_fact_sheet,
    ]

    class Media:
        # Names for the select2 boxes (autocompletes and filters), for screen readers.
        js = ["claims/desk_names.js"]

    object_history_template = "admin/claims/claim/object_history.html"
    object_history_list_template = "admin/claims/claim/object_history_list.html"
    fieldsets = [
        (None, {"fields": ["figure", "status", "source", "quote", "summary"]}),
        (gettext_lazy("Who"), {"fields": ["claimant", "attribution"]}),
        (
            gettext_lazy("The figure"),
            {
                "fields": [
                    ("value", "hedge"),
                    ("value_low", "value_high"),
                    ("unit", "currency", "rate_period"),
                ]
            },
        ),
        (
            gettext_lazy("When and where"),
            {"fields": ["claim_date", ("period_start", "period_end"), "place"]},
        ),
        (gettext_lazy("Verification"), {"fields": ["measure", "tags", "assignee", "origin"]}),
        (
            gettext_lazy("Anchoring in the source text"),
            {"classes": ["collapse"], "fields": [("quote_start", "quote_end")]},
        ),
        (gettext_lazy("Record"), {"fields": ["version", "created_by", "created_at", "updated_at"]}),
    ]

    @admin.display(description=gettext_lazy("figure"), ordering="value")
    def figure(self, claim):
        return claim.figure if claim.pk or claim.value is not None else ""

    @admin.display(description=gettext_lazy("status"), ordering="queue_rank")
    def queue_status(self, claim):
        return format_html(
            '<span class="desk-status desk-status-{}">{}</span>',
            claim.status,
            claim.get_status_display(),
        )

    @admin.display(description=gettext_lazy("quote"))
    def short_quote(self, claim):
        # The row shows two lines of it; the whole quote is one hover (or the claim page) away.
        short = claim.quote if len(claim.quote) <= 160 else claim.quote[:157] + "…"
        return format_html('<span title="{}">{}</span>', claim.quote, short)

    @admin.display(description=gettext_lazy("source · date"), ordering="claim_date")
    def source_date(self, claim):
        source = claim.source
        return format_html(
            '<span class="claims-row-source" title="{title}">{publisher} — {title}</span>'
            '<span class="claims-row-date">{date}</span>',
            publisher=source.publisher,
            title=source.title,
            date=date_format(claim.claim_date) if claim.claim_date else "",
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            # Before the admin's own "<path:object_id>/" routes, which would read it as an id.
            path(
                "entry-help/",
                view(lambda request: entry_help_view(self, request)),
                name="claims_claim_entry_help",
            ),
            path(
                "<path:object_id>/decide/",
                view(lambda request, object_id: desk.decide_view(self, request, object_id)),
                name="claims_claim_decide",
            ),
            path(
                "<path:object_id>/lineage/",
                view(lambda request, object_id: lineage_view(self, request, object_id)),
                name="claims_claim_lineage",
            ),
            path(
                "export/<str:fmt>/",
                view(lambda request, fmt: list_export_view(self, request, fmt)),
                name="claims_claim_export",
            ),
            path(
                "search/",
                view(lambda request: search.search_view(self, request)),
                name="claims_claim_search",
            ),
            path(
                "search/save/",
                view(lambda request: search.save_view(self, request)),
                name="claims_claim_search_save",
            ),
            path(
                "search/saved/<int:search_id>/delete/",
                view(lambda request, search_id: search.delete_view(self, request, search_id)),
                name="claims_claim_search_delete",
            ),
            path(
                "search/export/<str:fmt>/",
                view(lambda request, fmt: search.search_export_view(self, request, fmt)),
                name="claims_claim_search_export",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "export_formats": EXPORT_FORMATS,
            "export_query": request.GET.urlencode(),
            **(extra_context or {}),
        }
        return complete_changelist(super().changelist_view(request, extra_context))

    def get_queryset(self, request):
        # ModelAdmin.get_queryset orders before we could annotate, so the rank comes first here.
        return Claim.objects.with_queue_rank().order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return desk.QUEUE_ORDER

    def get_changelist(self, request, **kwargs):
        return desk.QueueChangeList

    def get_search_results(self, request, queryset, search_term):
        # The stored tsvector and its GIN index on PostgreSQL (claims/search.py); Django's
        # icontains over quote and summary would read every claim.
        if not search_term.strip():
            return queryset, False
        text = checked(request, forms.CharField(max_length=QUERY_MAX_CHARS), search_term, "search")
        if text is None:
            return queryset.none(), False
        # The autocomplete view (fact-sheet and other claim pickers) searches as one types.
        as_typed = request.path.endswith("/autocomplete/")
        return search_claims(queryset, text, as_typed=as_typed), False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None:
            extra_context = {
                **desk.claim_page_context(self, request, claim),
                **lineage_context(claim, can_change=self.has_change_permission(request, claim)),
                **self.entry_help_context(request),
                **(extra_context or {}),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**self.entry_help_context(request), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def entry_help_context(self, request) -> dict:
        """The endpoint the form's script asks for proposals and warnings (claim_entry.js)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return {}
        return {
            "entry_help_url": reverse("admin:claims_claim_entry_help"),
            "entry_help_strings": script_strings(),
        }

    def revert_disabled(self, request, obj=None):
        # Status changes belong to verification notes; reverting a record would bypass them.
        return True

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each record's changes against the one before it, read as "field: old → new"."""
        records = list(historical_records)
        for record, previous in zip(records, records[1:], strict=False):
            record.history_delta_changes = readable_changes(record, previous)
        if records and (previous := records[-1].prev_record) is not None:
            records[-1].history_delta_changes = readable_changes(records[-1], previous)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["version"].initial = obj.version if obj else None
        return form

    def has_delete_permission(self, request, obj=None):
        # Claims are retracted (status "retracted" with a note), never deleted.
        return False

    def save_model(self, request, obj, form, change):
        # The form has set its fields on `obj`; the service validates, saves and writes the one
        # history record, tags included (claims.services is the only write path).
        tags = [tag.name for tag in form.cleaned_data.get("tags", [])]
        if not change:
            services.claim_create(created_by=request.user, tags=tags, instance=obj)
            self.warn_about(request, obj)
            return
        obj.locate_quote()
        changed = {name: getattr(obj, name) for name in form.changed_data if name in EDITABLE}
        services.claim_update(
            claim=obj,
            author=request.user,
            expected_version=form.cleaned_data["version"],
            tags=tags if "tags" in form.changed_data else None,
            **changed,
        )
        self.warn_about(request, obj)

    def warn_about(self, request, claim):
        """Saved, and worth a second look: the warnings the form showed as the editor typed."""
        for warning in desk.warnings_for(claim):
            self.message_user(request, _("Saved, but: %s") % warning.message, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        # The tags were written with the claim (save_model); only the new notes remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not VerificationNote:
            return super().save_formset(request, form, formset, change)
        claim = form.instance
        # The admin's change message reads these lists; notes are only ever added.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for note_form in formset.forms:
            if not note_form.has_changed() or note_form.instance.pk:
                continue
            data = note_form.cleaned_data
            note = services.note_add(
                claim=claim,
                author=request.user,
                body=data["body"],
                status_to=data.get("status_to") or None,
                evidence_url=data.get("evidence_url", ""),
                evidence_quote=data.get("evidence_quote", ""),
                evidence_sources=data.get("evidence_sources") or [],
            )
            formset.new_objects.append(note)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEditError as error:
            # A race the form's check could not see: the UPDATE matched no row at this version.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)


class VerificationNoteAdmin(HistoryAdmin):
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


class TagAdmin(HistoryAdmin):
    search_fields = ["name"]
