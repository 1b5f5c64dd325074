"""Sources, publishers, claimants and measures: lists stay light, writes validate like the
admin, and nothing is deleted through the API."""

import datetime

import pytest

from claims.models import Measure
from sources.models import Publisher, Source
from tests import factories


def test_the_source_list_leaves_out_the_text_and_the_detail_has_it(journalist_api, source):
    listed = journalist_api.get("/api/v1/sources/").json()["results"][0]
    detail = journalist_api.get(f"/api/v1/sources/{source.pk}/").json()
    assert "text" not in listed
    assert detail["text"] == source.text
    assert detail["text_sha256"] == source.text_sha256
    assert detail["publisher_name"] == source.publisher.name


def test_a_snapshot_says_whether_it_is_an_excerpt_in_list_and_detail(journalist_api, source):
    Source.objects.filter(pk=source.pk).update(text_is_excerpt=True)
    listed = journalist_api.get("/api/v1/sources/").json()["results"][0]
    detail = journalist_api.get(f"/api/v1/sources/{source.pk}/").json()
    assert listed["text_is_excerpt"] is detail["text_is_excerpt"] is True


def test_an_editor_marks_a_pasted_snapshot_as_an_excerpt(editor_api):
    response = editor_api.post(
        "/api/v1/sources/",
        {
            "title": "Excerpt",
            "publisher": factories.publisher().pk,
            "published_on": "2019-06-07",
            "text": "The one paragraph that holds the figure.",
            "text_is_excerpt": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Source.objects.get(title="Excerpt").text_is_excerpt
    assert Source.objects.get(title="Excerpt").history.latest().text_is_excerpt


def test_an_editor_adds_a_source_with_a_month_precise_date(editor_api):
    publisher = factories.publisher()
    response = editor_api.post(
        "/api/v1/sources/",
        {
            "title": "Report",
            "publisher": publisher.pk,
            "published_on": "2019-06-01",
            "date_precision": "month",
            "text": "Full text.",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["published"] == "June 2019"
    assert Source.objects.get(title="Report").text_sha256


def test_a_date_that_contradicts_its_precision_is_a_400_naming_it(editor_api):
    publisher = factories.publisher()
    response = editor_api.post(
        "/api/v1/sources/",
        {
            "title": "Report",
            "publisher": publisher.pk,
            "published_on": "2019-06-14",
            "date_precision": "month",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "published_on" in response.json()
    assert not Source.objects.exists()


def test_a_bad_language_tag_is_refused(editor_api):
    response = editor_api.post(
        "/api/v1/sources/",
        {
            "title": "R",
            "publisher": factories.publisher().pk,
            "published_on": "2019-06-14",
            "language": "Spanish",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "language" in response.json()


def test_a_duplicate_publisher_name_is_a_400(editor_api):
    factories.publisher(name="Reuters")
    response = editor_api.post("/api/v1/publishers/", {"name": "Reuters"}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()
    assert Publisher.objects.filter(name="Reuters").count() == 1


def test_an_editor_renames_a_measure(editor_api):
    measure = factories.measure(label="Troops")
    response = editor_api.patch(
        f"/api/v1/measures/{measure.pk}/", {"label": "Troops deployed"}, format="json"
    )
    assert response.status_code == 200
    measure.refresh_from_db()
    assert measure.label == "Troops deployed"
    assert measure.history.latest().history_user.username == "eddie"


@pytest.mark.parametrize(
    "path, model",
    [("/api/v1/sources/", Source), ("/api/v1/measures/", Measure)],
)
def test_nothing_is_deleted_through_the_api(admin_api, path, model):
    obj = factories.source() if model is Source else factories.measure()
    assert admin_api.delete(f"{path}{obj.pk}/").status_code == 405
    assert model.objects.filter(pk=obj.pk).exists()


def test_source_filters(journalist_api):
    reuters = factories.publisher(name="Reuters")
    old = factories.source(publisher=reuters, published_on=datetime.date(2018, 1, 1))
    new = factories.source(
        publisher=reuters, published_on=datetime.date(2020, 1, 1), language="es-MX"
    )
    factories.source(title="Elsewhere")

    def ids(query):
        response = journalist_api.get(f"/api/v1/sources/?{query}")
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(f"publisher={reuters.pk}") == [new.pk, old.pk]
    assert ids("published_after=2019-01-01&language=es") == [new.pk]
    assert ids("published_before=2018-12-31") == [old.pk]
    assert ids("title=elsewhere") != []


def test_publisher_and_claimant_name_search(journalist_api):
    factories.publisher(name="The Left Voice")
    factories.claimant(name="Marcelo Ebrard")
    publishers = journalist_api.get("/api/v1/publishers/?name=left").json()["results"]
    claimants = journalist_api.get("/api/v1/claimants/?name=ebrard").json()["results"]
    assert [p["name"] for p in publishers] == ["The Left Voice"]
    assert [c["name"] for c in claimants] == ["Marcelo Ebrard"]
