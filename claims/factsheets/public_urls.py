"""Public fact-sheet pages, mounted at sheets/ by factdb/urls.py (claims/factsheets/public.py)."""

from django.urls import path

from claims.factsheets import public

urlpatterns = [
    path("", public.sheet_list, name="factsheet-public-list"),
    path("<slug:slug>/", public.sheet_page, name="factsheet-public"),
    path("<slug:slug>/v<int:number>/", public.sheet_page, name="factsheet-public-version"),
]
