"""The claim list's filters: each narrows the list, shows what was chosen, answers bad input with a
message, and costs the same number of queries however many claims, sources and claimants there are.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin import filters as admin_filters
from claims.models import Claim, Status
from tests import factories

CHANGELIST = reverse("admin:claims_claim_changelist")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def page(client, **params):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return response


def listed(client, **params):
    return {claim.pk for claim in page(client, **params).context["cl"].result_list}


def warnings(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def sidebar(response):
    return response.content.decode().split('id="changelist-filter"')[1]


def filter_box(response, title):
    """One filter's part of the sidebar, its whitespace squeezed to single spaces."""
    box = sidebar(response).split(f'data-filter-title="{title}"')[1].split("</details>")[0]
    return " ".join(box.split())


@pytest.fixture
def two_sources(db):
    """Two sources of two publishers, with a claim each and different claimants and measures."""
    reuters = factories.source(
        title="Mexico deploys troops", publisher=factories.publisher(name="Reuters")
    )
    ap = factories.source(
        title="Guard reaches the border", publisher=factories.publisher(name="AP")
    )
    first = factories.claim(
        source=reuters,
        claimant=factories.claimant(name="Marcelo Ebrard"),
        measure=factories.measure(label="Troops at the southern border"),
    )
    second = factories.claim(
        source=ap,
        quote="80,500 migrants deported",
        value=80500,
        hedge="exact",
        unit="migrants",
        claimant=factories.claimant(name="Olga Sánchez"),
        measure=factories.measure(label="Deportations since December"),
    )
    return first, second


# Source, publisher, claimant, measure


def test_the_source_filter_lists_that_sources_claims_and_shows_it_chosen(
    editor_client, two_sources
):
    first, second = two_sources
    response = page(editor_client, source__id__exact=first.source_id)
    assert {claim.pk for claim in response.context["cl"].result_list} == {first.pk}
    box = filter_box(response, "source")
    assert f'<option value="{first.source_id}" selected>Mexico deploys troops (Reuters' in box
    assert f'<li class="selected"> <a href="?source__id__exact={first.source_id}">' in box


def test_the_publisher_filter_reaches_claims_through_their_source(editor_client, two_sources):
    first, second = two_sources
    publisher = second.source.publisher
    response = page(editor_client, source__publisher__id__exact=publisher.pk)
    assert {claim.pk for claim in response.context["cl"].result_list} == {second.pk}
    assert f'<option value="{publisher.pk}" selected>AP</option>' in sidebar(response)


def test_the_claimant_and_measure_filters_narrow_the_list(editor_client, two_sources):
    first, second = two_sources
    assert listed(editor_client, claimant__id__exact=first.claimant_id) == {first.pk}
    assert listed(editor_client, measure__id__exact=second.measure_id) == {second.pk}
    assert (
        listed(
            editor_client,
            claimant__id__exact=first.claimant_id,
            measure__id__exact=second.measure_id,
        )
        == set()
    )


def test_no_claimant_lists_the_claims_nobody_is_named_for(editor_client, two_sources):
    unattributed = factories.claim(source=two_sources[0].source)
    assert listed(editor_client, claimant__isnull="True") == {unattributed.pk}


def test_choosing_a_filter_keeps_the_others(editor_client, two_sources):
    source_filter = filter_box(
        page(editor_client, status__exact=Status.UNVERIFIED, q="troops"), "source"
    )
    assert '<input type="hidden" name="status__exact" value="unverified">' in source_filter
    assert '<input type="hidden" name="q" value="troops">' in source_filter


def test_all_clears_only_its_own_filter(editor_client, two_sources):
    first, _ = two_sources
    response = page(editor_client, source__id__exact=first.source_id, status__exact="unverified")
    source_filter = filter_box(response, "source")
    assert '<a href="?status__exact=unverified">All</a>' in source_filter


# Without JavaScript: a text box finds by name or number


def test_finding_one_source_by_name_chooses_it(editor_client, two_sources):
    first, _ = two_sources
    response = page(editor_client, source__find="deploys")
    assert {claim.pk for claim in response.context["cl"].result_list} == {first.pk}
    assert f'<option value="{first.source_id}" selected>' in sidebar(response)


