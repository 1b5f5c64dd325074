"""factdb's routes plus, under /bench/, the baseline views (bench/baseline_views.py)."""

from django.urls import include, path

from factdb.urls import urlpatterns as factdb_urlpatterns

urlpatterns = [
    path("bench/", include("bench.baseline_views")),
    *factdb_urlpatterns,
]
