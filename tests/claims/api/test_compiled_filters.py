"""The filtered list runs SQL compiled once per filter shape (claims/api/compiled_filters.py): for
every query it must answer exactly what the ORM path answers, every cursor page, both ways, also
when the shape was compiled for another request's values."""

import pytest
from django.core.management import call_command

from claims.api import compiled_filters
from claims.api.views import COMPILED
from claims.models import Claim, Measure, Status, Tag
from factdb.api import compiled
from sources.models import Claimant, Publisher, Source

CLAIMS = "/api/v1/claims/"

# Pairs of one shape with other values come one after the other: the second reuses the first's SQL.
QUERIES = [
    "unit=troops",
    "unit=people",
    "unit=personnel&value_min=1000",
    "unit=troops&value_min=1000",
    "unit=troops&status=verified&value_min=1000&value_max=50000",
    "unit=USD&per=month&value_min=60&value_max=70",
    "unit=USD&per=year&value_min=700&value_max=900",
    "unit=Vehicles",
    "consistent_with=5200",
    "consistent_with=1500",
    "consistent_min=5000&unit=troops",
    "consistent_max=100",
    "value_min=5000&value_max=5500",
    "value_min=1000&value_max=3000",
    "unit_exact=troops",
    "unit_exact=National Guard troops",
    "hedge=at_most&hedge=exact",
    "hedge=approx&hedge=exact",
    "hedge=exact&hedge=exact",
    "status=verified&status=unverified",
    "status=rejected",
    "claim_date_after=2019-01-01&claim_date_before=2030-01-01",
    "claim_date_after=2020-06-01",
    "language=es",
    "language=en",
    "tag={tag}",
    "source={source}",
    "publisher={publisher}",
    "claimant={claimant}",
    "measure={measure}",
    "q=troops",
    "q=border",
    "q=guardia",
    "q=Guardia Nacional",
    "q=6000",
    "q=%22border patrol%22",
    "q=%22national guard%22",
    "q=%22no such phrase anywhere%22",
    "q=troops OR soldiers",
    "q=troops -army",
    "q=-troops",
    "q=the",
    "q=%21%21%21",
    "q=50%25",
    "q=troops&unit=troops&value_min=1000",
    "q=%22border patrol%22&status=verified",
    "ordering=value",
    "ordering=-value",
    "ordering=-value_normalised&unit=troops",
    "ordering=created_at",
    "ordering=claim_date&unit=personnel",
    # Read through the ORM: a query of its own, and strings LIKE reads as patterns.
    "conflicts=1",
    "unit_exact=a_b",
    "tag=100%25",
]


@pytest.fixture
def seed(db):
    call_command("seed", verbosity=0)


@pytest.fixture
def fresh_shapes():
    """No shape compiled by an earlier test, and a count of the reads that used one."""
    saved = dict(COMPILED._shapes), dict(COMPILED._refused)
    COMPILED._shapes.clear()
    COMPILED._refused.clear()
    yield
    COMPILED._shapes.update(saved[0])
    COMPILED._refused.update(saved[1])


def pages(api, url, back=False):
    """Every page from `url` on, following next (or previous) links: (json, etag) each."""
    found, link = [], url
    while link:
        response = api.get(link)
        assert response.status_code == 200, (link, response.json())
        found.append((response.json(), response["ETag"]))
        link = response.json()["previous" if back else "next"]
    return found


def both_paths(api, monkeypatch, url):
    compiled = pages(api, url)
    if compiled[-1][0]["previous"]:
        compiled += pages(api, compiled[-1][0]["previous"], back=True)
    with monkeypatch.context() as orm:
        orm.setattr(compiled_filters, "filtered_shape", lambda *args: None)
        through_orm = pages(api, url)
        if through_orm[-1][0]["previous"]:
            through_orm += pages(api, through_orm[-1][0]["previous"], back=True)
    return compiled, through_orm


