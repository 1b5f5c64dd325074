"""The questions a journalist can ask of the claims, as query parameters.

`ClaimFilter(request.GET, queryset=...)` is shared by the claim list and the ad-hoc fact
sheet: whatever a list shows, a sheet can cite. Every parameter is validated; anything the
filter cannot read is a 400 naming the parameter, never silently ignored.
"""

import copy

import django_filters
from django.http import QueryDict
from django_filters.constants import EMPTY_VALUES

from claims.agreement.comparison import conflicting_claim_ids
from claims.models import Claim, Hedge, Measure, Status
from claims.selectors import QUERY_MAX_CHARS, search_claims, visible_claims
from sources.api.filters import LanguageFilter
from sources.models import Claimant, Publisher, Source

DEFAULT_ORDERING = ("-claim_date", "-id")


class StableOrderingFilter(django_filters.OrderingFilter):
    """Orders by the fields asked for, then by id in the same direction, so that rows with
    equal values keep one order and cursor pages neither skip nor repeat them."""

    def filter(self, qs, value):
        fields = [self.get_ordering_value(p) for p in value or () if p not in EMPTY_VALUES]
        fields = fields or list(DEFAULT_ORDERING)
        if "id" not in fields and "-id" not in fields:
            fields.append("-id" if fields[0].startswith("-") else "id")
        return qs.order_by(*fields)


class LeanFilterSet(django_filters.FilterSet):
    """A FilterSet that costs little to build, for lists read on every request.

    django-filter deep-copies every declared filter and builds a new form class each time a
    FilterSet is made: 1.9 ms of the claim list's 10 ms of CPU (bench/RESULTS.md). These
    filters keep no state of their own between requests, only `parent`, so shallow copies are
    enough; the form class is built once per FilterSet class (each form instance still copies
    its fields, querysets included).
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset, self.request, self.form_prefix = queryset, request, prefix
        self.filters = {name: _copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model, filter_.parent = queryset.model, self

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class


def _copy(filter_):
    copied = copy.copy(filter_)
    if copied.method is not None:
        copied.method = copied.method  # binds the method to the copy (and so to its parent)
    return copied


class ClaimFilter(LeanFilterSet):
    value_min = django_filters.NumberFilter(
        method="filter_value_min",
        label="Figures whose hedge-implied interval reaches this value or above "
        "('more than 5,000' and 'up to 6,000' both match value_min=5000).",
    )
    value_max = django_filters.NumberFilter(
        method="filter_value_max",
        label="Figures whose hedge-implied interval reaches this value or below "
        "('up to 6,000' matches value_max=6000).",
    )
    unit = django_filters.CharFilter(lookup_expr="iexact", max_length=80)
    hedge = django_filters.MultipleChoiceFilter(choices=Hedge.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, distinct=False, label="Repeat for several: status=a&status=b."
    )
    source = django_filters.ModelChoiceFilter(queryset=Source.objects.all())
    publisher = django_filters.ModelChoiceFilter(
        field_name="source__publisher", queryset=Publisher.objects.all()
    )
    claimant = django_filters.ModelChoiceFilter(queryset=Claimant.objects.all())
    measure = django_filters.ModelChoiceFilter(queryset=Measure.objects.all())
    tag = django_filters.CharFilter(field_name="tags__name", max_length=60, distinct=False)
    claim_date_after = django_filters.DateFilter(field_name="claim_date", lookup_expr="gte")
    claim_date_before = django_filters.DateFilter(field_name="claim_date", lookup_expr="lte")
    language = LanguageFilter(
        field_name="source__language", label="The source's language; 'es' also matches 'es-MX'."
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=QUERY_MAX_CHARS,
        label="Full text over quote and summary (web-search syntax on PostgreSQL).",
    )
    conflicts = django_filters.ChoiceFilter(
        method="filter_conflicts",
        choices=[("1", "yes"), ("true", "yes"), ("0", "no"), ("false", "no")],
        label="1: only claims that conflict with another claim on their measure (hedge-aware, "
        "after unit normalisation); 0: only claims that do not.",
    )
    ordering = StableOrderingFilter(
        fields=["value", "claim_date", "created_at"],
        label="value, claim_date or created_at; prefix '-' for descending.",
    )

    class Meta:
        model = Claim
        fields = []

    def filter_value_min(self, queryset, name, value):
        return queryset.overlapping(value_min=value)

    def filter_value_max(self, queryset, name, value):
        return queryset.overlapping(value_max=value)

    def filter_q(self, queryset, name, value):
        return search_claims(queryset, value)

    def filter_conflicts(self, queryset, name, value):
        # The other side of a conflict must be a claim this reader may see, too.
        user = getattr(self.request, "user", None)
        among = visible_claims(user) if user is not None else None
        ids = conflicting_claim_ids(queryset, among=among)
        return (
            queryset.filter(pk__in=ids) if value in ("1", "true") else queryset.exclude(pk__in=ids)
        )


class MeasureFilter(django_filters.FilterSet):
    label = django_filters.CharFilter(lookup_expr="icontains", max_length=300)

    class Meta:
        model = Measure
        fields = []
