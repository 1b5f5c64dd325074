"""The journalist's search page: the API's filters by their API names, each result with its
citation and a link to its claim; bad input is a 400 page naming the parameter; saved searches
are their owner's alone; a journalist reads and cannot write claims."""

import pytest
from django.urls import reverse

from claims.models import Claim, SavedSearch, Status
from tests import factories

SEARCH = reverse("admin:claims_claim_search")


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture
def claims(db):
    source = factories.source(
        title="Mexico agrees to deploy National Guard",
        publisher=factories.publisher(name="The Daily Example"),
        url="https://news.example/mexico-guard",
    )
    return {
        "6000": factories.claim(source=source, quote="up to 6,000 National Guard troops"),
        "1500": factories.claim(
            source=source,
            quote="1,500 active duty troops",
            value=1500,
            hedge="exact",
            status=Status.VERIFIED,
        ),
        "migrants": factories.claim(
            quote="80,500 migrants", value=80500, hedge="exact", unit="migrants"
        ),
    }


def found(response) -> set[int]:
    return {item["claim"].pk for item in response.context["claims"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"6000", "1500", "migrants"}),
        ({"unit": "soldiers"}, {"6000", "1500"}),
        ({"unit_exact": "MIGRANTS"}, {"migrants"}),
        ({"value_min": "1000", "value_max": "3000"}, {"1500"}),
        ({"consistent_with": "5200"}, {"6000"}),
        ({"consistent_min": "5000", "consistent_max": "7000"}, {"6000"}),
        ({"q": "active duty"}, {"1500"}),
        ({"status": "verified"}, {"1500"}),
        ({"claim_date_after": "2100-01-01"}, set()),
    ],
)
def test_the_search_page_asks_what_the_api_asks(journalist_client, claims, params, expected):
    response = journalist_client.get(SEARCH, params)
    assert response.status_code == 200
    assert found(response) == {claims[name].pk for name in expected}
    api = journalist_client.get(reverse("claim-list"), params)
    assert {row["id"] for row in api.json()["results"]} == found(response)


def test_a_result_shows_its_figure_citation_and_a_link_to_the_claim(journalist_client, claims):
    text = journalist_client.get(SEARCH, {"value_max": "2000"}).content.decode()
    claim = claims["1500"]
    assert claim.figure in text
    assert "Mexico agrees to deploy National Guard" in text
    assert "The Daily Example" in text
    assert 'href="https://news.example/mexico-guard"' in text
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in text


def test_the_export_links_carry_the_search(journalist_client, claims):
    text = journalist_client.get(SEARCH, {"unit": "troops"}).content.decode()
    assert reverse("admin:claims_claim_search_export", args=["csv"]) + "?unit=troops" in text
    response = journalist_client.get(
        reverse("admin:claims_claim_search_export", args=["csv"]), {"unit": "troops"}
    )
    assert response.status_code == 200
    assert "80,500" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"value_min": "lots"}, "Enter a number."),
        ({"value_min": "3000", "value_max": "1000"}, "value_max (1000) is below value_min (3000)"),
        ({"value_minimum": "5"}, "Unknown filter. Did you mean “value_min”?"),
        ({"per": "month"}, "give unit= too"),
        ({"measure": "999"}, "Select a valid choice."),
        ({"claim_date_after": "June 2019"}, "Enter a valid date."),
        ({"q": "troops\x00"}, "Null characters are not allowed."),
        ({"page": "0"}, "The page must be a whole number"),
        ({"page": "²"}, "The page must be a whole number"),
        ({"value_min": "1e-16384"}, "Ensure that there are no more"),
    ],
)
def test_bad_input_is_a_400_page_naming_the_parameter(journalist_client, claims, params, message):
    response = journalist_client.get(SEARCH, params)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert f"<code>{next(reversed(params))}</code>" in text
    export = journalist_client.get(
        reverse("admin:claims_claim_search_export", args=["csv"]), params
    )
    assert export.status_code == 400


def test_results_come_in_pages(journalist_client, claims, monkeypatch):
    monkeypatch.setattr("claims.admin.search.PAGE_SIZE", 2)
    first = journalist_client.get(SEARCH)
    assert len(first.context["claims"]) == 2
    assert "page=2" in first.context["next_query"]
    second = journalist_client.get(SEARCH, {"page": "2"})
    assert len(second.context["claims"]) == 1 and second.context["next_query"] is None
    assert found(first) | found(second) == {claim.pk for claim in claims.values()}


def test_a_reader_without_claims_to_read_gets_no_search_page(client, claims):
    client.force_login(factories.user("nobody"))
    assert client.get(SEARCH).status_code == 403


def test_a_journalist_reads_a_claim_but_cannot_change_it(journalist_client, claims):
    claim = claims["6000"]
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert journalist_client.get(url).status_code == 200
    response = journalist_client.post(url, {"quote": "changed", "version": claim.version})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.quote == "up to 6,000 National Guard troops"
    assert Claim.objects.count() == 3


# Saved searches


def save(client, name, query):
    return client.post(reverse("admin:claims_claim_search_save"), {"name": name, "query": query})


def test_a_journalist_saves_a_search_and_finds_it_on_the_page(journalist_client, journalist):
    response = save(journalist_client, "Guard troops", "unit=troops&value_min=1000")
    assert response.status_code == 302
    assert response["Location"] == SEARCH + "?unit=troops&value_min=1000"
    saved = SavedSearch.objects.get(owner=journalist)
    assert (saved.name, saved.query) == ("Guard troops", "unit=troops&value_min=1000")
    assert saved.history.get().history_user == journalist
    text = journalist_client.get(SEARCH).content.decode()
    assert 'href="' + SEARCH + '?unit=troops&amp;value_min=1000">Guard troops</a>' in text


def test_saving_under_the_same_name_replaces_it_and_history_keeps_the_old(
    journalist_client, journalist
):
    save(journalist_client, "Troops", "unit=troops")
    save(journalist_client, "Troops", "unit=troops&value_min=5000")
    saved = SavedSearch.objects.get(owner=journalist)
    assert saved.query == "unit=troops&value_min=5000"
    assert [h.query for h in saved.history.order_by("history_date")] == [
        "unit=troops",
        "unit=troops&value_min=5000",
    ]


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("", "unit=troops", "Give the search a name."),
        ("x" * 101, "unit=troops", "at most 100 characters"),
        ("Bad", "value_min=lots", "value_min: Enter a number."),
        ("Unknown", "colour=red", "Unknown filter."),
    ],
)
def test_a_search_that_cannot_be_saved_is_a_400(journalist_client, name, query, message):
    response = save(journalist_client, name, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_saved_searches_are_their_owners_alone(client, journalist, editor):
    theirs = SavedSearch.objects.create(owner=editor, name="Editor's", query="unit=troops")
    client.force_login(journalist)
    assert "Editor&#x27;s" not in client.get(SEARCH).content.decode()
    delete = reverse("admin:claims_claim_search_delete", args=[theirs.pk])
    assert client.post(delete).status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_a_reader_deletes_their_saved_search_and_history_says_who(journalist_client, journalist):
    save(journalist_client, "Troops", "unit=troops")
    saved = SavedSearch.objects.get()
    delete = reverse("admin:claims_claim_search_delete", args=[saved.pk])
    assert journalist_client.get(delete).status_code == 405
    assert journalist_client.post(delete).status_code == 302
    assert not SavedSearch.objects.exists()
    gone = SavedSearch.history.filter(id=saved.pk).latest("history_date")
    assert (gone.history_type, gone.history_user) == ("-", journalist)
