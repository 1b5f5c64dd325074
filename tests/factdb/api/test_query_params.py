"""No silent answers: every endpoint that reads query parameters refuses the ones it does not
know with a 400 naming them, and the OpenAPI schema lists exactly the ones it accepts."""

import pytest
import yaml
from django.urls import resolve

from factdb.api.query_params import accepted_parameters

LISTS = [
    "/api/v1/claims/",
    "/api/v1/sources/",
    "/api/v1/publishers/",
    "/api/v1/claimants/",
    "/api/v1/measures/",
]
ADHOC = "/api/v1/claims/factsheet/{fmt}/"


def view_for(path: str):
    match = resolve(path.replace("{fmt}", "md"))
    view = match.func.cls()
    view.action = "list" if getattr(match.func, "actions", None) else None
    view.kwargs, view.request, view.format_kwarg = match.kwargs, None, None
    return view


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get("/api/schema/").content)


@pytest.mark.parametrize("path", [*LISTS, ADHOC])
def test_the_schema_lists_every_parameter_the_endpoint_accepts(schema, path):
    documented = {
        p["name"] for p in schema["paths"][path]["get"]["parameters"] if p["in"] == "query"
    }
    assert documented == set(accepted_parameters(view_for(path)))


def test_the_claim_list_accepts_the_figure_questions(schema):
    names = set(accepted_parameters(view_for("/api/v1/claims/")))
    assert {"unit", "unit_exact", "per", "value_min", "value_max", "consistent_with"} <= names
    assert {"consistent_min", "consistent_max", "cursor", "page_size", "format", "q"} <= names


@pytest.mark.parametrize(
    "path, query, name",
    [
        ("/api/v1/claims/", "value_minimum=5000", "value_minimum"),
        ("/api/v1/claims/", "unit__icontains=troops", "unit__icontains"),
        ("/api/v1/sources/", "titel=border", "titel"),
        ("/api/v1/publishers/", "name__startswith=Left", "name__startswith"),
        ("/api/v1/measures/", "label=troops&page=2", "page"),
        ("/api/v1/claims/factsheet/md/", "page_size=10", "page_size"),
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(journalist_api, path, query, name):
    response = journalist_api.get(f"{path}?{query}")
    assert response.status_code == 400, response.content
    assert name in response.json()
    assert "Unknown query parameter" in response.json()[name][0]