def test_finding_a_publisher_by_number_chooses_it(editor_client, two_sources):
    _, second = two_sources
    publisher_pk = second.source.publisher_id
    assert listed(editor_client, source__publisher__find=str(publisher_pk)) == {second.pk}


def test_finding_several_offers_them_and_leaves_the_list_as_it_was(editor_client, two_sources):
    factories.claimant(name="Marcela Ebrard")
    response = page(editor_client, claimant__find="Ebrard")
    assert {claim.pk for claim in response.context["cl"].result_list} == set(
        claim.pk for claim in two_sources
    )
    box = filter_box(response, "claimant")
    assert "2 match “Ebrard”: choose one." in box
    marcelo = two_sources[0].claimant
    assert f'href="?claimant__id__exact={marcelo.pk}">Marcelo Ebrard</a>' in box


def test_finding_nothing_says_so(editor_client, two_sources):
    response = page(editor_client, measure__find="earthquakes")
    assert "No measure matches “earthquakes”." in sidebar(response)
    assert len(response.context["cl"].result_list) == 2


# Unit


def test_the_unit_filter_matches_whatever_the_case(editor_client, two_sources):
    first, second = two_sources
    response = page(editor_client, unit_exact="national guard TROOPS")
    assert {claim.pk for claim in response.context["cl"].result_list} == {first.pk}
    assert 'value="national guard TROOPS"' in sidebar(response)
    assert listed(editor_client, unit_exact="Migrants") == {second.pk}


def test_the_unit_box_suggests_the_measures_units(editor_client, two_sources):
    factories.measure(label="Deaths in custody", default_unit="deaths")
    assert '<option value="deaths"></option>' in sidebar(page(editor_client))


# The figure: unit family, the figure as stated, what it could be


def test_the_unit_family_box_finds_every_unit_of_the_family(editor_client, two_sources):
    first, _ = two_sources
    soldiers = factories.claim(quote="1,500 soldados", unit="soldados", value=1500, hedge="exact")
    assert listed(editor_client, unit="troops") == {first.pk, soldiers.pk}
    assert listed(editor_client, unit="personnel") == {first.pk, soldiers.pk}
    assert "personnel (troops)" in sidebar(page(editor_client, unit="troops"))


def test_the_figure_as_stated_and_what_it_could_be_are_two_questions(editor_client, two_sources):
    up_to_6000, deported = two_sources
    more_than = factories.claim(quote="more than 6,000 troops", unit="troops", hedge="more_than")
    assert listed(editor_client, value_min="1000") == {up_to_6000.pk, deported.pk, more_than.pk}
    assert listed(editor_client, value_min="5000", value_max="5500") == set()
    assert listed(editor_client, consistent_with="5200") == {up_to_6000.pk}
    assert listed(editor_client, unit="troops", value_min="1000", value_max="7000") == {
        up_to_6000.pk,
        more_than.pk,
    }


def test_could_be_from_and_up_to_ask_what_the_apis_consistent_min_and_max_ask(
    editor_client, two_sources
):
    up_to_6000, deported = two_sources
    more_than = factories.claim(quote="more than 6,000 troops", unit="troops", hedge="more_than")
    everything_above = {up_to_6000.pk, more_than.pk, deported.pk}
    assert listed(editor_client, consistent_min="5000") == everything_above
    assert listed(editor_client, consistent_max="100") == {up_to_6000.pk}
    assert listed(editor_client, unit="troops", consistent_min="5000", consistent_max="6000") == {
        up_to_6000.pk
    }
    response = page(editor_client, consistent_min="30", consistent_max="10")
    assert not list(response.context["cl"].result_list)
    assert any("reversed" in message for message in warnings(response))


def test_a_reversed_figure_range_empties_the_list_and_says_why(editor_client, two_sources):
    response = page(editor_client, value_min="3000", value_max="1000")
    assert (
        response.context["cl"].result_list.count() == 0
        if hasattr(response.context["cl"].result_list, "count")
        else not response.context["cl"].result_list
    )
    assert any("reversed" in message for message in warnings(response))


