"""The editor's desk in the admin: review-queue filters, the claim page's reading panel, and
decisions (verdicts, accepting or rejecting proposals) for one claim from its page or for many
from the list.

Views and actions stay thin: every write goes through `claims.services`.
"""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims.admin.quote_context import quote_in_context
from claims.models import Claim, ConcurrentEditError, Status
from claims.services import (
    ACCEPT,
    DECISIONS,
    REJECT,
    VERDICT_BUTTONS,
    claim_decide,
    claims_decide,
)
from claims.warnings import claim_warnings

# Claims still to check first, oldest first (queue_rank comes from ClaimQuerySet.with_queue_rank).
QUEUE_ORDER = ["queue_rank", "created_at", "pk"]


class QueueChangeList(ChangeList):
    """Marks the status column as the sort when the list is in queue order (no column chosen);
    Django would otherwise mark the model's Meta ordering, which the list does not use. Rejected
    proposals stay out of the list unless a status is chosen in the filter."""

    def _get_default_ordering(self):
        return QUEUE_ORDER

    def get_queryset(self, request, exclude_parameters=None):
        claims = super().get_queryset(request, exclude_parameters)
        return claims.listed(statuses_asked=any(name.startswith("status") for name in self.params))


class QueueFilter(admin.SimpleListFilter):
    title = gettext_lazy("review queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("open", _("To review (unverified or in review)")),
            ("proposed", _("Proposals awaiting a decision")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(status__in=Status.OPEN)
        if self.value() == "proposed":
            return queryset.proposals()
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = gettext_lazy("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Me")), ("nobody", _("Nobody"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


def keeping_filters(model_admin, request, url_name: str, claim: Claim) -> str:
    """The URL with the list's filters carried along, so "back to the list" returns to the queue."""
    return add_preserved_filters(
        {"preserved_filters": model_admin.get_preserved_filters(request), "opts": Claim._meta},
        reverse(url_name, args=[claim.pk]),
    )


def claim_page_context(model_admin, request, claim: Claim) -> dict:
    """What the claim page shows above the form: the quote in context, the citation, siblings."""
    source = claim.source
    decide_url = keeping_filters(model_admin, request, "admin:claims_claim_decide", claim)
    same_measure = Claim.objects.on_same_measure(claim).with_citation()
    return {
        "desk_claim": claim,
        "desk_source": source,
        "desk_quote_html": quote_in_context(
            source.text, claim.quote, claim.quote_start, claim.quote_end
        ),
        "desk_same_measure": same_measure.order_by("claim_date", "pk")[:50],
        "desk_can_decide": model_admin.has_change_permission(request, claim),
        "desk_is_proposal": claim.is_proposal,
        "desk_verdicts": list(VERDICT_BUTTONS.items()),
        "desk_decide_url": decide_url,
        "desk_warnings": warnings_for(claim),
    }


def warnings_for(claim: Claim) -> list:
    """The claim form's warnings for a stored claim (claims.warnings): also a proposal's."""
    return claim_warnings(
        quote=claim.quote,
        source=claim.source,
        value=claim.value,
        unit=claim.unit,
        claim_date=claim.claim_date,
        claim_id=claim.pk,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=list(DECISIONS.items()))
    note = forms.CharField(required=False, max_length=20000)
    version = forms.IntegerField(min_value=1)


def posted_to_a_claim(view):
    """A view a button on a claim's page posts to: POST only, the claim must exist (404) and the
    user may change it (403); the view gets the claim."""

    @functools.wraps(view)
    def checked(model_admin, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = model_admin.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404(_("No such claim."))
        if not model_admin.has_change_permission(request, claim):
            raise PermissionDenied
        return view(model_admin, request, claim)

    return checked


@posted_to_a_claim
def decide_view(model_admin, request, claim):
    """One decision on one claim, posted by a button on its page; back to the page afterwards."""
    form = DecisionForm(request.POST)
    back = keeping_filters(model_admin, request, "admin:claims_claim_change", claim)
    if form.is_valid():
        data = form.cleaned_data
        try:
            note = claim_decide(
                claim=claim,
                author=request.user,
                decision=data["decision"],
                note=data["note"],
                expected_version=data["version"],
            )
        except ConcurrentEditError as error:
            messages.error(request, stale_message(data["version"], error, data["note"]))
            return HttpResponseRedirect(back)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, decided_message(note))
            return HttpResponseRedirect(back)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Claim._meta,
        "title": _("Decision not recorded"),
        "claim": claim,
        "form": form,
        "back": back,
    }
    return TemplateResponse(
        request, "admin/claims/claim/decision_refused.html", context, status=400
    )


def stale_message(loaded: int, error: ConcurrentEditError, note: str) -> str:
    kept = _(" Your note was: “%(note)s”") % {"note": note.strip()} if note.strip() else ""
    message = _(
        "Not recorded: someone else changed this claim while you were reading it (you loaded "
        "version %(loaded)s, it is now version %(current)s). Read their change below, then "
        "decide again."
    ) % {"loaded": loaded, "current": error.current_version}
    return message + kept


def decided_message(note) -> str:
    claim = note.claim
    return _("%(figure)s: now %(status)s. Your note is on record.") % {
        "figure": claim.figure,
        "status": claim.get_status_display(),
    }


class BulkDecisionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "required": True}),
        max_length=20000,
        error_messages={
            "required": gettext_lazy("Write a note: each claim gets its own copy of it.")
        },
    )


