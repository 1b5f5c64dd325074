"""No silent answers: a read with a query parameter the endpoint does not know is a 400.

A misspelt filter (`value_minimum=5000`, `unit__icontains=troops`) used to be ignored, and the
reader got the whole database back as if it were the answer. KnownParametersOnly runs before
the other filter backends and names each parameter it does not know, with the closest one it
does. What an endpoint knows: its FilterSet's filters, the other backends' parameters
(`ordering`, `search`), its paginator's when it lists (`cursor`, `page_size`), `format`, and
any the view names in `extra_query_parameters`.

Only reads are checked: a write's query string is the view's own business (a retraction may
carry its `reason` there).
"""

import difflib

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings

PAGINATOR_PARAMETERS = (
    "cursor_query_param",
    "page_query_param",
    "page_size_query_param",
    "limit_query_param",
    "offset_query_param",
)


def accepted_parameters(view, queryset=None) -> list[str]:
    """Every query parameter `view` reads, in the order its backends declare them."""
    names = []
    for backend_class in getattr(view, "filter_backends", ()):
        backend = backend_class()
        if hasattr(backend, "get_filterset_class"):
            filterset_class = backend.get_filterset_class(view, queryset)
            for name, filter_ in getattr(filterset_class, "base_filters", {}).items():
                suffixes = getattr(filter_.field_class.widget, "suffixes", None)
                names += [f"{name}_{s}" if s else name for s in suffixes] if suffixes else [name]
        for attribute in ("ordering_param", "search_param"):
            if getattr(backend, attribute, None):
                names.append(getattr(backend, attribute))
    paginator = getattr(view, "paginator", None)
    if paginator is not None and getattr(view, "action", None) == "list":
        names += filter(None, (getattr(paginator, a, None) for a in PAGINATOR_PARAMETERS))
    if api_settings.URL_FORMAT_OVERRIDE:
        names.append(api_settings.URL_FORMAT_OVERRIDE)
    names += getattr(view, "extra_query_parameters", ())
    return list(dict.fromkeys(names))


class KnownParametersOnly(BaseFilterBackend):
    """A 400 naming every query parameter the endpoint would otherwise silently ignore."""

    def filter_queryset(self, request, queryset, view):
        if request.method not in SAFE_METHODS:
            return queryset
        known = accepted_parameters(view, queryset)
        unknown = [name for name in request.query_params if name not in known]
        if unknown:
            raise exceptions.ValidationError({name: [_unknown(name, known)] for name in unknown})
        return queryset

    def get_schema_operation_parameters(self, view):
        # The other backends and the paginator describe their own parameters; `format` is ours.
        if not api_settings.URL_FORMAT_OVERRIDE:
            return []
        formats = [r.format for r in view.get_renderers() if getattr(r, "format", None)]
        return [
            {
                "name": api_settings.URL_FORMAT_OVERRIDE,
                "in": "query",
                "required": False,
                "description": "The response format, instead of an Accept header.",
                "schema": {"type": "string", "enum": formats},
            }
        ]


def _unknown(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    hint = _(" Did you mean %(name)r?") % {"name": close[0]} if close else ""
    return _("Unknown query parameter.%(hint)s This endpoint reads: %(known)s.") % {
        "hint": hint,
        "known": ", ".join(known),
    }
