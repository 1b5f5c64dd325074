"""django-filter for the API, where a filter's choices are what the reader may see.

Under FACTDB_PUBLIC_READ an anonymous reader sees only the sources (publishers, claimants,
measures) a visible claim cites. A choice filter over all of them would answer `?source=<hidden
id>` with an empty page and `?source=<missing id>` with a 400, telling which hidden sources
exist; here both are the same 400.
"""

from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django_filters.rest_framework import DjangoFilterBackend

from factdb.api.public import public_rows


class PublicChoicesFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None or request.user.is_authenticated:
            return filterset
        # How a claim reaches the filtered rows: a reference list's own path ("source" for the
        # source list), then the filter's field ("publisher") -> "source__publisher".
        base = getattr(view, "claim_path", "")
        for name, field in filterset.form.fields.items():
            if isinstance(field, ModelChoiceField | ModelMultipleChoiceField):
                path = filterset.filters[name].field_name
                claim_path = f"{base}__{path}" if base else path
                field.queryset = public_rows()(field.queryset, request.user, claim_path)
        return filterset
