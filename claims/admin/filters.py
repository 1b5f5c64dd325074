"""List filters for the claim list whose cost does not grow with the number of claims.

Django's own filters read every claim on every page view: a foreign key's
RelatedOnlyFieldListFilter runs a DISTINCT over all claims (and at a million claims lists
133,000 sources in the sidebar, one query each), `"unit"` lists the distinct units of all claims,
and the date hierarchy the distinct years. These read the claims table only through the filter
an editor chose:

- AutocompleteFilter: a select box fed by the admin's autocomplete endpoint (the one the claim
  form uses) that shows the chosen object; without JavaScript, a text box finds it with the
  related admin's search, or by number.
- FigureFilter (registered as UnitFilter): a unit typed in a box, as its whole family (the
  indexed `unit_family`) or exactly as written whatever its case (migration 0006's UPPER(unit)
  index), and the figure between two bounds as stated, or a value it could be consistent with.
- date_drilldown: the years, months or days between the first and last date of the list, from
  one MIN/MAX an index answers.

A value no row can have (an unknown number, an overlong unit, a NUL byte) empties the list and
says why at the top of the page; it never reaches the database as a malformed query.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Max, Min
from django.forms.utils import flatatt
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.admin.paginators import EstimatedCountPaginator
from claims.figures.units import family_of_query, query_scale
from claims.models import VALUE_DIGITS, VALUE_PLACES, Measure

FILTER_CSS = forms.Media(css={"screen": ["claims/admin_filters.css"]})
# Named after autocomplete.js so that the merged media load it first (it defines select2 boxes).
AUTOCOMPLETE_JS = forms.Media(js=["admin/js/autocomplete.js", "claims/admin_filters.js"])


def checked(request, field: forms.Field, value: str, what: str):
    """`value` cleaned by `field`, or None after telling the editor what is wrong with it."""
    try:
        return field.clean(value)
    except ValidationError as error:
        messages.warning(request, f"{capfirst(str(what))}: {' '.join(error.messages)}")
        return None


def last(values):
    """The last of a parameter's values, as Django's own filters read them."""
    return values[-1] if isinstance(values, list) and values else values


class FormFilter(admin.FieldListFilter):
    """A filter drawn with a small GET form; the form carries the list's other parameters."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.invalid = False
        self.kept_params = []

    def keep_other_params(self, changelist):
        mine = set(self.expected_parameters())
        self.kept_params = [
            (name, value)
            for name, values in changelist.filter_params.items()
            if name not in mine
            for value in values
        ]

    def refuse(self):
        """The list shows nothing: the filter asked for a value no claim can have."""
        self.invalid = True


class AutocompleteFilter(FormFilter):
    """Claims of one related object, chosen in a select box that searches as you type."""

    template = "admin/claims/filters/autocomplete.html"
    # How many objects the text box (no JavaScript) offers when several match, as select2 pages.
    matches_shown = 10

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        self.find_kwarg = f"{field_path}__find"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = field.verbose_name
        site = model_admin.admin_site
        # select2 would size its box from the hidden select: the sidebar's width is the one wanted.
        self.widget = AutocompleteSelect(field, site, attrs={"data-width": "100%"})
        related = field.remote_field.model
        self.related_admin = site.get_model_admin(related) if site.is_registered(related) else None
        self.can_search = bool(
            self.related_admin
            and self.related_admin.get_search_fields(request)
            and self.related_admin.has_view_permission(request)
        )
        self.chosen = None
        self.matches = []
        self.more_matches = False
        self.find_term = ""
        self.isnull = last(self.used_parameters.get(self.lookup_kwarg_isnull))
        find = last(self.used_parameters.get(self.find_kwarg)) or ""
        value = last(self.used_parameters.get(self.lookup_kwarg)) or ""
        if find.strip() and self.can_search:
            self.find(request, find)
        elif value:
            self.choose(request, value)

    def expected_parameters(self):
        return [self.lookup_kwarg, self.lookup_kwarg_isnull, self.find_kwarg]

    def related_queryset(self, request):
        # The autocomplete endpoint's queryset, so both ways of choosing see the same objects.
        if self.related_admin:
            queryset = self.related_admin.get_queryset(request)
        else:
            queryset = self.field.remote_field.model._default_manager.all()
        return queryset.complex_filter(self.field.get_limit_choices_to())

    def choose(self, request, value: str):
        try:
            pk = self.field.target_field.to_python(value)
            self.chosen = self.related_queryset(request).get(pk=pk)
        except (ValidationError, ValueError, TypeError, ObjectDoesNotExist):
            messages.warning(
                request,
                _(
                    "Filter by %(title)s: there is no %(title)s number “%(value)s”; "
                    "choose one in the filter."
                )
                % {"title": self.title, "value": value},
            )
            self.refuse()

    def find(self, request, text: str):
        field = forms.CharField(max_length=200)
        what = _("finding a %(title)s") % {"title": self.title}
        self.find_term = checked(request, field, text, what)
        if self.find_term is None:
            self.find_term = ""
            return self.refuse()
        queryset = self.related_queryset(request)
        if self.find_term.isdecimal():
            found = list(queryset.filter(pk=int(self.find_term))[:1])
        else:
            queryset, may_have_duplicates = self.related_admin.get_search_results(
                request, queryset, self.find_term
            )
            if may_have_duplicates:
                queryset = queryset.distinct()
            found = list(queryset[: self.matches_shown + 1])
        if len(found) == 1:
            self.chosen = found[0]
        else:
            # Several (or none): the list stays as it was and the sidebar offers them to choose.
            self.matches = found[: self.matches_shown]
            self.more_matches = len(found) > self.matches_shown

    def queryset(self, request, queryset):
        if self.invalid:
            return queryset.none()
        if self.chosen is not None:
            return queryset.filter(**{self.field_path: self.chosen})
        if self.isnull is not None:
            return queryset.filter(**{self.lookup_kwarg_isnull: self.isnull})
        return queryset

    @property
    def media(self):
        return self.widget.media + AUTOCOMPLETE_JS + FILTER_CSS

    @property
    def select_attrs(self):
        return flatatt(self.widget.build_attrs(self.widget.attrs))

    def choices(self, changelist):
        self.keep_other_params(changelist)
        mine = self.expected_parameters()
        yield {
            "selected": self.chosen is None and self.isnull is None and not self.invalid,
            "query_string": changelist.get_query_string(remove=mine),
            "display": _("All"),
        }
        for obj in [self.chosen] if self.chosen is not None else self.matches:
            yield {
                "selected": obj == self.chosen,
                "query_string": changelist.get_query_string({self.lookup_kwarg: obj.pk}, mine),
                "display": str(obj),
            }
        if self.field.null:
            yield {
                "selected": self.isnull is True and self.chosen is None,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, mine
                ),
                "display": _("No %(title)s") % {"title": self.title},
            }


