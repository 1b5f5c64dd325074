"""factdb's routes plus, under /bench/, the baseline views (bench/baseline_views.py) and the
changelist with scalable filters (bench/admin_variant.py)."""

from django.urls import include, path

from bench.admin_variant import site as scalable_admin
from factdb.urls import urlpatterns as factdb_urlpatterns

urlpatterns = [
    path("bench/admin/", scalable_admin.urls),
    path("bench/", include("bench.baseline_views")),
    *factdb_urlpatterns,
]
