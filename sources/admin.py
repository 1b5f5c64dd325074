"""Admin for publishers, claimants and sources; a source shows its claims inline."""

from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Claim

from .models import Claimant, Publisher, Source


@admin.register(Publisher)
class PublisherAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "homepage"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Claimant)
class ClaimantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "description", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "wikidata_id"]


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["figure", "quote", "status", "claimant", "claim_date"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    @admin.display(description="figure")
    def figure(self, claim):
        return claim.figure

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_display", "language", "kind", "claim_count"]
    list_filter = ["kind", "language", "date_precision", "publisher"]
    search_fields = ["title", "authors", "url", "publisher__name"]
    autocomplete_fields = ["publisher", "translation_of"]
    readonly_fields = ["text_sha256", "created_at", "updated_at"]
    date_hierarchy = "published_on"
    inlines = [ClaimInline]
    actions = ["propose_claims"]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "authors", "kind", "url", "archive_url"]}),
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
        ("Text snapshot", {"classes": ["collapse"], "fields": ["text", "text_sha256"]}),
        ("Notes", {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    @admin.display(description="published", ordering="published_on")
    def published_display(self, source):
        return source.published_display

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, source):
        return source.claim_count

    @admin.action(description="Propose claims from text", permissions=["change"])
    def propose_claims(self, request, queryset):
        from claims.extraction import save_proposals

        for source in queryset:
            if not source.text:
                self.message_user(
                    request, f"“{source.title}” has no text snapshot to read.", messages.WARNING
                )
                continue
            created, skipped = save_proposals(source, created_by=request.user)
            self.message_user(
                request,
                f"“{source.title}”: {len(created)} claims proposed for review "
                f"({skipped} already known).",
                messages.SUCCESS,
            )

    def get_queryset(self, request):
        # Counted per source shown, not by a GROUP BY over every claim: the autocomplete of the
        # claim form and of the claim list's source filter counts and pages this queryset too.
        claims = (
            Claim.objects.filter(source=OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("publisher")
            .annotate(claim_count=Coalesce(Subquery(claims), 0))
        )
