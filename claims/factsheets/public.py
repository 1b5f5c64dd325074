"""The public pages of published fact sheets: token-free, for readers, when the operator allows.

``/sheets/`` lists the sheets with a published version, ``/sheets/<slug>/`` shows the latest
version and ``/sheets/<slug>/v<N>/`` one version, with its ClaimReview JSON-LD embedded for
search engines and fact-check aggregators. Anonymous readers get them only with
FACTDB_PUBLIC_READ; signed-in staff always (to check a page before telling anyone). A page shows
the version's frozen context as anonymous readers get it (no staff names); it is a new rendering
of that context, so it may look better than old exports without changing them.
"""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claims.factsheets.context import public_context
from claims.factsheets.localise import localised
from claims.factsheets.renderers import FORMATS, render_jsonld
from claims.factsheets.services import export_path, public_path, public_url
from claims.models import FactSheet

# Sheets listed per page of /sheets/ (newest published first); ?page=N for the others.
SHEETS_PER_PAGE = 50


def may_read(request) -> bool:
    user = request.user
    return settings.FACTDB_PUBLIC_READ or (user.is_authenticated and user.is_staff)


def sheet_list(request):
    if not may_read(request):
        raise Http404(_("No public fact sheets here."))
    sheets = (
        FactSheet.objects.filter(versions__isnull=False)
        .annotate(latest=Max("versions__number"), published=Max("versions__published_at"))
        .order_by("-published", "title", "pk")
    )
    try:
        page = Paginator(sheets, SHEETS_PER_PAGE).page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404(_("This list has no such page.")) from None
    return TemplateResponse(
        request,
        "claims/factsheets/public_list.html",
        {
            "sheets": [(sheet, public_path(sheet.slug)) for sheet in page],
            "page": page,
            "organisation": settings.FACTDB_ORG_NAME,
            "lang": get_language() or settings.LANGUAGE_CODE,
        },
    )


def sheet_page(request, slug: str, number: int | None = None):
    if not may_read(request):
        raise Http404(_("No public fact sheets here."))
    sheet = get_object_or_404(FactSheet, slug=slug)
    versions = list(sheet.versions.order_by("-number"))
    if not versions:
        raise Http404(_("This fact sheet has no published version yet."))
    if number is None:
        version = versions[0]
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404(_("This fact sheet has no such version."))
    english = public_context(version.context)
    # The page reads the frozen English context in the reader's language (?lang= or the
    # browser's); the JSON-LD for machines stays as published.
    context = localised(english, get_language() or settings.LANGUAGE_CODE)
    page_url = public_url(slug, version.number, base_url=request.build_absolute_uri("/"))
    # The page's own address for every review, whatever the version's export recorded.
    jsonld = render_jsonld({**english, "url": page_url}).decode()
    languages = {cited["number"]: cited.get("language", "") for cited in context["citations"]}
    items = [
        {**entry, "language": languages.get(entry["citation"], "")} for entry in context["items"]
    ]
    downloads = [(fmt, export_path(slug, fmt, version.number)) for fmt in FORMATS if fmt != "html"]
    return TemplateResponse(
        request,
        "claims/factsheets/public_page.html",
        {
            "sheet": {**context, "items": items},
            "jsonld": mark_safe(jsonld),  # noqa: S308 - script_safe JSON: no "<", ">" or "&" left
            "page_url": page_url,
            "versions": [(v.number, public_path(slug, v.number)) for v in versions],
            "current": version.number,
            "downloads": downloads,
            "list_url": public_path_list(),
            "lang": get_language() or settings.LANGUAGE_CODE,
        },
    )


def public_path_list() -> str:
    from django.urls import reverse

    return reverse("factsheet-public-list")
