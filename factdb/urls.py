"""Top-level routes: the admin (editors' desk) and the API."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "factdb"
admin.site.site_title = "factdb"
admin.site.index_title = "Claims, sources and verification"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