def query(template):
    claim = Claim.objects.exclude(claimant=None).first()
    return template.format(
        tag=Tag.objects.filter(claims__isnull=False).first().name,
        source=Source.objects.filter(claims__isnull=False).first().pk,
        publisher=Publisher.objects.filter(sources__claims__isnull=False).first().pk,
        claimant=Claimant.objects.get(pk=claim.claimant_id).pk,
        measure=Measure.objects.filter(claims__isnull=False).first().pk,
    )


@pytest.mark.parametrize("page_size", [3, 50])
def test_every_query_answers_as_the_orm_does(
    journalist_api, seed, fresh_shapes, monkeypatch, page_size
):
    Claim.objects.filter(pk__in=Claim.objects.order_by("pk")[:3]).update(status=Status.REJECTED)
    answered = 0
    for template in QUERIES:
        url = f"{CLAIMS}?{query(template)}&page_size={page_size}"
        compiled, through_orm = both_paths(journalist_api, monkeypatch, url)
        assert compiled == through_orm, url
        answered += bool(compiled[0][0]["results"])
    assert answered > len(QUERIES) * 2 // 3  # most of them find something
    # Shapes were compiled, fewer than the queries: each pair above shares one.
    compiled_shapes = [key for key in COMPILED._shapes if key[0][0][0] == "filtered"]
    assert len(QUERIES) // 2 < len(compiled_shapes) < len(QUERIES) * 2
    refused = {key[0][0][2] for key in COMPILED._refused}
    assert refused <= {("page_size", "q")}  # "!!!" on SQLite: nothing to search for


def test_the_compiled_path_is_the_one_taken(journalist_api, seed, fresh_shapes, monkeypatch):
    built = []
    build = compiled_filters._built
    monkeypatch.setattr(compiled_filters, "_built", lambda *args: built.append(1) or build(*args))
    first = journalist_api.get(f"{CLAIMS}?unit=troops&value_min=1000").json()
    second = journalist_api.get(f"{CLAIMS}?unit=people&value_min=1").json()
    assert built == [1]  # built once, for the first: the second ran the same SQL
    assert first["results"] and second["results"]
    assert {r["unit_family"] for r in first["results"]} == {"personnel"}
    assert {r["unit_family"] for r in second["results"]} == {"people"}


def test_bad_input_is_still_a_400_naming_the_parameter(journalist_api, db, fresh_shapes):
    for url, name in [
        ("value_minimum=5", "value_minimum"),
        ("value_min=3000&value_max=1000", "value_max"),
        ("source=999999", "source"),
        ("page_size=0&unit=troops", "page_size"),
        ("status=nonsense", "status"),
        ("cursor=forged&unit=troops", "cursor"),
    ]:
        response = journalist_api.get(f"{CLAIMS}?{url}")
        assert response.status_code == 400, url
        assert name in response.json(), (url, response.json())


def test_shapes_kept_are_bounded(journalist_api, db, fresh_shapes, monkeypatch):
    monkeypatch.setattr(compiled, "MAX_SHAPES", 3)
    for size in range(1, 7):
        assert journalist_api.get(f"{CLAIMS}?unit=troops&page_size={size}").status_code == 200
    assert len(COMPILED._shapes) == 3
    # A forgotten shape is compiled again when asked again.
    assert journalist_api.get(f"{CLAIMS}?unit=troops&page_size=1").status_code == 200


def test_a_shape_forgotten_by_the_reads_but_not_the_paginator_is_built_again(
    journalist_api, db, fresh_shapes
):
    """The paginator keeps a shape's ordering and the reads its SQL, each bounded on its own:
    when the SQL was forgotten first, the next request builds the queryset again (it was a 500)."""
    url = f"{CLAIMS}?unit=troops&page_size=7"
    first = journalist_api.get(url)
    COMPILED._shapes.clear()  # the paginator still knows the shape
    again = journalist_api.get(url)
    assert first.status_code == again.status_code == 200
    assert again.json()["results"] == first.json()["results"]
