"""Fact sheets in the admin: items ordered on the sheet's page, preview, publish, history; and
"Add to fact sheet…" on the claim list. Registered by an import in claims/admin.py."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from claims.factsheets.context import build_context
from claims.factsheets.limits import SheetTooLarge, check_request_size
from claims.factsheets.renderers import FORMATS, render
from claims.factsheets.services import (
    export_path,
    public_path,
    sheet_add_claims,
    sheet_create,
    sheet_publish,
)
from claims.factsheets.views import export_response
from claims.models import Claim, FactSheet, FactSheetItem, FactSheetVersion
from factdb.admin_widgets import CheckedAutocompleteAdminMixin
from factdb.history.admin import HistoryAdmin


def refused(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class FactSheetItemInline(CheckedAutocompleteAdminMixin, admin.TabularInline):
    model = FactSheetItem
    fields = ["position", "claim", "figure", "status", "note"]
    readonly_fields = ["figure", "status"]
    autocomplete_fields = ["claim"]
    ordering = ["position", "pk"]
    extra = 0
    formfield_overrides = {
        FactSheetItem._meta.get_field("note").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 40})
        }
    }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "claim":
            # Given explicitly: the default borrows ClaimAdmin's ordering, which names an
            # annotation (the review-queue rank) that a plain Claim queryset does not have.
            kwargs.setdefault("queryset", Claim.objects.order_by("-claim_date", "-pk"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("figure"))
    def figure(self, item):
        return item.claim.figure if item.claim_id else ""

    @admin.display(description=gettext_lazy("status"))
    def status(self, item):
        return item.claim.get_status_display() if item.claim_id else ""


class FactSheetVersionInline(admin.TabularInline):
    """Published versions are a record: listed with their permalinks, never edited here."""

    model = FactSheetVersion
    fields = ["number", "published_at", "published_by", "permalinks"]
    readonly_fields = fields
    ordering = ["-number"]
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("published versions")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("permalinks"))
    def permalinks(self, version):
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            [
                (public_path(version.sheet.slug, version.number), _("public page")),
                *((export_path(version.sheet.slug, fmt, version.number), fmt) for fmt in FORMATS),
            ],
        )


class FactSheetAdmin(HistoryAdmin):
    list_display = ["title", "slug", "claim_count", "latest_version", "updated_at"]
    search_fields = ["title", "slug", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_links", "created_by", "created_at", "updated_at"]
    fields = ["title", "slug", "intro", "preview_links", "created_by", "created_at", "updated_at"]
    inlines = [FactSheetItemInline, FactSheetVersionInline]
    actions = ["publish_selected"]
    change_form_template = "claims/factsheets/admin/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(item_count=Count("items", distinct=True), last=Max("versions__number"))
        )

    @admin.display(description=gettext_lazy("claims"), ordering="item_count")
    def claim_count(self, sheet):
        return sheet.item_count

    @admin.display(description=gettext_lazy("published"), ordering="last")
    def latest_version(self, sheet):
        return _("version %(number)s") % {"number": sheet.last} if sheet.last else _("draft only")

    @admin.display(description=gettext_lazy("preview"))
    def preview_links(self, sheet):
        if not sheet.pk:
            return _("Save the sheet first.")
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            (
                (reverse("admin:claims_factsheet_preview", args=[sheet.pk, fmt]), fmt.upper())
                for fmt in FORMATS
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:fmt>/",
                view(self.preview_view),
                name="claims_factsheet_preview",
            ),
            path("<int:pk>/publish/", view(self.publish_view), name="claims_factsheet_publish"),
            *super().get_urls(),
        ]

    def sheet_or_404(self, request, pk) -> FactSheet:
        sheet = self.get_object(request, str(pk))
        if sheet is None or not self.has_view_permission(request, sheet):
            raise Http404(_("No such fact sheet."))
        return sheet

    def preview_view(self, request, pk, fmt):
        """The draft as it would be exported now (the HTML preview opens in a new tab)."""
        sheet = self.sheet_or_404(request, pk)
        if fmt not in FORMATS:
            raise Http404(_("Unknown format %(format)r.") % {"format": fmt})
        try:
            check_request_size(sheet.items.count(), fmt, slug=sheet.slug)
        except SheetTooLarge as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:claims_factsheet_change", args=[sheet.pk]))
        context = build_context(sheet, url=request.build_absolute_uri(export_path(sheet.slug)))
        # The preview speaks the admin's language, as ?lang= would.
        body = render(context, fmt, get_language())
        return export_response(body, fmt, f"{sheet.slug}-draft")

    def can_publish(self, request) -> bool:
        return request.user.has_perm("claims.add_factsheetversion")

    def publish_view(self, request, pk):
        """GET asks for confirmation; POST freezes the next version."""
        sheet = self.sheet_or_404(request, pk)
        if not self.can_publish(request):
            raise PermissionDenied
        if request.method == "POST":
            # The number the confirmation page showed: the same form sent twice is one version.
            number = request.POST.get("number", "")
            if not number.isascii() or not number.isdigit() or len(number) > 9:
                return refused(_("Publish from the confirmation page (it says which version)."))
            try:
                self.publish(request, sheet, number=int(number))
            except ValidationError as error:
                return refused(" ".join(error.messages))
            return HttpResponseRedirect(reverse("admin:claims_factsheet_change", args=[sheet.pk]))
        last = sheet.versions.aggregate(last=Max("number"))["last"] or 0
        return TemplateResponse(
            request,
            "claims/factsheets/admin/publish_confirm.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "sheet": sheet,
                "number": last + 1,
                "items": build_context(sheet)["items"],
                "title": _("Publish version %(number)s of “%(title)s”?")
                % {"number": last + 1, "title": sheet.title},
            },
        )

    def publish(self, request, sheet, number=None):
        version = sheet_publish(
            sheet=sheet, user=request.user, base_url=request.build_absolute_uri("/"), number=number
        )
        link = public_path(sheet.slug, version.number)
        self.message_user(
            request,
            format_html(
                _('Published “{}” as version {}: <a href="{}">permalink</a>.'),
                sheet.title,
                version.number,
                link,
            ),
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Publish the selected fact sheets (freeze a new version)")
    )
    def publish_selected(self, request, queryset):
        if not self.can_publish(request):
            raise PermissionDenied
        for sheet in queryset:
            self.publish(request, sheet)


class AddToSheetForm(forms.Form):
    sheet = forms.ModelChoiceField(
        queryset=FactSheet.objects.order_by("title"),
        required=False,
        empty_label=gettext_lazy("— a new fact sheet —"),
        label=gettext_lazy("Fact sheet"),
    )
    new_title = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("Title of the new sheet")
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("sheet") and not (cleaned.get("new_title") or "").strip():
            raise ValidationError(_("Choose a fact sheet, or give the new sheet a title."))
        if cleaned.get("sheet") and (cleaned.get("new_title") or "").strip():
            raise ValidationError(_("Choose an existing sheet or a new title, not both."))
        return cleaned


@admin.action(description=gettext_lazy("Add to fact sheet…"))
def add_to_fact_sheet(model_admin, request, queryset):
    """Intermediate page: pick an existing sheet or name a new one; the claims are appended in
    the list's order, skipping any already on the sheet."""
    if not request.user.has_perms(["claims.add_factsheetitem", "claims.change_factsheet"]):
        model_admin.message_user(request, _("You may not build fact sheets."), messages.ERROR)
        return None
    form = AddToSheetForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        if sheet is None:
            if not request.user.has_perm("claims.add_factsheet"):
                raise PermissionDenied
            sheet = sheet_create(title=form.cleaned_data["new_title"].strip(), user=request.user)
        claims = list(queryset)
        added = sheet_add_claims(sheet=sheet, claims=claims)
        skipped = len(claims) - len(added)
        note = _(" (%(skipped)s already on it)") % {"skipped": skipped} if skipped else ""
        added_message = ngettext(
            "Added %(count)d claim to “%(title)s”%(note)s.",
            "Added %(count)d claims to “%(title)s”%(note)s.",
            len(added),
        )
        model_admin.message_user(
            request,
            added_message % {"count": len(added), "title": sheet.title, "note": note},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:claims_factsheet_change", args=[sheet.pk]))
    return TemplateResponse(
        request,
        "claims/factsheets/admin/add_to_sheet.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Add claims to a fact sheet"),
            "opts": model_admin.model._meta,
            "form": form,
            "claims": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        },
    )
