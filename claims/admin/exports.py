"""A list of claims, as a journalist takes it away from the desk: CSV or an ad-hoc fact sheet.

The claim list and the search page both hand their claims here, so a list exports the same
way whichever page shows it. The CSV is the API's (`/api/v1/claims/?format=csv`: one row per
claim, its citation flattened into `citation.*` columns, cells that cannot run as formulas),
and a fact sheet is the ad-hoc sheet's context and renderers (claims/factsheets), within the
same size limits as the API's `claims/factsheet/<fmt>/`.
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from claims.api.reading import claim_rows, represent_claims
from claims.api.views import notes_count
from claims.factsheets.context import build_context
from claims.factsheets.limits import request_limit
from claims.factsheets.renderers import render
from claims.factsheets.views import export_response
from factdb.api.renderers import CSVRenderer

# The formats offered on the desk, in the order its links show them (a fact sheet's JSON and
# JSON-LD are the API's business).
EXPORT_FORMATS = {
    "csv": "CSV",
    "html": gettext_lazy("Fact sheet (HTML)"),
    "pdf": "PDF",
    "md": "Markdown",
}


# Parameters whose name says little to a reader of the sheet's intro.
QUERY_NAMES = {"q": gettext_lazy("words")}


class ExportRefused(Exception):
    """An export this request cannot give; the message says why and what to do."""


def export_claims(request, claims, fmt: str, *, description: str) -> HttpResponse:
    """`claims` (a queryset, in the order to export) as `fmt`; `description` says which claims
    they are, in the sheet's intro."""
    if fmt not in EXPORT_FORMATS:
        raise ExportRefused(
            _("Unknown export format “%(fmt)s”; use one of: %(formats)s.")
            % {"fmt": fmt[:20], "formats": ", ".join(EXPORT_FORMATS)}
        )
    # The CSV is a list's rows; it holds as many as a text fact sheet does.
    limit = request_limit(fmt)
    count = claims.count()
    if count > limit:
        raise ExportRefused(
            _(
                "This list has %(count)s claims; an export from the desk holds at most "
                "%(limit)s as %(fmt)s. Narrow the filters first."
            )
            % {"count": count, "limit": limit, "fmt": fmt}
        )
    if fmt == "csv":
        rows = represent_claims(list(claim_rows(claims.annotate(notes_count=notes_count))), request)
        response = HttpResponse(CSVRenderer().render(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response
    context = build_context(
        claims,
        title=_("Fact sheet"),
        intro=description,
        url=request.build_absolute_uri(),
    )
    # Written in the desk's language, as the sheet preview is (the context itself is English).
    return export_response(render(context, fmt, get_language()), fmt, "factsheet")


def describe_query(params, *, ignore=()) -> str:
    """A query string as a reader reads it: "unit: troops; status: verified, disputed"."""
    parts = []
    for name in params:
        if name in ignore:
            continue
        values = [v for v in params.getlist(name) if v.strip()]
        if values:
            parts.append(f"{QUERY_NAMES.get(name, name)}: {', '.join(values)}")
    if not parts:
        return _("All claims.")
    return _("Claims matching %(query)s.") % {"query": "; ".join(parts)}


def refused(request, model_admin, problems: list[str], back: str) -> TemplateResponse:
    """A 400 page naming what is wrong with the request, with the way back to the list."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("This list cannot be exported"),
        "problems": problems,
        "back": back,
    }
    return TemplateResponse(request, "admin/claims/claim/export_refused.html", context, status=400)


def list_export_view(model_admin, request, fmt: str):
    """The claim list as it stands, with its filters, search and order, exported as `fmt`."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    back = reverse("admin:claims_claim_changelist") + (
        f"?{request.GET.urlencode()}" if request.GET else ""
    )
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        return refused(request, model_admin, [_("The list's filters could not be read.")], back)
    # The list's filters say what is wrong with a value as a warning, and show no claims.
    problems = [
        str(message)
        for message in messages.get_messages(request)
        if message.level >= messages.WARNING
    ]
    if problems:
        return refused(request, model_admin, problems, back)
    try:
        return export_claims(
            request,
            changelist.queryset,
            fmt,
            description=describe_query(request.GET, ignore=("o", "p")),
        )
    except ExportRefused as error:
        return refused(request, model_admin, [str(error)], back)