# The figure's (low, high) parameter pairs, which a reversed range makes meaningless.
RANGES = [("value_min", "value_max"), ("consistent_min", "consistent_max")]


class FigureFilter(FormFilter):
    """The figure: its unit (the whole family, or exactly as written) and the two value
    questions the API asks (claims/api/filters.py): the figure as stated between two bounds,
    and the figures a value could be consistent with, hedges read.

    Bounds are on the unit's scale when a unit (or family) is given: "miles" from 1 to 3 finds
    "5 km" too. A reversed range or a number no figure can have empties the list and says why.
    """

    template = "admin/claims/filters/unit.html"
    # Suggestions come from the measures' default units: a small table, never the claims.
    suggestions_shown = 200
    numbers = {
        "value_min": gettext_lazy("the figure from"),
        "value_max": gettext_lazy("the figure up to"),
        "consistent_with": gettext_lazy("could be"),
        "consistent_min": gettext_lazy("could be from"),
        "consistent_max": gettext_lazy("could be up to"),
    }

    def __init__(self, field, request, params, model, model_admin, field_path):
        # The API's names (claims/api/filters.py), so a list's address asks the API the same.
        self.lookup_kwarg = f"{field_path}_exact"
        self.family_kwarg = field_path
        super().__init__(field, request, params, model, model_admin, field_path)
        text = forms.CharField(max_length=self.field.max_length)
        what = _("filter by %(title)s") % {"title": self.title}
        self.value = self._read(request, self.lookup_kwarg, text, what)
        self.family = self._read(request, self.family_kwarg, text, what)
        number = forms.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
        self.bounds = {
            name: self._read(request, name, number, _("filter by %(title)s") % {"title": what})
            for name, what in self.numbers.items()
        }
        for low_name, high_name in RANGES:
            low, high = self.bounds[low_name], self.bounds[high_name]
            if low not in (None, "") and high not in (None, "") and low > high:
                messages.warning(
                    request,
                    _("%(what)s %(low)s up to %(high)s: the range is reversed.")
                    % {"what": capfirst(self.numbers[low_name]), "low": low, "high": high},
                )
                self.refuse()

    def _read(self, request, name, field, what):
        typed = last(self.used_parameters.get(name)) or ""
        if not typed.strip():
            return ""
        value = checked(request, field, typed, what)
        if value is None or value == "":
            self.refuse()
            return ""
        return value

    def expected_parameters(self):
        return [self.lookup_kwarg, self.family_kwarg, *self.numbers]

    def queryset(self, request, queryset):
        if self.invalid:
            return queryset.none()
        if self.value:
            queryset = queryset.filter(**{f"{self.field_path}__iexact": self.value})
        if self.family:
            queryset = queryset.filter(unit_family=family_of_query(self.family))
        bounds = {k: v for k, v in self.bounds.items() if v not in (None, "")}
        unit = self.family or self.value
        if unit and bounds:
            try:
                bounds = {k: query_scale(unit)(v) for k, v in bounds.items()}
            except (ValueError, ArithmeticError):
                messages.warning(
                    request, _("These figures are too large for %(unit)s.") % {"unit": unit}
                )
                return queryset.none()
        normalised = bool(unit)
        queryset = queryset.stated_within(
            bounds.get("value_min"), bounds.get("value_max"), normalised=normalised
        )
        if "consistent_with" in bounds:
            value = bounds["consistent_with"]
            queryset = queryset.overlapping(value, value, normalised=normalised)
        if "consistent_min" in bounds or "consistent_max" in bounds:
            queryset = queryset.overlapping(
                value_min=bounds.get("consistent_min"),
                value_max=bounds.get("consistent_max"),
                normalised=normalised,
            )
        return queryset

    @property
    def suggestions(self):
        units = (
            Measure.objects.exclude(default_unit="")
            .order_by("default_unit")
            .values_list("default_unit", flat=True)
            .distinct()
        )
        return list(units[: self.suggestions_shown])

    @property
    def media(self):
        return FILTER_CSS

    @property
    def chosen(self) -> str:
        """The filter as a phrase: "personnel (troops), the figure from 1000"."""
        parts = []
        if self.family:
            parts.append(f"{family_of_query(self.family)} ({self.family})")
        if self.value:
            parts.append(_("exactly “%(unit)s”") % {"unit": self.value})
        parts += [f"{self.numbers[k]} {v}" for k, v in self.bounds.items() if v not in (None, "")]
        return ", ".join(parts)

    def choices(self, changelist):
        self.keep_other_params(changelist)
        mine = self.expected_parameters()
        yield {
            "selected": not self.chosen and not self.invalid,
            "query_string": changelist.get_query_string(remove=mine),
            "display": _("All"),
        }
        if self.chosen:
            yield {
                "selected": True,
                "query_string": changelist.get_query_string(),
                "display": self.chosen,
            }


