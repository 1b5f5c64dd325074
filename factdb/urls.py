"""Top-level routes: the admin (editors' desk) and the API."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from claims.api.lineage import ClaimLineageView
from claims.api.views import ClaimHistoryView, ClaimNotesView, ClaimViewSet, MeasureViewSet
from factdb.api.tokens import TokenRotateView, TokenView
from factdb.schema import SwaggerUIView
from sources.api.imports import SourceImportStatusView, SourceImportView
from sources.api.views import ClaimantViewSet, PublisherViewSet, SourceViewSet

admin.site.site_header = "factdb"
admin.site.site_title = "factdb"
admin.site.index_title = _("Claims, sources and verification")
# "View site": the published fact sheets, the part of factdb meant for readers (the root only
# leads back to the admin).
admin.site.site_url = "/sheets/"

router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("measures", MeasureViewSet, basename="measure")
router.register("sources", SourceViewSet, basename="source")
router.register("publishers", PublisherViewSet, basename="publisher")
router.register("claimants", ClaimantViewSet, basename="claimant")

api_v1 = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/token/rotate/", TokenRotateView.as_view(), name="api-token-rotate"),
    path("claims/<int:claim_pk>/notes/", ClaimNotesView.as_view(), name="claim-notes"),
    path("claims/<int:claim_pk>/history/", ClaimHistoryView.as_view(), name="claim-history"),
    path("claims/<int:claim_pk>/lineage/", ClaimLineageView.as_view(), name="claim-lineage"),
    # Before the router's sources/<pk>/, which would read "import" as a source's id.
    path("sources/import/", SourceImportView.as_view(), name="source-import"),
    path(
        "sources/imports/<int:pk>/", SourceImportStatusView.as_view(), name="source-import-status"
    ),
    *router.urls,
]

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Before the admin's own routes, which would read "deleted" as a model name.
    path("admin/deleted/", include("factdb.history.views")),
    path("admin/language/", include("factdb.language")),
    path("admin/", admin.site.urls),
    path("sheets/", include("claims.factsheets.public_urls")),
    # Fact sheets first: "claims/factsheet/<fmt>/" would otherwise be read as a claim's id.
    path("api/v1/", include("claims.factsheets.urls")),
    path("api/v1/", include(api_v1)),
    path("api/auth/", include("rest_framework.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP forbids inline scripts.
    path("api/docs/", SwaggerUIView.as_view(url_name="schema"), name="api-docs"),
]
