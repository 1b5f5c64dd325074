"""The claim list and detail read plain values (claims/api/reading.py): what they give must be,
claim for claim and byte for byte once rendered, what ClaimSerializer gives."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIRequestFactory, force_authenticate

from claims import services
from claims.api.reading import claim_rows, represent_claims
from claims.api.serializers import ClaimSerializer
from claims.api.views import notes_count
from claims.models import Claim, Hedge, RatePeriod, Status, Tag
from sources.models import Source
from tests import factories

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def varied_claims(db, editor):
    """The seed claims, and claims with every optional part empty or set, odd values included."""
    call_command("seed", verbosity=0)
    source = factories.source(
        published_on=datetime.date(2019, 6, 1), date_precision=Source.DatePrecision.MONTH
    )
    bare = factories.claim(
        source=factories.source(
            url=None,
            authors="",
            date_precision=Source.DatePrecision.YEAR,
            published_on=datetime.date(2019, 1, 1),
        ),
        quote="some troops",
        value=Decimal("0.000001"),
        hedge=Hedge.EXACT,
        unit="",
    )
    rich = factories.claim(
        source=source,
        quote="between $1.5 million and $2,000,000.25 a year",
        value=Decimal("1500000"),
        hedge=Hedge.RANGE,
        value_low=Decimal("1500000"),
        value_high=Decimal("2000000.25"),
        unit="USD",
        currency="USD",
        rate_period=RatePeriod.YEAR,
        period_start=datetime.date(2018, 12, 1),
        period_end=datetime.date(2019, 5, 31),
        place="Tapachula, México — «frontera»",
        claimant=factories.claimant(name="Secretaría de Relaciones Exteriores"),
        measure=factories.measure(label="Budget\u2028line"),
        created_by=editor,
        tags=[Tag.objects.create(name="zeta"), Tag.objects.create(name="alpha")],
    )
    huge = factories.claim(quote="an enormous figure", value=Decimal("987654321098765"))
    services.note_add(claim=rich, author=editor, body="checked", status_to=Status.VERIFIED)
    services.note_add(claim=rich, author=editor, body="again")
    return [bare, rich, huge]


def serializer_view(queryset, request):
    claims = queryset.with_citation().select_related("created_by").order_by("-claim_date", "-id")
    return ClaimSerializer(claims, many=True, context={"request": request}).data


def values_view(queryset, request):
    return represent_claims(list(claim_rows(queryset.order_by("-claim_date", "-id"))), request)


@pytest.mark.parametrize("reader", ["journalist", "anonymous"])
def test_values_read_exactly_as_the_serializer_writes(varied_claims, journalist, reader):
    request = APIRequestFactory().get(CLAIMS)
    if reader == "journalist":
        force_authenticate(request, journalist)
    request.user = journalist if reader == "journalist" else _anonymous()
    claims = Claim.objects.annotate(notes_count=notes_count)

    expected = [dict(row) for row in serializer_view(claims, request)]
    assert len(expected) == Claim.objects.count() >= 20
    assert values_view(claims, request) == expected
    assert ("created_by" in expected[0]) == (reader == "journalist")


@override_settings(TIME_ZONE="America/Mexico_City")
def test_timestamps_follow_the_site_time_zone_as_the_serializer_does(varied_claims, journalist):
    request = APIRequestFactory().get(CLAIMS)
    request.user = journalist
    claims = Claim.objects.annotate(notes_count=notes_count)

    values = values_view(claims, request)
    assert values == [dict(row) for row in serializer_view(claims, request)]
    assert values[0]["created_at"].endswith("-06:00")


def test_the_list_and_detail_answer_what_the_serializer_gives(
    varied_claims, journalist_api, journalist
):
    request = APIRequestFactory().get(CLAIMS)
    request.user = journalist
    expected = serializer_view(Claim.objects.annotate(notes_count=notes_count), request)

    listed = journalist_api.get(f"{CLAIMS}?page_size=500").json()["results"]
    assert listed == [dict(row) for row in expected]
    for row in expected:
        detail = journalist_api.get(f"{CLAIMS}{row['id']}/")
        assert detail.json() == dict(row)
        assert detail["ETag"].startswith(row["etag"][:-1] + ".")


def test_a_claim_with_a_range_reads_both_ends_and_its_tags_in_order(varied_claims, journalist_api):
    rich = varied_claims[1]
    data = journalist_api.get(f"{CLAIMS}{rich.pk}/").json()
    assert data["figure"] == "between $1.5 million and $2,000,000.25 a year"
    assert (data["value_low"], data["value_high"]) == ("1500000", "2000000.25")
    assert data["tags"] == ["alpha", "zeta"]
    assert data["notes_count"] == 2
    assert data["citation"]["published"] == "June 2019"


def test_a_detail_that_is_not_a_number_is_a_404(journalist_api):
    assert journalist_api.get(f"{CLAIMS}abc/").status_code == 404


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize("language", ["en", "es-MX", "es-ES", "es-MX-x-mil"])
def test_a_figure_written_once_is_the_one_format_figure_writes(language):
    """The figure text is kept per figure and language (reading._figure): numbers equal in value
    but written differently (13.6, 13.60) keep entries of their own."""
    from claims.api.reading import _exact, _figure
    from claims.figures.formatting import format_figure

    for value, unit in [(Decimal("13.6"), "USD"), (Decimal("13.60"), "USD"), (6000, "troops")]:
        for _ in range(2):  # written, then kept
            kept = _figure(_exact(value), Hedge.AT_MOST, unit, None, None, None, None, language)
            assert kept == format_figure(value, Hedge.AT_MOST, unit, language=language)
