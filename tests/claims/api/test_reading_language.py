"""A claim's figure and its citation's date are read in the reader's language (issue 20): the
API writes "hasta 6,000" and "junio de 2019" for Accept-Language: es, and says so in its headers
(Content-Language, Vary), with an ETag of its own per language."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework.test import APIRequestFactory

from claims.api.reading import claim_rows, represent_claims
from claims.api.serializers import ClaimSerializer
from claims.api.views import notes_count
from claims.models import Claim, Hedge
from sources.models import Source
from tests import factories

CLAIMS = "/api/v1/claims/"
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}


@pytest.fixture
def up_to_6000(db):
    source = factories.source(
        published_on=datetime.date(2019, 6, 1), date_precision=Source.DatePrecision.MONTH
    )
    return factories.claim(
        source=source, value=Decimal(6000), hedge=Hedge.AT_MOST, unit="National Guard troops"
    )


def test_the_list_and_detail_read_in_spanish_for_a_spanish_client(journalist_api, up_to_6000):
    listed = journalist_api.get(CLAIMS, **SPANISH)
    detail = journalist_api.get(f"{CLAIMS}{up_to_6000.pk}/", **SPANISH)
    for claim in (listed.json()["results"][0], detail.json()):
        assert claim["figure"] == "hasta 6,000 National Guard troops"
        assert claim["citation"]["published"] == "junio de 2019"
        # Machine fields stay as they are.
        assert claim["hedge"] == "at_most" and claim["citation"]["published_on"] == "2019-06-01"
    assert listed["Content-Language"] == detail["Content-Language"] == "es"


def test_without_the_header_they_read_in_english(journalist_api, up_to_6000):
    listed = journalist_api.get(CLAIMS)
    detail = journalist_api.get(f"{CLAIMS}{up_to_6000.pk}/")
    for claim in (listed.json()["results"][0], detail.json()):
        assert claim["figure"] == "up to 6,000 National Guard troops"
        assert claim["citation"]["published"] == "June 2019"
    assert listed["Content-Language"] == "en"


@pytest.mark.parametrize("path", ["list", "detail"])
def test_each_language_has_its_etag_and_a_poll_in_one_never_answers_the_other(
    journalist_api, up_to_6000, path
):
    url = CLAIMS if path == "list" else f"{CLAIMS}{up_to_6000.pk}/"
    english = journalist_api.get(url)
    spanish = journalist_api.get(url, **SPANISH)
    assert english["ETag"] != spanish["ETag"]
    for response in (english, spanish):
        assert "Accept-Language" in [v.strip() for v in response["Vary"].split(",")]

    again = journalist_api.get(url, HTTP_IF_NONE_MATCH=spanish["ETag"], **SPANISH)
    assert again.status_code == 304
    other = journalist_api.get(url, HTTP_IF_NONE_MATCH=spanish["ETag"])
    assert other.status_code == 200
    assert other.json() == english.json()


def test_the_plain_read_still_matches_the_serializer_in_spanish(up_to_6000, journalist):
    request = APIRequestFactory().get(CLAIMS)
    request.user = journalist
    claims = Claim.objects.annotate(notes_count=notes_count)
    with translation.override("es"):
        expected = ClaimSerializer(
            claims.with_citation().select_related("created_by"),
            many=True,
            context={"request": request},
        ).data
        values = represent_claims(list(claim_rows(claims)), request, translation.get_language())
    assert values == [dict(row) for row in expected]
    assert values[0]["figure"].startswith("hasta ")
