"""The journalist's search page: the API's claim filters in a form, read-only, on the desk.

The page's state is its URL (a GET form), so a search is bookmarked, shared or saved as it is,
and its parameters are the API's own (`claims/api/filters.py`'s ClaimFilter, the same code):
`?unit=troops&value_min=1000` asks here what `/api/v1/claims/?unit=troops&value_min=1000` asks.
Each result shows the figure, its citation and a link to the claim; the list exports as CSV or
as an ad-hoc fact sheet (claims/admin/exports.py). Anything the filters cannot read is a 400
page that names the parameter, as the API's answer would.
"""

import difflib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from claims.admin.exports import EXPORT_FORMATS, ExportRefused, describe_query, export_claims
from claims.admin.exports import refused as export_refused
from claims.api.filters import ClaimFilter
from claims.models import SavedSearch
from claims.saved_searches import saved_search_delete, saved_search_save
from claims.selectors import listed_claims
from sources.models import format_date_with_precision

PAGE_SIZE = 25
# Past this page an offset would read every row before it; narrow the search instead.
MAX_PAGE = 400
PAGE = "page"

# The form's fields, in the order a journalist asks: words, the figure, what and when, verdict.
# Each is a ClaimFilter parameter, named as the API names it.
MAIN_FIELDS = {
    "q": gettext_lazy("Words"),
    "unit": gettext_lazy("Unit (its whole family)"),
    "unit_exact": gettext_lazy("Unit exactly as written"),
    "value_min": gettext_lazy("Figure from"),
    "value_max": gettext_lazy("Figure up to"),
    "consistent_with": gettext_lazy("Could be"),
    "consistent_min": gettext_lazy("Could be at least"),
    "consistent_max": gettext_lazy("Could be at most"),
    "measure": gettext_lazy("Measure"),
    "claim_date_after": gettext_lazy("Claimed on or after"),
    "claim_date_before": gettext_lazy("Claimed on or before"),
    "ordering": gettext_lazy("Order"),
}
MORE_FIELDS = {
    "status": gettext_lazy("Status"),
    "hedge": gettext_lazy("Hedge"),
    "per": gettext_lazy("Rates per"),
    "tag": gettext_lazy("Tag"),
    "language": gettext_lazy("Source language"),
    "conflicts": gettext_lazy("Conflicts"),
}
HELP = {
    "q": gettext_lazy('"a phrase", troops OR soldiers, troops -army; 6000 finds 6,000'),
    "unit": gettext_lazy("troops also finds soldiers and elementos; USD, people, deaths …"),
    "value_min": gettext_lazy("As stated: “up to 6,000” is 6,000"),
    "consistent_with": gettext_lazy("Hedges read: “up to 6,000” could be 5,200"),
}
# ClaimFilter parameters that the form does not draw; kept as hidden fields when a URL has them.
KEPT_FIELDS = ("source", "publisher", "claimant")


def search_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    search = Search(request)
    claims, more = [], False
    if not search.problems:
        rows = list(search.claims()[search.offset : search.offset + PAGE_SIZE + 1])
        claims, more = [result(row) for row in rows[:PAGE_SIZE]], len(rows) > PAGE_SIZE
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Search claims"),
        "search": search,
        "claims": claims,
        "page": search.page,
        "first_number": search.offset + 1,
        "last_number": search.offset + len(claims),
        "previous_query": search.query(page=search.page - 1) if search.page > 1 else None,
        "next_query": search.query(page=search.page + 1) if more else None,
        "export_formats": EXPORT_FORMATS,
        "export_query": search.query(),
        "asked": search.asked,
        "saved_searches": SavedSearch.objects.filter(owner=request.user),
        "saved_query": search.params.urlencode(),
    }
    return TemplateResponse(
        request,
        "admin/claims/claim/search.html",
        context,
        status=400 if search.problems else 200,
    )


def search_export_view(model_admin, request, fmt: str):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    search = Search(request)
    back = reverse("admin:claims_claim_search") + f"?{search.query()}"
    if search.problems:
        return export_refused(request, model_admin, search.problem_messages(), back)
    try:
        return export_claims(
            request, search.claims(), fmt, description=describe_query(search.params)
        )
    except ExportRefused as error:
        return export_refused(request, model_admin, [str(error)], back)