# claims/admin/claims.py registers the figure box under the name it had when it held the unit.
UnitFilter = FigureFilter


# Past this many rows (the paginator's exact count) MIN/MAX over the list itself could read them
# all, as for a search that matches a fifth of the claims: the drill-down then spans all claims.
DRILLDOWN_SPANS_THE_LIST_UP_TO = EstimatedCountPaginator.exact_count_limit


def date_drilldown(cl) -> dict:
    """The context of admin/date_hierarchy.html: years, months or days from the first date of the
    list to its last.

    Django's date_hierarchy lists the distinct years (months, days) of the list, a DISTINCT over
    every claim in it; MIN and MAX read the two ends off the (claim_date, id) index instead. A
    period between them without claims can appear; its link shows an empty list.
    """
    field_name = cl.date_hierarchy
    names = [f"{field_name}__{part}" for part in ("year", "month", "day")]
    # The changelist has checked these are numbers (else it redirects to its "?e=1" page).
    year, month, day = (int(cl.params[name]) if name in cl.params else None for name in names)
    if year is None:
        month = day = None

    def link(*parts):
        return cl.get_query_string(dict(zip(names, parts, strict=False)), [f"{field_name}__"])

    def choice(date, parts, date_format):
        return {"link": link(*parts), "title": capfirst(formats.date_format(date, date_format))}

    if year and month and day:
        date = datetime.date(year, month, day)
        return {
            "show": True,
            "back": choice(date, [year, month], "YEAR_MONTH_FORMAT"),
            "choices": [{"title": capfirst(formats.date_format(date, "MONTH_DAY_FORMAT"))}],
        }
    small = cl.result_count <= DRILLDOWN_SPANS_THE_LIST_UP_TO
    span = (cl.queryset if small else cl.root_queryset).aggregate(
        first=Min(field_name), last=Max(field_name)
    )
    first, last_ = span["first"], span["last"]
    if first is None:
        return {"show": True, "back": {"link": link(), "title": _("All dates")}, "choices": []}
    if year is None and first.year == last_.year:
        year = first.year
        if first.month == last_.month:
            month = first.month
    if year and month:
        start = datetime.date(year, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        lo, hi = max(first, start), min(last_, end)
        days = range(lo.day, hi.day + 1) if lo <= hi else range(0)
        return {
            "show": True,
            "back": {"link": link(year), "title": str(year)},
            "choices": [
                choice(datetime.date(year, month, n), [year, month, n], "MONTH_DAY_FORMAT")
                for n in days
            ],
        }
    if year:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        lo, hi = max(first, start), min(last_, end)
        months = range(lo.month, hi.month + 1) if lo <= hi else range(0)
        return {
            "show": True,
            "back": {"link": link(), "title": _("All dates")},
            "choices": [
                choice(datetime.date(year, n, 1), [year, n], "YEAR_MONTH_FORMAT") for n in months
            ],
        }
    return {
        "show": True,
        "back": None,
        "choices": [{"link": link(n), "title": str(n)} for n in range(first.year, last_.year + 1)],
    }


def complete_changelist(response):
    """Add what the filters need to a changelist response: their scripts and styles, and the
    date drill-down (the changelist template draws it from `date_drilldown`)."""
    context = getattr(response, "context_data", None)
    if not context or "cl" not in context:
        return response
    cl = context["cl"]
    for spec in cl.filter_specs:
        if hasattr(spec, "media"):
            context["media"] += spec.media
    if cl.date_hierarchy:
        context["date_drilldown"] = date_drilldown(cl)
    return response
