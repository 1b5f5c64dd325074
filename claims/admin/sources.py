"""The source page on the desk: the source's fields (sources.admin), its claims, how many, and
"Propose claims from text"."""

from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.admin.quote_context import quote_in_context
from claims.admin.withdraw import withdraw_view
from claims.models import Claim, Origin
from claims.services import claims_propose
from sources import admin as sources_admin


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["figure", "quote", "status", "claimant", "claim_date"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    @admin.display(description=gettext_lazy("figure"))
    def figure(self, claim):
        return claim.figure

    def has_add_permission(self, request, obj=None):
        return False


class SourceAdmin(sources_admin.SourceAdmin):
    list_display = [*sources_admin.SourceAdmin.list_display, "claim_count"]
    inlines = [ClaimInline]
    actions = ["propose_claims"]
    readonly_fields = [
        *sources_admin.SourceAdmin.readonly_fields,
        "withdrawn_at",
        "withdrawn_reason",
    ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/withdraw/",
                view(lambda request, object_id: withdraw_view(self, request, object_id)),
                name="sources_source_withdraw",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.withdrawn_at:
            return fieldsets
        withdrawn = (_("Withdrawn"), {"fields": ["withdrawn_at", "withdrawn_reason"]})
        return [withdrawn, *fieldsets]

    def import_proposals(self, job):
        """The claims this import proposed, each with its quote in its paragraph."""
        if job.source is None or not job.started_at:
            return []
        source = job.source
        claims = source.claims.filter(origin=Origin.EXTRACTED, created_at__gte=job.started_at)
        return [
            (
                claim,
                claim.figure,
                quote_in_context(source.text, claim.quote, claim.quote_start, claim.quote_end),
                source.page_at(claim.quote_start),
            )
            for claim in claims.order_by("quote_start", "pk")
        ]

    @admin.display(description=gettext_lazy("claims"), ordering="claim_count")
    def claim_count(self, source):
        return source.claim_count

    @admin.action(description=gettext_lazy("Propose claims from text"), permissions=["change"])
    def propose_claims(self, request, queryset):
        for source in queryset:
            if not source.text:
                self.message_user(
                    request,
                    _("“%(title)s” has no text snapshot to read.") % {"title": source.title},
                    messages.WARNING,
                )
                continue
            result = claims_propose(source=source, created_by=request.user)
            created, skipped = result
            self.message_user(
                request,
                _("“%(title)s”: %(count)s claims proposed for review (%(skipped)s already known).")
                % {"title": source.title, "count": len(created), "skipped": skipped},
                messages.SUCCESS,
            )
            if result.message:  # the run stopped at extraction.MAX_CANDIDATES
                self.message_user(request, f"“{source.title}”: {result.message}", messages.WARNING)

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
