"""The unfiltered list and the detail run SQL compiled once per shape (factdb/api/compiled.py):
they must answer exactly what the ORM path answers, every cursor page, both ways."""

import datetime

import pytest

from claims.models import Status
from tests import factories

CLAIMS = "/api/v1/claims/"
# ?ordering=-claim_date asks for the default order through the filters: the ORM path.
THROUGH_THE_ORM = "ordering=-claim_date"


@pytest.fixture
def claims(db, source):
    made = []
    for n in range(7):
        day = datetime.date(2019, 6, 1 + n // 2)  # pairs on one date: the id breaks the tie
        status = Status.VERIFIED if n % 2 else Status.UNVERIFIED
        made.append(factories.claim(source=source, claim_date=day, value=n + 1, status=status))
    return made


def walk(api, url, back=False):
    pages, link = [], url
    while link:
        data = api.get(link).json()
        pages.append([row["id"] for row in data["results"]])
        link = data["previous" if back else "next"]
    return pages


def test_cursor_pages_both_ways_are_the_orm_paths(journalist_api, claims):
    compiled = walk(journalist_api, f"{CLAIMS}?page_size=2")
    orm = walk(journalist_api, f"{CLAIMS}?page_size=2&{THROUGH_THE_ORM}")
    assert compiled == orm
    assert (
        sum(compiled, [])
        == [c.pk for c in sorted(claims, key=lambda c: (c.claim_date, c.pk))][::-1]
    )

    last = journalist_api.get(f"{CLAIMS}?page_size=2").json()
    while last["next"]:
        last = journalist_api.get(last["next"]).json()
    back = walk(journalist_api, last["previous"], back=True)
    assert [p for p in back] == compiled[-2::-1]


def test_the_detail_is_the_orm_paths_and_a_bad_id_is_a_404(journalist_api, claims):
    claim = claims[3]
    compiled = journalist_api.get(f"{CLAIMS}{claim.pk}/")
    orm = journalist_api.get(f"{CLAIMS}{claim.pk}/?{THROUGH_THE_ORM}")
    assert compiled.json() == orm.json()
    # The same record ('"12-3"', what If-Match reads); the digest after it names the URL too.
    assert compiled["ETag"].split(".")[0] == orm["ETag"].split(".")[0]
    for pk in ("999999", "9" * 30, "abc"):
        response = journalist_api.get(f"{CLAIMS}{pk}/")
        assert response.status_code == 404, pk


def test_an_anonymous_reader_gets_the_public_shape(public_read, anon_api, journalist_api, claims):
    journalist_api.get(CLAIMS)  # the signed-in shape compiled first: it must not be reused
    listed = anon_api.get(CLAIMS).json()["results"]
    assert {row["status"] for row in listed} == {Status.VERIFIED}
    assert "created_by" not in listed[0]
    hidden = next(c for c in claims if c.status != Status.VERIFIED)
    assert anon_api.get(f"{CLAIMS}{hidden.pk}/").status_code == 404