# Bad input: a page with a message, never a 500


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"source__id__exact": "999999"}, "there is no source number “999999”"),
        ({"source__id__exact": "abc"}, "there is no source number “abc”"),
        ({"claimant__id__exact": "99999999999999999999999"}, "there is no claimant number"),
        ({"measure__id__exact": "1\x00"}, "there is no measure number"),
        ({"unit_exact": "x" * 81}, "Filter by unit: Ensure this value has at most 80 characters"),
        ({"unit_exact": "troops\x00"}, "Filter by unit: Null characters are not allowed."),
        ({"value_min": "1e-16384"}, "Filter by the figure from: Ensure that there are no more"),
        ({"consistent_with": "lots"}, "Filter by could be: Enter a number."),
        ({"source__find": "x" * 201}, "Finding a source: Ensure this value has at most 200"),
        ({"source__publisher__find": "AP\x00"}, "Null characters are not allowed."),
        ({"q": "troops " * 100}, "Search: Ensure this value has at most 500 characters"),
    ],
)
def test_a_bad_filter_value_gives_an_empty_list_and_says_why(
    editor_client, two_sources, params, message
):
    response = page(editor_client, **params)
    assert list(response.context["cl"].result_list) == []
    assert any(message in text for text in warnings(response)), warnings(response)


def test_a_search_with_a_nul_byte_is_refused_by_django_s_own_search_form(editor_client, claim):
    response = page(editor_client, q="troops\x00")
    assert "Null characters are not allowed." in warnings(response)
    assert len(response.context["cl"].result_list) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"claim_date__year": "abc"},
        {"claim_date__year": "9999"},
        {"claim_date__year": "9999", "claim_date__month": "12", "claim_date__day": "31"},
        {"claim_date__year": "2019", "claim_date__month": "13"},
        {"claim_date__year": "2019", "claim_date__month": "2", "claim_date__day": "30"},
        {"claim_date__month": "6"},
    ],
    ids=[
        "a word",
        "year 9999",
        "31 December 9999",
        "month 13",
        "30 February",
        "a month without its year",
    ],
)
def test_a_bad_date_in_the_drilldown_is_a_400_not_a_500(editor_client, two_sources, params):
    response = editor_client.get(CHANGELIST, params)
    assert response.status_code == 400
    assert "claim_date__" in response.content.decode()  # names the parameter


# Date drill-down


@pytest.fixture
def dated(db):
    source = factories.source()
    return [
        factories.claim(source=source, claim_date=datetime.date(2017, 3, 5)),
        factories.claim(source=source, claim_date=datetime.date(2019, 6, 7)),
        factories.claim(source=source, claim_date=datetime.date(2019, 6, 9)),
    ]


def drilldown(response):
    html = response.content.decode()
    return html.split('<nav class="toplinks">')[1].split("</nav>")[0]


def test_the_years_run_from_the_first_claim_to_the_last(editor_client, dated):
    years = drilldown(page(editor_client))
    shown = [year for year in range(2015, 2022) if f">{year}</a>" in years]
    assert shown == [2017, 2018, 2019]


def test_a_year_lists_its_months_from_first_to_last_claim(editor_client, dated):
    months = drilldown(page(editor_client, claim_date__year="2019"))
    assert "June 2019</a>" in months and "May 2019" not in months and "July 2019" not in months
    assert listed(editor_client, claim_date__year="2019") == {dated[1].pk, dated[2].pk}


def test_a_month_lists_its_days_from_first_to_last_claim(editor_client, dated):
    days = drilldown(page(editor_client, claim_date__year="2019", claim_date__month="6"))
    assert ["June 7" in days, "June 8" in days, "June 9" in days, "June 10" in days] == [
        True,
        True,
        True,
        False,
    ]
    assert listed(
        editor_client, claim_date__year="2019", claim_date__month="6", claim_date__day="9"
    ) == {dated[2].pk}


def test_a_long_list_spans_every_claim_s_dates_rather_than_reading_all_its_rows(
    editor_client, dated, monkeypatch
):
    monkeypatch.setattr(admin_filters, "DRILLDOWN_SPANS_THE_LIST_UP_TO", 1)
    june = {"claim_date__year": "2019", "claim_date__month": "6"}
    assert "June 1</a>" in drilldown(page(editor_client, **june))
    searched = drilldown(page(editor_client, q="troops"))
    assert ">2017</a>" in searched and ">2018</a>" in searched


