"""The questions a journalist can ask of the claims, as query parameters.

`ClaimFilter(request.GET, queryset=...)` is shared by the claim list and the ad-hoc fact
sheet: whatever a list shows, a sheet can cite. Every parameter is validated; anything the
filter cannot read is a 400 naming the parameter, never silently ignored.
"""

import copy

import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.constants import EMPTY_VALUES

from claims.agreement.comparison import conflicting_claim_ids
from claims.figures.units import family_of_query, query_scale
from claims.models import VALUE_DIGITS, VALUE_PLACES, Claim, Hedge, Measure, RatePeriod, Status
from claims.selectors import PROBE, QUERY_MAX_CHARS, search_claims, visible_claims
from sources.api.filters import LanguageFilter
from sources.models import Claimant, Publisher, Source

DEFAULT_ORDERING = ("-claim_date", "-id")
# The choices' names on the search page, in the reader's language (django-filter would spell the
# parameters in English, once, when this module is imported).
ORDERING_LABELS = {
    "value": gettext_lazy("Figure"),
    "value_normalised": gettext_lazy("Figure on its unit family's scale"),
    "claim_date": gettext_lazy("Claim date"),
    "created_at": gettext_lazy("Date entered"),
}


class StableOrderingFilter(django_filters.OrderingFilter):
    """Orders by the fields asked for, then by id in the same direction, so that rows with
    equal values keep one order and cursor pages neither skip nor repeat them."""

    def filter(self, qs, value):
        fields = [self.get_ordering_value(p) for p in value or () if p not in EMPTY_VALUES]
        fields = fields or list(DEFAULT_ORDERING)
        if "id" not in fields and "-id" not in fields:
            fields.append("-id" if fields[0].startswith("-") else "id")
        return qs.order_by(*fields)

    def build_choices(self, fields, labels):
        # django-filter formats "… (descending)" once, at import, so in English: lazily here,
        # and a schema or form in Spanish reads "valor (descendente)".
        ascending = [
            (param, labels.get(field, pretty_name(param))) for field, param in fields.items()
        ]
        return [
            choice
            for param, label in ascending
            for choice in (
                (param, label),
                (f"-{param}", labels.get(f"-{param}", format_lazy(DESCENDING, label=label))),
            )
        ]


DESCENDING = gettext_lazy("{label} (descending)")


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


def figure_filter(label: str) -> django_filters.NumberFilter:
    """A number as a figure can be stored: finite, at most 24 digits, 6 of them decimals (so
    `1e-16384` is a 400 here rather than a number PostgreSQL cannot hold)."""
    return django_filters.NumberFilter(
        method="filter_figures",
        label=label,
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
    )


# (low, high) parameter pairs that a reversed range makes meaningless.
RANGES = [
    ("value_min", "value_max"),
    ("consistent_min", "consistent_max"),
    ("claim_date_after", "claim_date_before"),
]
# The bounds read on a unit's scale when unit= is given.
FIGURE_PARAMETERS = [
    "value_min",
    "value_max",
    "consistent_with",
    "consistent_min",
    "consistent_max",
]


class ClaimFilterForm(forms.Form):
    """Checks across parameters, each error on the parameter that makes the question wrong."""

    def clean(self):
        data = super().clean()
        for low, high in RANGES:
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(
                    high,
                    _("%(high)s (%(high_value)s) is below %(low)s (%(low_value)s).")
                    % {"high": high, "high_value": data[high], "low": low, "low_value": data[low]},
                )
        if data.get("per") and not data.get("unit"):
            self.add_error("per", _("per compares rates of one unit: give unit= too (unit=USD)."))
        if data.get("unit"):
            scale = query_scale(data["unit"], data.get("per") or "")
            for name in FIGURE_PARAMETERS:
                if data.get(name) is not None:
                    try:
                        scale(data[name])
                    except (ValueError, ArithmeticError):
                        self.add_error(
                            name,
                            _("Too large once put on the scale of %(unit)s.")
                            % {"unit": data["unit"]},
                        )
        return data


ORDERING_FIELDS = ["value", "value_normalised", "claim_date", "created_at"]
yes, no = gettext_lazy("yes"), gettext_lazy("no")


def figure_bound(cleaned: dict, name: str):
    """The bound `name` of validated parameters, on the stored scale (the unit's, if given)."""
    value, unit = cleaned[name], cleaned.get("unit")
    return query_scale(unit, cleaned.get("per") or "")(value) if unit else value