def bulk_decide(model_admin, request, queryset, decision: str):
    """The list's decision actions. Verdicts and rejections go through a confirmation page with one
    shared note; each claim gets its own copy.

    The list carries no versions, so the confirmation page is what the editor agrees to: it shows
    each claim as it is now and posts back those versions; if any claim changes before the
    editor confirms, nothing is applied and the page is shown again with the fresh state.
    """
    claims = list(queryset.select_related("source__publisher").order_by("created_at", "pk"))
    if decision in (ACCEPT, REJECT):
        proposals = [claim for claim in claims if claim.is_proposal]
        if len(proposals) < len(claims):
            left = len(claims) - len(proposals)
            messages.warning(
                request,
                _(
                    "%(count)d of the selected claims are not proposals awaiting a decision; "
                    "they were left as they are."
                )
                % {"count": left},
            )
        claims = proposals
        if not claims:
            return None
    if decision == ACCEPT:
        # Accepting only moves proposals into review, so it needs no note and no confirmation;
        # it applies to the claims as they are now.
        try:
            claims_decide(
                versions={claim.pk: claim.version for claim in claims},
                author=request.user,
                decision=ACCEPT,
                note="",
            )
        except ConcurrentEditError:
            messages.error(
                request, _("Nothing was accepted: a proposal changed just now; try again.")
            )
            return None
        message = ngettext(
            "Accepted %(count)d proposal: now in review.",
            "Accepted %(count)d proposals: now in review.",
            len(claims),
        )
        messages.success(request, message % {"count": len(claims)})
        return None
    form = BulkDecisionForm(request.POST if "confirm" in request.POST else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            claims_decide(
                versions=confirmed_versions(request, claims),
                author=request.user,
                decision=decision,
                note=form.cleaned_data["note"],
            )
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Nothing was changed: a claim below was changed by someone else since this "
                    "page was shown. It now shows the claims as they are; check them and confirm "
                    "again."
                ),
            )
            status = 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if decision == REJECT:
                message = ngettext(
                    "%(count)d claim rejected, with its own note.",
                    "%(count)d claims rejected, each with its own note.",
                    len(claims),
                ) % {"count": len(claims)}
            else:
                message = ngettext(
                    "%(count)d claim now %(status)s, with its own note.",
                    "%(count)d claims now %(status)s, each with its own note.",
                    len(claims),
                ) % {"count": len(claims), "status": Status(decision).label}
            messages.success(request, message)
            return None
    if form.errors and status == 200:
        status = 400
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Claim._meta,
        "title": f"{DECISIONS[decision]}: {counted(claims)}",
        "cancel_url": request.get_full_path(),
        "claims": claims,
        "form": form,
        "action": f"decide_{decision}",
        "decision_label": DECISIONS[decision],
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(
        request, "admin/claims/claim/decision_confirmation.html", context, status=status
    )


def counted(claims) -> str:
    return ngettext("%(count)d claim", "%(count)d claims", len(claims)) % {"count": len(claims)}


def confirmed_versions(request, claims) -> dict[int, int]:
    """The version of each claim as the confirmation page showed it."""
    versions = {}
    for claim in claims:
        raw = request.POST.get(f"version_{claim.pk}", "")
        if not raw.isdecimal():
            raise ValidationError(
                _(
                    "The confirmation page did not say which version of claim %(pk)s you saw; "
                    "start again from the list."
                )
                % {"pk": claim.pk}
            )
        versions[claim.pk] = int(raw)
    return versions


def _decision_action(decision: str, description: str):
    def action(model_admin, request, queryset):
        return bulk_decide(model_admin, request, queryset, decision)

    action.__name__ = f"decide_{decision}"
    return admin.action(description=description, permissions=["change"])(action)


verdict_actions = [
    _decision_action(status, format_lazy(gettext_lazy("{label} (one note for all)…"), label=label))
    for status, label in VERDICT_BUTTONS.items()
]
accept_proposals = _decision_action(ACCEPT, gettext_lazy("Accept proposals (into review)"))
reject_proposals = _decision_action(REJECT, gettext_lazy("Reject proposals (with a reason)…"))


@admin.action(
    description=gettext_lazy("Correct a proposal (opens its form)"), permissions=["change"]
)
def correct_proposal(model_admin, request, queryset):
    claims = list(queryset[:2])
    if len(claims) != 1:
        messages.warning(request, _("Select one claim to correct: its page opens with the form."))
        return None
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claims[0].pk]))