def test_a_short_list_spans_its_own_dates(editor_client, dated):
    # Both 2019 claims are on 7 and 9 June: the drill-down opens on that month's days.
    days = drilldown(page(editor_client, claim_date__gte="2019-01-01"))
    assert "June 7</a>" in days and "June 1</a>" not in days and ">2017</a>" not in days


# Search


def test_search_finds_a_word_of_the_quote(editor_client, two_sources):
    first, second = two_sources
    assert listed(editor_client, q="deported") == {second.pk}
    assert listed(editor_client, q="National") == {first.pk}


def test_search_finds_the_source_title_publisher_and_claimant(editor_client, two_sources):
    first, second = two_sources
    assert listed(editor_client, q="Guard") == {first.pk, second.pk}  # a quote, and a title
    assert listed(editor_client, q="Reuters") == {first.pk}
    assert listed(editor_client, q="Ebrard OR Sánchez") == {first.pk, second.pk}
    assert listed(editor_client, q="guard -reuters") == {second.pk}


# Cost: the same queries however much data


def queries_of(client, **params):
    with CaptureQueriesContext(connection) as captured:
        page(client, **params)
    return [query["sql"] for query in captured.captured_queries]


def more_data(n: int):
    for i in range(n):
        source = factories.source(publisher=factories.publisher())
        factories.claim(
            source=source,
            claimant=factories.claimant(),
            measure=factories.measure(default_unit=f"unit {i % 7}"),
            unit=f"unit {i}",
            claim_date=datetime.date(2000 + i % 20, 1 + i % 12, 1),
        )


FILTERED = [
    {},
    {"source__id__exact": "1"},
    {"source__publisher__id__exact": "1"},
    {"claimant__id__exact": "1"},
    {"measure__id__exact": "1"},
    {"unit_exact": "unit 1"},
    {"claim_date__year": "2001"},
    {"q": "troops"},
]


@pytest.mark.parametrize("params", FILTERED)
def test_a_list_page_costs_the_same_queries_with_3_sources_as_with_60(
    editor_client, editor, params
):
    more_data(3)
    small = queries_of(editor_client, **params)
    more_data(57)
    large = queries_of(editor_client, **params)
    assert len(large) == len(small), "\n".join(large)


def test_no_query_of_the_list_page_reads_distinct_values_of_every_claim(editor_client, editor):
    more_data(5)
    for sql in queries_of(editor_client):
        assert "DISTINCT" not in sql or "claims_claim" not in sql, sql


def test_every_row_s_assignee_comes_with_the_row(editor_client, editor):
    more_data(3)
    before = len(queries_of(editor_client))
    Claim.objects.update(assignee=editor)
    assert len(queries_of(editor_client)) == before


# The autocomplete the filters use


def autocomplete(client, app_label, model_name, field_name, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )


def test_a_journalist_can_find_a_publisher_for_the_filter(client, journalist, two_sources):
    client.force_login(journalist)
    response = autocomplete(client, "sources", "source", "publisher", "reu")
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Reuters"]


def test_the_source_autocomplete_counts_no_claims(editor_client, two_sources):
    with CaptureQueriesContext(connection) as captured:
        response = autocomplete(editor_client, "claims", "claim", "source", "border")
    assert [result["text"] for result in response.json()["results"]] == [str(two_sources[1].source)]
    # Counted per source shown (a correlated subquery), not by grouping every claim to page them.
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert counts and not [sql for sql in counts if "claims_claim" in sql]


def test_the_page_loads_the_filter_script_after_django_s_autocomplete(editor_client):
    html = page(editor_client).content.decode()
    assert html.index("admin/js/jquery.init.js") < html.index("admin/js/autocomplete.js")
    assert html.index("admin/js/autocomplete.js") < html.index("claims/admin_filters.js")


def test_the_fact_sheet_claim_picker_finds_a_word_still_being_typed(editor_client):
    wanted = factories.claim(quote="up to 6,000 National Guard troops")
    factories.claim(quote="1,500 active duty troops")
    params = {
        "app_label": "claims",
        "model_name": "factsheetitem",
        "field_name": "claim",
        "term": "national guar",
    }
    response = editor_client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(wanted.pk)]
