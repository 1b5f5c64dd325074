"""Fact-sheet routes, mounted under api/v1/ by factdb/urls.py (before the API router)."""

from django.urls import path

from claims.factsheets import views

urlpatterns = [
    path("factsheets/", views.FactSheetList.as_view(), name="factsheet-list"),
    path("factsheets/<slug:slug>/", views.FactSheetDetail.as_view(), name="factsheet-detail"),
    path(
        "factsheets/<slug:slug>/export/<str:fmt>/",
        views.FactSheetExport.as_view(),
        name="factsheet-export",
    ),
    path("claims/factsheet/<str:fmt>/", views.AdHocFactSheet.as_view(), name="factsheet-adhoc"),
]