def save_view(model_admin, request):
    """Keep the search in the form's `query` under its `name`, for this reader alone."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    query = request.POST.get("query", "")
    back = reverse("admin:claims_claim_search") + (f"?{query}" if query else "")
    search = Search(request, QueryDict(query))
    if search.problems:
        return export_refused(request, model_admin, search.problem_messages(), back)
    try:
        saved = saved_search_save(
            owner=request.user, name=request.POST.get("name", ""), query=search.params.urlencode()
        )
    except ValidationError as error:
        return export_refused(request, model_admin, error.messages, back)
    messages.success(request, _("Saved the search “%(name)s”.") % {"name": saved.name})
    return HttpResponseRedirect(back)


def delete_view(model_admin, request, search_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    # Only one's own: another reader's search is not found, rather than refused.
    search = SavedSearch.objects.filter(owner=request.user, pk=search_id).first()
    if search is None:
        raise Http404(_("You have no saved search of that number."))
    saved_search_delete(search=search, by=request.user)
    messages.success(request, _("Deleted the search “%(name)s”.") % {"name": search.name})
    return HttpResponseRedirect(reverse("admin:claims_claim_search"))


class Search:
    """One search as the request asks it: the filters, what is wrong with them, the page."""

    def __init__(self, request, params: QueryDict | None = None):
        self.request = request
        self.params = (request.GET if params is None else params).copy()
        raw_page = self.params.pop(PAGE, ["1"])[-1]
        self.problems: dict[str, list[str]] = {}
        known = list(ClaimFilter.base_filters)
        for name in self.params:
            if name not in known:
                self.problems[name] = [unknown_parameter(name, known)]
        self.page = 1
        if raw_page.isascii() and raw_page.isdigit() and 1 <= int(raw_page) <= MAX_PAGE:
            self.page = int(raw_page)
        else:
            self.problems[PAGE] = [
                _("The page must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE}
            ]
        self.offset = (self.page - 1) * PAGE_SIZE
        self.filterset = ClaimFilter(
            self.params,
            queryset=listed_claims(request.user, self.params),
            request=request,
        )
        self.form = self.filterset.form
        if not self.form.is_valid():
            for name, errors in self.form.errors.items():
                self.problems.setdefault(name, []).extend(errors)
        self.asked = any(value.strip() for value in self.params.values())
        self._draw_widgets()

    def _draw_widgets(self):
        fields = self.form.fields
        for name in ("claim_date_after", "claim_date_before"):
            fields[name].widget.input_type = "date"
        for name in ("status", "hedge"):
            fields[name].widget = forms.CheckboxSelectMultiple(choices=fields[name].choices)
        for name in ("value_min", "value_max", "consistent_with", "consistent_min"):
            fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        fields["consistent_max"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        for name, field in fields.items():
            if name in self.problems:
                field.widget.attrs["aria-invalid"] = "true"
            if name in HELP:
                field.widget.attrs["aria-describedby"] = f"help_{name}"

    def claims(self):
        return self.filterset.qs.select_related("source__publisher", "claimant", "measure")

    def fields(self, names: dict):
        return [
            {
                "field": self.form[name],
                "label": label,
                "help": HELP.get(name, ""),
                "errors": self.problems.get(name, []),
            }
            for name, label in names.items()
        ]

    def main_fields(self):
        return self.fields(MAIN_FIELDS)

    def more_fields(self):
        return self.fields(MORE_FIELDS)

    def more_asked(self) -> bool:
        return any(self.params.get(name) for name in MORE_FIELDS)

    def kept(self):
        return [(name, value) for name in KEPT_FIELDS for value in self.params.getlist(name)]

    def problem_messages(self) -> list[str]:
        return [
            f"{name}: {message}" for name, errors in self.problems.items() for message in errors
        ]

    def query(self, **changes) -> str:
        params = self.params.copy()
        for name, value in changes.items():
            params[name] = str(value)
        return params.urlencode()


def unknown_parameter(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    if close:
        return _("Unknown filter. Did you mean “%(close)s”?") % {"close": close[0]}
    return _("Unknown filter. This page reads: %(known)s.") % {"known": ", ".join(known)}


def result(claim) -> dict:
    source = claim.source
    return {
        "claim": claim,
        "url": reverse("admin:claims_claim_change", args=[claim.pk]),
        "publisher": source.publisher.name,
        "title": source.title,
        "published": format_date_with_precision(
            source.published_on, source.date_precision, get_language()
        ),
        "source_url": source.url,
    }
