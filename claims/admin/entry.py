"""The claim form's helper endpoint: from a pasted quote, the figure, claimant, period and measure
it proposes, and the warnings for the fields as typed (claims/static/claims/claim_entry.js asks).

``GET /admin/claims/claim/entry-help/?quote=…&source=…&value=…&unit=…&claim_date=…&claim=…``
answers JSON; bad input is a 400 naming the field. Staff who may add or change claims only
(the admin's login, then the model permission). The reading is claims.entry's and
claims.warnings'; this view only checks the input.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.entry import propose_from_quote
from claims.models import QUOTE_MAX_CHARS, VALUE_DIGITS, VALUE_PLACES
from claims.warnings import claim_warnings
from sources.models import Source


class EntryHelpForm(forms.Form):
    quote = forms.CharField(max_length=QUOTE_MAX_CHARS, strip=False)
    source = forms.ModelChoiceField(Source.objects.all(), required=False)
    value = forms.DecimalField(required=False, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    unit = forms.CharField(max_length=80, required=False)
    claim_date = forms.DateField(required=False)
    claim = forms.IntegerField(required=False, min_value=1, help_text=_("The claim being edited."))

    def clean_quote(self):
        quote = self.cleaned_data["quote"]
        if not quote.strip():
            raise forms.ValidationError(_("Paste the quote first."), code="required")
        return quote


def entry_help_view(model_admin, request):
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    unknown = sorted(set(request.GET) - set(EntryHelpForm.base_fields))
    form = EntryHelpForm(request.GET)
    if unknown or not form.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        for name in unknown:
            errors[name] = [str(_("Unknown parameter."))]
        return JsonResponse({"errors": errors}, status=400)
    data = form.cleaned_data
    source = data["source"]
    proposed = propose_from_quote(data["quote"], source=source, claim_date=data["claim_date"])
    # Without a source yet, the checks that need none (the value, a future date) still run.
    warnings = claim_warnings(
        quote=data["quote"],
        source=source,
        value=data["value"],
        unit=data["unit"],
        claim_date=data["claim_date"],
        claim_id=data["claim"],
    )
    return JsonResponse({**proposed, "warnings": [warning_json(w) for w in warnings]})


def warning_json(warning) -> dict:
    return {
        **warning.as_dict(),
        "claims": [
            {"id": pk, "url": reverse("admin:claims_claim_change", args=[pk])}
            for pk in warning.claim_ids
        ],
    }


# The script's own words (claim_entry.js): written here so the one catalogue (django.po) holds
# them; the page hands them to the script as JSON, English -> the reader's language.
SCRIPT_STRINGS = [
    gettext_noop("(period %s to %s)"),
    gettext_noop("Measure:"),
    gettext_noop("Proposed from the quote"),
    gettext_noop("Said by %s (not yet a claimant: add it with the + beside Claimant)"),
    gettext_noop("Said by %s"),
    gettext_noop("The parser finds no figure in this quote: fill in the figure by hand."),
    gettext_noop("Use all of it"),
    gettext_noop("Use this claimant"),
    gettext_noop("Use this figure"),
    gettext_noop("Use this measure"),
    gettext_noop("Worth a second look"),
    gettext_noop("claim %s"),
    gettext_noop("section"),
]


def script_strings() -> dict[str, str]:
    return {english: gettext(english) for english in SCRIPT_STRINGS}
