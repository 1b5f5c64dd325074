"""The claim changelist with list filters that do not grow with the data, for comparison only.

Mounted at /bench/admin/ by bench/urls.py (never by the product). It is claims.admin.ClaimAdmin
minus the filters that read every claim on every page view: the four RelatedOnlyFieldListFilters
(a DISTINCT over all claims each, and the source filter lists every source, printing each with a
query for its publisher), the `unit` filter (SELECT DISTINCT unit over all claims) and the date
hierarchy (DISTINCT years over all claims); plus the assignee in list_select_related. What is left
is what the paginator and the review-queue index make of the page: the difference between the two
rows in bench/RESULTS.md is the cost of those filters.
"""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter

from claims.admin import ClaimAdmin
from claims.models import Claim


def grows_with_the_data(list_filter) -> bool:
    if isinstance(list_filter, tuple):
        return issubclass(list_filter[1], RelatedOnlyFieldListFilter)
    return list_filter == "unit"


class ScalableClaimAdmin(ClaimAdmin):
    list_filter = [f for f in ClaimAdmin.list_filter if not grows_with_the_data(f)]
    list_select_related = [*ClaimAdmin.list_select_related, "assignee"]
    date_hierarchy = None


site = admin.AdminSite(name="bench_admin")
site.register(Claim, ScalableClaimAdmin)
