"""A URL another source already has is refused naming that source, with a link to it, in the
model, the admin and the API (not "Constraint “source_url_unique” is violated.")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sources.models import Source
from tests import factories

URL = "https://www.leftvoice.org/the-re-colonization-of-mexico"


@pytest.fixture
def first(db):
    return factories.source(
        url=URL,
        title="The Re-Colonization of Mexico",
        publisher=factories.publisher(name="Left Voice"),
        published_on=datetime.date(2019, 6, 10),
    )


def test_the_model_names_the_source_that_has_the_url(first):
    second = Source(
        title="Another", url=URL, publisher=first.publisher, published_on=datetime.date(2019, 6, 11)
    )
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    [message] = refused.value.message_dict["url"]
    assert message == (
        f"Source {first.pk}, “The Re-Colonization of Mexico” (Left Voice, 10 June 2019), "
        "already has this URL."
    )
    assert "source_url_unique" not in str(refused.value)


def test_a_source_keeps_its_own_url_when_saved_again(first):
    first.title = "Renamed"
    first.full_clean()


def test_the_admin_links_to_the_source_that_has_the_url(first, admin_client):
    response = admin_client.post(
        reverse("admin:sources_source_add"),
        {
            "title": "Another",
            "publisher": first.publisher.pk,
            "url": URL,
            "published_on": "2019-06-11",
            "date_precision": "day",
            "language": "en",
            "kind": "article",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200  # the form again, with the error
    assert "already has this URL" in page and "source_url_unique" not in page
    assert f'<a href="{reverse("admin:sources_source_change", args=[first.pk])}">' in page
    assert Source.objects.count() == 1


@pytest.mark.parametrize("method", ["post", "patch"])
def test_the_api_answers_a_400_with_the_address_of_the_source_that_has_it(
    first, editor_api, method
):
    if method == "post":
        body = {"title": "Another", "publisher": first.publisher.pk, "url": URL}
        body |= {"published_on": "2019-06-11"}
        response = editor_api.post("/api/v1/sources/", body, format="json")
    else:
        other = factories.source()
        response = editor_api.patch(f"/api/v1/sources/{other.pk}/", {"url": URL}, format="json")
    assert response.status_code == 400
    [message] = response.json()["url"]
    assert f"Source {first.pk}, “The Re-Colonization of Mexico”" in message
    assert message.endswith(f"http://testserver/api/v1/sources/{first.pk}/")
