"""A date as people write it, with its precision: "June 2019" is a month, not "Enter a valid
date." — in the source form, the import form and the commands (parse_date_with_precision)."""

import datetime

import pytest
from django.urls import reverse

from sources.models import Source, parse_date_with_precision
from tests import factories


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("2019", datetime.date(2019, 1, 1), "year"),
        ("2019-06", datetime.date(2019, 6, 1), "month"),
        ("2019-06-07", datetime.date(2019, 6, 7), "day"),
        ("June 2019", datetime.date(2019, 6, 1), "month"),
        ("june  2019", datetime.date(2019, 6, 1), "month"),
        ("Jun. 2019", datetime.date(2019, 6, 1), "month"),
        ("7 June 2019", datetime.date(2019, 6, 7), "day"),
        ("June 7, 2019", datetime.date(2019, 6, 7), "day"),
        ("June 7th, 2019", datetime.date(2019, 6, 7), "day"),
        ("junio de 2019", datetime.date(2019, 6, 1), "month"),
        ("7 de junio de 2019", datetime.date(2019, 6, 7), "day"),
        ("Sept 2025", datetime.date(2025, 9, 1), "month"),
    ],
)
def test_dates_read_with_the_precision_they_are_written_in(text, day, precision):
    assert parse_date_with_precision(text) == (day, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Juno 2019", "not a date in the form"),
        ("31 June 2019", "not a real date"),
        ("2023-02-30", "not a real date"),
        ("June", "not a date in the form"),
        ("", "not a date in the form"),
    ],
)
def test_what_is_no_date_says_so(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date_with_precision(text)


def form_data(publisher, published_on, precision="day"):
    return {
        "title": "The Re-Colonization of Mexico",
        "publisher": publisher.pk,
        "published_on": published_on,
        "date_precision": precision,
        "language": "en",
        "kind": "article",
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize(
    ("typed", "precision", "shown"),
    [
        ("June 2019", "month", "June 2019"),
        ("2019", "year", "2019"),
        ("2019-06-07", "day", "7 June 2019"),
    ],
)
def test_the_source_form_takes_june_2019_as_a_month(admin_client, db, typed, precision, shown):
    publisher = factories.publisher()
    response = admin_client.post(reverse("admin:sources_source_add"), form_data(publisher, typed))
    assert response.status_code == 302, response.content.decode()[:3000]
    source = Source.objects.get()
    assert (source.date_precision, source.published_display) == (precision, shown)


def test_a_date_the_form_cannot_read_says_what_it_takes(admin_client, db):
    publisher = factories.publisher()
    response = admin_client.post(
        reverse("admin:sources_source_add"), form_data(publisher, "Juno 2019")
    )
    page = response.content.decode()
    assert "Enter a valid date" not in page and "June 2019" in page
    assert not Source.objects.exists()