class ClaimFilter(LeanFilterSet):
    value_min = figure_filter(
        gettext_lazy(
            "Figures, as stated, of at least this value: 'up to 6,000' is 6,000, and a range "
            "must lie within value_min and value_max. With unit=, on the unit's scale "
            "(unit=miles: in miles; per= for rates)."
        )
    )
    value_max = figure_filter(
        gettext_lazy("Figures, as stated, of at most this value (see value_min).")
    )
    consistent_with = figure_filter(
        gettext_lazy(
            "Figures that could be this value, hedges read: 'up to 6,000' is consistent with "
            "5,200; 'more than 6,000' is not; 'about 800,000' is 720,000 to 880,000 (10%). "
            "With unit=, on the unit's scale."
        )
    )
    consistent_min = figure_filter(
        gettext_lazy(
            "Figures that could be this value or above ('more than 5,000' and 'up to 6,000' both "
            "match consistent_min=5000)."
        )
    )
    consistent_max = figure_filter(
        gettext_lazy(
            "Figures that could be this value or below ('up to 6,000' matches consistent_max=100)."
        )
    )
    unit = django_filters.CharFilter(
        method="filter_unit",
        max_length=80,
        label=gettext_lazy(
            "Every figure of the unit's family: troops, soldiers, elementos and efectivos are "
            "all personnel; USD is dollars (no other currency); an unknown word matches its "
            "spellings (plurals and case folded). The family's name works too: personnel, people, "
            "deaths, deportations, arrests, jobs, percent, USD, [length] …"
        ),
    )
    unit_exact = django_filters.CharFilter(
        field_name="unit",
        lookup_expr="iexact",
        max_length=80,
        label=gettext_lazy("The unit exactly as stated, whatever its case."),
    )
    per = django_filters.ChoiceFilter(
        method="filter_per",
        choices=[c for c in RatePeriod.choices if c[0]],
        label=gettext_lazy(
            "Only rates, with value bounds per this period: unit=USD&per=month&value_min=60 "
            "finds '$800 a year' (66.67 a month). Needs unit=. Without per=, rates are read per "
            "year beside one-off totals."
        ),
    )
    hedge = django_filters.MultipleChoiceFilter(choices=Hedge.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        distinct=False,
        label=gettext_lazy("Repeat for several: status=a&status=b."),
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
        field_name="source__language",
        label=gettext_lazy("The source's language; 'es' also matches 'es-MX'."),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=QUERY_MAX_CHARS,
        label=gettext_lazy(
            "Full text over quote, summary, source title, publisher and claimant: "
            '"a phrase", either OR other, -without; 6000 also finds 6,000 and 6 mil.'
        ),
    )
    conflicts = django_filters.ChoiceFilter(
        method="filter_conflicts",
        choices=[("1", yes), ("true", yes), ("0", no), ("false", no)],
        label=gettext_lazy(
            "1: only claims that conflict with another claim on their measure (hedge-aware, "
            "after unit normalisation); 0: only claims that do not."
        ),
    )
    ordering = StableOrderingFilter(
        fields=ORDERING_FIELDS,
        field_labels=ORDERING_LABELS,
        label=gettext_lazy(
            "value, value_normalised (on the unit family's scale: use with unit=), "
            "claim_date or created_at; prefix '-' for descending."
        ),
    )

    class Meta:
        model = Claim
        fields = []
        form = ClaimFilterForm

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit_family=family_of_query(value))

    def filter_per(self, queryset, name, value):
        return queryset.exclude(rate_period="")

    def filter_figures(self, queryset, name, value):
        value = figure_bound(self.form.cleaned_data, name)
        normalised = bool(self.form.cleaned_data.get("unit"))
        if name == "value_min":
            return queryset.stated_within(value_min=value, normalised=normalised)
        if name == "value_max":
            return queryset.stated_within(value_max=value, normalised=normalised)
        if name == "consistent_with":
            return queryset.overlapping(value, value, normalised=normalised)
        if name == "consistent_min":
            return queryset.overlapping(value_min=value, normalised=normalised)
        return queryset.overlapping(value_max=value, normalised=normalised)

    # What phrase_probe() answered for this request's q, when asked before (compiled_filters).
    phrase_ids = PROBE

    def filter_q(self, queryset, name, value):
        return search_claims(queryset, value, phrase_ids=self.phrase_ids)

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
