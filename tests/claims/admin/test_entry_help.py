"""The claim form's helper endpoint: proposals and warnings as JSON, staff who may write claims
only, 400 naming the field for bad input; and the same warnings on a saved claim's page."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Origin
from tests import factories

URL = "admin:claims_claim_entry_help"
QUOTE = "up to 6,000 National Guard troops"


def ask(client, **params):
    return client.get(reverse(URL), params)


def test_an_editor_gets_the_figure_and_the_warnings(client, editor, source):
    client.force_login(editor)
    answer = ask(client, quote=QUOTE, source=source.pk, value="7000", claim_date="2019-06-01")
    assert answer.status_code == 200
    body = answer.json()
    assert body["figures"][0]["figure"] == "up to 6,000 National Guard troops"
    assert [w["code"] for w in body["warnings"]] == [
        "value_not_in_quote",
        "claim_date_before_source",
    ]


def test_a_duplicate_warning_links_to_the_claim_already_recorded(client, editor, source):
    first = factories.claim(source=source, quote=QUOTE)
    client.force_login(editor)
    body = ask(client, quote=QUOTE, source=source.pk, value="6000", unit=first.unit).json()
    [warning] = body["warnings"]
    assert warning["code"] == "duplicate"
    assert warning["claims"] == [
        {"id": first.pk, "url": reverse("admin:claims_claim_change", args=[first.pk])}
    ]
    # Editing that claim: it is not its own duplicate.
    again = ask(
        client, quote=QUOTE, source=source.pk, value="6000", unit=first.unit, claim=first.pk
    )
    assert again.json()["warnings"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "quote"),
        ({"quote": "   "}, "quote"),
        ({"quote": "x" * 5001}, "quote"),
        ({"quote": QUOTE, "source": "abc"}, "source"),
        ({"quote": QUOTE, "source": "999999"}, "source"),
        ({"quote": QUOTE, "value": "lots"}, "value"),
        ({"quote": QUOTE, "value": "NaN"}, "value"),
        ({"quote": QUOTE, "claim_date": "June 31"}, "claim_date"),
        ({"quote": QUOTE, "claim": "0"}, "claim"),
        ({"quote": QUOTE, "quotes": "typo"}, "quotes"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, editor, params, field):
    client.force_login(editor)
    answer = ask(client, **params)
    assert answer.status_code == 400
    assert field in answer.json()["errors"]


def test_only_staff_who_may_write_claims_are_answered(client, journalist):
    assert ask(client, quote=QUOTE).status_code == 302  # to the admin's login
    client.force_login(journalist)
    assert ask(client, quote=QUOTE).status_code == 403
    assert client.post(reverse(URL), {"quote": QUOTE}).status_code == 403


def test_the_claim_page_of_a_proposal_shows_the_same_warnings(client, editor, source):
    proposal = factories.claim(
        source=source, origin=Origin.EXTRACTED, claim_date=datetime.date(2030, 1, 1)
    )
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[proposal.pk])).content.decode()
    assert 'data-code="claim_date_in_future"' in page
    assert reverse(URL) in page  # the form's script knows where to ask


def test_saving_a_claim_worth_a_second_look_saves_it_and_says_why(client, editor, source):
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_add"),
        {
            "source": source.pk,
            "quote": QUOTE,
            "value": "7000",
            "hedge": "at_most",
            "unit": "National Guard troops",
            "attribution": "asserted",
            "rate_period": "",
            "claim_date": "2019-06-10",
            "version": "",  # the hidden field, empty on a new claim, as a browser sends it
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
            "notes-2-TOTAL_FORMS": "0",
            "notes-2-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert source.claims.filter(value=7000).exists()
    assert any("7000 is not a figure the quote states" in m for m in said), said
