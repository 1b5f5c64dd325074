"""Query parameters for the publisher, claimant and source lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy
from django_filters.constants import EMPTY_VALUES

from sources.models import (
    Claimant,
    ClaimantKind,
    Publisher,
    PublisherKind,
    Source,
    SourceKind,
    bcp47_validator,
)


class LanguageFilter(django_filters.CharFilter):
    """A BCP-47 language; 'es' also matches 'es-MX' and 'es-419'."""

    def __init__(self, field_name="language", **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("validators", [bcp47_validator])
        kwargs.setdefault("label", gettext_lazy("BCP-47 language; 'es' also matches 'es-MX'."))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        name = self.field_name
        return qs.filter(
            Q(**{f"{name}__iexact": value}) | Q(**{f"{name}__istartswith": f"{value}-"})
        )


class PublisherFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=200)
    kind = django_filters.MultipleChoiceFilter(choices=PublisherKind.choices, distinct=False)

    class Meta:
        model = Publisher
        fields = []


class ClaimantFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=200)
    kind = django_filters.MultipleChoiceFilter(choices=ClaimantKind.choices, distinct=False)

    class Meta:
        model = Claimant
        fields = []


class SourceFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains", max_length=500)
    publisher = django_filters.ModelChoiceFilter(queryset=Publisher.objects.all())
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices, distinct=False)
    language = LanguageFilter()
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")

    class Meta:
        model = Source
        fields = []
