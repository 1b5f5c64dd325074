"""The admin's front door for documents: "Add source from a URL or a file" (a URL box, a file
upload, a paste box), then a progress page that refreshes itself until the background import is
done and shows the extracted text and the proposals. claims/admin/sources.py fills in the
proposals (claims are the claims app's)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sources.intake import IntakeError
from sources.models import ImportState, SourceImport, SourceKind
from sources.services import METADATA_FIELDS, outcome_display, source_import_submit


class SourceIntakeForm(forms.Form):
    url = forms.CharField(
        label=gettext_lazy("URL"),
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"size": 80, "placeholder": "https://…"}),
        help_text=gettext_lazy("A web page, a PDF or a plain-text file on the web."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy("Or upload an HTML, PDF or UTF-8 text file."),
    )
    text = forms.CharField(
        label=gettext_lazy("Or paste the text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
    )
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=500)
    publisher = forms.CharField(label=gettext_lazy("Publisher"), required=False, max_length=200)
    published = forms.CharField(
        label=gettext_lazy("Published"),
        required=False,
        help_text=gettext_lazy("YYYY, YYYY-MM or YYYY-MM-DD; only if the document lacks it."),
    )
    language = forms.CharField(
        label=gettext_lazy("Language"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("BCP-47, e.g. en, es-MX."),
    )
    authors = forms.CharField(label=gettext_lazy("Authors"), required=False, max_length=500)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("(as read)")), *SourceKind.choices],
    )
    extract = forms.BooleanField(
        label=gettext_lazy("Propose claims from the text"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        given = [name for name in ("url", "file", "text") if data.get(name)]
        if not given:
            raise forms.ValidationError(_("Give a URL, a file or the text."))
        if len(given) > 1:
            raise forms.ValidationError(_("Give only one of URL, file or text."))
        return data


class SourceIntakeAdmin:
    """Mixed into the SourceAdmin: two pages and a button on the source list."""

    change_list_template = "admin/sources/source/change_list.html"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "add-from/",
                self.admin_site.admin_view(self.add_from_view),
                name=f"{name}_add_from",
            ),
            path(
                "imports/<int:pk>/",
                self.admin_site.admin_view(self.import_view),
                name=f"{name}_import",
            ),
            *super().get_urls(),
        ]

    def add_from_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        bound = request.method == "POST"
        form = SourceIntakeForm(request.POST if bound else None, request.FILES if bound else None)
        if request.method == "POST" and form.is_valid():
            job = self._request_import(request, form)
            if job is not None:
                return redirect(reverse("admin:sources_source_import", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Add source from a URL or a file"),
            "form": form,
        }
        return TemplateResponse(request, "admin/sources/source/add_from.html", context)

    def _request_import(self, request, form):
        data = form.cleaned_data
        # A form's blank boxes are "", which says nothing about the document.
        overrides = {name: data[name] for name in METADATA_FIELDS if data.get(name)}
        try:
            return source_import_submit(
                url=data.get("url", ""),
                upload=data.get("file"),
                text=data.get("text", ""),
                extract=data["extract"],
                overrides=overrides,
                user=request.user,
            )
        except IntakeError as error:
            field = error.field if error.field in form.fields else None
            if field == "file" and data.get("text"):
                field = "text"
            form.add_error(field, error.message)
            return None

    def import_view(self, request, pk):
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = get_object_or_404(SourceImport.objects.select_related("source"), pk=pk)
        working = job.state in (ImportState.QUEUED, ImportState.RUNNING)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import %(number)s: %(state)s")
            % {"number": job.pk, "state": job.get_state_display().lower()},
            "job": job,
            "outcome": outcome_display(job.outcome),
            "working": working,
            "source": job.source,
            "paragraphs": (job.source.text.split("\n") if job.source else []),
            "proposals": [] if working else self.import_proposals(job),
        }
        return TemplateResponse(request, "admin/sources/source/import_progress.html", context)

    def import_proposals(self, job) -> list:
        """[(claim, figure, quote in context, page)] — the claims admin knows claims."""
        return []
